//go:build !unix

package outdir

import "io/fs"

// inode returns 0: file numbers are not at hand on this system, so the
// manifest relies on size and modification time alone.
func inode(fs.FileInfo) uint64 { return 0 }

// haveInodes says whether files have numbers here: the retained site is
// used only where a file can be told apart from a copy of it.
const haveInodes = false
