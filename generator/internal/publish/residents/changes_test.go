package residents

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/schedule"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/changes/*.txtar")

func buildSnapshot(t *testing.T, files map[string][]byte, today string) Snapshot {
	t.Helper()
	site := fstest.MapFS{} // the built-in theme serves a site without themes/
	for name, b := range files {
		site[name] = &fstest.MapFile{Data: b}
	}
	d, err := schedule.ParseDate(today)
	if err != nil {
		t.Fatal(err)
	}
	out := &build.Memory{}
	res, err := build.Build(context.Background(), build.Options{Site: site, Today: d, Out: out})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diags.Format("en"))
	}
	s := Snapshot{Files: map[string]bool{}, Read: func(name string) ([]byte, error) {
		b, ok := out.Files[name]
		if !ok {
			return nil, fs.ErrNotExist
		}
		return b, nil
	}}
	for name := range out.Files {
		s.Files[name] = true
	}
	return s
}

// TestChanges builds the site of each testdata/changes archive before and
// after the volunteers' edits, in Dutch and in English, and compares what
// residents will see change with the exact text of the want sections.
func TestChanges(t *testing.T) {
	archives, _ := filepath.Glob("testdata/changes/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no archives in testdata/changes")
	}
	for _, file := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			today := "2026-11-25"
			for _, line := range strings.Split(string(ar.Comment), "\n") {
				if d, ok := strings.CutPrefix(line, "today "); ok {
					today = strings.TrimSpace(d)
				}
			}
			before, after := map[string][]byte{}, map[string][]byte{}
			var removed []string
			for _, f := range ar.Files {
				switch {
				case strings.HasPrefix(f.Name, "before/"):
					before[strings.TrimPrefix(f.Name, "before/")] = f.Data
				case strings.HasPrefix(f.Name, "after/"):
					after[strings.TrimPrefix(f.Name, "after/")] = f.Data
				case f.Name == "removed":
					removed = strings.Fields(string(f.Data))
				}
			}
			changed := false
			for i, f := range ar.Files {
				lang, ok := strings.CutPrefix(f.Name, "want ")
				if !ok {
					continue
				}
				old, new := map[string][]byte{}, map[string][]byte{}
				for name, b := range before {
					old[name], new[name] = b, b
				}
				for name, b := range after {
					new[name] = b
				}
				for _, name := range removed {
					delete(new, name)
				}
				for _, m := range []map[string][]byte{old, new} {
					m["site.toml"] = []byte(strings.Replace(string(m["site.toml"]), `language = "nl"`, fmt.Sprintf("language = %q", lang), 1))
				}
				var b strings.Builder
				for _, c := range Changes(buildSnapshot(t, old, today), buildSnapshot(t, new, today), lang) {
					b.WriteString(c.In(lang) + "\n")
				}
				got := b.String()
				if *update {
					ar.Files[i].Data = []byte(got)
					changed = true
					continue
				}
				if got != string(f.Data) {
					t.Errorf("%s:\n got:\n%s\nwant:\n%s", f.Name, got, f.Data)
				}
			}
			if changed {
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
