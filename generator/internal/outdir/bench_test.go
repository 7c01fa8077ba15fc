package outdir

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/sitegen"
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

// BenchmarkRebuild writes a site of 10,000 files of 20 KB in 100 folders
// into an output folder that holds the previous build of it, with one file
// changed: the cost of the output folder in a rebuild after one edit.
func BenchmarkRebuild(b *testing.B) {
	for _, changed := range []int{1, 10000} {
		b.Run(fmt.Sprintf("changed=%d", changed), func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			page := bytes.Repeat([]byte("<p>Krachtpunt</p>\n"), 20<<10/18)
			round := 0
			write := func() Stats {
				d, err := Open(context.Background(), out, Options{})
				if err != nil {
					b.Fatal(err)
				}
				for i := range 10000 {
					data := page
					if i < changed {
						data = fmt.Appendf(bytes.Clone(page), "%d", round)
					}
					if err := d.WriteFile(fmt.Sprintf("a/%03d/p%d/index.html", i/100, i), data); err != nil {
						b.Fatal(err)
					}
				}
				s := d.Stats()
				if err := d.Commit(context.Background()); err != nil {
					b.Fatal(err)
				}
				round++
				return s
			}
			write()
			b.ReportAllocs()
			var s Stats
			for b.Loop() {
				s = write()
			}
			b.ReportMetric(float64(s.WrittenBytes), "written-B/op")
			b.ReportMetric(float64(s.Linked), "linked/op")
		})
	}
}

// BenchmarkSiteRebuild builds a generated site of 1,000 activities into the
// folder that holds its previous build, as a second `build` does.
func BenchmarkSiteRebuild(b *testing.B) {
	site := filepath.Join(b.TempDir(), "site")
	writeSite(b, site, sitegen.Site(1000))
	out := filepath.Join(site, "public")
	rebuild := func() Stats {
		d, err := Open(context.Background(), out, Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer d.Abort()
		if _, err := build.Build(context.Background(), build.Options{Site: os.DirFS(site), Today: today, Now: time.Now(), Out: d}); err != nil {
			b.Fatal(err)
		}
		s := d.Stats()
		if err := d.Commit(context.Background()); err != nil {
			b.Fatal(err)
		}
		return s
	}
	rebuild()
	b.ReportAllocs()
	var s Stats
	for b.Loop() {
		s = rebuild()
	}
	b.ReportMetric(float64(s.WrittenBytes), "written-B/op")
	b.ReportMetric(float64(s.Written), "written/op")
	b.ReportMetric(float64(s.Linked), "linked/op")
}
