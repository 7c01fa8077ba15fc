//go:build !linux

package outdir

import "os"

// beneath makes files and folders of staging through its root; on Linux
// in one system call each (beneath_linux.go).
type beneath struct{}

func (b *beneath) open(root *os.Root) {}

func (b *beneath) close() {}

func (b *beneath) create(root *os.Root, name string) (*os.File, error) {
	return root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

func (b *beneath) mkdir(root *os.Root, name string) error {
	return root.Mkdir(name, 0o755)
}
