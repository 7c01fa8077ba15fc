package outdir

import (
	"context"
	"crypto/sha256"
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

	"krachtpunt/generator/internal/fileid"
)

// TestRetainedSiteIsReused builds a site four times into one folder, with
// one file changed, one dropped and one added each time: from the third
// build on, the build begins in the site before the published one, and
// only the changed and added files are new files, with a new time; the
// others keep theirs, also the file changed in the build before last.
func TestRetainedSiteIsReused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "home", "404.html": "weg"}
	for i := range 40 {
		site[fmt.Sprintf("verhalen/%02d/index.html", i)] = fmt.Sprintf("verhaal %d", i)
	}
	var before map[string]stamp
	for round := range 4 {
		next := maps.Clone(site)
		var changed []string
		if round > 0 {
			c := fmt.Sprintf("verhalen/%02d/index.html", round)
			next[c] = "bewerkt"
			delete(next, fmt.Sprintf("verhalen/%02d/index.html", 20+round))
			add := fmt.Sprintf("nieuw/%d/index.html", round)
			next[add] = "nieuw"
			changed = []string{c, add}
		}
		afterTick(t, out)
		s := buildFiles(t, out, next, nil, 0, nil)
		if got := files(t, out); !maps.Equal(got, next) {
			t.Fatalf("build %d: published %v, want %v", round+1, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(next)))
		}
		onlyOutput(t, out)
		after := stamps(t, out)
		if round > 0 {
			for p := range next {
				renewed := after[p] != before[p]
				if want := slices.Contains(changed, p); renewed != want {
					t.Errorf("build %d: %s is a new file: %v, want %v", round+1, p, renewed, want)
				}
			}
			want := Stats{Written: 2, WrittenBytes: int64(len("bewerkt") + len("nieuw")), Linked: len(next) - 2}
			if round >= 2 {
				// All but the files changed and added in the build
				// before (and in this one) are in place already.
				want.InPlace = len(next) - 4
			}
			if s != want {
				t.Errorf("build %d: %+v, want %+v", round+1, s, want)
			}
		}
		site, before = next, after
	}
}

// TestRandomBuilds makes random sequences of builds into one folder: files
// unchanged, changed, removed and added, in nested folders, a file
// becoming a folder and back, written through Create or kept through
// Keep, sometimes with the published site changed by hand in between.
// After every build the output folder holds exactly the files of the build,
// byte for byte; every file that did not change (and was not touched by
// hand) is still the same file with its time; and the records next to the
// output folder describe what they are about.
func TestRandomBuilds(t *testing.T) {
	seqs, builds := 30, 10
	if testing.Short() {
		seqs = 10
	}
	names := []string{"a", "b", "index.html"}
	inPlace := 0
	for seq := range seqs {
		rng := rand.New(rand.NewPCG(uint64(seq), 7))
		out := filepath.Join(t.TempDir(), "public")
		var site map[string]string
		var before map[string]stamp
		touched := map[string]bool{} // changed by hand since the last build
		for n := range builds {
			next := randomSite(rng, site, names)
			setup := func(d *Dir) {
				if rng.IntN(3) == 0 {
					noExchange(d)
				}
			}
			afterTick(t, out)
			inPlace += buildKeeping(t, out, next, setup, rng).InPlace
			if got := files(t, out); !maps.Equal(got, next) {
				t.Fatalf("sequence %d, build %d: published %q, want %q", seq, n+1, got, next)
			}
			if len(touched) == 0 {
				onlyOutput(t, out)
			} else {
				// The retained site is the one changed by hand: its record
				// no longer says what is in it; the next build must see so.
				manifestMatches(t, out)
			}
			after := stamps(t, out)
			for p, data := range next {
				if old, ok := site[p]; ok && old == data && !touched[p] && after[p] != before[p] {
					t.Errorf("sequence %d, build %d: %s is unchanged, but it is another file", seq, n+1, p)
				}
			}
			site, before = next, after
			touched = editByHand(t, rng, out, site)
		}
	}
	if inPlace == 0 {
		t.Error("no build began in the retained site")
	}
	t.Logf("%d files were in place in the retained site", inPlace)
}

