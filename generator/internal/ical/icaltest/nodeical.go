package icaltest

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// nodeICal is node-ical, which expands rules with rrule-temporal, run with
// Node.
var nodeICal = script{
	name:    "node-ical",
	dir:     "node-ical",
	command: []string{"node", "expand.mjs"},
	hint:    "install Node and run `npm ci --prefix .ci/node-ical`",
	installed: func(dir string) error {
		_, err := os.Stat(filepath.Join(dir, "node_modules", "node-ical", "package.json"))
		return err
	},
}

// ExpandWithNodeICal expands the calendar in the file icsPath with node-ical
// (its expandRecurringEvent, run by `node .ci/node-ical/expand.mjs`), and
// returns every occurrence whose start s has from <= s < until, sorted by
// start, UID and end. Cancelled occurrences are left out.
//
// When node or the installed node-ical module is missing the test is
// skipped, unless the environment has CI=true: there it fails.
func ExpandWithNodeICal(t testing.TB, icsPath string, from, until time.Time) []Instance {
	t.Helper()
	return nodeICal.expand(t, icsPath, from, until)
}
