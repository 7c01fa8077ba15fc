package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"krachtpunt/generator/internal/photo/phototest"
)

// TestBadInput runs every archive in testdata/mistakes through the command
// line, as a volunteer would meet it. Each archive is a site with one
// mistake; its comment says what the volunteer did and may hold directive
// lines:
//
//	exit N                   the exit code (default 1)
//	args build               the command (default build); $SITE and $OUT, when
//	                         used, stand for the site and output folders, else
//	                         --site, --out (build only) and --today are added
//	today 2026-11-25         the day of the build (default 2026-11-25)
//
// The sections "stderr nl" and "stderr en" hold the exact error output. The
// case runs once as written and once with the line `language = "nl"` of
// site.toml changed to `language = "en"`; an archive whose site.toml has no
// such line runs once and holds a section "stderr". Before the case, the
// output folder holds the build of a good site (made once for each day and
// copied): when the command fails, that folder must stay byte for byte as
// it was, with no other folder left next to it.
// A photo written as one line ("photo 4000x3000 orientation 6") is made
// by phototest.Expand. Sections public/PATH list lines a published file
// must hold (a line that starts with "!" must not appear), the section "absent" paths that must not
// be published.
//
// With -update, the stderr sections are rewritten with what the command
// printed; read the difference before committing it.
func TestBadInput(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "mistakes", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no archives in testdata/mistakes")
	}
	good := &goodOutputs{root: t.TempDir(), byDay: map[string]*goodOutput{}}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			// Each case has folders of its own: the cases run side by
			// side (its two languages one after the other, as -update
			// rewrites the one archive).
			t.Parallel()
			c := readMistake(t, file)
			for _, lang := range c.langs() {
				t.Run(lang, func(t *testing.T) { c.run(t, lang, good) })
			}
		})
	}
}

// mistake is one archive of testdata/mistakes.
var update = flag.Bool("update", false, "rewrite the stderr sections of testdata/mistakes")

type mistake struct {
	file   string
	ar     *txtar.Archive
	exit   int
	args   []string
	today  string
	input  map[string][]byte
	expect map[string]string
}

func readMistake(t *testing.T, file string) *mistake {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := &mistake{file: file, ar: ar, exit: exitContent, args: []string{"build"}, today: "2026-11-25", input: map[string][]byte{}, expect: map[string]string{}}
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "exit":
			if c.exit, err = strconv.Atoi(f[1]); err != nil {
				t.Fatalf("exit %q: %v", f[1], err)
			}
		case len(f) >= 2 && f[0] == "args":
			c.args = f[1:]
		case len(f) == 2 && f[0] == "today":
			c.today = f[1]
		}
	}
	for _, f := range ar.Files {
		switch {
		case strings.HasPrefix(f.Name, "stderr"), strings.HasPrefix(f.Name, "public/"), f.Name == "absent":
			c.expect[f.Name] = string(f.Data)
		default:
			c.input[f.Name] = f.Data
		}
	}
	for _, lang := range c.langs() {
		name := "stderr"
		if lang != "" {
			name += " " + lang
		}
		if _, ok := c.expect[name]; !ok {
			t.Fatalf("the archive has no section %q", name)
		}
	}
	return c
}

const langLine = `language = "nl"`

// langs returns the languages the case runs in: "" for an archive without
// the language line.
func (c *mistake) langs() []string {
	if bytes.Contains(c.input["site.toml"], []byte(langLine)) {
		return []string{"nl", "en"}
	}
	return []string{""}
}

