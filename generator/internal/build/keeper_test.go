package build

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"krachtpunt/generator/internal/outdir"
	"krachtpunt/generator/internal/photo/phototest"
	"krachtpunt/generator/internal/schedule"
)

// editableSite returns the site of incrementalSite as a map that tests
// may edit.
func editableSite(t *testing.T, extra string) fstest.MapFS {
	t.Helper()
	return txtarSite(incrementalSite + extra)
}

// txtarSite is the site of the txtar archive src as a map that tests may
// edit, with its photo lines made into photos (phototest.Expand).
func txtarSite(src string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(src)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: phototest.Expand(f.Name, f.Data)}
	}
	return fsys
}

// fullBuild builds fsys from nothing into memory.
func buildIntoMemory(t *testing.T, fsys fstest.MapFS, today schedule.Date) map[string][]byte {
	t.Helper()
	out := &Memory{}
	if _, err := Build(context.Background(), Options{Site: fsys, Today: today, Out: out}); err != nil {
		t.Fatalf("full build: %v", err)
	}
	return out.Files
}

func sameSite(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	for _, p := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[p]; !ok || string(g) != string(want[p]) {
			t.Errorf("%s: %s differs from a full build", step, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s is published, a full build has no such file", step, p)
		}
	}
}

// TestPreviewFollowsThemeAndTimezone edits theme files, the theme and the
// timezone in site.toml while the preview runs: every change shows, and
// each build equals a full one.
func TestPreviewFollowsThemeAndTimezone(t *testing.T) {
	fsys := editableSite(t, "")
	fsys["site.toml"].Data = []byte("title = \"De Linde\"\ntimezone = \"Europe/Amsterdam\"\n[calendar]\nweeks = 3\n")
	b := NewBuilder(fsys, nil)
	// Half past midnight on 25 November in Amsterdam; still the 24th in New York.
	b.now = time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC)
	ctx := context.Background()
	nov24, nov25 := schedule.Date{Year: 2026, Month: 11, Day: 24}, schedule.Date{Year: 2026, Month: 11, Day: 25}
	up, err := b.Build(ctx, nil, schedule.Date{})
	if err != nil {
		t.Fatal(err)
	}
	sameSite(t, "first build", up.Files, buildIntoMemory(t, fsys, nov25))

	steps := []struct {
		name    string
		edit    func()
		changed []string
		today   schedule.Date
		pageHas map[string]string
	}{
		{
			name: "a word of the theme changed",
			edit: func() {
				fsys["themes/default/i18n/nl.toml"] = &fstest.MapFile{Data: []byte("agenda = \"Wat is er te doen\"\n")}
			},
			changed: []string{"themes/default/i18n/nl.toml"},
			today:   nov25,
			pageHas: map[string]string{"verhalen/tuin/index.html": "Wat is er te doen", "agenda/index.html": "Wat is er te doen"},
		},
		{
			name: "a layout of the theme changed",
			edit: func() {
				fsys["themes/default/layouts/_story-card.html"] = &fstest.MapFile{Data: []byte("<article class=\"card verhaal\"><h3><a href=\"{{.URL}}\">{{.Title}}</a></h3></article>\n")}
			},
			changed: []string{"themes/default/layouts/_story-card.html"},
			today:   nov25,
			pageHas: map[string]string{"index.html": `<article class="card verhaal">`},
		},
		{
			name: "another theme chosen",
			edit: func() {
				fsys["themes/linde/static/style.css"] = &fstest.MapFile{Data: []byte("body { color: #123; }\n")}
				fsys["site.toml"].Data = []byte("title = \"De Linde\"\ntimezone = \"Europe/Amsterdam\"\ntheme = \"linde\"\n[calendar]\nweeks = 3\n")
			},
			changed: []string{"site.toml", "themes/linde/static/style.css"},
			today:   nov25,
			pageHas: map[string]string{"style.css": "color: #123", "agenda/index.html": ">Agenda<"},
		},
		{
			name: "the timezone changed",
			edit: func() {
				fsys["site.toml"].Data = []byte("title = \"De Linde\"\ntimezone = \"America/New_York\"\ntheme = \"linde\"\n[calendar]\nweeks = 3\n")
			},
			changed: []string{"site.toml"},
			today:   nov24,
			pageHas: map[string]string{"index.html": `"zone":"America/New_York"`, "agenda.json": `"from":"2026-11-24"`},
		},
	}
	for _, st := range steps {
		st.edit()
		up, err := b.Build(ctx, st.changed, schedule.Date{})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		sameSite(t, st.name, up.Files, buildIntoMemory(t, fsys, st.today))
		for p, s := range st.pageHas {
			if !strings.Contains(string(up.Files[p]), s) {
				t.Errorf("%s: %s lacks %s", st.name, p, s)
			}
		}
	}
}