// randomSite returns a site made from site: some files the same, some
// changed, some gone, some new, in folders of the given names.
func randomSite(rng *rand.Rand, site map[string]string, names []string) map[string]string {
	next := map[string]string{}
	for p, data := range site {
		switch rng.IntN(6) {
		case 0: // gone
		case 1:
			next[p] = fmt.Sprintf("anders %d", rng.IntN(1000))
		default:
			next[p] = data
		}
	}
	for range 1 + rng.IntN(12) {
		var parts []string
		for range 1 + rng.IntN(3) {
			parts = append(parts, names[rng.IntN(len(names))])
		}
		next[strings.Join(parts, "/")] = fmt.Sprintf("nieuw %d", rng.IntN(1000))
	}
	next["index.html"] = "home" // never a folder
	// A file cannot be a folder: of a file and one inside it, one goes.
	for p := range next {
		for dir := filepath.ToSlash(filepath.Dir(p)); dir != "."; dir = filepath.ToSlash(filepath.Dir(dir)) {
			if _, ok := next[dir]; ok {
				if dir != "index.html" && rng.IntN(2) == 0 {
					delete(next, dir)
				} else {
					delete(next, p)
					break
				}
			}
		}
	}
	return next
}

// buildKeeping builds site into out, in parallel, each file kept through
// Keep when its previous key is its own and the coin says so, or made
// through Create.
func buildKeeping(t *testing.T, out string, site map[string]string, setup func(*Dir), rng *rand.Rand) Stats {
	t.Helper()
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	setup(d)
	keep := map[string]bool{}
	for p := range site {
		keep[p] = rng.IntN(3) > 0
	}
	var wg sync.WaitGroup
	for p, data := range site {
		wg.Go(func() {
			key := fmt.Sprintf("%x", sha256.Sum256([]byte(data)))
			if keep[p] && d.PreviousKey(p) == key {
				if err := d.Keep(p, key); err != nil {
					t.Error(err)
				}
				return
			}
			w, err := d.Create(p, key)
			if err == nil {
				_, err = io.WriteString(w, data)
				err = errors.Join(err, w.Close())
			}
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	s := d.Stats()
	if err := d.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// editByHand changes the published site as a volunteer or a tool might:
// a file edited in place, a file replaced, a file removed, a file added.
// It returns the files it changed.
func editByHand(t *testing.T, rng *rand.Rand, out string, site map[string]string) map[string]bool {
	t.Helper()
	touched := map[string]bool{}
	if rng.IntN(3) > 0 {
		return touched
	}
	paths := slices.Sorted(maps.Keys(site))
	p := paths[rng.IntN(len(paths))]
	name := filepath.Join(out, filepath.FromSlash(p))
	var err error
	switch rng.IntN(4) {
	case 0: // in place: the file shared with the retained site changes too
		err = os.WriteFile(name, []byte("met de hand"), 0o644)
	case 1:
		if err = os.WriteFile(name+".tmp", []byte("vervangen"), 0o644); err == nil {
			err = os.Rename(name+".tmp", name)
		}
	case 2:
		err = os.Remove(name)
	default:
		err = os.WriteFile(filepath.Join(filepath.Dir(name), ".DS_Store"), []byte("finder"), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	touched[p] = true
	return touched
}

// TestFailedBuildGivesBackTheRetainedSite aborts a build that began in the
// retained site: when it changed nothing there, the site stays retained
// for the next build, with its record; once it wrote a file, it is gone.
func TestFailedBuildGivesBackTheRetainedSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "home", "a/index.html": "a", "b/index.html": "b"}
	buildFiles(t, out, site, nil, 0, nil)
	buildFiles(t, out, site, nil, 0, nil)
	retained := filepath.Join(filepath.Dir(out), retainedPrefix+"public")
	record := filepath.Join(filepath.Dir(out), retainedRecPrefix+"public")
	before, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}

	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.wait(); err != nil {
		t.Fatal(err)
	}
	if d.start == nil {
		t.Fatal("the build did not begin in the retained site")
	}
	d.PreviousKey("index.html")
	d.Abort() // as a build that found a mistake in the content
	if got := files(t, retained); !maps.Equal(got, site) {
		t.Errorf("after a failed build the retained site holds %v, want %v", got, site)
	}
	if after, err := os.ReadFile(record); err != nil || string(after) != string(before) {
		t.Errorf("after a failed build the retained site's record is %q (%v), want it as it was: %q", after, err, before)
	}
	onlyOutput(t, out)
	if s := buildFiles(t, out, site, nil, 0, nil); s.InPlace != len(site) {
		t.Errorf("the build after the failed one: %+v, want every file in place", s)
	}

	d, err = Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a/index.html", []byte("anders")); err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if got := files(t, retained); got != nil {
		t.Errorf("after a failed build that wrote a file, the retained site holds %v", got)
	}
	if got := files(t, out); !maps.Equal(got, site) {
		t.Errorf("after a failed build the output folder holds %v, want %v", got, site)
	}
	onlyOutput(t, out)
}

// TestFailedBuildThatWroteKeepsTheKeys removes the retained site in a
// build that fails after writing a file. The retained site's files were
// the published site's too, so removing them moved the published files'
// change times on: the next build finds them by their bytes, and their
// keys still count, rather than every page being made again.
func TestFailedBuildThatWroteKeepsTheKeys(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "home", "a/index.html": "aaaa", "b/index.html": "b"}
	keys := map[string]string{"index.html": "k", "a/index.html": "ka", "b/index.html": "kb"}
	buildFiles(t, out, site, keys, 0, nil)
	buildFiles(t, out, site, keys, 0, nil)
	name := filepath.Join(out, "a", "index.html")
	before, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	afterTick(t, out)
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("b/index.html", []byte("anders")); err != nil {
		t.Fatal(err)
	}
	d.Abort()
	after, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	if fileid.ChangeTime(after) == fileid.ChangeTime(before) {
		t.Skip("the file's change time did not move on here; nothing to check")
	}
	d, err = Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range slices.Sorted(maps.Keys(site)) {
		if k := d.PreviousKey(p); k != keys[p] {
			t.Errorf("PreviousKey(%s) = %q after the failed build, want %q", p, k, keys[p])
		}
	}
	d.Abort()
	if s := buildFiles(t, out, site, keys, 0, nil); s.Written != 0 || s.Linked != len(site) {
		t.Errorf("the next build: %+v, want every file kept", s)
	}
	if got := files(t, out); !maps.Equal(got, site) {
		t.Errorf("published %v, want %v", got, site)
	}
	onlyOutput(t, out)
}

// TestRetainedSiteChangedWithItsTimeSetBack adds a file to a folder of the
// retained site and sets the folder's modification time back: the build
// does not begin in it (the folder's change time says it changed), and the
// file is not published.
func TestRetainedSiteChangedWithItsTimeSetBack(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"index.html": "home", "a/index.html": "a", "b/index.html": "b"}
	buildFiles(t, out, site, nil, 0, nil)
	buildFiles(t, out, site, nil, 0, nil)
	folder := filepath.Join(filepath.Dir(out), retainedPrefix+"public", "a")
	before, err := os.Lstat(folder)
	if err != nil {
		t.Fatal(err)
	}
	afterTick(t, out)
	if err := os.WriteFile(filepath.Join(folder, "stiekem.html"), []byte("niet van de build"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(folder, before.ModTime(), before.ModTime()); err != nil {
		t.Fatal(err)
	}
	if s := buildFiles(t, out, site, nil, 0, nil); s.InPlace != 0 {
		t.Errorf("the build began in the changed retained site: %+v", s)
	}
	if got := files(t, out); !maps.Equal(got, site) {
		t.Errorf("published %v, want %v", got, site)
	}
	onlyOutput(t, out)
}

// TestRetainedSiteRootChangedWithItsTimeSetBack changes the site's own
// folder, whose record has no change time, and sets its modification time
// back: a file added to the retained site, a file replaced in it, or a
// file added to the published site (which the next build retains) is
// never published.
func TestRetainedSiteRootChangedWithItsTimeSetBack(t *testing.T) {
	for _, how := range []string{"added to the retained site", "replaced in the retained site", "added to the published site"} {
		t.Run(how, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			site := map[string]string{"index.html": "home", "a/index.html": "a"}
			buildFiles(t, out, site, nil, 0, nil)
			buildFiles(t, out, site, nil, 0, nil)
			root := filepath.Join(filepath.Dir(out), retainedPrefix+"public")
			if how == "added to the published site" {
				root = out
			}
			before, err := os.Lstat(root)
			if err != nil {
				t.Fatal(err)
			}
			afterTick(t, out)
			name := filepath.Join(root, "stiekem.html")
			if how == "replaced in the retained site" {
				name = filepath.Join(root, "index.html")
				err = errors.Join(os.WriteFile(name+".tmp", []byte("ANDERS"), 0o644), os.Rename(name+".tmp", name))
			} else {
				err = os.WriteFile(name, []byte("niet van de build"), 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(root, before.ModTime(), before.ModTime()); err != nil {
				t.Fatal(err)
			}
			for i := range 3 {
				buildFiles(t, out, site, nil, 0, nil)
				if got := files(t, out); !maps.Equal(got, site) {
					t.Errorf("build %d published %v, want %v", i+1, got, site)
				}
				if how == "added to the published site" && i == 0 {
					// The retained site is the published one as it was
					// left, with the file its record lacks: the next
					// build sees that and does not use it.
					manifestMatches(t, out)
					continue
				}
				onlyOutput(t, out)
			}
		})
	}
}
