package build

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/sitegen"
)

// recordSite has a file of every kind that is parsed, a story without
// consent, a draft, a file that names an image and one with a mistake
// that gives a warning.
const recordSite = `
-- site.toml --
title = "De Linde"
language = "nl"
baseURL = "https://delinde.example/"
[calendar]
weeks = 2
-- content/_index.md --
Welkom in De Linde.
-- content/activities/_index.md --
Alles wat er te doen is.
-- content/opening-hours.md --
+++
[hours]
monday = "09:00-17:00"
[[closed]]
from = 2026-12-24
until = 2026-12-26
+++
-- content/activities/koffie.md --
+++
title = "Koffieochtend"
when = ["elke dinsdag 10:00-12:00", "eerste zaterdag van de maand 10:00-11:00"]
image = "koffie.jpg"
image_alt = "Kopjes"
categorieen = ["ontmoeten"]
[[cancel]]
date = 2026-12-08
reason = "Studiedag"
[[change]]
date = 2026-12-01
time = "13:00-15:00"
room = "Zaal 2"
+++
Koffie en thee.
-- content/activities/eten.md --
+++
title = "Samen eten"
when = "elke woensdag 17:30-19:30"
draft = true
+++
-- content/stories/tuin.md --
+++
title = "De tuin"
date = 2026-10-12
consent = true
tags = []
+++
Tomaten in de tuin.

![De tomaten](../koffie.jpg)
-- content/stories/geheim.md --
+++
title = "Geheim"
date = 2026-10-02
+++
Nog geen toestemming.
-- content/stories/fiets.md --
+++
title = "De fiets"
date = 2026-10-01
author = "Henk"
consent = true
+++
Banden plakken.
-- content/over-ons.md --
# Over ons

Wij zijn het buurthuis.
`

var recordToday = schedule.Date{Year: 2026, Month: 11, Day: 25}