// fakeKeeper is an output folder over an earlier build: the files and keys
// of prev. It collects the new build and notes what was kept.
type fakeKeeper struct {
	prev    *Memory
	now     Memory
	mu      sync.Mutex
	kept    []string
	created []string
}

func (k *fakeKeeper) Create(p, key string) (io.WriteCloser, error) {
	k.mu.Lock()
	k.created = append(k.created, p)
	k.mu.Unlock()
	return k.now.Create(p, key)
}

func (k *fakeKeeper) PreviousKey(p string) string { return k.prev.Keys[p] }

func (k *fakeKeeper) Keep(p, key string) error {
	k.mu.Lock()
	k.kept = append(k.kept, p)
	k.mu.Unlock()
	k.now.put(p, key, k.prev.Files[p])
	return nil
}

// TestKeeperKeepsWhatDidNotChange builds into an output that holds an
// earlier build, as `build` does into the previous public/: after one
// edit only the outputs whose inputs changed are made, the others are
// kept, and the site equals a full build.
func TestKeeperKeepsWhatDidNotChange(t *testing.T) {
	fsys := editableSite(t, "")
	today := schedule.Date{Year: 2026, Month: 11, Day: 23}
	ctx := context.Background()
	prev := &Memory{}
	build := func(step string) *fakeKeeper {
		t.Helper()
		k := &fakeKeeper{prev: prev}
		res, err := Build(ctx, Options{Site: fsys, Today: today, Out: k})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if res.Kept != len(k.kept) {
			t.Errorf("%s: Result.Kept = %d, %d kept", step, res.Kept, len(k.kept))
		}
		sameSite(t, step, k.now.Files, buildIntoMemory(t, fsys, today))
		slices.Sort(k.created)
		prev = &k.now
		return k
	}
	first := build("first build")
	if len(first.kept) != 0 || len(first.created) < 20 {
		t.Fatalf("first build: %d kept, %d made; want nothing kept", len(first.kept), len(first.created))
	}
	if again := build("same content again"); len(again.created) != 0 {
		t.Errorf("same content again: made %v, want everything kept", again.created)
	}
	steps := []struct {
		name string
		edit func()
		want []string // exactly the files made again
	}{
		{
			name: "story edited",
			edit: func() {
				fsys["content/stories/tuin.md"].Data = []byte("+++\ntitle = \"De tuin\"\ndate = 2026-10-12\nconsent = true\n+++\nPompoenen.\n")
			},
			want: []string{"index.html", "verhalen/feed.xml", "verhalen/index.html", "verhalen/tuin/index.html"},
		},
		{
			name: "activity edited",
			edit: func() {
				fsys["content/activities/eten.md"].Data = []byte("+++\ntitle = \"Samen eten\"\nwhen = \"elke woensdag 18:00-20:00\"\n+++\n")
			},
			want: append([]string{"activiteiten/eten/agenda.ics", "activiteiten/eten/index.html", "activiteiten/eten/poster/index.html", "activiteiten/index.html",
				"activiteiten/op/dinsdag/agenda.ics", "activiteiten/op/dinsdag/index.html", "activiteiten/op/woensdag/agenda.ics", "activiteiten/op/woensdag/index.html",
				"activiteiten/vrije-inloop/agenda.ics", "activiteiten/vrije-inloop/index.html",
				"agenda.ics", "agenda.json", "agenda/2026-11/index.html", "agenda/2026-12/index.html", "agenda/index.html",
				"agenda/week/2026-W48/index.html", "agenda/week/2026-W48/poster/index.html", "agenda/week/2026-W49/index.html",
				"agenda/week/2026-W49/poster/index.html", "agenda/week/2026-W50/index.html", "agenda/week/2026-W50/poster/index.html",
				"agenda/wijzigingen/feed.xml", "agenda/wijzigingen/index.html", "index.html", "sitemap.xml"}, datePages("2026-11-23", 21)...),
		},
		{
			name: "photo shown in a story's text replaced",
			edit: func() {
				fsys["content/stories/fiets.md"].Data = []byte("+++\ntitle = \"De fiets\"\ndate = 2026-10-01\nconsent = true\n+++\nBanden. ![De fiets](../foto.jpg)\n")
			},
			want: []string{"index.html", "verhalen/feed.xml", "verhalen/fiets/index.html", "verhalen/index.html"},
		},
		{
			name: "that photo resized",
			edit: func() { fsys["content/foto.jpg"].Data = phototest.JPEG(phototest.Scene(60, 80), nil) },
			want: []string{"foto.jpg", "index.html", "verhalen/feed.xml", "verhalen/fiets/index.html", "verhalen/index.html"},
		},
	}
	for _, st := range steps {
		st.edit()
		k := build(st.name)
		slices.Sort(st.want)
		if !slices.Equal(k.created, st.want) {
			t.Errorf("%s: made %v\nwant %v", st.name, k.created, st.want)
		}
	}
	if !strings.Contains(string(prev.Files["verhalen/fiets/index.html"]), `width="60" height="80"`) {
		t.Errorf("the story page does not show the resized photo's size")
	}
}

