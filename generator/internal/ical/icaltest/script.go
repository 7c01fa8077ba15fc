package icaltest

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// debianPython is the interpreter the Python readers run with: Debian's own,
// which sees the modules Debian's packages install, rather than whichever
// python3 comes first on the PATH (a pyenv or virtualenv one does not).
const debianPython = "/usr/bin/python3"

// notInstalled is the exit code of a reader script whose library is missing.
const notInstalled = 3

// script is a reader that runs as a program under .ci/: it takes the path
// of a calendar file and a window of two RFC 3339 instants, and prints the
// occurrences as a JSON array of {"uid", "start", "end"}.
type script struct {
	name    string   // the reader's name in messages, such as "libical"
	dir     string   // its folder under .ci/
	command []string // the program and its first arguments, run in dir
	hint    string   // what installs it
	// installed reports whether the reader's own files are in place.
	installed func(dir string) error
}

// expand runs s on the calendar file icsPath for the window from <= start
// < until. When the reader is not installed the test is skipped, unless the
// environment has CI=true: continuous integration must run every reader,
// so there the test fails.
func (s script) expand(t testing.TB, icsPath string, from, until time.Time) []Instance {
	t.Helper()
	return s.expandFiles(t, []string{icsPath}, from, until)[0]
}

// expandFiles runs s once on all the calendar files icsPaths, as expand
// says, and returns the occurrences of each in the order of icsPaths.
func (s script) expandFiles(t testing.TB, icsPaths []string, from, until time.Time) [][]Instance {
	t.Helper()
	if len(icsPaths) == 0 {
		return nil
	}
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, ".ci", s.dir)
	missing := func(err error) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed: %s (%v)", s.name, s.hint, err)
		}
		t.Skipf("%s is not installed: %s (%v)", s.name, s.hint, err)
	}
	prog, err := exec.LookPath(s.command[0])
	if err == nil && s.installed != nil {
		err = s.installed(dir)
	}
	if err != nil {
		missing(err)
	}
	args := slices.Clone(s.command[1:])
	for _, p := range icsPaths {
		abs, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		args = append(args, abs)
	}
	args = append(args, from.Format(time.RFC3339), until.Format(time.RFC3339))
	cmd := exec.Command(prog, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == notInstalled {
			missing(errors.New(string(bytes.TrimSpace(stderr.Bytes()))))
		}
		if errors.As(err, &exit) {
			t.Fatalf("%s could not expand %s: %s", s.name, strings.Join(icsPaths, " "), bytes.TrimSpace(stderr.Bytes()))
		}
		t.Fatalf("running %s: %v", s.name, err)
	}
	lines := bytes.Split(bytes.TrimSuffix(stdout.Bytes(), []byte("\n")), []byte("\n"))
	if len(lines) != len(icsPaths) {
		t.Fatalf("%s printed %d lines for %d calendar files:\n%s", s.name, len(lines), len(icsPaths), stdout.Bytes())
	}
	out := make([][]Instance, len(lines))
	for i, line := range lines {
		out[i] = readInstances(t, s.name+" on "+icsPaths[i], line)
	}
	return out
}

// readInstances reads the JSON array a reader script prints.
func readInstances(t testing.TB, name string, data []byte) []Instance {
	t.Helper()
	var raw []struct {
		UID   string `json:"uid"`
		Start string `json:"start"`
		End   string `json:"end"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("reading the output of %s: %v\n%s", name, err, data)
	}
	out := make([]Instance, 0, len(raw))
	for _, r := range raw {
		start, err1 := time.Parse(time.RFC3339, r.Start)
		end, err2 := time.Parse(time.RFC3339, r.End)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatalf("reading the output of %s: %v", name, err)
		}
		out = append(out, Instance{UID: r.UID, Start: start.UTC(), End: end.UTC()})
	}
	Sort(out)
	return out
}
