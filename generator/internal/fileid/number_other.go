//go:build !unix

package fileid

import "io/fs"

// HaveNumbers says whether files have numbers on this system: not here.
const HaveNumbers = false

// Number returns 0 and false: file numbers are not at hand on this system.
func Number(fs.FileInfo) (uint64, bool) { return 0, false }