// TestRebuildIntoPublicKeepsUnchangedFiles builds into a real output
// folder twice, with one story edited in between, as `build` does: the
// files the story is on are made again, every other file is the previous
// build's own (same file, same modification time), and the folder holds
// what a build into an empty folder holds.
func TestRebuildIntoPublicKeepsUnchangedFiles(t *testing.T) {
	site := t.TempDir()
	writeArchive(t, site, exampleSite)
	out := filepath.Join(t.TempDir(), "public")
	if err := buildDir(t, site, out); err != nil {
		t.Fatal(err)
	}
	before := map[string]os.FileInfo{}
	for p := range readDir(t, out) {
		fi, err := os.Stat(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		before[p] = fi
	}
	time.Sleep(20 * time.Millisecond) // a file written again has a later time
	writeFile(t, filepath.Join(site, "content/stories/tuin.md"), []byte("+++\ntitle = \"De tuin\"\ndate = 2026-10-12\nconsent = true\n+++\nOver de tuin en de bomen.\n"))
	ctx := context.Background()
	d, err := outdir.Open(ctx, out, outdir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(ctx, Options{Site: os.DirFS(site), Today: schedule.Date{Year: 2026, Month: 11, Day: 25}, Out: d})
	if err != nil {
		d.Abort()
		t.Fatal(err)
	}
	stats := d.Stats()
	if err := d.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	made := map[string]bool{"index.html": true, "verhalen/index.html": true, "verhalen/tuin/index.html": true, "verhalen/feed.xml": true}
	// Only those are made at all; the others are kept without rendering.
	if res.Kept != len(before)-len(made) || stats.Written != len(made) {
		t.Errorf("kept %d of %d files, wrote %d; want %d kept and %d made", res.Kept, len(before), stats.Written, len(before)-len(made), len(made))
	}
	for p, old := range before {
		fi, err := os.Stat(filepath.Join(out, p))
		if err != nil {
			t.Fatalf("%s is gone: %v", p, err)
		}
		kept := os.SameFile(old, fi) && fi.ModTime().Equal(old.ModTime())
		if made[p] && kept {
			t.Errorf("%s shows the edited story but was kept", p)
		}
		if !made[p] && !kept {
			t.Errorf("%s did not change but was written again", p)
		}
	}
	fresh := filepath.Join(t.TempDir(), "public")
	if err := buildDir(t, site, fresh); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, readDir(t, out), readDir(t, fresh))
}

// datePages returns the paths of the pages of n dates from the date first
// on, for a site in Dutch whose dates have one page each.
func datePages(first string, n int) []string {
	d, err := schedule.ParseDate(first)
	if err != nil {
		panic(err)
	}
	var out []string
	for i := range n {
		out = append(out, "agenda/dag/"+d.AddDays(i).String()+"/index.html")
	}
	return out
}

// TestStoryEditMakesOnlyThePagesShowingIt edits stories of a site with
// three pages of stories: only the pages that show the edited story, or
// whose list of stories changed, are made again; every other page of the
// list is kept, and the site equals a full build.
func TestStoryEditMakesOnlyThePagesShowingIt(t *testing.T) {
	var extra strings.Builder
	for i := range 45 {
		// Older than the site's own two stories, the newest first.
		fmt.Fprintf(&extra, "-- content/stories/verhaal-%02d.md --\n+++\ntitle = \"Verhaal %d\"\ndate = %s\nconsent = true\n+++\nTekst %d.\n",
			i, i, schedule.Date{Year: 2025, Month: 1, Day: 1}.AddDays(i), i)
	}
	fsys := editableSite(t, extra.String())
	story := func(i int, date string) []byte {
		return fmt.Appendf(nil, "+++\ntitle = \"Verhaal %d\"\ndate = %s\nconsent = true\n+++\nTekst %d, bewerkt.\n", i, date, i)
	}
	today := schedule.Date{Year: 2026, Month: 11, Day: 23}
	prev := &Memory{}
	build := func(step string) []string {
		t.Helper()
		k := &fakeKeeper{prev: prev}
		if _, err := Build(context.Background(), Options{Site: fsys, Today: today, Out: k}); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		sameSite(t, step, k.now.Files, buildIntoMemory(t, fsys, today))
		prev = &k.now
		slices.Sort(k.created)
		return k.created
	}
	build("first build")
	if _, ok := prev.Files["verhalen/pagina/3/index.html"]; !ok {
		t.Fatal("the site has no third page of stories")
	}
	// The list, newest first: tuin, fiets, verhaal-44 … 27 on page 1;
	// verhaal-26 … 07 on page 2; verhaal-06 … 00 on page 3.
	steps := []struct {
		name string
		edit func()
		want []string
	}{
		{
			name: "text of a story on page 2 edited",
			edit: func() { fsys["content/stories/verhaal-10.md"].Data = story(10, "2025-01-11") },
			want: []string{"verhalen/pagina/2/index.html", "verhalen/verhaal-10/index.html"},
		},
		{
			name: "that story made the newest",
			edit: func() { fsys["content/stories/verhaal-10.md"].Data = story(10, "2026-11-01") },
			// It leaves page 2 for the top of page 1, and verhaal-27 moves
			// from page 1 to page 2; page 3 lists what it listed.
			want: []string{"index.html", "verhalen/feed.xml", "verhalen/index.html", "verhalen/pagina/2/index.html", "verhalen/verhaal-10/index.html"},
		},
		{
			name: "text of the oldest story edited",
			edit: func() { fsys["content/stories/verhaal-00.md"].Data = story(0, "2025-01-01") },
			want: []string{"verhalen/pagina/3/index.html", "verhalen/verhaal-00/index.html"},
		},
	}
	for _, st := range steps {
		st.edit()
		if got := build(st.name); !slices.Equal(got, st.want) {
			t.Errorf("%s: made %v\nwant %v", st.name, got, st.want)
		}
	}
	if !strings.Contains(string(prev.Files["verhalen/index.html"]), "Tekst 10, bewerkt.") {
		t.Errorf("the first page of stories does not show the story made the newest")
	}
}
