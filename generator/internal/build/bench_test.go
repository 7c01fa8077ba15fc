package build

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"golang.org/x/sync/errgroup"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/outdir"
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

// The benchmarks below measure the generated sites of about 1,000 and
// 10,000 pages (sitegen.Pages: half activities with every form of the when
// phrase, cancels and changes, half stories of a few paragraphs, a 12-week
// calendar) through the API the command line and the preview use: Build
// into nowhere and into a real folder, the Builder's rebuild after one
// edit, and the floor that any build of the same files stays above.

// benchSizes are the numbers of pages of the measured sites.
var benchSizes = []int{1000, 10000}

// generatedSite writes sitegen.Pages(pages) into a temporary folder.
func generatedSite(b *testing.B, pages int) string {
	b.Helper()
	dir := b.TempDir()
	if err := sitegen.Write(dir, sitegen.Pages(pages)); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchToday(b *testing.B) schedule.Date {
	today, err := schedule.ParseDate(sitegen.Today)
	if err != nil {
		b.Fatal(err)
	}
	return today
}

// buildIntoFolder builds the site in dir into the folder out, as `build`
// does: through outdir, whose swap makes the new site appear at once.
func buildIntoFolder(ctx context.Context, dir, out string, today schedule.Date) (*Result, error) {
	d, err := outdir.Open(ctx, out, outdir.Options{})
	if err != nil {
		return nil, err
	}
	defer d.Abort()
	res, err := Build(ctx, Options{Site: os.DirFS(dir), Today: today, Out: d})
	if err != nil {
		return res, err
	}
	return res, d.Commit(ctx)
}

// buildAsCommand builds the site in dir into out as `krachtpunt build`
// does: through outdir, with the record of what the build before parsed,
// written while the site is swapped in.
func buildAsCommand(ctx context.Context, dir, out string, today schedule.Date) error {
	d, err := outdir.Open(ctx, out, outdir.Options{})
	if err != nil {
		return err
	}
	defer d.Abort()
	rec := NewRecord(d.RecordPath(), dir)
	defer rec.Discard()
	if _, err := Build(ctx, Options{Site: os.DirFS(dir), Today: today, Out: WriteFiles(d), Record: rec}); err != nil {
		return err
	}
	rec.Write()
	if err := d.Commit(ctx); err != nil {
		return err
	}
	return rec.Save()
}

// BenchmarkGeneratedSite builds the generated sites of 1,000 and 10,000
// pages from a folder: into nowhere (what `check` does), into an empty
// output folder, and into the folder holding the previous build; and, as
// the command line does, after one story edit into a folder built twice
// before (a later build: it begins in the site the build before last
// replaced, and takes over what the build before parsed).
func BenchmarkGeneratedSite(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := generatedSite(b, n)
			today := benchToday(b)
			var res *Result
			b.Run("discard", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var err error
					if res, err = Build(ctx, Options{Site: os.DirFS(dir), Today: today, Out: Discard{}}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(res.Pages), "pages")
				b.ReportMetric(float64(res.Files), "files")
			})
			b.Run("empty-folder", func(b *testing.B) {
				out := filepath.Join(b.TempDir(), "public")
				b.ReportAllocs()
				for b.Loop() {
					b.StopTimer()
					if err := os.RemoveAll(out); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					if _, err := buildIntoFolder(ctx, dir, out, today); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("later", func(b *testing.B) {
				out := filepath.Join(b.TempDir(), "public")
				story := filepath.Join(dir, "content", "stories", "verhaal-00007.md")
				orig, err := os.ReadFile(story)
				if err != nil {
					b.Fatal(err)
				}
				defer os.WriteFile(story, orig, 0o644)
				for range 2 {
					if err := buildAsCommand(ctx, dir, out, today); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					b.StopTimer()
					if err := os.WriteFile(story, benchEdit(story, orig, i), 0o644); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					if err := buildAsCommand(ctx, dir, out, today); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("previous-folder", func(b *testing.B) {
				out := filepath.Join(b.TempDir(), "public")
				if _, err := buildIntoFolder(ctx, dir, out, today); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := buildIntoFolder(ctx, dir, out, today); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// edits are the two edits the rebuild and preview benchmarks make, again
// and again: a story gets another closing sentence; an activity another
// end time and description.
func benchEdit(name string, orig []byte, i int) []byte {
	if strings.Contains(name, "/activities/") {
		when := regexp.MustCompile(`(?m)^(when|wanneer) = .*$`)
		ends := []string{"12:00", "12:30"}
		return append(when.ReplaceAll(bytes.Clone(orig), []byte(`$1 = "every tuesday 10:00-`+ends[i%2]+`"`)), fmt.Sprintf("\nBewerking %d.\n", i)...)
	}
	return append(bytes.Clone(orig), fmt.Sprintf("\nBewerking %d.\n", i)...)
}

// BenchmarkGeneratedSiteRebuild measures the Builder, as the preview uses
// it, rebuilding the generated sites after one story and one activity was
// saved.
func BenchmarkGeneratedSiteRebuild(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := generatedSite(b, n)
			today := benchToday(b)
			bl := NewBuilder(os.DirFS(dir), nil)
			if _, err := bl.Build(ctx, nil, today); err != nil {
				b.Fatal(err)
			}
			for _, tc := range []struct{ name, file string }{
				{"story", "content/stories/verhaal-00007.md"},
				{"activity", "content/activities/activiteit-00006.md"},
			} {
				b.Run(tc.name, func(b *testing.B) {
					p := filepath.Join(dir, filepath.FromSlash(tc.file))
					orig, err := os.ReadFile(p)
					if err != nil {
						b.Fatal(err)
					}
					defer os.WriteFile(p, orig, 0o644)
					var up *Update
					b.ReportAllocs()
					for i := 0; b.Loop(); i++ {
						if err := os.WriteFile(p, benchEdit(tc.file, orig, i), 0o644); err != nil {
							b.Fatal(err)
						}
						if up, err = bl.Build(ctx, []string{tc.file}, today); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(len(up.Rendered)), "rendered")
				})
			}
		})
	}
}

// BenchmarkGeneratedSiteFloor is the lower bound the builds above are
// compared with: on as many cores, it reads every file of the site, decodes
// the front matter of each Markdown file as TOML, converts its body with
// goldmark (as the build configures it), and writes as many files of the
// same sizes as the build publishes: into nowhere, and into an empty
// folder. Whatever a build does more (calendars, templates, photos, links)
// is its own cost.
func BenchmarkGeneratedSiteFloor(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := generatedSite(b, n)
			var inputs []string
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					inputs = append(inputs, p)
				}
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			out := &Memory{}
			if _, err := Build(context.Background(), Options{Site: os.DirFS(dir), Today: benchToday(b), Out: out}); err != nil {
				b.Fatal(err)
			}
			md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
			read := func(p string) error {
				data, err := os.ReadFile(p)
				if err != nil || !strings.HasSuffix(p, ".md") {
					return err
				}
				body := data
				if rest, ok := bytes.CutPrefix(data, []byte("+++\n")); ok {
					front, after, found := bytes.Cut(rest, []byte("\n+++\n"))
					if !found {
						return fmt.Errorf("%s: no end of front matter", p)
					}
					var m map[string]any
					if err := toml.Unmarshal(front, &m); err != nil {
						return fmt.Errorf("%s: %v", p, err)
					}
					body = after
				}
				var html bytes.Buffer
				return md.Convert(body, &html)
			}
			paths := out.Paths()
			for _, tc := range []struct {
				name  string
				write bool
			}{{"discard", false}, {"empty-folder", true}} {
				b.Run(tc.name, func(b *testing.B) {
					public := filepath.Join(b.TempDir(), "public")
					b.ReportAllocs()
					for b.Loop() {
						b.StopTimer()
						if err := os.RemoveAll(public); err != nil {
							b.Fatal(err)
						}
						b.StartTimer()
						var g errgroup.Group
						g.SetLimit(runtime.GOMAXPROCS(0))
						for _, p := range inputs {
							g.Go(func() error { return read(p) })
						}
						if tc.write {
							for _, p := range paths {
								g.Go(func() error {
									dst := filepath.Join(public, filepath.FromSlash(p))
									if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
										return err
									}
									return os.WriteFile(dst, out.Files[p], 0o644)
								})
							}
						}
						if err := g.Wait(); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(len(paths)), "files")
				})
			}
		})
	}
}
