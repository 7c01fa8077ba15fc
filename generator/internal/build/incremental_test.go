package build

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	giflib "image/gif"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"krachtpunt/generator/internal/photo/phototest"
	"krachtpunt/generator/internal/schedule"
)

const incrementalSite = `
-- site.toml --
title = "De Linde"
[calendar]
weeks = 3
-- content/_index.md --
Welkom.
-- content/opening-hours.md --
+++
[hours]
monday = "09:00-17:00"
+++
-- content/activities/koffie.md --
+++
title = "Koffieochtend"
when = "elke dinsdag 10:00-12:00"
+++
Koffie.
-- content/activities/eten.md --
+++
title = "Samen eten"
when = "elke woensdag 17:30-19:30"
+++
-- content/stories/tuin.md --
+++
title = "De tuin"
date = 2026-10-12
consent = true
+++
Tomaten.
-- content/stories/fiets.md --
+++
title = "De fiets"
date = 2026-10-01
consent = true
+++
Banden.
-- content/over-ons.md --
+++
title = "Over ons"
menu = 1
+++
Zie [koffie](activities/koffie.md).
-- content/foto.jpg --
photo 40x30
`

// gif returns the bytes of a w by h GIF image.
func gif(w, h int) []byte {
	var buf bytes.Buffer
	if err := giflib.Encode(&buf, image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.White}), nil); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// TestIncrementalEqualsFullBuild edits a site step by step and checks after
