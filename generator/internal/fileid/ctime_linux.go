package fileid

import (
	"io/fs"
	"syscall"
)

// ChangeTime returns the change time of the file fi describes in Unix
// nanoseconds, or 0 when the system gave none.
func ChangeTime(fi fs.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
