package build

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/photo/phototest"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/sitegen"
)

// BenchmarkBuild builds a site of 5,000 activities, 500 stories and 50
// pages (about 5,600 pages and 5,000 calendar files) into memory.
func BenchmarkBuild(b *testing.B) {
	fsys := siteFS(b, sitegen.Site(5000))
	today, _ := schedule.ParseDate("2026-11-25")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), Options{Site: fsys, Today: today, Out: Discard{}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCalendarOutputs measures what the calendar adds for 5,000
// activities over 12 weeks: expanding the occurrences, the agenda, week and
// month pages, agenda.json, agenda.ics and one .ics per activity.
func BenchmarkCalendarOutputs(b *testing.B) {
	fsys := siteFS(b, sitegen.Site(5000))
	var diags diag.List
	cfg := config.Load(fsys, &diags)
	site, cd, err := content.Load(context.Background(), fsys)
	if err != nil || cd.HasErrors() || diags.HasErrors() {
		b.Fatalf("loading: %v %v %v", err, cd, diags)
	}
	theme, td := render.LoadTheme(fsys, cfg.Theme, cfg.Language, cfg.ThemePos)
	if td.HasErrors() {
		b.Fatal(td)
	}
	today, _ := schedule.ParseDate("2026-11-25")
	b.ReportAllocs()
	for b.Loop() {
		p := newPlan(fsys, cfg, site, theme, today)
		p.cal.expand(nil, nil)
		for _, r := range p.routes {
			if !strings.HasPrefix(r.path, "agenda") && !strings.HasSuffix(r.path, ".ics") {
				continue
			}
			if _, err := r.make(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkIncrementalRebuild measures a rebuild after one file changed, on
// a generated site of about 1,000 pages: a story (its page, the stories
// list, the feed and the home page) and an activity (its page and calendar
// file, the agenda, week and month pages, agenda.json and agenda.ics).
func BenchmarkIncrementalRebuild(b *testing.B) {
	dir := b.TempDir()
	if err := sitegen.Write(dir, sitegen.Site(900)); err != nil {
		b.Fatal(err)
	}
	today, _ := schedule.ParseDate("2026-11-25")
	bl := NewBuilder(os.DirFS(dir), nil)
	if _, err := bl.Build(context.Background(), nil, today); err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct{ name, file string }{
		{"story", "content/stories/verhaal-00007.md"},
		{"activity", "content/activities/activiteit-00006.md"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bl.Build(context.Background(), []string{tc.file}, today); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExampleSite builds the example centre of the repository into
// memory.
func BenchmarkExampleSite(b *testing.B) {
	site := siteFS(b, buildExampleFiles(b))
	today, _ := schedule.ParseDate("2026-11-25")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), Options{Site: site, Today: today, Out: Discard{}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPhotoSite measures a site with four 12-megapixel phone photos
// (4032x3024, 4 MB each): a build, and the preview's rebuilds after a text
// was edited, after site.toml changed (every photo is read and hashed, none
// processed) and after one photo was replaced (it alone is processed).
func BenchmarkPhotoSite(b *testing.B) {
	files := map[string][]byte{"site.toml": []byte("title = \"De Linde\"\n")}
	big := phototest.JPEG(phototest.Stored(phototest.Texture(4032, 3024), 6), phototest.EXIF(6))
	other := phototest.JPEG(phototest.Texture(4032, 3024), phototest.EXIF(1))
	for _, name := range []string{"koffie", "taal", "tuin", "eten"} {
		files["content/activities/"+name+".jpg"] = big[:len(big):len(big)]
		files["content/activities/"+name+".md"] = []byte("+++\ntitle = \"" + name + "\"\nwhen = \"every tuesday 10:00-12:00\"\nimage = \"" + name + ".jpg\"\nimage_alt = \"Foto\"\n+++\n")
		big = append(bytes.Clone(big[:len(big)-1]), byte(len(name))) // other bytes after the end: another photo
	}
	fsys := siteFS(b, files).(fstest.MapFS)
	today, _ := schedule.ParseDate("2026-11-25")
	ctx := context.Background()
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			if _, err := Build(ctx, Options{Site: fsys, Today: today, Out: Discard{}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	bl := NewBuilder(fsys, nil)
	if _, err := bl.Build(ctx, nil, today); err != nil {
		b.Fatal(err)
	}
	b.Run("text edited", func(b *testing.B) {
		for b.Loop() {
			if _, err := bl.Build(ctx, []string{"content/activities/koffie.md"}, today); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("settings changed", func(b *testing.B) {
		for b.Loop() {
			if _, err := bl.Build(ctx, []string{"site.toml"}, today); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("photo replaced", func(b *testing.B) {
		versions := [][]byte{other, fsys["content/activities/koffie.jpg"].Data}
		i := 0
		for b.Loop() {
			fsys["content/activities/koffie.jpg"].Data = versions[i%2]
			i++
			if _, err := bl.Build(ctx, []string{"content/activities/koffie.jpg"}, today); err != nil {
				b.Fatal(err)
			}
		}
	})
}