// every step that the incremental build equals a full build byte for byte,
// and that it rendered only what the change touched.
func TestIncrementalEqualsFullBuild(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, data := range siteFS(t, nil).(fstest.MapFS) {
		fsys[name] = data
	}
	for _, f := range txtar.Parse([]byte(incrementalSite)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: phototest.Expand(f.Name, f.Data)}
	}
	today, _ := schedule.ParseDate("2026-11-23")
	b := NewBuilder(fsys, nil)
	ctx := context.Background()
	if _, err := b.Build(ctx, nil, today); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name        string
		edit        func()
		changed     []string
		mustRender  []string
		mustNot     []string
		photos      []string // the photos processed, all others taken over
		pageHas     map[string][]string
		gone        []string // files the build no longer publishes
		wantFailure bool
	}{
		{
			name: "story edited",
			edit: func() {
				fsys["content/stories/tuin.md"].Data = []byte("+++\ntitle = \"De buurttuin\"\ndate = 2026-10-12\nconsent = true\n+++\nPompoenen.\n")
			},
			changed:    []string{"content/stories/tuin.md"},
			mustRender: []string{"verhalen/tuin/index.html", "verhalen/index.html", "verhalen/feed.xml", "index.html"},
			mustNot:    []string{"activiteiten/koffie/index.html", "activiteiten/index.html", "agenda/index.html", "agenda/dag/2026-11-24/index.html", "verhalen/fiets/index.html", "over-ons/index.html"},
		},
		{
			name: "activity edited",
			edit: func() {
				fsys["content/activities/koffie.md"].Data = []byte("+++\ntitle = \"Koffieochtend\"\nwhen = \"elke dinsdag 10:00-12:30\"\n+++\nKoffie en thee.\n")
			},
			changed:    []string{"content/activities/koffie.md"},
			mustRender: []string{"activiteiten/koffie/index.html", "activiteiten/koffie/agenda.ics", "activiteiten/index.html", "agenda/index.html", "agenda/week/2026-W48/index.html", "agenda/dag/2026-11-24/index.html", "agenda/2026-11/index.html", "agenda.ics", "agenda.json", "index.html"},
			mustNot:    []string{"activiteiten/eten/index.html", "activiteiten/eten/agenda.ics", "verhalen/tuin/index.html", "over-ons/index.html"},
		},
		{
			name: "opening hours edited",
			edit: func() {
				fsys["content/opening-hours.md"].Data = []byte("+++\n[hours]\nmonday = \"09:00-17:00\"\n[[closed]]\nfrom = 2026-12-01\nreason = \"Teamdag\"\n+++\n")
			},
			changed:    []string{"content/opening-hours.md"},
			mustRender: []string{"openingstijden/index.html", "activiteiten/koffie/index.html", "agenda.json", "index.html"},
			mustNot:    []string{"verhalen/tuin/index.html", "over-ons/index.html"},
		},
		{
			name: "broken save",
			edit: func() {
				fsys["content/activities/eten.md"].Data = []byte("+++\ntitle = \"Samen eten\"\nwhen = \"elke woensdg 17:30-19:30\"\n+++\n")
			},
			changed:     []string{"content/activities/eten.md"},
			wantFailure: true,
		},
		{
			name: "fixed save",
			edit: func() {
				fsys["content/activities/eten.md"].Data = []byte("+++\ntitle = \"Samen eten\"\nwhen = \"elke woensdag 18:00-20:00\"\n+++\n")
			},
			changed:    []string{"content/activities/eten.md"},
			mustRender: []string{"activiteiten/eten/index.html"},
			mustNot:    []string{"activiteiten/koffie/index.html", "verhalen/tuin/index.html"},
		},
		{
			name: "page edited",
			edit: func() {
				fsys["content/over-ons.md"].Data = []byte("+++\ntitle = \"Over ons\"\nmenu = 1\n+++\nWij zijn er voor iedereen.\n")
			},
			changed:    []string{"content/over-ons.md"},
			mustRender: []string{"over-ons/index.html"},
			mustNot:    []string{"index.html", "activiteiten/koffie/index.html", "verhalen/tuin/index.html"},
		},
		{
			name: "activity added",
			edit: func() {
				fsys["content/activities/taal.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Taalcafé\"\nwhen = \"every thursday 19:00-20:30\"\n+++\n")}
			},
			changed:    []string{"content/activities/taal.md"},
			mustRender: []string{"activiteiten/taal/index.html", "sitemap.xml", "verhalen/tuin/index.html"},
		},
		{
			name: "stories added to fill the first page",
			edit: func() {
				for i := 1; i <= 18; i++ {
					fsys[fmt.Sprintf("content/stories/s%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("+++\ntitle = \"Verhaal %d\"\ndate = 2026-11-%02d\nconsent = true\n+++\n", i, i))}
				}
			},
			changed:    []string{"content/stories/s01.md", "content/stories/s02.md", "content/stories/s03.md", "content/stories/s04.md", "content/stories/s05.md", "content/stories/s06.md", "content/stories/s07.md", "content/stories/s08.md", "content/stories/s09.md", "content/stories/s10.md", "content/stories/s11.md", "content/stories/s12.md", "content/stories/s13.md", "content/stories/s14.md", "content/stories/s15.md", "content/stories/s16.md", "content/stories/s17.md", "content/stories/s18.md"},
			mustRender: []string{"verhalen/index.html", "verhalen/s18/index.html"},
			pageHas:    map[string][]string{"verhalen/index.html": {`<a href="/verhalen/fiets/">De fiets</a>`}},
			gone:       []string{"verhalen/pagina/2/index.html"},
		},
		{
			name: "story added, the oldest moves to page 2",
			edit: func() {
				fsys["content/stories/s19.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Verhaal 19\"\ndate = 2026-11-19\nconsent = true\n+++\n")}
			},
			changed:    []string{"content/stories/s19.md"},
			mustRender: []string{"verhalen/index.html", "verhalen/pagina/2/index.html", "sitemap.xml"},
			pageHas: map[string][]string{
				"verhalen/pagina/2/index.html": {`<a href="/verhalen/fiets/">De fiets</a>`, `<link rel="prev" href="/verhalen/">`},
				"verhalen/index.html":          {`<link rel="next" href="/verhalen/pagina/2/">`, `<a href="/verhalen/s19/">Verhaal 19</a>`},
				"sitemap.xml":                  {`<loc>/verhalen/pagina/2/</loc>`},
			},
		},
		{
			name:       "story removed",
			edit:       func() { delete(fsys, "content/stories/fiets.md") },
			changed:    []string{"content/stories/fiets.md"},
			mustRender: []string{"verhalen/index.html"},
			gone:       []string{"verhalen/pagina/2/index.html"},
		},
		{
			name:    "static file changed",
			edit:    func() { fsys["content/foto.jpg"].Data = phototest.JPEG(phototest.Scene(30, 40), nil) },
			changed: []string{"content/foto.jpg"},
			mustNot: []string{"index.html", "verhalen/tuin/index.html"},
			photos:  []string{"foto.jpg"},
		},
		{
			name: "photo of an activity replaced",
			edit: func() {
				fsys["content/activities/koffie.gif"] = &fstest.MapFile{Data: gif(40, 30)}
				fsys["content/activities/koffie.md"].Data = []byte("+++\ntitle = \"Koffieochtend\"\nwhen = \"elke dinsdag 10:00-12:30\"\nimage = \"koffie.gif\"\nimage_alt = \"Kopjes\"\n+++\n")
			},
			changed:    []string{"content/activities/koffie.gif", "content/activities/koffie.md"},
			mustRender: []string{"activiteiten/koffie/index.html"},
		},
		{
			name:       "photo resized",
			edit:       func() { fsys["content/activities/koffie.gif"].Data = gif(80, 60) },
			changed:    []string{"content/activities/koffie.gif"},
			mustRender: []string{"activiteiten/koffie/index.html"},
			mustNot:    []string{"activiteiten/eten/index.html", "index.html"},
		},
		{
			name: "photo shown in a page's text and a story",
			edit: func() {
				fsys["content/over-ons.md"].Data = []byte("+++\ntitle = \"Over ons\"\nmenu = 1\n+++\n![Kopjes op tafel](foto.jpg)\n")
				fsys["content/stories/tuin.md"].Data = []byte("+++\ntitle = \"De buurttuin\"\ndate = 2026-10-12\nconsent = true\nimage = \"foto.jpg\"\nimage_alt = \"Kopjes\"\n+++\nPompoenen.\n")
			},
			changed:    []string{"content/over-ons.md", "content/stories/tuin.md"},
			mustRender: []string{"over-ons/index.html", "verhalen/tuin/index.html"},
			pageHas:    map[string][]string{"over-ons/index.html": {`<img src="/foto.jpg" alt="Kopjes op tafel" width="30" height="40" loading="lazy">`}},
		},
		{
			name: "photo replaced by a larger one, turned",
			edit: func() {
				fsys["content/foto.jpg"].Data = phototest.JPEG(phototest.Stored(phototest.Scene(2400, 1800), 6), phototest.EXIF(6))
			},
			changed: []string{"content/foto.jpg"},
			// The list of stories and the feed show the story, whose view
			// holds the photo's size; the home page shows three newer ones.
			mustRender: []string{"over-ons/index.html", "verhalen/tuin/index.html", "verhalen/index.html", "verhalen/feed.xml"},
			mustNot:    []string{"agenda/index.html", "activiteiten/koffie/index.html", "verhalen/fiets/index.html", "index.html"},
			photos:     []string{"foto.jpg"},
			pageHas: map[string][]string{
				"over-ons/index.html":      {`<img src="/foto.jpg" alt="Kopjes op tafel" width="1600" height="1200" srcset="/foto-800.jpg 800w, /foto.jpg 1600w" sizes="(min-width: 828px) 792px, calc(100vw - 36px)" loading="lazy">`},
				"verhalen/tuin/index.html": {`<img src="/foto.jpg" alt="Kopjes" width="1600" height="1200" srcset="/foto-800.jpg 800w, /foto.jpg 1600w" sizes="(min-width: 828px) 792px, calc(100vw - 36px)">`},
			},
		},
		{
			name:       "photo made smaller again",
			edit:       func() { fsys["content/foto.jpg"].Data = phototest.JPEG(phototest.Scene(900, 600), phototest.EXIF(1)) },
			changed:    []string{"content/foto.jpg"},
			mustRender: []string{"over-ons/index.html", "verhalen/tuin/index.html"},
			photos:     []string{"foto.jpg"},
			pageHas: map[string][]string{
				"verhalen/tuin/index.html": {`<img src="/foto.jpg" alt="Kopjes" width="900" height="600">`},
			},
		},
		{
			name:       "settings changed",
			edit:       func() { fsys["site.toml"].Data = []byte("title = \"Buurthuis De Linde\"\n[calendar]\nweeks = 3\n") },
			changed:    []string{"site.toml"},
			mustRender: []string{"index.html", "verhalen/tuin/index.html", "activiteiten/eten/agenda.ics"},
		},
		{
			name: "page links to an activity",
			edit: func() {
				fsys["content/over-ons.md"].Data = []byte("+++\ntitle = \"Over ons\"\nmenu = 1\n+++\nKom naar de [koffie](activities/koffie.md).\n")
			},
			changed:    []string{"content/over-ons.md"},
			mustRender: []string{"over-ons/index.html"},
			mustNot:    []string{"activiteiten/koffie/index.html"},
		},
		{
			name: "linked activity made a draft",
			edit: func() {
				fsys["content/activities/koffie.md"].Data = []byte("+++\ntitle = \"Koffieochtend\"\nwhen = \"elke dinsdag 10:00-12:30\"\nconcept = true\n+++\n")
			},
			changed:    []string{"content/activities/koffie.md"},
			mustRender: []string{"over-ons/index.html", "agenda.json"},
		},
		{
			name:        "linked draft deleted",
			edit:        func() { delete(fsys, "content/activities/koffie.md") },
			changed:     []string{"content/activities/koffie.md"},
			wantFailure: true, // the link on over-ons.md leads nowhere now
		},
		{
			name: "linked draft back and ready",
			edit: func() {
				fsys["content/activities/koffie.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Koffieochtend\"\nwhen = \"elke dinsdag 10:00-12:30\"\n+++\n")}
			},
			changed:    []string{"content/activities/koffie.md"},
			mustRender: []string{"over-ons/index.html", "activiteiten/koffie/index.html"},
		},
	}
	for _, st := range steps {
		st.edit()
		before := b.last
		up, err := b.Build(ctx, st.changed, today)
		if st.wantFailure {
			if err == nil {
				t.Fatalf("%s: build succeeded, want problems", st.name)
			}
			if b.last != before {
				t.Fatalf("%s: a failed build replaced the last good site", st.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		full := &Memory{}
		if _, err := Build(ctx, Options{Site: fsys, Today: today, Out: full}); err != nil {
			t.Fatalf("%s: full build: %v", st.name, err)
		}
		if !slices.Equal(up.Photos, st.photos) {
			t.Errorf("%s: processed photos %v, want %v", st.name, up.Photos, st.photos)
		}
		for p, lines := range st.pageHas {
			for _, l := range lines {
				if !strings.Contains(string(up.Files[p]), l) {
					t.Errorf("%s: %s lacks %s", st.name, p, l)
				}
			}
		}
		for _, p := range st.gone {
			if _, ok := up.Files[p]; ok {
				t.Errorf("%s: %s is still published", st.name, p)
			}
		}
		if len(up.Files) != len(full.Files) {
			t.Errorf("%s: %d files incrementally, %d in a full build", st.name, len(up.Files), len(full.Files))
		}
		for p, data := range full.Files {
			if got, ok := up.Files[p]; !ok || string(got) != string(data) {
				t.Errorf("%s: %s differs from a full build", st.name, p)
			}
		}
		for _, p := range st.mustRender {
			if !slices.Contains(up.Rendered, p) {
				t.Errorf("%s: %s was not rendered; rendered: %s", st.name, p, strings.Join(up.Rendered, " "))
			}
		}
		for _, p := range st.mustNot {
			if slices.Contains(up.Rendered, p) {
				t.Errorf("%s: %s was rendered again; it did not change", st.name, p)
			}
		}
		if len(st.changed) == 1 && strings.HasSuffix(st.changed[0], ".md") && st.name != "settings changed" {
			if _, gone := fsys[st.changed[0]]; gone && !slices.Equal(up.Parsed, []string{strings.TrimPrefix(st.changed[0], "content/")}) {
				t.Errorf("%s: parsed %v, want only the changed file", st.name, up.Parsed)
			}
		}
	}
}
