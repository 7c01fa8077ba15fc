//go:build unix

package build

import (
	"io/fs"
	"syscall"
)

// haveFileNumbers says whether files have numbers (inodes) here: the
// record trusts a file only by its number too.
const haveFileNumbers = true

// fileNumber returns the number of the file fi describes.
func fileNumber(fi fs.FileInfo) (uint64, bool) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino), true
	}
	return 0, false
}