// writeRecordSite writes the archive into a new folder, every file with
// the time old, and returns the folder.
func writeRecordSite(t *testing.T, archive string, old time.Time) string {
	t.Helper()
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	files := txtar.Parse([]byte(archive)).Files
	files = append(files, txtar.File{Name: "content/koffie.jpg", Data: sitegen.Photo(40, 30, 1)})
	for _, f := range files {
		p := filepath.Join(site, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// buildWithRecord builds the site in the folder site with the record file
// next to it, as the command line does (a new Record each time, as each
// build is a new process), and saves the record.
func buildWithRecord(t *testing.T, site string) (built, []string) {
	t.Helper()
	rec := NewRecord(filepath.Join(filepath.Dir(site), ".krachtpunt-parsed-public"), site)
	out := &Memory{}
	b := &Builder{site: os.DirFS(site), out: out, rec: rec}
	up, err := b.Build(context.Background(), nil, recordToday)
	res := built{files: out.Files, failed: err != nil}
	if up == nil {
		t.Fatalf("the build failed: %v", err)
	}
	res.diags = up.Result.Diags.Format("en")
	if err != nil {
		t.Fatalf("the build failed: %v", err)
	}
	if err == nil {
		if err := rec.Save(); err != nil {
			t.Fatal(err)
		}
	}
	return res, up.Parsed
}

// parsedFiles are the files of recordSite that are parsed.
var parsedFiles = []string{"_index.md", "activities/_index.md", "activities/eten.md", "activities/koffie.md", "opening-hours.md", "over-ons.md", "stories/fiets.md", "stories/geheim.md", "stories/tuin.md"}

func checkParsed(t *testing.T, when string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: the build read %q, want %q", when, got, want)
	}
}

func checkFull(t *testing.T, when, site string, got built) {
	t.Helper()
	if diff := difference(got, fullBuild(context.Background(), os.DirFS(site), recordToday)); diff != "" {
		t.Errorf("%s: the build with the record differs from a full build:\n%s", when, diff)
	}
}

// TestRecordReadsOnlyTheEditedFile builds a site, edits one story and
// builds again: the second build reads that story alone and makes the same
// site, byte for byte, as a full build; a build with nothing changed reads
// nothing.
func TestRecordReadsOnlyTheEditedFile(t *testing.T) {
	site := writeRecordSite(t, recordSite, time.Now().Add(-time.Hour))
	first, parsed := buildWithRecord(t, site)
	checkParsed(t, "the first build", parsed, parsedFiles)
	checkFull(t, "the first build", site, first)
	again, parsed := buildWithRecord(t, site)
	checkParsed(t, "a build with nothing changed", parsed, nil)
	checkFull(t, "a build with nothing changed", site, again)

	p := filepath.Join(site, "content", "stories", "tuin.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), "Tomaten in de tuin.", "Tomaten en bonen in de tuin.", 1)
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	after, parsed := buildWithRecord(t, site)
	checkParsed(t, "after the edit", parsed, []string{"stories/tuin.md"})
	checkFull(t, "after the edit", site, after)
	if page := string(after.files["verhalen/tuin/index.html"]); !strings.Contains(page, "Tomaten en bonen") {
		t.Errorf("the story's page does not show the edit:\n%s", page)
	}

	// A photo comes next to the activity, where its image name looks
	// first: the activity is parsed again, though its bytes are the same.
	photo := filepath.Join(site, "content", "activities", "koffie.jpg")
	if err := os.WriteFile(photo, sitegen.Photo(30, 20, 3), 0o644); err != nil {
		t.Fatal(err)
	}
	moved, parsed := buildWithRecord(t, site)
	// (The story too: it was edited just now, see TestRecordNoticesAnEditInTheSameTick.)
	checkParsed(t, "after a photo was added next to the activity", parsed, []string{"activities/koffie.md", "stories/tuin.md"})
	checkFull(t, "after a photo was added next to the activity", site, moved)
}

// TestRecordNoticesAnEditInTheSameTick changes a file by hand right after
// a build, to the same size and with the same modification time, as an
// edit within one tick of the file system's clock would: the next build
// still reads it. A file whose time is well before the build is taken
// over.
func TestRecordNoticesAnEditInTheSameTick(t *testing.T) {
	site := writeRecordSite(t, recordSite, time.Now().Add(-time.Hour))
	p := filepath.Join(site, "content", "stories", "tuin.md")
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := os.Chtimes(p, now, now); err != nil { // written just now
		t.Fatal(err)
	}
	if _, parsed := buildWithRecord(t, site); len(parsed) != len(parsedFiles) {
		t.Fatalf("the first build read %q", parsed)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	same := strings.Replace(string(data), "Tomaten", "Bonen!!", 1)
	if len(same) != len(data) || int64(len(same)) != fi.Size() {
		t.Fatal("the edit changes the size")
	}
	if err := os.WriteFile(p, []byte(same), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, now, now); err != nil {
		t.Fatal(err)
	}
	after, parsed := buildWithRecord(t, site)
	checkParsed(t, "after an edit in the same tick", parsed, []string{"stories/tuin.md"})
	checkFull(t, "after an edit in the same tick", site, after)
	if page := string(after.files["verhalen/tuin/index.html"]); !strings.Contains(page, "Bonen!!") {
		t.Errorf("the story's page does not show the edit:\n%s", page)
	}
}

// TestRecordNoticesAnEditWithItsTimeSetBack changes a file by hand after
// a build, to the same size, and sets its modification time back to the
// old one it had, as touch -r or a copy that keeps times does: the next
// build still reads it and shows the edit.
func TestRecordNoticesAnEditWithItsTimeSetBack(t *testing.T) {
	old := time.Now().Add(-time.Hour)
	site := writeRecordSite(t, recordSite, old)
	buildWithRecord(t, site)
	if _, parsed := buildWithRecord(t, site); len(parsed) != 0 {
		t.Fatalf("a build with nothing changed read %q: the test shows nothing", parsed)
	}
	p := filepath.Join(site, "content", "stories", "tuin.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	same := strings.Replace(string(data), "Tomaten", "Bonen!!", 1)
	if len(same) != len(data) {
		t.Fatal("the edit changes the size")
	}
	if err := os.WriteFile(p, []byte(same), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
	after, parsed := buildWithRecord(t, site)
	checkParsed(t, "after an edit with its time set back", parsed, []string{"stories/tuin.md"})
	checkFull(t, "after an edit with its time set back", site, after)
	if page := string(after.files["verhalen/tuin/index.html"]); !strings.Contains(page, "Bonen!!") {
		t.Errorf("the story's page does not show the edit:\n%s", page)
	}
}

// TestRecordTrustsOnlyFilesOlderThanItsBuild checks the bound itself: a
// file whose time is the record's bound is not taken over, one a
// nanosecond older is.
func TestRecordTrustsOnlyFilesOlderThanItsBuild(t *testing.T) {
	site := writeRecordSite(t, recordSite, time.Now().Add(-time.Hour))
	buildWithRecord(t, site)
	recPath := filepath.Join(filepath.Dir(site), ".krachtpunt-parsed-public")
	raw, err := os.ReadFile(recPath)
	if err != nil {
		t.Fatal(err)
	}
	data, err := decodeRecord(raw)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(site, "content", "over-ons.md")
	for _, c := range []struct {
		mtime int64
		read  bool
	}{{data.Before, true}, {data.Before - 1, false}} {
		mt := time.Unix(0, c.mtime)
		if err := os.Chtimes(p, mt, mt); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		for i := range data.Files {
			if data.Files[i].Rel == "over-ons.md" {
				st := statOf(fi) // Chtimes moved the change time on
				data.Files[i].Mtime, data.Files[i].Ctime = st.mtime, st.ctime
			}
		}
		writeRecord(t, recPath, recordVersion, data)
		rec := NewRecord(recPath, site)
		b := &Builder{site: os.DirFS(site), out: &Memory{}, rec: rec}
		up, err := b.Build(context.Background(), nil, recordToday)
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(up.Parsed, "over-ons.md"); got != c.read {
			t.Errorf("a file with the time %d, the record's bound %d: read %v, want %v", fi.ModTime().UnixNano(), data.Before, got, c.read)
		}
	}
}

// writeRecord writes data as a record of version v, as Save does.
func writeRecord(t *testing.T, path string, v uint64, data *recordData) {
	t.Helper()
	e := &flatEncoder{}
	e.buf = append(e.buf, recordMagic...)
	e.encode(&v)
	e.encode(data)
	e.buf = binary.LittleEndian.AppendUint32(e.buf, crc32.Checksum(e.buf, castagnoli))
	if err := os.WriteFile(path, e.buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestUnusableRecordGivesAFullBuild damages the record in every way it
// can be, and writes records of another version, program and site: each
// build reads every file and makes the site a full build makes.
func TestUnusableRecordGivesAFullBuild(t *testing.T) {
	site := writeRecordSite(t, recordSite, time.Now().Add(-time.Hour))
	recPath := filepath.Join(filepath.Dir(site), ".krachtpunt-parsed-public")
	buildWithRecord(t, site)
	good, err := os.ReadFile(recPath)
	if err != nil {
		t.Fatal(err)
	}
	data, err := decodeRecord(good)
	if err != nil {
		t.Fatal(err)
	}
	// A record whose parsed file lies: only its bytes would tell.
	lying := *data
	lying.Files = slices.Clone(data.Files)
	for i, f := range lying.Files {
		if f.Rel == "stories/tuin.md" {
			it := *f.Item
			story := *it.Story
			story.Title = "Verzonnen"
			it.Story = &story
			lying.Files[i].Item = &it
		}
	}
	cases := map[string]func(){
		"empty":     func() { os.WriteFile(recPath, nil, 0o644) },
		"a folder":  func() { os.Remove(recPath); os.Mkdir(recPath, 0o755) },
		"a byte":    func() { os.WriteFile(recPath, append(slices.Clone(good[:len(good)/2]), good[len(good)/2]^1), 0o644) },
		"flipped":   func() { d := slices.Clone(good); d[len(d)/3] ^= 0x40; os.WriteFile(recPath, d, 0o644) },
		"version":   func() { writeRecord(t, recPath, recordVersion+1, data) },
		"program":   func() { d := *data; d.Program = "another"; writeRecord(t, recPath, recordVersion, &d) },
		"site":      func() { d := *data; d.Site = filepath.Join(d.Site, "x"); writeRecord(t, recPath, recordVersion, &d) },
		"tail lost": func() { os.WriteFile(recPath, good[:len(good)-1], 0o644) },
	}
	for cut := 1; cut < len(good); cut += 1 + len(good)/8 {
		cases["cut at "+strconv.Itoa(cut)] = func() { os.WriteFile(recPath, good[:cut], 0o644) }
	}
	for name, damage := range cases {
		os.RemoveAll(recPath)
		damage()
		rec := NewRecord(recPath, site)
		out := &Memory{}
		b := &Builder{site: os.DirFS(site), out: out, rec: rec}
		up, err := b.Build(context.Background(), nil, recordToday)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkParsed(t, name, up.Parsed, parsedFiles)
		checkFull(t, name, site, built{files: out.Files, diags: up.Result.Diags.Format("en")})
	}

	// The record is trusted for what it holds once the file's size, time
	// and number match: that is why it must be the program's own.
	os.RemoveAll(recPath)
	writeRecord(t, recPath, recordVersion, &lying)
	rec := NewRecord(recPath, site)
	out := &Memory{}
	if _, err := (&Builder{site: os.DirFS(site), out: out, rec: rec}).Build(context.Background(), nil, recordToday); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out.Files["verhalen/tuin/index.html"]), "Verzonnen") {
		t.Error("a well-formed record was not used: the cases above prove nothing")
	}
}

// TestRecordKeepsParsedFilesAsTheyAre writes the parsed files of the
// example's kind of site, of a generated site and of every mistake in the
// test archives through the record's encoding and reads them back: each
// must be deeply equal to what parsing gave, down to nil and empty lists.
func TestRecordKeepsParsedFilesAsTheyAre(t *testing.T) {
	var items []*content.Item
	add := func(fsys fs.FS) {
		rels, err := content.List(fsys)
		if err != nil {
			t.Fatal(err)
		}
		has := map[string]bool{}
		for _, rel := range rels {
			has[rel] = true
		}
		for _, rel := range rels {
			data, err := fs.ReadFile(fsys, content.Dir+"/"+rel)
			if err != nil {
				t.Fatal(err)
			}
			items = append(items, content.ParseFile(rel, data, func(f string) bool { return has[f] }))
		}
	}
	add(txtarFS(t, recordSite))
	add(siteFS(t, sitegen.Site(300)))
	add(siteFS(t, sitegen.Pages(200)))
	for _, dir := range []string{"testdata", "../../testdata/mistakes"} {
		archives, _ := filepath.Glob(filepath.Join(dir, "*.txtar"))
		for _, a := range archives {
			data, err := os.ReadFile(a)
			if err != nil {
				t.Fatal(err)
			}
			add(txtarFS(t, string(data)))
		}
	}
	if len(items) < 500 {
		t.Fatalf("only %d parsed files", len(items))
	}
	kinds := map[content.Kind]bool{}
	for _, it := range items {
		kinds[it.Kind] = true
	}
	e := &flatEncoder{}
	e.encode(&items)
	var back []*content.Item
	if err := (&flatDecoder{data: string(e.buf)}).decode(&back); err != nil {
		t.Fatal(err)
	}
	if len(back) != len(items) {
		t.Fatalf("%d parsed files came back of %d", len(back), len(items))
	}
	for i := range items {
		if !reflect.DeepEqual(items[i], back[i]) {
			t.Errorf("%s came back as\n%#v\nnot\n%#v", items[i].Rel, back[i], items[i])
		}
	}
	t.Logf("%d parsed files of %d kinds", len(items), len(kinds))
}

// txtarFS is the site of an archive, its photos left out.
func txtarFS(t *testing.T, archive string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		m[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return m
}

// TestFlatEncodingTellsNilFromEmpty checks what encoding/gob would lose.
func TestFlatEncodingTellsNilFromEmpty(t *testing.T) {
	type inner struct{ N int }
	type value struct {
		NilList, EmptyList []string
		NilMap, EmptyMap   map[string]bool
		NilPtr, ZeroPtr    *inner
		Neg                int
		Week               [2][]int
	}
	in := value{EmptyList: []string{}, EmptyMap: map[string]bool{}, ZeroPtr: &inner{}, Neg: -7, Week: [2][]int{nil, {}}}
	e := &flatEncoder{}
	e.encode(&in)
	var out value
	if err := (&flatDecoder{data: string(e.buf)}).decode(&out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("got %#v, want %#v", out, in)
	}
}

// BenchmarkRecordLoad reads the record of the generated 10,000-page site
// (every content file parsed) as a later build does, and reports its size;
// compare with the time of parsing the files (BenchmarkGeneratedSiteFloor).
func BenchmarkRecordLoad(b *testing.B) {
	fsys := siteFS(b, sitegen.Pages(10000))
	rels, err := content.List(fsys)
	if err != nil {
		b.Fatal(err)
	}
	has := map[string]bool{}
	for _, rel := range rels {
		has[rel] = true
	}
	data := &recordData{Program: programSum(), Site: "/site", Before: time.Now().UnixNano()}
	for _, rel := range rels {
		if content.KindOf(rel) == content.KindStatic {
			continue
		}
		src, err := fs.ReadFile(fsys, content.Dir+"/"+rel)
		if err != nil {
			b.Fatal(err)
		}
		pf := &parsedFile{sum: sumBytes(src), asked: map[string]bool{}}
		pf.item = content.ParseFile(rel, src, func(f string) bool { pf.asked[f] = has[f]; return has[f] })
		data.Files = append(data.Files, recFile{Rel: rel, Size: int64(len(src)), Sum: pf.sum, Asked: pf.asked, Item: pf.item})
	}
	path := filepath.Join(b.TempDir(), ".krachtpunt-parsed-public")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := writeRecordTo(f, data); err != nil {
		b.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	f.Close()
	rec := &Record{path: path, site: "/site"}
	for b.Loop() {
		got, err := rec.read()
		if err != nil || len(got.Files) != len(data.Files) {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(fi.Size())/1e6, "MB")
	b.ReportMetric(float64(len(data.Files)), "files")
}

// TestRecordWrittenAsideCountsOnlyWhenSaved writes the record while the
// site would be put in place: a build whose site is not put in place
// (Discard) leaves no record and no temporary file, so the next build
// reads every file; one that is (Save) leaves the record whole.
func TestRecordWrittenAsideCountsOnlyWhenSaved(t *testing.T) {
	site := writeRecordSite(t, recordSite, time.Now().Add(-time.Hour))
	path := filepath.Join(filepath.Dir(site), ".krachtpunt-parsed-public")
	build := func() (*Record, []string) {
		t.Helper()
		rec := NewRecord(path, site)
		b := &Builder{site: os.DirFS(site), out: &Memory{}, rec: rec}
		up, err := b.Build(context.Background(), nil, recordToday)
		if err != nil {
			t.Fatalf("the build failed: %v", err)
		}
		return rec, up.Parsed
	}
	rec, parsed := build()
	checkParsed(t, "the first build", parsed, parsedFiles)
	rec.Write()
	rec.Discard()
	rec.Discard() // twice does nothing
	for _, p := range []string{path, path + ".tmp"} {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("after Discard, %s is there (%v)", filepath.Base(p), err)
		}
	}
	if err := rec.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Save after Discard wrote a record (%v)", err)
	}

	rec, parsed = build()
	checkParsed(t, "the build after a discarded record", parsed, parsedFiles)
	rec.Write()
	if err := rec.Save(); err != nil {
		t.Fatal(err)
	}
	rec.Discard() // after Save: the record stays
	if _, err := os.Lstat(path + ".tmp"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after Save, the temporary file is there (%v)", err)
	}
	_, parsed = build()
	checkParsed(t, "the build after a saved record", parsed, nil)
}
