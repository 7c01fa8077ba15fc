package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkMakePlan plans a site of 20 000 files on a server that holds
// them all, with one in twenty changed.
func BenchmarkMakePlan(b *testing.B) {
	loc := map[string]Local{}
	list := &Listing{Files: map[string]Entry{}, Dirs: map[string]bool{}}
	st := &State{Files: map[string]File{}}
	for i := range 20_000 {
		name := fmt.Sprintf("d%03d/p%05d/index.html", i%500, i)
		sum := "a"
		if i%20 == 0 {
			sum = "b"
		}
		loc[name] = Local{Size: 1000, SHA256: sum}
		list.Files[name] = Entry{Size: 1000}
		list.Dirs[filepath.Dir(name)] = true
		list.Dirs[filepath.Dir(filepath.Dir(name))] = true
		st.Files[name] = File{SHA256: "a", Size: 1000}
	}
	b.ReportAllocs()
	for b.Loop() {
		if p := MakePlan(loc, list, st); len(p.Uploads) != 1000 {
			b.Fatal(len(p.Uploads))
		}
	}
}

// BenchmarkScanDir hashes a public/ of 1 000 files of 10 kB.
func BenchmarkScanDir(b *testing.B) {
	dir := b.TempDir()
	data := make([]byte, 10_000)
	for i := range 1000 {
		p := filepath.Join(dir, fmt.Sprintf("d%02d", i%50), fmt.Sprintf("f%04d.html", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, data, 0o644)
	}
	b.ReportAllocs()
	b.SetBytes(1000 * 10_000)
	for b.Loop() {
		if _, err := ScanDir(dir); err != nil {
			b.Fatal(err)
		}
	}
}
