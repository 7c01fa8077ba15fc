// Package icaltest checks iCalendar output with readers that are not the
// generator's own: in Go, gocal's parser with rrule-go's recurrence
// expansion; ical.js (the parser of Thunderbird, run with Node); libical
// (the library of Evolution and GNOME Calendar, through Python's GObject
// introspection); the Python library recurring_ical_events; and node-ical
// (rrule-temporal, run with Node). Tests of any package that writes .ics
// files use it to compare the occurrences a real calendar program would
// show with the ones they expect.
//
// The readers outside Go are small scripts under .ci/ (.ci/icaljs,
// .ci/libical, .ci/recurring-ical-events, .ci/node-ical), which .ci/run
// installs. Each takes one or more calendar files and a window of two
// instants and prints, for each file, the occurrences that start in it as
// one line of JSON.
//
// It is test tooling: its functions take a testing.TB and fail or skip the
// test themselves. A reader that is not installed skips the test with a
// message saying what installs it, except under CI=true, where it fails.
package icaltest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Reader is an iCalendar reader that is not the generator's own.
type Reader struct {
	// Name names the reader in messages: "gocal", "ical.js", "libical",
	// "recurring_ical_events", "node-ical".
	Name string

	// Expand reads the calendar file at icsPath and returns every
	// occurrence whose start s has from <= s < until, sorted by start, UID
	// and end, leaving out cancelled ones. It skips or fails the test when
	// the reader is not installed, as ExpandWithICALJS says.
	Expand func(t testing.TB, icsPath string, from, until time.Time) []Instance

	// ExpandFiles is Expand on several files at once, in one run of the
	// reader: the result holds the occurrences of each file in the order
	// of icsPaths. Starting a reader costs more than reading a calendar
	// with it.
	ExpandFiles func(t testing.TB, icsPaths []string, from, until time.Time) [][]Instance
}

// Readers returns every reader, the one in Go first: it runs everywhere.
func Readers() []Reader {
	return []Reader{
		{"gocal", expandFileWithGo, expandFilesWithGo},
		{"ical.js", ExpandWithICALJS, icaljs.expandFiles},
		{"libical", ExpandWithLibical, libical.expandFiles},
		{"recurring_ical_events", ExpandWithRecurringICalEvents, recurringICalEvents.expandFiles},
		{"node-ical", ExpandWithNodeICal, nodeICal.expandFiles},
	}
}

// expandFilesWithGo is expandFileWithGo on each file.
func expandFilesWithGo(t testing.TB, icsPaths []string, from, until time.Time) [][]Instance {
	t.Helper()
	out := make([][]Instance, len(icsPaths))
	for i, p := range icsPaths {
		out[i] = expandFileWithGo(t, p, from, until)
	}
	return out
}

// expandFileWithGo is ExpandWithGo on the contents of a file.
func expandFileWithGo(t testing.TB, icsPath string, from, until time.Time) []Instance {
	t.Helper()
	data, err := os.ReadFile(icsPath)
	if err != nil {
		t.Fatal(err)
	}
	return ExpandWithGo(t, data, from, until)
}

// Instance is one occurrence of an event as a reader expanded it: the event's
// UID and the instants it starts and ends, in UTC.
type Instance struct {
	UID        string
	Start, End time.Time
}

// String returns the instance as "uid start/end" in RFC 3339.
func (in Instance) String() string {
	return fmt.Sprintf("%s %s/%s", in.UID, in.Start.UTC().Format(time.RFC3339), in.End.UTC().Format(time.RFC3339))
}

// compare orders instances by start, UID and end.
func compare(a, b Instance) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	if c := strings.Compare(a.UID, b.UID); c != 0 {
		return c
	}
	return a.End.Compare(b.End)
}

// Sort sorts instances by start, UID and end, the order both readers return.
func Sort(instances []Instance) {
	slices.SortFunc(instances, compare)
}

// Diff returns "" when got and want hold the same instances (in any order),
// and otherwise one line per difference: "- " for an instance wanted but
// missing, "+ " for one got but not wanted.
func Diff(want, got []Instance) string {
	w := slices.Clone(want)
	g := slices.Clone(got)
	Sort(w)
	Sort(g)
	var b strings.Builder
	i, j := 0, 0
	for i < len(w) || j < len(g) {
		switch {
		case j == len(g) || i < len(w) && compare(w[i], g[j]) < 0:
			fmt.Fprintf(&b, "- %s\n", w[i])
			i++
		case i == len(w) || compare(w[i], g[j]) > 0:
			fmt.Fprintf(&b, "+ %s\n", g[j])
			j++
		default:
			i++
			j++
		}
	}
	return b.String()
}

// RepoRoot returns the folder holding go.mod, found by walking up from the
// working directory (a package's folder, under go test).
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding the repository root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("finding the repository root: no go.mod above the working directory")
		}
		dir = parent
	}
}
