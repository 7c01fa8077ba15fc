package outdir

import (
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// beneath makes files and folders of staging in one system call each,
// where the root of staging takes two for every folder on the way (open
// and close): openat2 with RESOLVE_BENEATH and RESOLVE_NO_SYMLINKS, which
// the kernel refuses for a path that leaves staging or passes a symbolic
// link.
//
// Where the kernel refuses the path, or has no openat2 (before Linux 5.6,
// or kept out by a sandbox), the root does it as before: the same files,
// the same errors.
type beneath struct {
	dir *os.File    // staging, opened through its root; nil: not in use
	off atomic.Bool // openat2 is missing or not allowed
}

// open opens staging through its root for the calls relative to it.
func (b *beneath) open(root *os.Root) {
	if f, err := root.Open("."); err == nil {
		b.dir = f
	}
}

// close closes staging's file. A call made after it, by a file still being
// written when the build is abandoned, finds it closed and goes to the
// root, which is closed too: b.dir itself is never written again, so such
// a call does not race with close.
func (b *beneath) close() {
	if b.dir != nil {
		b.dir.Close()
	}
}

// at calls openat2 on name relative to staging with flags and mode; ok is
// false when the root must do it instead.
func (b *beneath) at(name string, flags, mode uint64) (fd int, ok bool, err error) {
	if b.dir == nil || b.off.Load() {
		return -1, false, nil
	}
	rc, err := b.dir.SyscallConn()
	if err != nil {
		return -1, false, nil
	}
	how := unix.OpenHow{Flags: flags | unix.O_CLOEXEC, Mode: mode, Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS}
	if cerr := rc.Control(func(dirfd uintptr) {
		for {
			if fd, err = unix.Openat2(int(dirfd), name, &how); err != unix.EINTR && err != unix.EAGAIN {
				return
			}
		}
	}); cerr != nil {
		return -1, false, nil
	}
	switch {
	case errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EPERM):
		b.off.Store(true)
		return -1, false, nil
	case errors.Is(err, unix.EXDEV) || errors.Is(err, unix.ELOOP):
		return -1, false, nil // a symbolic link on the way: the root decides
	}
	return fd, true, err
}

// create makes the new file name in staging for writing, as
// root.OpenFile(name, O_WRONLY|O_CREATE|O_EXCL, 0o644) does.
func (b *beneath) create(root *os.Root, name string) (*os.File, error) {
	fd, ok, err := b.at(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW, 0o644)
	switch {
	case !ok:
		return root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	case err != nil:
		return nil, &os.PathError{Op: "openat", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), filepath.Join(root.Name(), name)), nil
}

// mkdir makes the folder name in staging, as root.Mkdir(name, 0o755) does.
func (b *beneath) mkdir(root *os.Root, name string) error {
	parent, base := filepath.Split(name)
	if parent == "" {
		parent = "."
	}
	fd, ok, err := b.at(parent, unix.O_PATH|unix.O_DIRECTORY, 0)
	switch {
	case !ok:
		return root.Mkdir(name, 0o755)
	case err != nil:
		return &os.PathError{Op: "mkdirat", Path: name, Err: err}
	}
	defer unix.Close(fd)
	for {
		if err = unix.Mkdirat(fd, base, 0o755); err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return &os.PathError{Op: "mkdirat", Path: name, Err: err}
	}
	return nil
}
