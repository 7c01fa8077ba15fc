package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"krachtpunt/generator/internal/ical/icaltest"
)

// TestICSAgreesWithAgendaJSON expands /agenda.ics with two iCalendar readers
// that are not ours and compares the result with the occurrences of
// /agenda.json that are not cancelled: for the example centre and for a site
// across a clock change, a holiday, a closure, a cancel and a change. The
// activities' own calendar files must agree too.
func TestICSAgreesWithAgendaJSON(t *testing.T) {
	sites := map[string]func() (*Memory, string){
		"example": func() (*Memory, string) { return buildExample(t, "2026-11-25"), "2026-11-25" },
		"dst": func() (*Memory, string) {
			a := readArchive(t, "testdata/ics-dst-holiday-cancel-change.txtar")
			out, _, err := buildFiles(t, a.input, a.today)
			if err != nil {
				t.Fatal(err)
			}
			return out, a.today
		},
	}
	for name, build := range sites {
		t.Run(name, func(t *testing.T) {
			out, _ := build()
			var agenda agendaJSON
			if err := json.Unmarshal(out.Files["agenda.json"], &agenda); err != nil {
				t.Fatal(err)
			}
			loc, err := time.LoadLocation(agenda.Timezone)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][]icaltest.Instance{}
			for _, o := range agenda.Occurrences {
				if o.Status == "cancelled" {
					continue
				}
				start, err1 := time.Parse(time.RFC3339, o.Start)
				end, err2 := time.Parse(time.RFC3339, o.End)
				if err1 != nil || err2 != nil {
					t.Fatalf("bad times in agenda.json: %v %v", err1, err2)
				}
				in := icaltest.Instance{Start: start, End: end}
				want[""] = append(want[""], in)
				want[o.Activity] = append(want[o.Activity], in)
			}
			if len(want[""]) < 20 {
				t.Fatalf("only %d occurrences in agenda.json", len(want[""]))
			}
			from, _ := time.ParseInLocation(time.DateOnly, agenda.From, loc)
			until, _ := time.ParseInLocation(time.DateOnly, agenda.Until, loc)
			dir := t.TempDir()
			compare := func(label, reader string, want, got []icaltest.Instance) {
				t.Helper()
				for i := range got {
					got[i].UID = ""
				}
				icaltest.Sort(want)
				icaltest.Sort(got)
				if d := icaltest.Diff(want, got); d != "" {
					t.Errorf("%s read by %s differs from agenda.json (- agenda.json, + calendar):\n%s", label, reader, d)
				}
			}
			// Every calendar file: agenda.ics holds all activities ("").
			files := map[string]string{"": "agenda.ics"}
			for slug := range want {
				if slug != "" {
					files[slug] = "activiteiten/" + slug + "/agenda.ics"
				}
			}
			// The Go reader first, on every file: it runs everywhere.
			for slug, path := range files {
				data, ok := out.Files[path]
				if !ok {
					t.Fatalf("%s not published", path)
				}
				compare(path, "go", want[slug], icaltest.ExpandWithGo(t, data, from, until.AddDate(0, 0, 1)))
				file := filepath.Join(dir, filepath.FromSlash(path))
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// Then ical.js, which skips where Node is missing (never in CI).
			for slug, path := range files {
				compare(path, "ical.js", want[slug], icaltest.ExpandWithICALJS(t, filepath.Join(dir, filepath.FromSlash(path)), agenda.From, agenda.Until))
			}
		})
	}
}

// buildExample builds the example centre of the repository in memory.
func buildExample(t *testing.T, today string) *Memory {
	t.Helper()
	out, _, err := buildFiles(t, buildExampleFiles(t), today)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// buildExampleFiles reads the example centre's site.toml and content/.
func buildExampleFiles(t testing.TB) map[string][]byte {
	t.Helper()
	root := repoRoot(t)
	files := map[string][]byte{}
	for _, dir := range []string{"content", "site.toml"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			data, err := os.ReadFile(p)
			files[filepath.ToSlash(rel)] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}