func (c *mistake) run(t *testing.T, lang string, good *goodOutputs) {
	root := t.TempDir()
	site, out := filepath.Join(root, "site"), filepath.Join(root, "www", "public")
	copyOutput(t, good.folder(t, c.today), filepath.Dir(out))
	before := snapshot(t, out)

	for name, data := range c.input {
		if name == "site.toml" && lang != "" {
			data = bytes.Replace(data, []byte(langLine), []byte(`language = "`+lang+`"`), 1)
		}
		writeFile(t, filepath.Join(site, filepath.FromSlash(name)), phototest.Expand(name, data))
	}

	args := c.args
	if slices.ContainsFunc(args, func(a string) bool { return strings.Contains(a, "$SITE") || strings.Contains(a, "$OUT") }) {
		args = slices.Clone(args)
		for i, a := range args {
			args[i] = strings.NewReplacer("$SITE", site, "$OUT", out).Replace(a)
		}
	} else {
		args = append(slices.Clone(args), "--site", site, "--today", c.today)
		if c.args[0] == "build" {
			args = append(args, "--out", out)
		}
	}
	code, stdout, stderr := runCmd(t, args...)
	stderr = strings.NewReplacer(site, "$SITE", out, "$OUT").Replace(stderr)

	name := "stderr"
	if lang != "" {
		name += " " + lang
	}
	// Trailing blank lines do not count: a txtar section always ends in one.
	stderr = strings.TrimRight(stderr, "\n") + "\n"
	if want := strings.TrimRight(c.expect[name], "\n") + "\n"; stderr != want && *update {
		c.rewrite(t, name, stderr)
	} else if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if code != c.exit {
		t.Errorf("exit %d, want %d; stdout:\n%s", code, c.exit, stdout)
	}
	if code != exitOK {
		if after := snapshot(t, out); !maps.Equal(before, after) {
			t.Errorf("the failed command changed the previous site: %s", diffSnapshots(before, after))
		}
		entries, err := os.ReadDir(filepath.Dir(out))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() && e.Name() != "public" {
				t.Errorf("the failed command left the folder %s next to the site", e.Name())
			}
		}
	}
	for name, want := range c.expect {
		switch {
		case name == "absent":
			for _, p := range strings.Fields(want) {
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err == nil {
					t.Errorf("%s is published, want it absent", p)
				}
			}
		case strings.HasPrefix(name, "public/"):
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(name, "public/"))))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			for _, line := range strings.Split(strings.TrimSpace(want), "\n") {
				if neg, ok := strings.CutPrefix(line, "!"); ok {
					if strings.Contains(string(data), neg) {
						t.Errorf("%s holds %q, want it not to", name, neg)
					}
				} else if !strings.Contains(string(data), line) {
					t.Errorf("%s lacks %q", name, line)
				}
			}
		}
	}
}

// rewrite replaces the section name of the archive with data.
func (c *mistake) rewrite(t *testing.T, name, data string) {
	t.Helper()
	for i := range c.ar.Files {
		if c.ar.Files[i].Name == name {
			c.ar.Files[i].Data = []byte(data)
		}
	}
	if err := os.WriteFile(c.file, txtar.Format(c.ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

// goodOutputs are the output folders of the good site, built once for each
// day of build: a case begins in a copy of one (copyOutput), which is what
// building the good site into its own folder would give.
type goodOutputs struct {
	root  string
	mu    sync.Mutex
	byDay map[string]*goodOutput
}

type goodOutput struct {
	once sync.Once
	dir  string // the folder holding public/ and the records beside it
	err  string // why the good site did not build
}

// folder returns the folder of the good site's output for the day today,
// building it the first time.
func (g *goodOutputs) folder(t *testing.T, today string) string {
	t.Helper()
	g.mu.Lock()
	o := g.byDay[today]
	if o == nil {
		o = &goodOutput{}
		g.byDay[today] = o
	}
	g.mu.Unlock()
	o.once.Do(func() {
		root := filepath.Join(g.root, today)
		writeGoodSite(t, filepath.Join(root, "good"))
		o.dir = filepath.Join(root, "www")
		if code, out, errOut := runCmd(t, "build", "--site", filepath.Join(root, "good"), "--out", filepath.Join(o.dir, "public"), "--today", today); code != exitOK {
			o.err = fmt.Sprintf("building the good site: exit %d\n%s%s", code, out, errOut)
		}
	})
	if o.err != "" {
		t.Fatal(o.err)
	}
	return o.dir
}

// copyOutput copies the output folder from (public/ and the records beside
// it) to to. The published files are hard links, as the build itself makes
// between sites: the same bytes, modification time and file number, so
// the record beside public/ still vouches for each of them. The files
// beside public/ (the lock among them) are copies of their own.
func copyOutput(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(dst, info.Mode().Perm())
		case !info.Mode().IsRegular():
			return fmt.Errorf("%s is not a file or folder", p)
		case strings.HasPrefix(rel, "public"+string(filepath.Separator)):
			return os.Link(p, dst)
		}
		data, err := os.ReadFile(p)
		if err == nil {
			err = os.WriteFile(dst, data, info.Mode().Perm())
		}
		if err == nil {
			err = os.Chtimes(dst, info.ModTime(), info.ModTime())
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// writeGoodSite writes a small site without problems.
func writeGoodSite(t *testing.T, dir string) {
	t.Helper()
	writeFile(t, filepath.Join(dir, "site.toml"), []byte("title = \"De Linde\"\n"))
	writeFile(t, filepath.Join(dir, "content", "activities", "koffie.md"),
		[]byte("+++\ntitel = \"Koffieochtend\"\nwanneer = \"elke dinsdag 10:00-12:00\"\n+++\nKoffie en een praatje.\n"))
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot reads every file under dir with its mode.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			files[rel+"/"] = info.Mode().String()
			return nil
		}
		data, err := os.ReadFile(p)
		files[rel] = info.Mode().String() + " " + string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func diffSnapshots(a, b map[string]string) string {
	var diffs []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			diffs = append(diffs, "removed "+k)
		} else if w != v {
			diffs = append(diffs, "changed "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diffs = append(diffs, "added "+k)
		}
	}
	slices.Sort(diffs)
	return strings.Join(diffs, ", ")
}
