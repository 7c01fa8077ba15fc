package icaltest

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// missingHint is the message a test is skipped with when ical.js cannot run.
const missingHint = "node or .ci/icaljs/node_modules missing: run `npm ci --prefix .ci/icaljs`"

// ExpandWithICALJS expands the calendar in the file icsPath with ical.js,
// running `node .ci/icaljs/expand.mjs` from the repository root, and returns
// every occurrence whose start falls between the dates from and until
// (YYYY-MM-DD, both inclusive, local dates in the calendar's zone), sorted by
// start, UID and end. Cancelled occurrences are left out.
//
// When node or the installed ical.js module is missing the test is skipped,
// unless the environment has CI=true: continuous integration must run it, so
// there the test fails.
func ExpandWithICALJS(t testing.TB, icsPath string, from, until string) []Instance {
	t.Helper()
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, ".ci", "icaljs")
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(dir, "node_modules", "ical.js", "package.json"))
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s (%v)", missingHint, err)
		}
		t.Skipf("%s (%v)", missingHint, err)
	}

	abs, err := filepath.Abs(icsPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join(dir, "expand.mjs"), abs, from, until)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("ical.js could not expand %s: %s", icsPath, bytes.TrimSpace(stderr.Bytes()))
		}
		t.Fatalf("running ical.js: %v", err)
	}

	var raw []struct {
		UID   string `json:"uid"`
		Start string `json:"start"`
		End   string `json:"end"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &raw); err != nil {
		t.Fatalf("reading the output of ical.js: %v\n%s", err, stdout.Bytes())
	}
	out := make([]Instance, 0, len(raw))
	for _, r := range raw {
		start, err1 := time.Parse(time.RFC3339, r.Start)
		end, err2 := time.Parse(time.RFC3339, r.End)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatalf("reading the output of ical.js: %v", err)
		}
		out = append(out, Instance{UID: r.UID, Start: start.UTC(), End: end.UTC()})
	}
	Sort(out)
	return out
}
