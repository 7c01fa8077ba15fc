package build

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPlanAfterAnEditRemakesOnlyItsRoutes edits one story, one activity
// and more, and counts what planning the site again made anew: the
// routes of the items edited, nothing of the others. The plan made so
// equals one made from nothing: the same paths with the same keys.
func TestPlanAfterAnEditRemakesOnlyItsRoutes(t *testing.T) {
	ctx := context.Background()
	s := newRandomSite(t, 1)
	pb := NewPreviewBuilder(s.fsys, nil)
	pv, _, err := pb.Plan(ctx, nil, s.today)
	if err != nil {
		t.Fatal(err)
	}
	stories, activities := len(pv.p.site.Stories), len(pv.p.site.Activities)
	if want := map[string]int{"story": stories, "activity": activities, "activity-ics": activities, "poster": activities}; !maps.Equal(pv.p.remade, want) {
		t.Fatalf("the first plan made the routes of %v, want %v", pv.p.remade, want)
	}
	story := func(title, body string) []byte {
		return []byte("+++\ntitle = \"" + title + "\"\ndate = 2026-10-01\nauthor = \"Henk\"\nconsent = true\n+++\n" + body + "\n")
	}
	for _, e := range []struct {
		what  string
		files map[string][]byte // nil data: removed
		want  map[string]int
	}{
		{"a story's text", map[string][]byte{"content/stories/fiets.md": story("De fiets", "Banden plakken, nu met een pomp.")},
			map[string]int{"story": 1}},
		{"a story's date and title", map[string][]byte{"content/stories/fiets.md": []byte("+++\ntitle = \"De snelle fiets\"\ndate = 2020-01-01\nauthor = \"Henk\"\nconsent = true\n+++\nOud nieuws.\n")},
			map[string]int{"story": 1}},
		{"an activity's times", map[string][]byte{"content/activities/taal.md": []byte("+++\ntitle = \"Taalcafé\"\nwhen = \"om de week donderdag 19:00-21:00 vanaf 2026-11-26\"\n+++\nOefenen met praten en lezen.\n")},
			map[string]int{"activity": 1, "activity-ics": 1, "poster": 1}},
		{"an activity's audience and day", map[string][]byte{"content/activities/taal.md": []byte("+++\ntitle = \"Taalcafé\"\nwhen = \"om de week vrijdag 19:00-21:00 vanaf 2026-11-27\"\naudience = [\"Nieuwkomers\"]\n+++\nOefenen met praten en lezen.\n")},
			map[string]int{"activity": 1, "activity-ics": 1, "poster": 1}},
		{"a new story", map[string][]byte{"content/stories/markt.md": story("De markt", "Elke zaterdag.")},
			map[string]int{"story": 1}},
		{"a story removed", map[string][]byte{"content/stories/markt.md": nil},
			map[string]int{}},
		{"the opening hours", map[string][]byte{"content/opening-hours.md": s.hours()},
			map[string]int{}},
		{"a plain page", map[string][]byte{"content/over-ons.md": []byte("+++\ntitle = \"Over ons\"\nmenu = 1\n+++\nWij zijn er voor iedereen.\n")},
			map[string]int{}},
		{"two stories", map[string][]byte{"content/stories/fiets.md": story("De fiets", "Weer nieuw."), "content/stories/tuin.md": story("De tuin", "Alles groeit.")},
			map[string]int{"story": 2}},
	} {
		var changed []string
		for f, data := range e.files {
			if data == nil {
				delete(s.fsys, f)
			} else {
				s.fsys[f] = &fstest.MapFile{Data: data, Mode: 0o644}
			}
			changed = append(changed, f)
		}
		slices.Sort(changed)
		up, err := pb.Build(ctx, changed, s.today)
		if err != nil {
			t.Fatalf("%s: %v", e.what, err)
		}
		pv := up.Preview
		if !maps.Equal(pv.p.remade, e.want) {
			t.Errorf("after editing %s the plan made the routes of %v, want %v", e.what, pv.p.remade, e.want)
		}
		var read []string
		for _, f := range changed {
			if e.files[f] != nil {
				read = append(read, strings.TrimPrefix(f, "content/"))
			}
		}
		if !slices.Equal(up.Parsed, read) {
			t.Errorf("after editing %s the plan read %v, want %v", e.what, up.Parsed, read)
		}
		fresh, _, err := NewPreviewBuilder(s.fsys, nil).Plan(ctx, nil, s.today)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(pv.Paths(), fresh.Paths()) {
			t.Fatalf("after editing %s the plan has other paths than one made from nothing", e.what)
		}
		// The filter pages are taken over unless an activity changed.
		activity := slices.ContainsFunc(changed, func(f string) bool { return strings.HasPrefix(f, "content/activities/") })
		if pv.p.filtersKept == activity {
			t.Errorf("after editing %s the plan took the filter pages over: %v, want %v", e.what, pv.p.filtersKept, !activity)
		}
		if got, want := filterSummary(pv.p), filterSummary(fresh.p); got != want {
			t.Errorf("after editing %s the filter pages are\n%s\nfrom nothing\n%s", e.what, got, want)
		}
		for _, p := range pv.Paths() {
			k1, err1 := pv.Key(p)
			k2, err2 := fresh.Key(p)
			if k1 != k2 || err1 != nil || err2 != nil {
				t.Errorf("after editing %s the key of %s is %q (%v), from nothing %q (%v)", e.what, p, k1, err1, k2, err2)
			}
		}
	}
}

