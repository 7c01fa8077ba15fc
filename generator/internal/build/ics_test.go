package build

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"krachtpunt/generator/internal/ical/icaltest"
)

// TestICSAgreesWithAgendaJSON expands every published calendar file (the
// whole agenda, each activity, each filter page) with
// each iCalendar reader that is not ours (gocal with rrule-go, ical.js,
// libical, recurring_ical_events, node-ical) and compares the result with the
// occurrences of /agenda.json that are not cancelled, inside the calendar's
// window: for the example centre; for a site across a clock change with a
// holiday, a closure, a cancel and a change; and for a site with every case
// around the changes of the clock (a rule from winter into summer time,
// nights across 25 October and 28 March, starts at 02:30 on both days, a
// rule another rule fully covers); and for a site with audiences,
// categories, a cancel and a moved date, for its filter pages.
func TestICSAgreesWithAgendaJSON(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	sites := []struct {
		name  string
		build func(t *testing.T) *Memory
		// sample is whether one filter calendar of each kind is read
		// rather than all: TestFilterICSHoldsItsActivities shows that the
		// others are made of the same events.
		sample bool
	}{
		{"example", func(t *testing.T) *Memory { return buildExample(t, "2026-11-25") }, true},
		{"dst-holiday-cancel-change", func(t *testing.T) *Memory {
			return buildArchive(t, "testdata/ics-dst-holiday-cancel-change.txtar")
		}, true},
		{"transition-days", func(t *testing.T) *Memory { return buildArchive(t, "testdata/ics-transition-days.txtar") }, true},
		{"filters", func(t *testing.T) *Memory { return buildArchive(t, "testdata/filters-nl.txtar") }, false},
	}
	for _, site := range sites {
		t.Run(site.name, func(t *testing.T) {
			out := site.build(t)
			want, from, until := agendaInstances(t, out)
			if len(want[""]) < 20 {
				t.Fatalf("only %d occurrences in agenda.json", len(want[""]))
			}
			// Every calendar file: agenda.ics holds all activities ("").
			dir := t.TempDir()
			files := map[string]string{"": "agenda.ics"}
			for slug := range want {
				if slug != "" {
					files[slug] = "activiteiten/" + slug + "/agenda.ics"
				}
			}
			// The calendar of every filter page holds the activities the
			// page lists.
			filters := filterFeeds(t, out)
			if len(filters) == 0 {
				t.Fatal("no filter pages")
			}
			if site.sample {
				filters = sampleFilters(filters)
			}
			for path, slugs := range filters {
				key := "filter " + path
				files[key] = path
				want[key] = []icaltest.Instance{}
				for _, slug := range slugs {
					want[key] = append(want[key], want[slug]...)
				}
			}
			for _, path := range files {
				data, ok := out.Files[path]
				if !ok {
					t.Fatalf("%s not published", path)
				}
				file := filepath.Join(dir, filepath.FromSlash(path))
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// Each reader reads all the files in one run.
			keys := slices.Sorted(maps.Keys(files))
			var paths []string
			for _, k := range keys {
				paths = append(paths, filepath.Join(dir, filepath.FromSlash(files[k])))
			}
			for _, r := range icaltest.Readers() {
				t.Run(r.Name, func(t *testing.T) {
					for i, got := range r.ExpandFiles(t, paths, from, until) {
						for j := range got {
							got[j].UID = ""
						}
						if d := icaltest.Diff(want[keys[i]], got); d != "" {
							t.Errorf("%s read by %s differs from agenda.json (- agenda.json, + calendar):\n%s", files[keys[i]], r.Name, d)
						}
					}
				})
			}
		})
	}
}

// filterFeeds returns the calendar files of the filter pages of a Dutch
// site, with the slugs of the activities each page lists as cards.
func filterFeeds(t *testing.T, out *Memory) map[string][]string {
	t.Helper()
	feeds := map[string][]string{}
	card := regexp.MustCompile(`<article class="card">\n<h3><a href="/activiteiten/([a-z0-9-]+)/">`)
	for path := range out.Files {
		dir, ok := strings.CutSuffix(path, "agenda.ics")
		if !ok || !filterPath.MatchString(dir) {
			continue
		}
		page, ok := out.Files[dir+"index.html"]
		if !ok {
			t.Fatalf("%s has no page %sindex.html", path, dir)
		}
		feeds[path] = []string{}
		for _, m := range card.FindAllStringSubmatch(string(page), -1) {
			feeds[path] = append(feeds[path], m[1])
		}
	}
	return feeds
}

// sampleFilters returns the first filter calendar, by path, of each kind:
// audience, category, day, free and walk-in.
func sampleFilters(feeds map[string][]string) map[string][]string {
	out := map[string][]string{}
	seen := map[string]bool{}
	for _, path := range slices.Sorted(maps.Keys(feeds)) {
		kind := filterPath.FindStringSubmatch(strings.TrimSuffix(path, "agenda.ics"))[1]
		if i := strings.Index(kind, "/"); i >= 0 {
			kind = kind[:i]
		}
		if !seen[kind] {
			seen[kind] = true
			out[path] = feeds[path]
		}
	}
	return out
}

// TestFilterICSHoldsItsActivities checks that the calendar of every filter
// page of the example and of three sites holds the same time zone and
// events as the calendar files of the activities the page lists, and
// nothing else; TestICSAgreesWithAgendaJSON has every reader expand the
// activities' files, and some filter files, to agenda.json.
func TestFilterICSHoldsItsActivities(t *testing.T) {
	sites := map[string]func(t *testing.T) *Memory{
		"example":                   func(t *testing.T) *Memory { return buildExample(t, "2026-11-25") },
		"dst-holiday-cancel-change": func(t *testing.T) *Memory { return buildArchive(t, "testdata/ics-dst-holiday-cancel-change.txtar") },
		"transition-days":           func(t *testing.T) *Memory { return buildArchive(t, "testdata/ics-transition-days.txtar") },
		"filters":                   func(t *testing.T) *Memory { return buildArchive(t, "testdata/filters-nl.txtar") },
	}
	for name, build := range sites {
		t.Run(name, func(t *testing.T) {
			out := build(t)
			feeds := filterFeeds(t, out)
			if len(feeds) < 5 {
				t.Fatalf("only %d filter calendars", len(feeds))
			}
			for path, slugs := range feeds {
				zones, events := icsParts(out.Files[path])
				var want []string
				for _, slug := range slugs {
					z, evs := icsParts(out.Files["activiteiten/"+slug+"/agenda.ics"])
					if z != zones {
						t.Errorf("%s and the calendar of %s have other time zones", path, slug)
					}
					want = append(want, evs...)
				}
				slices.Sort(want)
				if !slices.Equal(events, want) {
					t.Errorf("%s holds %d events, the calendars of %v %d; it lists:\n%s", path, len(events), slugs, len(want), strings.Join(linesWith(icsLines(out.Files[path]), "SUMMARY:"), "\n"))
				}
			}
		})
	}
}

// icsParts returns the VTIMEZONE blocks of a calendar file, and its VEVENT
// blocks sorted.
func icsParts(data []byte) (zones string, events []string) {
	text := string(data)
	for {
		i := strings.Index(text, "BEGIN:VTIMEZONE\r\n")
		if i < 0 {
			break
		}
		j := strings.Index(text[i:], "END:VTIMEZONE\r\n") + len("END:VTIMEZONE\r\n")
		zones += text[i : i+j]
		text = text[i+j:]
	}
	text = string(data)
	for {
		i := strings.Index(text, "BEGIN:VEVENT\r\n")
		if i < 0 {
			break
		}
		j := strings.Index(text[i:], "END:VEVENT\r\n") + len("END:VEVENT\r\n")
		events = append(events, text[i:i+j])
		text = text[i+j:]
	}
	slices.Sort(events)
	return zones, events
}

// filterPath matches the folders of the filter pages of a Dutch site.
var filterPath = regexp.MustCompile(`^activiteiten/((voor|soort|op)/[a-z0-9-]+|gratis|vrije-inloop)/$`)

// agendaInstances reads /agenda.json: the occurrences that are not
// cancelled, of all activities ("") and of each by its slug, and the window
// as instants, from the first day's midnight to the midnight after the last.
func agendaInstances(t *testing.T, out *Memory) (want map[string][]icaltest.Instance, from, until time.Time) {
	t.Helper()
	var agenda agendaJSON
	if err := json.Unmarshal(out.Files["agenda.json"], &agenda); err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation(agenda.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	want = map[string][]icaltest.Instance{}
	for _, o := range agenda.Occurrences {
		if o.Status == "cancelled" {
			continue
		}
		start, err1 := time.Parse(time.RFC3339, o.Start)
		end, err2 := time.Parse(time.RFC3339, o.End)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad times in agenda.json: %v %v", err1, err2)
		}
		in := icaltest.Instance{Start: start.UTC(), End: end.UTC()}
		want[""] = append(want[""], in)
		want[o.Activity] = append(want[o.Activity], in)
	}
	from, err1 := time.ParseInLocation(time.DateOnly, agenda.From, loc)
	last, err2 := time.ParseInLocation(time.DateOnly, agenda.Until, loc)
	if err1 != nil || err2 != nil {
		t.Fatalf("bad window in agenda.json: %v %v", err1, err2)
	}
	return want, from, last.AddDate(0, 0, 1)
}

// buildArchive builds the site of a txtar archive in testdata/ in memory.
func buildArchive(t *testing.T, file string) *Memory {
	t.Helper()
	a := readArchive(t, file)
	out, _, err := buildFiles(t, a.input, a.today)
	if err != nil {
		t.Fatal(err)
	}
	return out
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

// icsLines returns the content lines of a calendar file, unfolded.
func icsLines(data []byte) []string {
	text := strings.ReplaceAll(string(data), "\r\n ", "")
	return strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n")
}

// linesWith returns the lines that start with prefix, in order.
func linesWith(lines []string, prefix string) []string {
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out
}

// TestICSUIDStableUnderEdits edits what volunteers edit most, the time, the
// room and the note, and checks that the calendar file names the series
// with the same UIDs, so that a subscriber's calendar updates the events
// rather than deleting and adding them. The series' DESCRIPTION names the
// cancelled dates and why.
func TestICSUIDStableUnderEdits(t *testing.T) {
	a := readArchive(t, "testdata/ics-transition-days.txtar")
	const file = "content/activities/koffie.md"
	before, _, err := buildFiles(t, a.input, a.today)
	if err != nil {
		t.Fatal(err)
	}
	edited := maps.Clone(a.input)
	src := string(a.input[file])
	for _, r := range [][2]string{
		{`10:00-12:00 vanaf`, `10:30-12:45 vanaf`},
		{`room = "Huiskamer"`, `room = "Tuinkamer"`},
		{`time = "14:00-16:00"`, `time = "13:30-15:30"`},
		{`note = "Deze keer 's middags"`, `note = "Deze keer na de lunch"`},
	} {
		if !strings.Contains(src, r[0]) {
			t.Fatalf("%s holds no %q", file, r[0])
		}
		src = strings.ReplaceAll(src, r[0], r[1])
	}
	edited[file] = []byte(src)
	after, _, err := buildFiles(t, edited, a.today)
	if err != nil {
		t.Fatal(err)
	}

	const path = "activiteiten/koffie/agenda.ics"
	wantUIDs := []string{"UID:koffie-weekly-tu@www.delinde.example", "UID:koffie-weekly-tu@www.delinde.example"}
	for name, out := range map[string]*Memory{"before": before, "after": after} {
		lines := icsLines(out.Files[path])
		if got := linesWith(lines, "UID:"); !slices.Equal(got, wantUIDs) {
			t.Errorf("%s the edit, %s has\n%s\nwant\n%s", name, path, strings.Join(got, "\n"), strings.Join(wantUIDs, "\n"))
		}
	}
	lines := icsLines(after.Files[path])
	for _, want := range []string{
		"DTSTART;TZID=Europe/Amsterdam:20261103T103000",
		"DTEND;TZID=Europe/Amsterdam:20261103T124500",
		"LOCATION:Tuinkamer",
		"DTSTART;TZID=Europe/Amsterdam:20270112T133000",
		`DESCRIPTION:Deze keer na de lunch\n\nKom gezellig koffie drinken.\n\nGaat niet door: dinsdag 29 december 2026 (Kerstvakantie)\; dinsdag 16 februari 2027 (Zieke vrijwilliger).`,
		`DESCRIPTION:Kom gezellig koffie drinken.\n\nGaat niet door: dinsdag 29 december 2026 (Kerstvakantie)\; dinsdag 16 februari 2027 (Zieke vrijwilliger).`,
	} {
		if !slices.Contains(lines, want) {
			t.Errorf("%s after the edit has no line\n%s\nbut\n%s", path, want, strings.Join(lines, "\n"))
		}
	}
}
