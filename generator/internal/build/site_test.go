package build

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/outdir"
	"krachtpunt/generator/internal/photo/phototest"
	"krachtpunt/generator/internal/schedule"
)

// repoRoot is the folder with go.mod, for the tools under .ci/.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test folder")
		}
		dir = parent
	}
}

// siteFS turns the input files of an archive into a site folder. A site
// without themes/ uses the built-in theme, as any site folder does.
// Photos written as one line ("photo 4000x3000") are made
// (phototest.Expand).
func siteFS(t testing.TB, files map[string][]byte) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: phototest.Expand(name, data), Mode: 0o644}
	}
	return m
}

// buildFiles builds a site from files in memory.
func buildFiles(t testing.TB, files map[string][]byte, today string) (*Memory, *Result, error) {
	t.Helper()
	d, err := schedule.ParseDate(today)
	if err != nil {
		t.Fatalf("today %q: %v", today, err)
	}
	out := &Memory{}
	res, err := Build(context.Background(), Options{Site: siteFS(t, files), Today: d, Out: out})
	return out, res, err
}

// archive reads testdata/<name>.txtar: its comment holds directives
// ("today 2026-11-25", "fails"); sections named public/PATH list lines that
// must appear in that published file (a line starting with "!" must not);
// the section "absent" lists paths that must not be published; the sections
// "diags nl" and "diags en" list lines the problems must show.
type archive struct {
	today  string
	fails  bool
	input  map[string][]byte
	expect map[string]string
}

func readArchive(t *testing.T, file string) archive {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	a := archive{today: "2026-11-25", input: map[string][]byte{}, expect: map[string]string{}}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "today":
			a.today = f[1]
		case len(f) == 1 && f[0] == "fails":
			a.fails = true
		}
	}
	for _, f := range ar.Files {
		switch {
		case strings.HasPrefix(f.Name, "public/"), f.Name == "absent", strings.HasPrefix(f.Name, "diags "):
			a.expect[f.Name] = string(f.Data)
		default:
			a.input[f.Name] = f.Data
		}
	}
	return a
}

func TestSites(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test sites: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a := readArchive(t, file)
			out, res, err := buildFiles(t, a.input, a.today)
			var list diag.List
			if err != nil && !errors.As(err, &list) {
				t.Fatalf("build: %v", err)
			}
			if a.fails != (err != nil) {
				t.Fatalf("build failed = %v, want %v; problems:\n%s", err != nil, a.fails, res.Diags.Format("en"))
			}
			if !a.fails {
				checkLinks(t, out.Files, res.Config)
			}
			names := slices.Sorted(func(yield func(string) bool) {
				for k := range a.expect {
					if !yield(k) {
						return
					}
				}
			})
			for _, name := range names {
				want := a.expect[name]
				switch {
				case name == "absent":
					for _, p := range lines(want) {
						if _, ok := out.Files[p]; ok {
							t.Errorf("%s is published; it must not be", p)
						}
					}
				case strings.HasPrefix(name, "diags "):
					checkLines(t, name, res.Diags.Format(strings.TrimPrefix(name, "diags ")), want)
				default:
					p := strings.TrimPrefix(name, "public/")
					got, ok := out.Files[p]
					if !ok {
						t.Errorf("%s is not published; published: %v", p, out.Paths())
						continue
					}
					checkLines(t, p, string(got), want)
				}
			}
		})
	}
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func checkLines(t *testing.T, name, got, want string) {
	t.Helper()
	for _, l := range lines(want) {
		if neg, ok := strings.CutPrefix(l, "!"); ok {
			if strings.Contains(got, neg) {
				t.Errorf("%s contains %q; it must not:\n%s", name, neg, got)
			}
			continue
		}
		if !strings.Contains(got, l) {
			t.Errorf("%s does not contain %q:\n%s", name, l, got)
		}
	}
}

// readDir returns every file under dir with its bytes.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameFiles(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%d files against %d", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs", p)
		}
	}
}

// exampleSite is a small site used by the tests that need real files.
const exampleSite = `
-- site.toml --
title = "Buurthuis De Linde"
baseURL = "https://www.delinde.example/"
[address]
street = "Lindelaan 12"
-- content/activities/koffie.md --
+++
title = "Koffieochtend"
when = "elke dinsdag 10:00-12:00"
+++
Koffie!
-- content/stories/tuin.md --
+++
title = "De tuin"
date = 2026-10-12
consent = true
+++
Over de tuin.
`

