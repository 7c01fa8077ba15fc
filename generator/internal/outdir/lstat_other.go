//go:build !linux

package outdir

import "os"

// lstat describes what is at name, as os.Lstat does.
func lstat(name string) (pathStat, error) {
	fi, err := os.Lstat(name)
	if err != nil {
		return pathStat{}, err
	}
	return pathStat{file: fi.Mode().IsRegular(), dir: fi.IsDir(), size: fi.Size(), mtime: fi.ModTime().UnixNano(), ino: inode(fi)}, nil
}
