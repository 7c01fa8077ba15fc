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

// haveInodes says whether files have numbers here: the retained site is
// used only where a file can be told apart from a copy of it.
const haveInodes = true