func writeArchive(t *testing.T, dir, src string) {
	t.Helper()
	for _, f := range txtar.Parse([]byte(src)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func buildDir(t *testing.T, site, out string) error {
	t.Helper()
	d, err := outdir.Open(context.Background(), out, outdir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	today, _ := schedule.ParseDate("2026-11-25")
	_, err = Build(context.Background(), Options{Site: os.DirFS(site), Today: today, Out: WriteFiles(d)})
	if err != nil {
		d.Abort()
		return err
	}
	return d.Commit(context.Background())
}

func TestTwoBuildsAreByteIdentical(t *testing.T) {
	site := t.TempDir()
	writeArchive(t, site, exampleSite)
	out1, out2 := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
	if err := buildDir(t, site, out1); err != nil {
		t.Fatal(err)
	}
	if err := buildDir(t, site, out2); err != nil {
		t.Fatal(err)
	}
	a, b := readDir(t, out1), readDir(t, out2)
	if len(a) < 8 {
		t.Fatalf("only %d files published", len(a))
	}
	sameFiles(t, a, b)
}

func TestFailingBuildLeavesPublicAsItWas(t *testing.T) {
	site, out, before := publishedSite(t)
	// A volunteer breaks a file: the next build must fail and change nothing.
	broken := "+++\ntitle = \"Koffieochtend\"\nwhen = \"elke dinsdg 10:00-12:00\"\n+++\n"
	if err := os.WriteFile(filepath.Join(site, "content/activities/koffie.md"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	var list diag.List
	if err := buildDir(t, site, out); !errors.As(err, &list) {
		t.Fatalf("build of broken site: err = %v, want problems", err)
	}
	unchanged(t, site, out, before)
}

func TestDutchAliasesEqualEnglishKeys(t *testing.T) {
	a := readArchive(t, "testdata/aliases-english.txtar")
	b := readArchive(t, "testdata/aliases-dutch.txtar")
	outA, _, errA := buildFiles(t, a.input, a.today)
	outB, _, errB := buildFiles(t, b.input, b.today)
	if errA != nil || errB != nil {
		t.Fatalf("builds: %v / %v", errA, errB)
	}
	if len(outA.Files) < 10 {
		t.Fatalf("only %d files", len(outA.Files))
	}
	sameFiles(t, outA.Files, outB.Files)
}

// cancelAfter cancels the build after n files were written, as Ctrl-C in
// the middle of a build does.
type cancelAfter struct {
	Output
	n      int
	cancel context.CancelFunc
	mu     sync.Mutex
}

func (c *cancelAfter) Create(p, key string) (io.WriteCloser, error) {
	c.mu.Lock()
	c.n--
	if c.n == 0 {
		c.cancel()
	}
	c.mu.Unlock()
	return c.Output.Create(p, key)
}

func TestInterruptedBuildLeavesPublicAsItWas(t *testing.T) {
	site, out, before := publishedSite(t)
	if err := os.WriteFile(filepath.Join(site, "content/activities/koffie.md"), []byte("+++\ntitle = \"Koffie!\"\nwhen = \"elke woensdag 10:00-12:00\"\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d, err := outdir.Open(ctx, out, outdir.Options{})
	if err != nil {
		t.Fatal(err)
	}
	today, _ := schedule.ParseDate("2026-11-25")
	_, err = Build(ctx, Options{Site: os.DirFS(site), Today: today, Out: &cancelAfter{Output: WriteFiles(d), n: 3, cancel: cancel}})
	if err == nil {
		err = d.Commit(ctx)
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted build: err = %v, want context.Canceled", err)
	}
	d.Abort()
	unchanged(t, site, out, before)
}

// TestImagesHaveTheirSize shows that an activity's photo is published with
// its width and height, so a page does not jump when the photo arrives.
func TestImagesHaveTheirSize(t *testing.T) {
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 120, 80))); err != nil {
		t.Fatal(err)
	}
	out, _, err := buildFiles(t, map[string][]byte{
		"site.toml":                     []byte("title = \"De Linde\"\n"),
		"content/activities/koffie.md":  []byte("+++\ntitle = \"Koffie\"\nwhen = \"elke dinsdag 10:00-12:00\"\nimage = \"koffie.png\"\nimage_alt = \"Koffiekopjes op tafel\"\n+++\n"),
		"content/activities/koffie.png": img.Bytes(),
	}, "2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	want := `<img src="/activities/koffie.png" alt="Koffiekopjes op tafel" width="120" height="80">`
	if page := string(out.Files["activiteiten/koffie/index.html"]); !strings.Contains(page, want) {
		t.Errorf("activity page lacks %s", want)
	}
}

// unchanged checks that the published folder out still holds exactly before
// and that no build folder is left in site.
func unchanged(t *testing.T, site, out string, before map[string][]byte) {
	t.Helper()
	sameFiles(t, before, readDir(t, out))
	left, _ := filepath.Glob(filepath.Join(site, ".krachtpunt-build-*"))
	if len(left) > 0 {
		t.Errorf("build folders left behind: %v", left)
	}
}

// publishedSite writes the small example site to a folder and builds it
// into its public/, returning both folders and what was published.
func publishedSite(t *testing.T) (site, out string, before map[string][]byte) {
	t.Helper()
	site = t.TempDir()
	writeArchive(t, site, exampleSite)
	out = filepath.Join(site, "public")
	if err := buildDir(t, site, out); err != nil {
		t.Fatal(err)
	}
	return site, out, readDir(t, out)
}

// TestHomeThisWeekCapped counts the activities the home page lists under
// "this week" by day: the days in order until about 30, the day that
// reaches it cut short, none after.
func TestHomeThisWeekCapped(t *testing.T) {
	a := readArchive(t, "testdata/home-this-week-capped.txtar")
	out, _, err := buildFiles(t, a.input, a.today)
	if err != nil {
		t.Fatal(err)
	}
	home := string(out.Files["index.html"])
	i := strings.Index(home, `id="this-week"`)
	j := strings.Index(home, `id="latest-stories"`)
	if j < 0 {
		j = strings.Index(home, `id="visit"`)
	}
	if i < 0 || j < i {
		t.Fatal("the home page has no section for this week")
	}
	count := map[string]int{}
	for _, day := range strings.Split(home[i:j], `data-date="`)[1:] {
		count[day[:10]] = strings.Count(day, `<li class="occ`)
	}
	want := map[string]int{"2026-11-25": 12, "2026-11-26": 12, "2026-11-27": 6}
	if len(count) != len(want) {
		t.Errorf("days listed %v, want %v", count, want)
	}
	for d, n := range want {
		if count[d] != n {
			t.Errorf("%s lists %d activities, want %d", d, count[d], n)
		}
	}
	if !strings.Contains(home[i:j], "Activiteit 06</a>") || strings.Count(home[i:j], "Activiteit 07</a>") != 2 {
		t.Error("Friday should list Activiteit 01 to 06, the first of the day")
	}
}
