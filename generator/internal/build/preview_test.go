package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/sync/errgroup"

	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/sitegen"
)

// previewAll plans the site with bl and makes every file the plan has, as
// a browser asking for all of them would. It returns what a volunteer
// sees: the files and the problems, those of the plan and those found
// while making the files.
func previewAll(ctx context.Context, bl *Builder, changed []string, today schedule.Date) (built, error) {
	pv, res, err := bl.Plan(ctx, changed, today)
	if err != nil {
		b := built{failed: true, diags: res.Diags.Format("en")}
		if !errors.As(err, new(diag.List)) {
			b.diags = err.Error()
		}
		return b, nil
	}
	b := built{files: map[string][]byte{}}
	diags := slices.Clone(res.Diags)
	for _, p := range pv.Paths() {
		m, err := pv.Render(ctx, p)
		if err != nil {
			return built{}, err
		}
		b.files[p] = m.Data
		diags = append(diags, m.Diags...)
	}
	diags.Sort()
	b.diags = diags.Format("en")
	b.failed = diags.HasErrors()
	return b, nil
}

// TestPreviewEqualsFullBuild plans every site of testdata/, the example
// centre and a generated site for the preview, asks for every path it
// has, and compares with a full build: the same paths, the same bytes and
// the same warnings.
func TestPreviewEqualsFullBuild(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	type site struct {
		name  string
		files map[string][]byte
		today string
	}
	var sites []site
	archives, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range archives {
		a := readArchive(t, f)
		if a.fails {
			continue
		}
		sites = append(sites, site{strings.TrimSuffix(filepath.Base(f), ".txtar"), a.input, a.today})
	}
	sites = append(sites, site{"example", buildExampleFiles(t), "2026-11-25"})
	gen := fstest.MapFS{}
	for name, data := range sitegen.Site(60) {
		gen[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			today, err := schedule.ParseDate(s.today)
			if err != nil {
				t.Fatal(err)
			}
			fsys := siteFS(t, s.files)
			compareWithFullBuild(t, fsys, today)
		})
	}
	t.Run("generated", func(t *testing.T) {
		today, _ := schedule.ParseDate(sitegen.Today)
		compareWithFullBuild(t, gen, today)
	})
}

func compareWithFullBuild(t *testing.T, fsys fs.FS, today schedule.Date) {
	t.Helper()
	ctx := context.Background()
	full := fullBuild(ctx, fsys, today)
	if full.failed {
		t.Fatalf("the full build fails:\n%s", full.diags)
	}
	got, err := previewAll(ctx, NewPreviewBuilder(fsys, nil), nil, today)
	if err != nil {
		t.Fatal(err)
	}
	if diff := difference(got, full); diff != "" {
		t.Errorf("the preview differs from a full build (incremental = preview):\n%s", diff)
	}
	if len(got.files) != len(full.files) {
		t.Errorf("the preview has %d files, the build %d", len(got.files), len(full.files))
	}
}

