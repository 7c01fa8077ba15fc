package sitegen_test

import (
	"bytes"
	"context"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/sitegen"
)

// TestGeneratedSiteBuilds builds a generated site and checks that it uses
// every form of the content format it claims to, that it has no mistakes
// (only the stories without consent are left out, with a warning), and that
// cancels, changes and photos reach the pages.
func TestGeneratedSiteBuilds(t *testing.T) {
	files := sitegen.Generate(sitegen.Options{Activities: 320, Stories: 400, Pages: 5, Photos: 3})
	var activities strings.Builder
	for name, data := range files {
		if strings.HasPrefix(name, "content/activities/") {
			activities.Write(data)
		}
	}
	for _, form := range []string{
		`when = "elke `, `when = "every `, `"iedere `, `"ELKE `, ` en `, ` and `, "elke werkdag", "every weekday", "elke dag ", "every day ",
		"om de week ", "every other ", "om de 3 weken ", "every 2 weeks on ", "eerste ", "first ", "tweede ", "third ", "vierde ", "last ",
		"van de maand", "of the month", `"2026-12-`, " vanaf 2026-", " from 2026-", " until 2027-", " tot 2027-", " t/m 2027-",
		"10:00-12:00", "10.00-12.00", "10:00–12:00", "10:00 - 12:00", "10:00 to 12:00", "10:00 tot 12:00", "22:00-01:00",
		`when = ["`, `wanneer = "`, `wanneer = ["`, "[[cancel]]", "[[vervalt]]", "[[change]]", "[[wijziging]]", "new_date = ", "nieuwe_datum = ",
		`time = "`, `room = "Grote zaal"`, "on_holidays = true", "ook_bij_sluiting = true", "draft = true", "concept = true", "image = ",
	} {
		if !strings.Contains(activities.String(), form) {
			t.Errorf("no activity has %q", form)
		}
	}

	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	today, _ := schedule.ParseDate(sitegen.Today)
	out := &build.Memory{}
	res, err := build.Build(context.Background(), build.Options{Site: fsys, Today: today, Out: out})
	if err != nil {
		t.Fatalf("the generated site does not build:\n%v", err)
	}
	for _, d := range res.Diags {
		if !strings.Contains(d.Msg.EN, "no consent") {
			t.Errorf("unexpected warning: %s", res.Diags.Format("en"))
			break
		}
	}
	if want := 2; len(res.Diags) != want { // stories 199 and 399
		t.Errorf("%d warnings, want %d:\n%s", len(res.Diags), want, res.Diags.Format("en"))
	}
	if res.Pages < 700 {
		t.Errorf("%d pages, want 320 activities, about 400 stories and the lists", res.Pages)
	}
	agenda := out.Files["agenda.json"]
	for _, status := range []string{`"status":"cancelled"`, `"status":"changed"`, `"status":"scheduled"`} {
		if !bytes.Contains(agenda, []byte(status)) {
			t.Errorf("agenda.json has no %s", status)
		}
	}
	// Story 9 shows photo 0 in its text, with its size.
	if page := out.Files["verhalen/verhaal-00009/index.html"]; !bytes.Contains(page, []byte(`width="640" height="480"`)) {
		t.Errorf("story 9 does not show its photo with its size:\n%s", page)
	}
	if _, ok := out.Files["verhalen/verhaal-00199/index.html"]; ok {
		t.Error("a story without consent was published")
	}
}

// TestPagesSizes checks the numbers of files of the benchmark sites, and
// that a site is the same every time it is made.
func TestPagesSizes(t *testing.T) {
	files := sitegen.Pages(10000)
	count := map[string]int{}
	for name := range files {
		switch {
		case strings.HasPrefix(name, "content/activities/"):
			count["activities"]++
		case strings.HasPrefix(name, "content/stories/"):
			count["stories"]++
		case strings.HasPrefix(name, "content/photos/"):
			count["photos"]++
		}
	}
	if want := map[string]int{"activities": 5000, "stories": 5000, "photos": 8}; !maps.Equal(count, want) {
		t.Errorf("Pages(10000) has %v, want %v", count, want)
	}
	if !maps.EqualFunc(sitegen.Pages(1000), sitegen.Pages(1000), bytes.Equal) {
		t.Error("two sites made with the same numbers differ")
	}
}
