package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"krachtpunt/generator/internal/outdir"
	"krachtpunt/generator/internal/sitegen"
)

// buildWithRecordInto builds the site in the folder site into the output
// folder out with its record, as the command line does, and returns what
// out holds after the swap and which photos the build processed.
func buildWithRecordInto(t *testing.T, site, out string) (built, []string) {
	t.Helper()
	ctx := context.Background()
	d, err := outdir.Open(ctx, out, outdir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := NewRecord(d.RecordPath(), site)
	b := &Builder{site: os.DirFS(site), out: WriteFiles(d), rec: rec}
	up, err := b.Build(ctx, nil, recordToday)
	if err != nil {
		d.Abort()
		t.Fatalf("the build failed: %v", err)
	}
	if err := d.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := rec.Save(); err != nil {
		t.Fatal(err)
	}
	got := built{diags: up.Result.Diags.Format("en")}
	if got.files, err = readFolder(out); err != nil {
		t.Fatal(err)
	}
	return got, up.Photos
}

// TestRecordKeepsProcessedPhotos builds a site with photos into a folder
// and then again after edits. A build after a story edit processes no
// photo: the record vouches for the originals and the output folder still
// has the published versions. A photo changed to other bytes of the same
// size is processed again, also when it changed in the tick of the build
// before with its time kept; so is one whose published version was
// removed from the output folder. Every build equals a full build.
func TestRecordKeepsProcessedPhotos(t *testing.T) {
	site := writeRecordSite(t, recordSite, time.Now().Add(-time.Hour))
	// A photo wide enough to get a version for phones, shown by a story.
	wide := filepath.Join(site, "content", "stories", "brug.jpg")
	if err := os.WriteFile(wide, sitegen.Photo(1600, 1000, 5), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(wide, old, old); err != nil {
		t.Fatal(err)
	}
	story := filepath.Join(site, "content", "stories", "tuin.md")
	data, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("![De tomaten](../koffie.jpg)"), []byte("![De tomaten](../koffie.jpg)\n\n![De brug](brug.jpg)"), 1)
	if err := os.WriteFile(story, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(filepath.Dir(site), "public")
	all := []string{"koffie.jpg", "stories/brug.jpg"}

	step := func(when string, want []string) built {
		t.Helper()
		got, processed := buildWithRecordInto(t, site, out)
		if !slices.Equal(processed, want) {
			t.Errorf("%s: the build processed the photos %q, want %q", when, processed, want)
		}
		checkFull(t, when, site, got)
		return got
	}
	first := step("the first build", all)
	if _, ok := first.files["stories/brug-800.jpg"]; !ok {
		for p := range first.files {
			if bytes.Contains([]byte(p), []byte("brug")) {
				t.Log(p)
			}
		}
		t.Fatal("the wide photo has no version for phones: the test shows less than it should")
	}
	editStory := func(line string) {
		t.Helper()
		f, err := os.OpenFile(story, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("\n" + line + "\n"); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	// The story was written just now: the second build still reads it,
	// but the photos are old and unchanged.
	editStory("Een regel erbij.")
	step("after a story edit", nil)
	editStory("Nog een regel.")
	step("after another story edit", nil)

	// Other bytes of the same size: one value of the quantization table
	// of the JPEG changes, so the photo looks a little different.
	changeSameSize := func(p string) {
		t.Helper()
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		i := bytes.Index(b, []byte{0xFF, 0xDB})
		if i < 0 {
			t.Fatal("the photo has no quantization table")
		}
		b[i+5] ^= 1
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	changeSameSize(wide)
	got := step("after the wide photo changed to other bytes of the same size", []string{"stories/brug.jpg"})
	if bytes.Equal(got.files["stories/brug.jpg"], first.files["stories/brug.jpg"]) {
		t.Fatal("the changed photo is published as it was: the test shows nothing")
	}

	// Changed again right after that build, in its tick as far as the
	// record can tell, with the time it had: too late to be vouched for.
	fi, err := os.Stat(wide)
	if err != nil {
		t.Fatal(err)
	}
	changeSameSize(wide)
	if err := os.Chtimes(wide, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	step("after the wide photo changed with its time kept", []string{"stories/brug.jpg"})
	// Now both are old enough (written an hour ago as far as the record
	// knows); the next build processes none.
	if err := os.Chtimes(wide, old, old); err != nil {
		t.Fatal(err)
	}
	step("after the wide photo got an old time", []string{"stories/brug.jpg"})
	step("with nothing changed", nil)

	// Changed again, with its old time set back: the change time tells.
	changeSameSize(wide)
	if err := os.Chtimes(wide, old, old); err != nil {
		t.Fatal(err)
	}
	step("after the wide photo changed with its old time set back", []string{"stories/brug.jpg"})
	step("with nothing changed since", nil)

	// A published version removed by hand: the photo is processed again
	// to publish it.
	if err := os.Remove(filepath.Join(out, "stories", "brug-800.jpg")); err != nil {
		t.Fatal(err)
	}
	step("after a published photo was removed", []string{"stories/brug.jpg"})
	step("after that", nil)
}
