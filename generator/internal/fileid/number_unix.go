//go:build unix

package fileid

import (
	"io/fs"
	"syscall"
)

// HaveNumbers says whether files have numbers on this system.
const HaveNumbers = true

// Number returns the file number of the file fi describes, and whether
// the system gave one.
func Number(fi fs.FileInfo) (uint64, bool) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino), true
	}
	return 0, false
}
