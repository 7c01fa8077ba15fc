//go:build !linux && !darwin

package fileid

import "io/fs"

// ChangeTime returns 0: the change time is not at hand on this system, so
// a file is told apart by its size, modification time and number alone.
func ChangeTime(fs.FileInfo) int64 { return 0 }
