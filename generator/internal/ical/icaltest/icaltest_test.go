package icaltest

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestDiff(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 3, 3, h, 0, 0, 0, time.UTC) }
	a := Instance{UID: "a", Start: at(9), End: at(11)}
	b := Instance{UID: "b", Start: at(9), End: at(10)}
	c := Instance{UID: "a", Start: at(13), End: at(14)}

	if d := Diff([]Instance{a, b, c}, []Instance{c, b, a}); d != "" {
		t.Errorf("same instances in another order differ:\n%s", d)
	}
	want := "- a 2026-03-03T09:00:00Z/2026-03-03T11:00:00Z\n+ a 2026-03-03T13:00:00Z/2026-03-03T14:00:00Z\n"
	if d := Diff([]Instance{a, b}, []Instance{b, c}); d != want {
		t.Errorf("Diff =\n%s\nwant\n%s", d, want)
	}
	// The same start and UID with another end is a difference too.
	longer := a
	longer.End = at(12)
	if d := Diff([]Instance{a}, []Instance{longer}); d == "" {
		t.Error("instances with different ends compare equal")
	}
}

func TestRepoRoot(t *testing.T) {
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Errorf("RepoRoot() = %s, which holds no go.mod", root)
	}
	for _, script := range []string{"icaljs/expand.mjs", "libical/expand.py", "recurring-ical-events/expand.py", "node-ical/expand.mjs"} {
		if _, err := os.Stat(filepath.Join(root, ".ci", script)); err != nil {
			t.Errorf("RepoRoot() = %s, which holds no .ci/%s", root, script)
		}
	}
}
