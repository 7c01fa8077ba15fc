package build

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// pageState is what .ci/dom/run-script.mjs reports of a page after its
// script ran.
type pageState struct {
	Today      []string `json:"today"`
	Current    []string `json:"current"`
	HiddenEnds []string `json:"hiddenEnds"`
	ShownEnds  []string `json:"shownEnds"`
	HiddenDays []string `json:"hiddenDays"`
	TodayHours []string `json:"todayHours"`
	OpenNow    []string `json:"openNow"`
	Bare       []string `json:"bare"`
}

// runPageScript loads a built page in jsdom with the clock at now and runs
// its scripts. It skips when node or jsdom is missing, except in CI.
func runPageScript(t *testing.T, page []byte, now string) pageState {
	t.Helper()
	root := repoRoot(t)
	runner := filepath.Join(root, ".ci", "dom", "run-script.mjs")
	_, errNode := exec.LookPath("node")
	_, errDom := os.Stat(filepath.Join(root, ".ci", "dom", "node_modules", "jsdom"))
	if errNode != nil || errDom != nil {
		msg := "node or .ci/dom/node_modules missing: run `npm ci --prefix .ci/dom` to run the page script tests"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	file := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("node", runner, file, now).Output()
	if err != nil {
		t.Fatalf("running the page script: %v", err)
	}
	var s pageState
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("reading %s: %v", out, err)
	}
	return s
}

func TestPageScriptMovesToday(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	a := readArchive(t, "testdata/script-moves-today.txtar")
	out, _, err := buildFiles(t, a.input, a.today)
	if err != nil {
		t.Fatal(err)
	}
	home := out.Files["index.html"]

	// On the day it was built, during the morning activity.
	s := runPageScript(t, home, "2026-11-23T10:30:00+01:00")
	if !slices.Equal(s.Today, []string{"2026-11-23"}) || !slices.Equal(s.Current, s.Today) {
		t.Errorf("built day: today marks on %v / %v, want 2026-11-23", s.Today, s.Current)
	}
	if len(s.HiddenEnds) != 0 {
		t.Errorf("built day: hidden before they ended: %v", s.HiddenEnds)
	}
	if !slices.Equal(s.OpenNow, []string{"Nu open"}) {
		t.Errorf("built day 10:30: open now = %v", s.OpenNow)
	}

	// A day later, at 11:00: the mark moves to Tuesday, Monday is gone,
	// and the hours are Tuesday's: closed until 13:00.
	s = runPageScript(t, home, "2026-11-24T11:00:00+01:00")
	if !slices.Equal(s.Today, []string{"2026-11-24"}) || !slices.Equal(s.Current, s.Today) {
		t.Errorf("next day: today marks on %v / %v, want 2026-11-24", s.Today, s.Current)
	}
	if !slices.Contains(s.HiddenDays, "2026-11-23") || slices.Contains(s.HiddenDays, "2026-11-24") {
		t.Errorf("next day: hidden days %v, want Monday only", s.HiddenDays)
	}
	if !slices.Contains(s.HiddenEnds, "2026-11-23T12:00:00+01:00") || !slices.Contains(s.ShownEnds, "2026-11-24T12:00:00+01:00") {
		t.Errorf("next day: hidden %v, shown %v", s.HiddenEnds, s.ShownEnds)
	}
	if want := []string{"dinsdag 24 november 2026: open 13.00-17.00 uur"}; !slices.Equal(s.TodayHours, want) {
		t.Errorf("next day: today's hours %q, want %q", s.TodayHours, want)
	}
	if !slices.Equal(s.OpenNow, []string{"Nu gesloten"}) {
		t.Errorf("next day 11:00: open now = %v", s.OpenNow)
	}

	// On the opening hours page the weekday row moves too.
	s = runPageScript(t, out.Files["openingstijden/index.html"], "2026-11-24T14:00:00+01:00")
	if !slices.Equal(s.Today, []string{"weekday 2"}) {
		t.Errorf("hours page next day: today marks %v, want Tuesday's row", s.Today)
	}
	if !slices.Equal(s.OpenNow, []string{"Nu open"}) {
		t.Errorf("hours page next day 14:00: open now = %v", s.OpenNow)
	}
}

// TestPageScriptLeavesNoBareHeading reads the home page and an activity's
// page after everything on them has ended: no day heading and no "this
// week" or "next dates" heading may stand above nothing.
func TestPageScriptLeavesNoBareHeading(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	a := readArchive(t, "testdata/script-moves-today.txtar")
	out, _, err := buildFiles(t, a.input, a.today)
	if err != nil {
		t.Fatal(err)
	}
	home := out.Files["index.html"]
	// Tuesday 13:00: Monday's and Tuesday's coffee are over, and the week
	// has nothing more.
	s := runPageScript(t, home, "2026-11-24T13:00:00+01:00")
	if len(s.Bare) != 0 {
		t.Errorf("home on Tuesday afternoon: shown with nothing under the heading: %v", s.Bare)
	}
	if !slices.Contains(s.HiddenDays, "2026-11-24") {
		t.Errorf("home on Tuesday afternoon: Tuesday still shown, its coffee over (hidden days %v)", s.HiddenDays)
	}
	if !bytes.Contains(home, []byte("<p class=\"empty\" data-none hidden>Deze week staat er niets meer op de agenda.</p>")) {
		t.Errorf("home has no line for a week with nothing more")
	}
	// Far later, after every date the activity page lists.
	s = runPageScript(t, out.Files["activiteiten/koffie/index.html"], "2028-01-01T12:00:00+01:00")
	if len(s.Bare) != 0 {
		t.Errorf("activity page after its dates: shown with nothing under the heading: %v", s.Bare)
	}
	if len(s.ShownEnds) != 0 {
		t.Errorf("activity page after its dates: still shows %v", s.ShownEnds)
	}
}
