package outdir

import (
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders a and b in one step.
func exchange(a, b string) error {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	switch err {
	case nil:
		return nil
	case unix.EINVAL, unix.ENOTSUP, unix.ENOSYS:
		// A file system without RENAME_SWAP.
		return errNoExchange
	}
	return &os.LinkError{Op: "renamex_np", Old: a, New: b, Err: err}
}
