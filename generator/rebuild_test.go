package main

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// rebuildSite is a small centre with an activity, a page and three stories.
const rebuildSite = `
-- site.toml --
title = "De Linde"
language = "nl"
baseURL = "https://delinde.example/"
-- content/activities/koffie.md --
+++
title = "Koffieochtend"
when = "elke dinsdag 10:00-12:00"
+++
Koffie en een praatje.
-- content/over-ons.md --
# Over ons

Wij zijn het buurthuis.
-- content/stories/tuin.md --
+++
title = "De buurttuin"
date = 2026-10-12
author = "Fatima"
consent = true
+++
In de tuin groeien tomaten.

Volgend jaar komen er bonen bij.
-- content/stories/repair.md --
+++
title = "Mijn eerste repair café"
date = 2026-09-01
consent = true
+++
Mijn broodrooster doet het weer.
-- content/stories/soep.md --
+++
title = "Soep voor iedereen"
date = 2026-08-15
consent = true
+++
Elke vrijdag koken we soep.
`

// fileStamp is what rsync and upload tools look at: size and time, and the
// file number that says whether it is the same file.
type fileStamp struct {
	fi    os.FileInfo
	mtime time.Time
	data  string
}

func stampsOf(t *testing.T, dir string) map[string]fileStamp {
	t.Helper()
	out := map[string]fileStamp{}
	for p, data := range files(t, dir) {
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		out[p] = fileStamp{fi, fi.ModTime(), data}
	}
	return out
}

func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for p, v := range snapshot(t, dir) {
		if !strings.HasSuffix(p, "/") {
			_, data, _ := strings.Cut(v, " ")
			out[filepath.ToSlash(p)] = data
		}
	}
	return out
}

// TestRebuildWritesOnlyWhatChanged builds one site twice into one folder:
// every file keeps its time. Then it edits one story twice: only the pages
// a resident sees change get new files; all others keep theirs.
func TestRebuildWritesOnlyWhatChanged(t *testing.T) {
	site, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	for _, f := range txtar.Parse([]byte(rebuildSite)).Files {
		writeFile(t, filepath.Join(site, filepath.FromSlash(f.Name)), f.Data)
	}
	build := func() map[string]fileStamp {
		t.Helper()
		// A new file must get a new time: wait for the file system's clock.
		probe := filepath.Join(t.TempDir(), "klok")
		start := time.Now()
		for {
			writeFile(t, probe, nil)
			fi, err := os.Stat(probe)
			if err != nil {
				t.Fatal(err)
			}
			if fi.ModTime().After(start) {
				break
			}
			time.Sleep(time.Millisecond)
		}
		if code, o, e := runCmd(t, "build", "--site", site, "--out", out, "--today", "2026-11-25"); code != exitOK {
			t.Fatalf("build: exit %d\n%s%s", code, o, e)
		}
		return stampsOf(t, out)
	}
	// changed checks that exactly the files want have other bytes, and that
	// those and only those are new files with a new time.
	changed := func(before, after map[string]fileStamp, want ...string) {
		t.Helper()
		if !slices.Equal(slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after))) {
			t.Fatalf("the rebuild made other files: %d, before %d", len(after), len(before))
		}
		var differ []string
		for p, a := range after {
			b := before[p]
			if a.data != b.data {
				differ = append(differ, p)
				if os.SameFile(a.fi, b.fi) || !a.mtime.After(b.mtime) {
					t.Errorf("%s changed, but it is the old file with its old time", p)
				}
			} else if !os.SameFile(a.fi, b.fi) || !a.mtime.Equal(b.mtime) {
				t.Errorf("%s is unchanged, but it is a new file (time %v, before %v)", p, a.mtime, b.mtime)
			}
		}
		slices.Sort(differ)
		slices.Sort(want)
		if !slices.Equal(differ, want) {
			t.Errorf("changed files %q, want %q", differ, want)
		}
	}

	first := build()
	if len(first) < 20 {
		t.Fatalf("the site has %d files; expected a whole site", len(first))
	}
	second := build()
	changed(first, second)

	// A sentence further down the story: the story page and the feed with
	// the stories' text; not the lists, which show the first lines.
	story := filepath.Join(site, "content", "stories", "tuin.md")
	data, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, story, []byte(strings.Replace(string(data), "bonen", "bonen en pompoenen", 1)))
	third := build()
	changed(second, third, "verhalen/tuin/index.html", "verhalen/feed.xml")

	// Its title: also the list of stories and the home page, which show it.
	if data, err = os.ReadFile(story); err != nil {
		t.Fatal(err)
	}
	writeFile(t, story, []byte(strings.Replace(string(data), "De buurttuin", "Onze buurttuin", 1)))
	fourth := build()
	changed(third, fourth, "verhalen/tuin/index.html", "verhalen/feed.xml", "verhalen/index.html", "index.html")

	// The site the fourth build replaced is kept next to the output folder,
	// never in it, for the next build to begin in.
	retained := filepath.Join(filepath.Dir(out), ".krachtpunt-retained-public")
	want := map[string]string{}
	for p, s := range third {
		want[p] = s.data
	}
	if got := files(t, retained); !maps.Equal(got, want) {
		t.Errorf("the retained site has %d files, want the %d of the third build", len(got), len(want))
	}
	for p := range fourth {
		if strings.Contains(p, "krachtpunt") {
			t.Errorf("published %s", p)
		}
	}
}

