package outdir

import (
	"context"
	"fmt"
	"os"
	"time"
)

// folderLock is the lock on one output folder: an exclusive lock on a file
// next to it, released when the process ends, however it ends.
type folderLock struct{ f *os.File }

// Waiting for a lock asks again after pollFirst, then twice as long each
// time up to pollMax: an exclusive lock held by another process cannot be
// waited for with a cancellable call.
const (
	pollFirst = 5 * time.Millisecond
	pollMax   = 100 * time.Millisecond
)

// lockFolder takes the lock file path, calling waiting once if another
// holder makes it wait. It returns ctx's error if ctx ends first.
func lockFolder(ctx context.Context, path string, waiting func()) (*folderLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening the lock file: %w", err)
	}
	delay := pollFirst
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		if ok {
			return &folderLock{f: f}, nil
		}
		if waiting != nil {
			waiting()
			waiting = nil
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			f.Close()
			return nil, ctx.Err()
		case <-t.C:
		}
		delay = min(2*delay, pollMax)
	}
}

// unlock releases the lock.
func (l *folderLock) unlock() {
	_ = unlockFile(l.f)
	_ = l.f.Close()
}

// now returns the file system's time: the modification time the lock file
// gets when it is written.
func (l *folderLock) now() (int64, error) {
	if _, err := l.f.WriteAt([]byte{0}, 0); err != nil {
		return 0, err
	}
	fi, err := l.f.Stat()
	if err != nil {
		return 0, err
	}
	return fi.ModTime().UnixNano(), nil
}
