package outdir

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// stamp is what upload tools compare: a file's number, size and time.
type stamp struct {
	ino   uint64
	size  int64
	mtime time.Time
}

func stamps(t *testing.T, dir string) map[string]stamp {
	t.Helper()
	out := map[string]stamp{}
	for p := range files(t, dir) {
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		out[p] = stamp{inode(fi), fi.Size(), fi.ModTime()}
	}
	return out
}

// buildFiles writes site into out through Create, in pieces of at most chunk
// bytes (0: all at once), and commits; it returns what the Dir did.
func buildFiles(t *testing.T, out string, site map[string]string, keys map[string]string, chunk int, setup func(*Dir)) Stats {
	t.Helper()
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if setup != nil {
		setup(d)
	}
	for _, p := range slices.Sorted(maps.Keys(site)) {
		w, err := d.Create(p, keys[p])
		if err != nil {
			t.Fatal(err)
		}
		data := []byte(site[p])
		for len(data) > 0 {
			n := len(data)
			if chunk > 0 {
				n = min(n, chunk)
			}
			if _, err := w.Write(data[:n]); err != nil {
				t.Fatal(err)
			}
			data = data[n:]
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	s := d.Stats()
	if err := d.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// afterTick waits until the file system's clock has moved on, so that a
// file written now cannot have the time of one written before.
func afterTick(t *testing.T, dir string) {
	t.Helper()
	probe := filepath.Join(t.TempDir(), "tick")
	fi0, _ := os.Stat(dir)
	for range 1000 {
		if err := os.WriteFile(probe, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(probe)
		if err != nil {
			t.Fatal(err)
		}
		if fi0 == nil || fi.ModTime().After(fi0.ModTime()) {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// TestUnchangedFilesKeepTheirFile builds a site, then the site with one
// file changed, one removed and one added: the unchanged files are the same
// files with the same time, the changed one has its new bytes and a new
// time, the removed one is gone.
func TestUnchangedFilesKeepTheirFile(t *testing.T) {
	big := strings.Repeat("groot bestand ", maxHeld/10) // over maxHeld: compared as it comes
	first := map[string]string{
		"index.html":            "<p>home</p>",
		"verhalen/a/index.html": "verhaal a",
		"verhalen/b/index.html": "verhaal b",
		"leeg.txt":              "",
		"agenda.ics":            big,
		"weg/index.html":        "gaat weg",
	}
	out := filepath.Join(t.TempDir(), "public")
	if s := buildFiles(t, out, first, nil, 0, nil); s.Written != len(first) || s.Linked != 0 {
		t.Errorf("first build: %+v, want every file written", s)
	}
	before := stamps(t, out)
	afterTick(t, out)

	second := maps.Clone(first)
	second["verhalen/b/index.html"] = "verhaal b, bewerkt"
	delete(second, "weg/index.html")
	second["nieuw/index.html"] = "nieuw"
	s := buildFiles(t, out, second, nil, 7, nil)
	if got := files(t, out); !maps.Equal(got, second) {
		t.Fatalf("published %d files, want the second site's %d", len(got), len(second))
	}
	after := stamps(t, out)
	for p := range second {
		switch p {
		case "verhalen/b/index.html", "nieuw/index.html":
			if b, ok := before[p]; ok && (after[p].ino == b.ino || !after[p].mtime.After(b.mtime)) {
				t.Errorf("%s changed, but its file is the old one: %+v, before %+v", p, after[p], b)
			}
		default:
			if after[p] != before[p] {
				t.Errorf("%s is unchanged, but its file is not the same: %+v, before %+v", p, after[p], before[p])
			}
		}
	}
	// Only the new bytes are written, not those of unchanged files, large
	// or small.
	want := Stats{Written: 2, WrittenBytes: int64(len(second["verhalen/b/index.html"]) + len(second["nieuw/index.html"])), Linked: 4}
	if s != want {
		t.Errorf("second build: %+v, want %+v", s, want)
	}
	onlyOutput(t, out)
}

// TestKeep keeps files by their key: the published file is the previous
// one, and its new key is what the next build finds.
func TestKeep(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "home", "a/index.html": "a"}
	buildFiles(t, out, site, map[string]string{"index.html": "k1", "a/index.html": "ka"}, 0, nil)
	before := stamps(t, out)

	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if k := d.PreviousKey("index.html"); k != "k1" {
		t.Errorf("PreviousKey(index.html) = %q, want k1", k)
	}
	if k := d.PreviousKey("nergens.html"); k != "" {
		t.Errorf("PreviousKey of a file that is not there = %q", k)
	}
	if err := d.Keep("index.html", "k2"); err != nil {
		t.Fatal(err)
	}
	if err := d.Keep("nergens.html", "k"); err == nil {
		t.Error("Keep of a file the previous site lacks = nil, want an error")
	}
	if err := d.WriteFile("a/index.html", []byte("a, anders")); err != nil {
		t.Fatal(err)
	}
	if s := d.Stats(); s.Linked != 1 || s.Written != 1 {
		t.Errorf("stats %+v, want one kept and one written", s)
	}
	if err := d.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if after := stamps(t, out); after["index.html"] != before["index.html"] {
		t.Errorf("the kept file is another: %+v, before %+v", after["index.html"], before["index.html"])
	}
	onlyOutput(t, out)

	d, err = Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if k := d.PreviousKey("index.html"); k != "k2" {
		t.Errorf("after Keep: PreviousKey = %q, want the new key k2", k)
	}
	if k := d.PreviousKey("a/index.html"); k != "" {
		t.Errorf("PreviousKey of a file written without a key = %q", k)
	}
}

// TestLinksFail keeps files where hard links cannot be made: the same
// bytes, with the previous file's time.
func TestLinksFail(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "home", "groot.ics": strings.Repeat("x", maxHeld+1), "a/index.html": "a"}
	buildFiles(t, out, site, map[string]string{"a/index.html": "ka"}, 0, nil)
	before := stamps(t, out)
	afterTick(t, out)

	noLinks := func(d *Dir) {
		d.link = func(_, new string) error { return &os.LinkError{Op: "link", New: new, Err: errors.ErrUnsupported} }
	}
	next := maps.Clone(site)
	delete(next, "a/index.html")
	s := buildFiles(t, out, next, nil, 0, func(d *Dir) {
		noLinks(d)
		if err := d.Keep("a/index.html", "ka"); err != nil {
			t.Fatal(err)
		}
	})
	if s.Copied != 3 || s.Linked != 0 {
		t.Errorf("stats %+v, want three files kept as copies", s)
	}
	if got := files(t, out); !maps.Equal(got, site) {
		t.Error("the site is not the same as before")
	}
	for p, a := range stamps(t, out) {
		if b := before[p]; a.size != b.size || !a.mtime.Equal(b.mtime) {
			t.Errorf("%s: size and time %d %v, before %d %v", p, a.size, a.mtime, b.size, b.mtime)
		}
	}
	onlyOutput(t, out)
}

// TestDamagedManifest builds after the manifest was damaged in several
// ways: no keys, every unchanged file still kept, and a sound manifest
// again afterwards.
func TestDamagedManifest(t *testing.T) {
	site := map[string]string{"index.html": "home", "a/index.html": "a", "b/index.html": "b"}
	keys := map[string]string{"index.html": "k", "a/index.html": "ka", "b/index.html": "kb"}
	damage := map[string]func([]byte) []byte{
		"garbage":     func([]byte) []byte { return []byte("\x00\xffniet een manifest") },
		"empty":       func([]byte) []byte { return nil },
		"cut short":   func(b []byte) []byte { return b[:len(b)*2/3] },
		"no end":      func(b []byte) []byte { return b[:bytes.LastIndex(b, []byte("end "))] },
		"wrong count": func(b []byte) []byte { return bytes.Replace(b, []byte("end 3"), []byte("end 4"), 1) },
		"other version": func(b []byte) []byte {
			return bytes.Replace(b, []byte(manifestHeader), []byte("krachtpunt manifest 2"), 1)
		},
		"bad sum": func(b []byte) []byte { return bytes.Replace(b, []byte("\n"), []byte("\nzz"), 2) },
		"folder":  nil,
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			buildFiles(t, out, site, keys, 0, nil)
			manifest := filepath.Join(filepath.Dir(out), manifestPrefix+"public")
			data, err := os.ReadFile(manifest)
			if err != nil {
				t.Fatal(err)
			}
			if f == nil {
				if err := errors.Join(os.Remove(manifest), os.Mkdir(manifest, 0o755)); err != nil {
					t.Fatal(err)
				}
			} else if err := os.WriteFile(manifest, f(data), 0o644); err != nil {
				t.Fatal(err)
			}
			before := stamps(t, out)
			d, err := Open(context.Background(), out, Options{})
			if err != nil {
				t.Fatalf("Open with a damaged manifest: %v", err)
			}
			for p := range site {
				if k := d.PreviousKey(p); k != "" {
					t.Errorf("PreviousKey(%s) = %q with a damaged manifest", p, k)
				}
			}
			d.Abort()
			if f == nil {
				// A folder in the way: the build goes on without a manifest.
				s := buildFiles(t, out, site, keys, 0, nil)
				if s.Linked != 3 {
					t.Errorf("stats %+v, want every file kept", s)
				}
				if err := os.Remove(manifest); err != nil {
					t.Fatal(err)
				}
				onlyOutput(t, out)
				return
			}
			if s := buildFiles(t, out, site, keys, 0, nil); s.Linked != 3 {
				t.Errorf("stats %+v, want every file kept", s)
			}
			if after := stamps(t, out); !maps.Equal(after, before) {
				t.Error("the files changed")
			}
			onlyOutput(t, out)
			d, err = Open(context.Background(), out, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer d.Abort()
			if k := d.PreviousKey("a/index.html"); k != "ka" {
				t.Errorf("after a build, PreviousKey = %q, want ka", k)
			}
		})
	}
}

// publishTwoFiles builds a site of two files with keys into a new output
// folder, twice when retained is set (so that the published files are also
// the retained site's), and waits for the file system's clock to move on.
func publishTwoFiles(t *testing.T, retained bool) (out string, site, keys map[string]string) {
	t.Helper()
	out = filepath.Join(t.TempDir(), "public")
	site = map[string]string{"index.html": "home", "a/index.html": "aaaa"}
	keys = map[string]string{"index.html": "k", "a/index.html": "ka"}
	buildFiles(t, out, site, keys, 0, nil)
	if retained {
		buildFiles(t, out, site, keys, 0, nil)
	}
	afterTick(t, out)
	return out, site, keys
}

// TestEditedByHand changes a published file by hand after the build, with
// the length it had: its key no longer counts, and the next build writes
// it anew rather than keeping the edit. That holds also when the file's
// modification time is set back to what it was (as touch -r or a copy
// that keeps times does), and when the published site's files are also
// those of the retained site.
func TestEditedByHand(t *testing.T) {
	for _, c := range []struct {
		timeBack, retained bool
	}{{false, false}, {true, false}, {false, true}, {true, true}} {
		t.Run(fmt.Sprintf("time set back %v, retained site %v", c.timeBack, c.retained), func(t *testing.T) {
			out, site, keys := publishTwoFiles(t, c.retained)
			name := filepath.Join(out, "a", "index.html")
			before, err := os.Stat(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte("bbbb"), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.timeBack {
				if err := os.Chtimes(name, before.ModTime(), before.ModTime()); err != nil {
					t.Fatal(err)
				}
			}
			d, err := Open(context.Background(), out, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if k := d.PreviousKey("a/index.html"); k != "" {
				t.Errorf("PreviousKey of a file edited by hand = %q, want none", k)
			}
			if k := d.PreviousKey("index.html"); k != "k" {
				t.Errorf("PreviousKey of an untouched file = %q, want k", k)
			}
			d.Abort()
			buildFiles(t, out, site, keys, 0, nil)
			if got := files(t, out); !maps.Equal(got, site) {
				t.Errorf("published %v, want %v", got, site)
			}
			onlyOutput(t, out)
		})
	}
}

// TestWrittenTwice writes one path twice, the first time with the previous
// site's bytes: the last one counts, and the previous site's file, which the
// first write linked to, is not touched.
func TestWrittenTwice(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildFiles(t, out, map[string]string{"index.html": "home", "groot": strings.Repeat("g", maxHeld+5)}, nil, 0, nil)
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, w := range []struct{ p, data string }{
		{"index.html", "home"}, {"index.html", "anders"},
		{"groot", strings.Repeat("g", maxHeld+5)}, {"groot", strings.Repeat("h", maxHeld+5)},
	} {
		if err := d.WriteFile(w.p, []byte(w.data)); err != nil {
			t.Fatal(err)
		}
	}
	if got := files(t, out); got["index.html"] != "home" || got["groot"][0] != 'g' {
		t.Fatal("writing a file twice changed the published site")
	}
	if err := d.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := files(t, out); got["index.html"] != "anders" || got["groot"][0] != 'h' {
		t.Error("the second write does not count")
	}
	onlyOutput(t, out)
}

// TestCreateMatchesEveryContent writes random new contents over random
// previous ones, in random pieces: the published bytes are always the new
// ones, and the previous file is kept exactly when they are equal.
func TestCreateMatchesEveryContent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := []int{0, 1, 2, 100, 4096, maxHeld - 1, maxHeld, maxHeld + 1}
	content := func(n int, fill byte) string { return strings.Repeat(string(fill), n) }
	type pair struct{ old, new string }
	var pairs []pair
	for _, a := range sizes {
		for _, b := range sizes {
			old := content(a, 'x')
			switch rng.IntN(3) {
			case 0: // the same
				pairs = append(pairs, pair{old, old})
			case 1: // the same length, one byte other
				nw := []byte(content(b, 'x'))
				if len(nw) > 0 {
					nw[rng.IntN(len(nw))] = 'y'
				}
				pairs = append(pairs, pair{old, string(nw)})
			default: // the previous one with more or less
				pairs = append(pairs, pair{old, content(b, 'x')})
			}
		}
	}
	oldSite, newSite := map[string]string{}, map[string]string{}
	for i, p := range pairs {
		name := fmt.Sprintf("f/%03d", i)
		oldSite[name], newSite[name] = p.old, p.new
	}
	for _, known := range []bool{true, false} {
		t.Run(fmt.Sprintf("manifest %v", known), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			buildFiles(t, out, oldSite, nil, 0, nil)
			if !known {
				if err := os.Remove(filepath.Join(filepath.Dir(out), manifestPrefix+"public")); err != nil {
					t.Fatal(err)
				}
			}
			before := stamps(t, out)
			chunk := 1 + rng.IntN(70000)
			s := buildFiles(t, out, newSite, nil, chunk, nil)
			var want int64
			for _, p := range pairs {
				if p.old != p.new {
					want += int64(len(p.new))
				}
			}
			if s.WrittenBytes != want {
				t.Errorf("%d bytes written, want the %d of the changed files", s.WrittenBytes, want)
			}
			if got := files(t, out); !maps.Equal(got, newSite) {
				t.Fatalf("pieces of %d bytes: the published files are not the new ones", chunk)
			}
			after := stamps(t, out)
			for i, p := range pairs {
				f := fmt.Sprintf("f/%03d", i)
				if kept := after[f].ino == before[f].ino; kept != (p.old == p.new) {
					t.Errorf("%s (%d bytes, before %d): kept %v", f, len(p.new), len(p.old), kept)
				}
			}
			onlyOutput(t, out)
		})
	}
}

// TestCreateConcurrently writes many files at once, as the build does.
func TestCreateConcurrently(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := map[string]string{}
	for i := range 300 {
		site[fmt.Sprintf("d%d/%d/index.html", i%7, i)] = strings.Repeat(fmt.Sprint(i), 1+i*13)
	}
	for round := range 2 {
		d, err := Open(context.Background(), out, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for p, data := range site {
			wg.Go(func() {
				w, err := d.Create(p, "k"+p)
				if err == nil {
					_, err = io.Copy(w, strings.NewReader(data))
					err = errors.Join(err, w.Close())
				}
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if s := d.Stats(); round == 1 && s.Linked != len(site) {
			t.Errorf("second round: %+v, want every file kept", s)
		}
		if err := d.Commit(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := files(t, out); !maps.Equal(got, site) {
			t.Fatal("the published site is not the one written")
		}
		onlyOutput(t, out)
	}
}

// TestLinkFailsWhenTheBuildFolderIsReplaced replaces the build folder under
// a build, as an older Krachtpunt started at the same time would: keeping a
// file fails instead of putting it into the other build's folder.
func TestLinkFailsWhenTheBuildFolderIsReplaced(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildFiles(t, out, map[string]string{"index.html": "home", "a/index.html": "a"}, map[string]string{"a/index.html": "ka"}, 0, nil)
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if err := d.WriteFile("a/index.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(os.RemoveAll(d.staging), os.MkdirAll(filepath.Join(d.staging, "a"), 0o755)); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("home")); err == nil {
		t.Error("keeping a file after the build folder was replaced = nil, want an error")
	}
	if err := d.Keep("a/index.html", "ka"); err == nil {
		t.Error("Keep after the build folder was replaced = nil, want an error")
	}
}

// TestManifestRoundTrip encodes and decodes paths and keys of every kind.
func TestManifestRoundTrip(t *testing.T) {
	files := map[string]entry{
		"index.html":            {key: "abc", size: 3, mtime: 1, ino: 7},
		"met spatie/index.html": {key: "", size: 0, mtime: -1},
		"aanhalings\"teken":     {key: "a b \"c\"\n", size: 1 << 40, mtime: time.Now().UnixNano(), ino: 1<<64 - 1},
		"regel\neinde/ü.html":   {key: "\x00\xff", sum: [32]byte{1, 2, 3}},
	}
	got, err := decodeManifest(encodeManifest(files))
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got, files) {
		t.Errorf("decoded %v, want %v", got, files)
	}
	if m, err := decodeManifest(encodeManifest(nil)); err != nil || len(m) != 0 {
		t.Errorf("an empty manifest: %v, %v", m, err)
	}
}

// FuzzManifest checks that any bytes are either a manifest that encodes to
// the same entries, or refused; never a panic.
func FuzzManifest(f *testing.F) {
	f.Add(encodeManifest(map[string]entry{"index.html": {key: "k", size: 3}, "a b": {}}))
	f.Add([]byte(manifestHeader + "\nend 0\n"))
	f.Add([]byte("krachtpunt manifest 1\n" + strings.Repeat("0", 64) + " 1 2 3 \"k\" \"p\"\nend 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := decodeManifest(data)
		if err != nil {
			return
		}
		again, err := decodeManifest(encodeManifest(m))
		if err != nil || !maps.Equal(again, m) {
			t.Errorf("decoded %v, encoded and decoded again %v, %v", m, again, err)
		}
	})
}

// TestCommitWithFilesOpen commits a build while files are still being
// written: it fails, and the previous site stays as it was.
func TestCommitWithFilesOpen(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildFiles(t, out, map[string]string{"index.html": "home"}, nil, 0, nil)
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	late := map[string]io.WriteCloser{}
	for _, p := range []string{"index.html", "laat.html"} {
		if late[p], err = d.Create(p, "k"); err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(late[p], "home"); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.WriteFile("index.html", []byte("anders")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(context.Background()); err == nil {
		t.Error("Commit with files not closed = nil, want an error")
	}
	for p, w := range late {
		if err := w.Close(); err == nil {
			t.Errorf("closing %s after Commit = nil, want an error", p)
		}
	}
	if _, err := d.Create("nog.html", ""); err == nil {
		t.Error("Create after Commit = nil, want an error")
	}
	if got := files(t, out); !maps.Equal(got, map[string]string{"index.html": "home"}) {
		t.Errorf("published %v, want the previous site", got)
	}
	onlyOutput(t, out)
}

// buildByKeys builds site into out as package build does: it keeps each
// file whose key is the one recorded, else makes it. at is called
// for each file before the build looks at it (PreviousKey) and right after,
// with looked set.
func buildByKeys(out string, site, keys map[string]string, at func(p string, looked bool)) error {
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		return err
	}
	defer d.Abort()
	for _, p := range slices.Sorted(maps.Keys(site)) {
		at(p, false)
		k := d.PreviousKey(p)
		at(p, true)
		if k == keys[p] {
			err = d.Keep(p, keys[p])
		} else {
			var w io.WriteCloser
			if w, err = d.Create(p, keys[p]); err == nil {
				_, err = io.WriteString(w, site[p])
				err = errors.Join(err, w.Close())
			}
		}
		if err != nil {
			return err
		}
	}
	return d.Commit(context.Background())
}

// TestEditedByHandDuringTheBuild changes a published file by hand while a
// build runs, in place or by putting another file in its place, with the
// length it had: the build publishes the bytes it made, not the edit, and
// so does the next one. Only a file of the retained site edited in place
// is edited in the build too, being the same file: the next build makes
// it again.
func TestEditedByHandDuringTheBuild(t *testing.T) {
	for _, c := range []struct {
		how      string
		retained bool
	}{{"in place", false}, {"replaced", false}, {"in place", true}, {"replaced", true}} {
		t.Run(fmt.Sprintf("%s, retained site %v", c.how, c.retained), func(t *testing.T) {
			out, site, keys := publishTwoFiles(t, c.retained)
			edit := func() {
				name := filepath.Join(out, "a", "index.html")
				var err error
				if c.how == "replaced" {
					err = errors.Join(os.WriteFile(name+".tmp", []byte("bbbb"), 0o644), os.Rename(name+".tmp", name))
				} else {
					err = os.WriteFile(name, []byte("bbbb"), 0o644)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			build := func(during func()) error {
				return buildByKeys(out, site, keys, func(p string, looked bool) {
					if p == "a/index.html" && !looked && during != nil {
						during()
					}
				})
			}
			if err := build(edit); err != nil {
				t.Fatalf("the build during the edit: %v", err)
			}
			if got := files(t, out); !maps.Equal(got, site) && !(c.retained && c.how == "in place") {
				t.Errorf("the build during the edit published %v, want %v", got, site)
			}
			if err := build(nil); err != nil {
				t.Fatal(err)
			}
			if got := files(t, out); !maps.Equal(got, site) {
				t.Errorf("the next build published %v, want %v", got, site)
			}
			onlyOutput(t, out)
		})
	}
}

// TestWrittenTwiceWhileEditedByHand writes a file of the retained site
// twice with the bytes it has, after it was edited in place by hand in
// the published site: the build fails rather than publish the edit under a
// record that says it is the build's, and the next build makes it again.
func TestWrittenTwiceWhileEditedByHand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "home", "a/index.html": "aaaa"}
	buildFiles(t, out, site, nil, 0, nil)
	buildFiles(t, out, site, nil, 0, nil) // the first site is retained
	afterTick(t, out)
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	d.PreviousKey("index.html") // the build has begun
	if err := os.WriteFile(filepath.Join(out, "a", "index.html"), []byte("bbbb"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = errors.Join(d.WriteFile("index.html", []byte("home")),
		d.WriteFile("a/index.html", []byte("aaaa")), d.WriteFile("a/index.html", []byte("aaaa")))
	if err == nil {
		err = d.Commit(context.Background())
	}
	if got := files(t, out); err == nil && !maps.Equal(got, site) {
		t.Errorf("the build published %v, want %v or an error", got, site)
	}
	d.Abort()
	buildFiles(t, out, site, nil, 0, nil)
	if got := files(t, out); !maps.Equal(got, site) {
		t.Errorf("the next build published %v, want %v", got, site)
	}
	onlyOutput(t, out)
}

// Held buffers have room for what they are asked for, and however many
// files are held in turn, the spare ones stay a few per size.
func TestSpareHeldBuffersAreBounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var out [][]byte
	for range 5000 {
		n := rng.IntN(maxHeld + 2)
		if rng.IntN(4) == 0 {
			n = rng.IntN(64 << 10)
		}
		b := getHeld(n)
		if len(b) != 0 || cap(b) < n {
			t.Fatalf("getHeld(%d): len %d, cap %d", n, len(b), cap(b))
		}
		out = append(out, b)
		if rng.IntN(3) == 0 { // a few held at once, then given back
			for _, b := range out {
				putHeld(b)
			}
			out = out[:0]
		}
	}
	for _, b := range out {
		putHeld(b)
	}
	putHeld(make([]byte, 0, 5000))  // not one of getHeld's: dropped
	putHeld(make([]byte, 0, 1<<20)) // too small for the last class: dropped
	spare := 0
	for c := range heldSpare {
		for range len(heldSpare[c]) {
			b := <-heldSpare[c]
			if cap(b) != heldCap(c) {
				t.Errorf("a buffer of %d bytes kept in class %d", cap(b), c)
			}
			spare += cap(b)
			defer putHeld(b)
		}
	}
	if limit := spareHeld * (2<<20 + 1); spare > limit {
		t.Errorf("%d bytes of spare buffers, want at most %d", spare, limit)
	}
}

// TestEditedByHandBetweenLookAndLink edits a published file after the
// build looked at it (PreviousKey) and before it keeps it, with the length
// it had and its modification time set back: the build does not keep the
// edit (it stops and asks to build again, or makes the file), and the
// builds after it publish what they make. Before the build checked the
// file's change time right before linking it, the edit stayed for good.
func TestEditedByHandBetweenLookAndLink(t *testing.T) {
	for _, retained := range []bool{false, true} {
		t.Run(fmt.Sprintf("retained site %v", retained), func(t *testing.T) {
			out, site, keys := publishTwoFiles(t, retained)
			name := filepath.Join(out, "a", "index.html")
			edit := func() {
				before, err := os.Stat(name)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(name, []byte("bbbb"), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(name, before.ModTime(), before.ModTime()); err != nil {
					t.Fatal(err)
				}
			}
			build := func(during func()) error {
				return buildByKeys(out, site, keys, func(p string, looked bool) {
					if p == "a/index.html" && looked && during != nil {
						during()
					}
				})
			}
			if err := build(edit); err != nil && !errors.Is(err, errChanged) {
				t.Fatalf("the build during the edit: %v", err)
			} else if err == nil && !retained {
				// (A file of the retained site in place is the published
				// file itself, edited in both: the next build makes it
				// again, as TestEditedByHandDuringTheBuild shows.)
				if got := files(t, out); got["a/index.html"] == "bbbb" {
					t.Errorf("the build during the edit kept the edit: %v", got)
				}
			}
			for i := range 2 {
				if err := build(nil); err != nil {
					t.Fatal(err)
				}
				if got := files(t, out); !maps.Equal(got, site) {
					t.Errorf("build %d after the edit published %v, want %v", i+1, got, site)
				}
				onlyOutput(t, out)
			}
		})
	}
}

// TestPermissionsChangedByHand changes the permissions of a published file
// (chmod leaves its bytes and times): the next build makes it anew, with the
// permissions a build gives its files, rather than keep it through a link.
func TestPermissionsChangedByHand(t *testing.T) {
	for _, retained := range []bool{false, true} {
		t.Run(fmt.Sprintf("retained site %v", retained), func(t *testing.T) {
			out, site, keys := publishTwoFiles(t, retained)
			made, err := os.Stat(filepath.Join(out, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(out, "a", "index.html")
			if err := os.Chmod(name, 0o600); err != nil {
				t.Fatal(err)
			}
			for i := range 2 {
				buildFiles(t, out, site, keys, 0, nil)
				fi, err := os.Stat(name)
				if err != nil {
					t.Fatal(err)
				}
				if fi.Mode().Perm() != made.Mode().Perm() {
					t.Errorf("build %d: a/index.html has permissions %v, the build's files %v", i+1, fi.Mode().Perm(), made.Mode().Perm())
				}
				onlyOutput(t, out)
			}
		})
	}
}

// TestLinkedByABackupDuringTheBuild makes another hard link to a published
// file after the build looked at it, as a backup that links does: only the
// file's change time moves, its bytes are as recorded, so the build keeps
// it and succeeds.
func TestLinkedByABackupDuringTheBuild(t *testing.T) {
	for _, retained := range []bool{false, true} {
		t.Run(fmt.Sprintf("retained site %v", retained), func(t *testing.T) {
			out, site, keys := publishTwoFiles(t, retained)
			backup := filepath.Join(t.TempDir(), "kopie")
			err := buildByKeys(out, site, keys, func(p string, looked bool) {
				if p == "a/index.html" && looked {
					if err := os.Link(filepath.Join(out, "a", "index.html"), backup); err != nil {
						t.Fatal(err)
					}
				}
			})
			if err != nil {
				t.Fatalf("the build during the backup: %v", err)
			}
			if got := files(t, out); !maps.Equal(got, site) {
				t.Errorf("published %v, want %v", got, site)
			}
			onlyOutput(t, out)
		})
	}
}