// TestPreviewMakesOnlyWhatChanged asks for every file of a site, edits it,
// and asks again: a file is made again exactly when the edit changed its
// key, which are the files the Builder of a build renders again; a second
// ask makes nothing; and the pages show the edit.
func TestPreviewMakesOnlyWhatChanged(t *testing.T) {
	ctx := context.Background()
	s := newRandomSite(t, 1)
	pb := NewPreviewBuilder(s.fsys, nil)
	bl := NewBuilder(s.fsys, nil)
	if _, err := bl.Build(ctx, nil, s.today); err != nil {
		t.Fatal(err)
	}
	pv, _, err := pb.Plan(ctx, nil, s.today)
	if err != nil {
		t.Fatal(err)
	}
	ask := func(pv *Preview) (made []string, files map[string][]byte) {
		files = map[string][]byte{}
		for _, p := range pv.Paths() {
			m, err := pv.Render(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if m.Fresh {
				made = append(made, p)
			}
			files[p] = m.Data
		}
		return made, files
	}
	made, _ := ask(pv)
	if want := len(pv.p.routes); len(made) != want {
		t.Fatalf("the first asks made %d files, want every made file (%d)", len(made), want)
	}
	before := pb.Made()
	if made, _ := ask(pv); len(made) > 0 || pb.Made() != before {
		t.Errorf("asking again made %v", made)
	}
	for _, e := range []struct{ file, text, page string }{
		{"content/stories/fiets.md", "+++\ntitle = \"De fiets\"\ndate = 2026-10-01\nauthor = \"Henk\"\nconsent = true\n+++\nBanden plakken, nu met een pomp.\n", "verhalen/fiets/index.html"},
		{"content/activities/taal.md", "+++\ntitle = \"Taalcafé\"\nwhen = \"om de week donderdag 19:30-21:00 vanaf 2026-11-26\"\n+++\nOefenen met praten en lezen.\n", "activiteiten/taal/index.html"},
		{"content/over-ons.md", "+++\ntitle = \"Over ons\"\nmenu = 1\n+++\nWij zijn er voor iedereen.\n", "over-ons/index.html"},
	} {
		s.fsys[e.file] = &fstest.MapFile{Data: []byte(e.text), Mode: 0o644}
		up, err := bl.Build(ctx, []string{e.file}, s.today)
		if err != nil {
			t.Fatal(err)
		}
		pv, _, err := pb.Plan(ctx, []string{e.file}, s.today)
		if err != nil {
			t.Fatal(err)
		}
		made, files := ask(pv)
		if !slices.Equal(made, up.Rendered) {
			t.Errorf("after editing %s the preview made\n  %v\nthe Builder rendered\n  %v", e.file, made, up.Rendered)
		}
		if len(made) == 0 || len(made) == len(files) {
			t.Errorf("after editing %s the preview made %d of %d files", e.file, len(made), len(files))
		}
		last := strings.Split(strings.TrimSpace(e.text), "\n")
		if !bytes.Contains(files[e.page], []byte(last[len(last)-1])) {
			t.Errorf("%s does not show the edit of %s", e.page, e.file)
		}
		if !maps.EqualFunc(files, up.Files, bytes.Equal) {
			t.Errorf("after editing %s the preview's files differ from the Builder's", e.file)
		}
	}
}

// TestRandomEditsPreviewEqualsFullBuild makes the random edits of
// TestRandomEditsEqualFullBuild with a preview: after every step it asks
// for some of the files (at random, as a volunteer browses) and compares
// them with a full build; after the last step it asks for all of them and
// compares the whole site and its warnings.
func TestRandomEditsPreviewEqualsFullBuild(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	sequences, steps := 100, 5
	if testing.Short() {
		sequences = 20
	}
	runSeeds(t, 1000, sequences, func(seed uint64) string { return previewSequence(t, seed, steps) })
}

// runSeeds runs the sequences of seeds first to first+n-1, three at a time
// (a preview of a small site keeps few cores busy), and reports the first
// three that went wrong, with what run says of them.
func runSeeds(t *testing.T, first uint64, n int, run func(seed uint64) string) {
	t.Helper()
	results := make([]string, n)
	var g errgroup.Group
	g.SetLimit(3)
	for i := range n {
		g.Go(func() error {
			results[i] = run(first + uint64(i))
			return nil
		})
	}
	_ = g.Wait()
	failed := 0
	for i, res := range results {
		if res != "" {
			failed++
			if failed <= 3 {
				t.Errorf("seed %d: %s", first+uint64(i), res)
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d sequences failed", failed, n)
	}
}

// previewSequence runs one sequence and says how it went wrong, or "".
func previewSequence(t *testing.T, seed uint64, steps int) string {
	ctx := context.Background()
	s := newRandomSite(t, seed)
	pb := NewPreviewBuilder(s.fsys, nil)
	var done []string
	pending, all := map[string]bool{}, true
	for step := range steps + 1 {
		if step > 0 {
			what, changed, midnight := s.edit()
			done = append(done, what)
			all = all || midnight
			for _, p := range changed {
				pending[p] = true
			}
		}
		var give []string
		if !all {
			give = slices.Sorted(maps.Keys(pending))
			give = append([]string{}, give...)
		}
		full := fullBuild(ctx, s.fsys, s.today)
		var got built
		if step == steps {
			var err error
			if got, err = previewAll(ctx, pb, give, s.today); err != nil {
				return err.Error()
			}
			if diff := difference(got, full); diff != "" {
				return fmt.Sprintf("after\n  %s\nthe preview differs:\n%s", strings.Join(done, "\n  "), diff)
			}
			return ""
		}
		pv, _, err := pb.Plan(ctx, give, s.today)
		if err != nil {
			if !full.failed {
				return fmt.Sprintf("after\n  %s\nthe plan failed, the full build did not: %v", strings.Join(done, "\n  "), err)
			}
			continue
		}
		pending, all = map[string]bool{}, false
		if full.failed {
			// Making a file found the problem: asking for every file shows it.
			var diags diag.List
			for _, p := range pv.Paths() {
				m, err := pv.Render(ctx, p)
				if err != nil {
					return err.Error()
				}
				diags = append(diags, m.Diags...)
			}
			if !diags.HasErrors() {
				return fmt.Sprintf("after\n  %s\nthe full build failed, the preview shows no problem:\n%s", strings.Join(done, "\n  "), full.diags)
			}
			continue
		}
		paths := pv.Paths()
		for p := range full.files {
			if !pv.Has(p) {
				return fmt.Sprintf("after\n  %s\nthe preview has no %s", strings.Join(done, "\n  "), p)
			}
		}
		if len(paths) != len(full.files) {
			return fmt.Sprintf("after\n  %s\nthe preview has %d files, the build %d", strings.Join(done, "\n  "), len(paths), len(full.files))
		}
		for _, p := range paths {
			if s.r.IntN(3) != 0 {
				continue
			}
			m, err := pv.Render(ctx, p)
			if err != nil {
				return err.Error()
			}
			if !bytes.Equal(m.Data, full.files[p]) {
				return fmt.Sprintf("after\n  %s\n%s differs:\n%s", strings.Join(done, "\n  "), p, firstDifference(m.Data, full.files[p]))
			}
		}
	}
	return ""
}
