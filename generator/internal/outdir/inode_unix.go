//go:build unix

package outdir

import (
	"io/fs"
	"syscall"
)

// inode returns the file number of fi: the same for hard links to one file,
// new for every file written.
func inode(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
