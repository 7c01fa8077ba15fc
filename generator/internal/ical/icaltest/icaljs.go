package icaltest

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// icaljs is ical.js, the parser of Thunderbird, run with Node.
var icaljs = script{
	name:    "ical.js",
	dir:     "icaljs",
	command: []string{"node", "expand.mjs"},
	hint:    "install Node and run `npm ci --prefix .ci/icaljs`",
	installed: func(dir string) error {
		_, err := os.Stat(filepath.Join(dir, "node_modules", "ical.js", "package.json"))
		return err
	},
}

// ExpandWithICALJS expands the calendar in the file icsPath with ical.js,
// running `node .ci/icaljs/expand.mjs`, and returns every occurrence whose
// start s has from <= s < until, sorted by start, UID and end. Cancelled
// occurrences are left out.
//
// When node or the installed ical.js module is missing the test is skipped,
// unless the environment has CI=true: continuous integration must run it, so
// there the test fails.
func ExpandWithICALJS(t testing.TB, icsPath string, from, until time.Time) []Instance {
	t.Helper()
	return icaljs.expand(t, icsPath, from, until)
}
