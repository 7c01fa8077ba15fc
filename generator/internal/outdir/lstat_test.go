package outdir

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"krachtpunt/generator/internal/fileid"
)

// TestLstatAgreesWithOsLstat: the build's own look at a path says what
// os.Lstat says of a file, a folder, a symbolic link and a missing path.
func TestLstatAgreesWithOsLstat(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "index.html")
	if err := os.WriteFile(file, []byte("<p>hallo</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(file, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for _, name := range []string{file, dir, link} {
		fi, err := os.Lstat(name)
		if err != nil {
			t.Fatal(err)
		}
		want := pathStat{file: fi.Mode().IsRegular(), dir: fi.IsDir(), size: fi.Size(), mtime: fi.ModTime().UnixNano(), ctime: fileid.ChangeTime(fi), mode: fi.Mode().Perm(), ino: inode(fi)}
		got, err := lstat(name)
		if err != nil || got != want {
			t.Errorf("lstat(%s) = %+v, %v; want %+v", filepath.Base(name), got, err, want)
		}
	}
	if _, err := lstat(filepath.Join(dir, "gone")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lstat of a missing path: %v, want a not-exist error", err)
	}
}