// TestRebuildRepeatsWarnings builds a site with a link to a draft three
// times into one folder: every build says the warning, also when the page
// it comes from did not change and could have been kept.
func TestRebuildRepeatsWarnings(t *testing.T) {
	site, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	files := `
-- site.toml --
title = "De Linde"
language = "nl"
baseURL = "https://delinde.example/"
-- content/activities/eten.md --
+++
title = "Samen eten"
when = "elke vrijdag 18:00-20:00"
draft = true
+++
Eten.
-- content/over-ons.md --
# Over ons

Kom ook [samen eten](activities/eten.md).
`
	for _, f := range txtar.Parse([]byte(files)).Files {
		writeFile(t, filepath.Join(site, filepath.FromSlash(f.Name)), f.Data)
	}
	const warning = `content/over-ons.md:3:9: waarschuwing: de link naar "activities/eten.md" is gewone tekst geworden`
	for i := range 3 {
		if i == 2 { // an edit of the draft: the page with the link stays the same
			writeFile(t, filepath.Join(site, "content", "activities", "eten.md"), []byte("+++\ntitle = \"Samen eten\"\nwhen = \"elke vrijdag 18:00-20:00\"\ndraft = true\n+++\nEten, met soep.\n"))
		}
		code, o, e := runCmd(t, "build", "--site", site, "--out", out, "--today", "2026-11-25")
		if code != exitOK {
			t.Fatalf("build %d: exit %d\n%s%s", i+1, code, o, e)
		}
		if !strings.Contains(e, warning) {
			t.Errorf("build %d does not warn about the link to the draft:\n%s", i+1, e)
		}
	}
}

// TestRebuildKeepsTheRecordBesidePublic builds a site into its own
// public/ as a volunteer does: the record of what was parsed is kept next
// to public/, never in it. A build after an edit gives what a first build
// into a new folder gives, and so does a build whose record was damaged.
func TestRebuildKeepsTheRecordBesidePublic(t *testing.T) {
	site := t.TempDir()
	long := time.Now().Add(-time.Hour)
	for _, f := range txtar.Parse([]byte(rebuildSite)).Files {
		p := filepath.Join(site, filepath.FromSlash(f.Name))
		writeFile(t, p, f.Data)
		if err := os.Chtimes(p, long, long); err != nil {
			t.Fatal(err)
		}
	}
	public := filepath.Join(site, "public")
	record := filepath.Join(site, ".krachtpunt-parsed-public")
	build := func(args ...string) {
		t.Helper()
		if code, o, e := runCmd(t, append([]string{"build", "--site", site, "--today", "2026-11-25"}, args...)...); code != exitOK || e != "" {
			t.Fatalf("build: exit %d\n%s%s", code, o, e)
		}
	}
	// same checks that public/ is what a first build into a new folder
	// makes, and holds nothing of the record.
	same := func(when string) {
		t.Helper()
		fresh := filepath.Join(t.TempDir(), "public")
		build("--out", fresh)
		got, want := files(t, public), files(t, fresh)
		if !maps.Equal(got, want) {
			t.Errorf("%s: public/ has %d files, a first build into a new folder %d, or other bytes", when, len(got), len(want))
		}
		for p := range got {
			if strings.Contains(p, "krachtpunt") {
				t.Errorf("%s: published %s", when, p)
			}
		}
	}
	build()
	fi, err := os.Stat(record)
	if err != nil {
		t.Fatalf("no record next to public/: %v", err)
	}
	if !fi.Mode().IsRegular() || fi.Size() == 0 {
		t.Fatalf("the record is %v, %d bytes", fi.Mode(), fi.Size())
	}
	same("the first build")

	story := filepath.Join(site, "content", "stories", "tuin.md")
	data, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, story, []byte(strings.Replace(string(data), "bonen", "bonen en pompoenen", 1)))
	build()
	if !strings.Contains(files(t, public)["verhalen/tuin/index.html"], "pompoenen") {
		t.Error("the story's page does not show the edit")
	}
	same("after an edit")

	if err := os.WriteFile(record, []byte("krachtpunt parsed files\nkapot"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeFile(t, story, []byte(strings.Replace(string(data), "bonen", "bonen en tomaten", 1)))
	build()
	if !strings.Contains(files(t, public)["verhalen/tuin/index.html"], "bonen en tomaten") {
		t.Error("after the record was damaged, the story's page does not show the edit")
	}
	same("with a damaged record")
	if data, err := os.ReadFile(record); err != nil || strings.HasSuffix(string(data), "kapot") {
		t.Errorf("the damaged record was not written again: %v", err)
	}
}
