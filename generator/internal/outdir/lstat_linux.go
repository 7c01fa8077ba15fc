package outdir

import (
	"io/fs"
	"syscall"
)

// lstat describes what is at name, as os.Lstat does (a symbolic link is
// not followed) but without allocating: a build looks at tens of
// thousands of files and folders.
func lstat(name string) (pathStat, error) {
	var st syscall.Stat_t
	err := syscall.Lstat(name, &st)
	for err == syscall.EINTR {
		err = syscall.Lstat(name, &st)
	}
	if err != nil {
		return pathStat{}, &fs.PathError{Op: "lstat", Path: name, Err: err}
	}
	return pathStat{
		file: st.Mode&syscall.S_IFMT == syscall.S_IFREG,
		dir:  st.Mode&syscall.S_IFMT == syscall.S_IFDIR,
		size: st.Size, mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(), mode: fs.FileMode(st.Mode & 0o777), ino: uint64(st.Ino),
	}, nil
}
