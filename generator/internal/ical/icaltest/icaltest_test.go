package icaltest

import (
	"os"
	"path/filepath"
	"strings"
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

// TestExpandFilesKeepsFilesApart reads two calendars in one run of each
// reader: each file must get its own occurrences, in the order the files
// were given, the same as when it is read alone.
func TestExpandFilesKeepsFilesApart(t *testing.T) {
	cal := func(events ...string) string {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Test//NL\r\n" + strings.Join(events, "") + "END:VCALENDAR\r\n"
	}
	event := func(uid, start, end, rule string) string {
		if rule != "" {
			rule = "RRULE:" + rule + "\r\n"
		}
		return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:" + start + "\r\nDTEND:" + end + "\r\n" + rule + "SUMMARY:" + uid + "\r\nEND:VEVENT\r\n"
	}
	dir := t.TempDir()
	files := map[string]string{
		"one.ics": cal(event("koffie@x", "20261201T090000Z", "20261201T110000Z", "FREQ=WEEKLY;COUNT=3")),
		"two.ics": cal(event("eten@x", "20261202T163000Z", "20261202T183000Z", ""), event("taal@x", "20261203T180000Z", "20261203T193000Z", "")),
	}
	var paths []string
	for _, name := range []string{"two.ics", "one.ics"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	from, until := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, r := range Readers() {
		t.Run(r.Name, func(t *testing.T) {
			got := r.ExpandFiles(t, paths, from, until)
			if len(got) != 2 {
				t.Fatalf("%d results for 2 files", len(got))
			}
			if len(got[0]) != 2 || len(got[1]) != 3 {
				t.Errorf("two.ics has %d occurrences (want 2), one.ics %d (want 3): %v", len(got[0]), len(got[1]), got)
			}
			for i, p := range paths {
				if d := Diff(r.Expand(t, p, from, until), got[i]); d != "" {
					t.Errorf("%s read with another file differs from %s read alone:\n%s", filepath.Base(p), filepath.Base(p), d)
				}
			}
		})
	}
}
