//go:build !linux

package outdir

import (
	"os"

	"krachtpunt/generator/internal/fileid"
)

// lstat describes what is at name, as os.Lstat does.
func lstat(name string) (pathStat, error) {
	fi, err := os.Lstat(name)
	if err != nil {
		return pathStat{}, err
	}
	return pathStat{file: fi.Mode().IsRegular(), dir: fi.IsDir(), size: fi.Size(), mtime: fi.ModTime().UnixNano(), ctime: fileid.ChangeTime(fi), mode: fi.Mode().Perm(), ino: inode(fi)}, nil
}