// filterSummary describes the filter pages of p: each page's address and
// title, the activities it picks, and the terms they come from.
func filterSummary(p *plan) string {
	var b strings.Builder
	for _, f := range p.filters() {
		fmt.Fprintf(&b, "%s %q %q:", f.path, f.title, f.name)
		for _, a := range f.acts {
			b.WriteString(" " + a.File)
		}
		b.WriteString("\n")
	}
	for _, terms := range p.filterSet.terms {
		for _, t := range terms {
			fmt.Fprintf(&b, "term %s %q %d activities %d uses\n", t.Slug, t.Name, len(t.Activities), len(t.Uses))
		}
	}
	return b.String()
}

// TestRandomEditsPreviewEqualsFullBuildAtEveryStep makes random edits and
// after every step asks the preview for every file, comparing each with a
// full build; the plan makes the routes of at most the items edited.
func TestRandomEditsPreviewEqualsFullBuildAtEveryStep(t *testing.T) {
	t.Parallel() // minutes of work: runs beside the other long checks
	sequences, steps := 40, 6
	if testing.Short() {
		sequences = 10
	}
	runSeeds(t, 5000, sequences, func(seed uint64) string { return everyStepSequence(t, seed, steps) })
}

func everyStepSequence(t *testing.T, seed uint64, steps int) string {
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
		}
		full := fullBuild(ctx, s.fsys, s.today)
		got, err := previewAll(ctx, pb, give, s.today)
		if err != nil {
			return err.Error()
		}
		after := "after\n  " + strings.Join(done, "\n  ")
		if got.failed != full.failed {
			return fmt.Sprintf("%s\nthe preview failed: %v, the full build: %v\n%s\n%s", after, got.failed, full.failed, got.diags, full.diags)
		}
		if got.failed {
			continue
		}
		if diff := difference(got, full); diff != "" {
			return fmt.Sprintf("%s\nthe preview differs:\n%s", after, diff)
		}
		pending, all = map[string]bool{}, false
		if give == nil || pb.prev == nil {
			continue
		}
		// Routes were made only for the stories and activities given.
		items := 0
		for _, c := range give {
			if strings.HasPrefix(c, "content/stories/") || strings.HasPrefix(c, "content/activities/") {
				items++
			}
		}
		for kind, n := range pb.prev.p.remade {
			if n > items && !slices.Contains(give, "site.toml") {
				return fmt.Sprintf("%s\nthe plan made the routes of %d items of kind %s, for %d files given: %v", after, n, kind, items, give)
			}
		}
	}
	return ""
}

// TestPlanAfterAnEditKnowsEveryAddress edits what changes where pages are
// and which are withheld: a story's slug, a story made a draft and one
// without consent, a page made a draft and published again, an
// activity's slug and times. After each edit the plan, which works out
// only the edited files' addresses and occurrences, has the addresses,
// withheld pages and calendar of a plan made from nothing.
func TestPlanAfterAnEditKnowsEveryAddress(t *testing.T) {
	ctx := context.Background()
	s := newRandomSite(t, 1)
	pb := NewPreviewBuilder(s.fsys, nil)
	if _, _, err := pb.Plan(ctx, nil, s.today); err != nil {
		t.Fatal(err)
	}
	story := func(extra string) []byte {
		return []byte("+++\ntitle = \"De fiets\"\ndate = 2026-10-01\nauthor = \"Henk\"\n" + extra + "+++\nBanden plakken.\n")
	}
	page := func(extra string) []byte {
		return []byte("+++\ntitle = \"Over ons\"\nmenu = 1\n" + extra + "+++\nWij zijn er voor iedereen.\n")
	}
	activity := func(extra string) []byte {
		return []byte("+++\ntitle = \"Taalcafé\"\nwhen = \"elke dinsdag 10:00-11:00\"\n" + extra + "+++\nOefenen.\n")
	}
	for _, e := range []struct {
		what, file string
		data       []byte
	}{
		{"a story's slug", "content/stories/fiets.md", story("consent = true\nslug = \"rijwiel\"\n")},
		{"a story made a draft", "content/stories/fiets.md", story("consent = true\ndraft = true\n")},
		{"a story without consent", "content/stories/fiets.md", story("consent = false\n")},
		{"a story published again", "content/stories/fiets.md", story("consent = true\n")},
		{"a page made a draft", "content/over-ons.md", page("draft = true\n")},
		{"a page published again with another slug", "content/over-ons.md", page("slug = \"wie-wij-zijn\"\n")},
		{"an activity's slug and times", "content/activities/taal.md", activity("slug = \"praten\"\n")},
		{"an activity made a draft", "content/activities/taal.md", activity("draft = true\n")},
		{"an activity back", "content/activities/taal.md", activity("")},
	} {
		s.fsys[e.file] = &fstest.MapFile{Data: e.data, Mode: 0o644}
		pv, _, err := pb.Plan(ctx, []string{e.file}, s.today)
		if err != nil {
			t.Fatalf("%s: %v", e.what, err)
		}
		fresh, _, err := NewPreviewBuilder(s.fsys, nil).Plan(ctx, nil, s.today)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(pv.p.pages, fresh.p.pages) {
			t.Errorf("after %s the addresses of the pages differ from a plan made from nothing", e.what)
		}
		if !maps.Equal(pv.p.withheld, fresh.p.withheld) {
			t.Errorf("after %s the withheld pages are %v, from nothing %v", e.what, pv.p.withheld, fresh.p.withheld)
		}
		if calendarDump(pv.p.cal) != calendarDump(fresh.p.cal) {
			t.Errorf("after %s the calendar differs from a plan made from nothing", e.what)
		}
		if !slices.Equal(pv.Paths(), fresh.Paths()) {
			t.Errorf("after %s the plan has other paths than one made from nothing", e.what)
		}
	}
}
