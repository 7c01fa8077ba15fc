package outdir

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkCommit writes 1,000 files of 8 KB in 100 folders through a Dir
// and swaps them in for the previous site: the cost of the output folder in
// a build of a large site, without the rendering.
func BenchmarkCommit(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	page := make([]byte, 8<<10)
	b.ReportAllocs()
	for b.Loop() {
		d, err := Open(context.Background(), out, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for i := range 1000 {
			if err := d.WriteFile(fmt.Sprintf("a/%03d/p%d/index.html", i/10, i), page); err != nil {
				b.Fatal(err)
			}
		}
		if err := d.Commit(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTurn is what the output folder adds to every build: taking the
// lock, clearing the way, the staging folder, the swap and removing the
// previous site, for a site of one file.
func BenchmarkTurn(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	for b.Loop() {
		d, err := Open(context.Background(), out, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := d.WriteFile("index.html", []byte("<!doctype html>")); err != nil {
			b.Fatal(err)
		}
		if err := d.Commit(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
