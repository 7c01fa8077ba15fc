package ical

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the same zone data on every machine that runs the tests

	"github.com/teambition/rrule-go"
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// vtimezone returns the VTIMEZONE block of an encoded calendar, unfolded,
// one content line per element.
func vtimezone(t *testing.T, out []byte) []string {
	t.Helper()
	text := unfold(string(out))
	i := strings.Index(text, "BEGIN:VTIMEZONE\r\n")
	j := strings.Index(text, "END:VTIMEZONE\r\n")
	if i < 0 || j < i {
		t.Fatalf("no VTIMEZONE in\n%s", out)
	}
	return strings.Split(text[i:j+len("END:VTIMEZONE")], "\r\n")
}

// onset is one change of offset as a reader of the VTIMEZONE sees it.
type onset struct {
	at       time.Time
	offset   int // seconds east of UTC from at on
	name     string
	daylight bool
}

// parseOffset reads a UTC-OFFSET value such as +0200 or -0330.
func parseOffset(t *testing.T, s string) int {
	t.Helper()
	if len(s) != 5 && len(s) != 7 {
		t.Fatalf("bad UTC offset %q", s)
	}
	n := func(p string) int {
		v, err := strconv.Atoi(p)
		if err != nil {
			t.Fatalf("bad UTC offset %q", s)
		}
		return v
	}
	sec := n(s[1:3])*3600 + n(s[3:5])*60
	if len(s) == 7 {
		sec += n(s[5:7])
	}
	if s[0] == '-' {
		sec = -sec
	}
	return sec
}

// expandVTimezone lists the onsets the VTIMEZONE lines define, up to end,
// expanding each RRULE with rrule-go. DTSTART is a wall clock in the
// observance's TZOFFSETFROM, so it is read in a fixed zone of that offset.
func expandVTimezone(t *testing.T, lines []string, end time.Time) []onset {
	t.Helper()
	var out []onset
	var props map[string]string
	for _, l := range lines {
		name, value, _ := strings.Cut(l, ":")
		switch {
		case l == "BEGIN:STANDARD" || l == "BEGIN:DAYLIGHT":
			props = map[string]string{}
		case l == "END:STANDARD" || l == "END:DAYLIGHT":
			from := parseOffset(t, props["TZOFFSETFROM"])
			o := onset{offset: parseOffset(t, props["TZOFFSETTO"]), name: props["TZNAME"], daylight: l == "END:DAYLIGHT"}
			start, err := time.ParseInLocation("20060102T150405", props["DTSTART"], time.FixedZone("", from))
			if err != nil {
				t.Fatalf("DTSTART: %v", err)
			}
			if rule, ok := props["RRULE"]; ok {
				opt, err := rrule.StrToROption(rule)
				if err != nil {
					t.Fatalf("RRULE %s: %v", rule, err)
				}
				opt.Dtstart = start
				r, err := rrule.NewRRule(*opt)
				if err != nil {
					t.Fatalf("RRULE %s: %v", rule, err)
				}
				for _, at := range r.Between(start, end, true) {
					o.at = at.UTC()
					out = append(out, o)
				}
			} else {
				o.at = start.UTC()
				out = append(out, o)
			}
			props = nil
		case props != nil:
			props[name] = value
		}
	}
	return out
}

// offsetAt returns the offset the onsets give at instant at.
func offsetAt(onsets []onset, at time.Time) (int, bool) {
	var best *onset
	for i := range onsets {
		o := &onsets[i]
		if !o.at.After(at) && (best == nil || o.at.After(best.at)) {
			best = o
		}
	}
	if best == nil {
		return 0, false
	}
	return best.offset, true
}

func TestVTimezoneAmsterdam(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	c := &Calendar{ProdID: "-//Test//Test//NL", Location: ams}
	out := c.Marshal(time.Date(2026, 1, 1, 0, 0, 0, 0, ams), time.Date(2027, 12, 31, 0, 0, 0, 0, ams))

	want := []string{
		"BEGIN:VTIMEZONE",
		"TZID:Europe/Amsterdam",
		"BEGIN:STANDARD",
		"DTSTART:20241027T030000",
		"TZOFFSETFROM:+0200",
		"TZOFFSETTO:+0100",
		"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20281029T010000Z",
		"TZNAME:CET",
		"END:STANDARD",
		"BEGIN:DAYLIGHT",
		"DTSTART:20250330T020000",
		"TZOFFSETFROM:+0100",
		"TZOFFSETTO:+0200",
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=20280326T010000Z",
		"TZNAME:CEST",
		"END:DAYLIGHT",
		"END:VTIMEZONE",
	}
	got := vtimezone(t, out)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("VTIMEZONE\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The changes in 2026 and 2027, listed by hand: the last Sundays of
	// March and October, at 01:00 UTC.
	wantOnsets := []onset{
		{time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC), 2 * 3600, "CEST", true},
		{time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC), 1 * 3600, "CET", false},
		{time.Date(2027, 3, 28, 1, 0, 0, 0, time.UTC), 2 * 3600, "CEST", true},
		{time.Date(2027, 10, 31, 1, 0, 0, 0, time.UTC), 1 * 3600, "CET", false},
	}
	var gotOnsets []onset
	for _, o := range expandVTimezone(t, got, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) {
		if o.at.Year() == 2026 || o.at.Year() == 2027 {
			gotOnsets = append(gotOnsets, o)
		}
	}
	sortOnsets(gotOnsets)
	if len(gotOnsets) != len(wantOnsets) {
		t.Fatalf("onsets in 2026-2027: got %v, want %v", gotOnsets, wantOnsets)
	}
	for i := range wantOnsets {
		if !gotOnsets[i].at.Equal(wantOnsets[i].at) || gotOnsets[i].offset != wantOnsets[i].offset ||
			gotOnsets[i].name != wantOnsets[i].name || gotOnsets[i].daylight != wantOnsets[i].daylight {
			t.Errorf("onset %d: got %+v, want %+v", i, gotOnsets[i], wantOnsets[i])
		}
	}
}

func sortOnsets(list []onset) {
	slices.SortFunc(list, func(a, b onset) int { return a.at.Compare(b.at) })
}

func TestVTimezoneWithoutDST(t *testing.T) {
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)

	t.Run("UTC", func(t *testing.T) {
		out := (&Calendar{ProdID: "-//Test//Test//NL", Location: time.UTC}).Marshal(from, until)
		want := []string{
			"BEGIN:VTIMEZONE",
			"TZID:UTC",
			"BEGIN:STANDARD",
			"DTSTART:19700101T000000",
			"TZOFFSETFROM:+0000",
			"TZOFFSETTO:+0000",
			"TZNAME:UTC",
			"END:STANDARD",
			"END:VTIMEZONE",
		}
		if got := vtimezone(t, out); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("VTIMEZONE\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("nil location is UTC", func(t *testing.T) {
		a := (&Calendar{ProdID: "-//Test//Test//NL"}).Marshal(from, until)
		b := (&Calendar{ProdID: "-//Test//Test//NL", Location: time.UTC}).Marshal(from, until)
		if string(a) != string(b) {
			t.Errorf("nil location\n%s\ndiffers from UTC\n%s", a, b)
		}
	})

	t.Run("Asia/Tokyo", func(t *testing.T) {
		out := (&Calendar{ProdID: "-//Test//Test//NL", Location: mustLoad(t, "Asia/Tokyo")}).Marshal(from, until)
		lines := vtimezone(t, out)
		text := strings.Join(lines, "\n")
		if n := strings.Count(text, "BEGIN:STANDARD"); n != 1 || strings.Contains(text, "DAYLIGHT") {
			t.Errorf("want exactly one STANDARD and no DAYLIGHT, got\n%s", text)
		}
		for _, l := range []string{"TZID:Asia/Tokyo", "TZOFFSETTO:+0900", "TZNAME:JST"} {
			if !strings.Contains(text, "\n"+l+"\n") {
				t.Errorf("no %s in\n%s", l, text)
			}
		}
		if strings.Contains(text, "RRULE") {
			t.Errorf("a zone without changes has no rule, got\n%s", text)
		}
		onsets := expandVTimezone(t, lines, until)
		for _, at := range []time.Time{from, until} {
			if off, ok := offsetAt(onsets, at); !ok || off != 9*3600 {
				t.Errorf("offset at %s = %d (defined %v), want +0900", at, off, ok)
			}
		}
	})
}

// TestVTimezoneMatchesZoneData checks, for zones of every sort, that the
// VTIMEZONE gives Go's offset at every transition, just before it, and every
// six hours across the span.
func TestVTimezoneMatchesZoneData(t *testing.T) {
	zones := []struct {
		name          string
		maxComponents int // 0: no limit (irregular zones)
	}{
		{"Europe/Amsterdam", 2},
		{"America/New_York", 2},
		{"Australia/Sydney", 2},    // summer time over the new year
		{"Australia/Lord_Howe", 2}, // half an hour of summer time
		{"Pacific/Chatham", 2},     // +1245 / +1345
		{"America/Sao_Paulo", 0},   // summer time abolished in 2019
		{"Europe/Dublin", 0},
		{"Africa/Casablanca", 0}, // moved around Ramadan every year
		{"Asia/Tokyo", 1},
		{"UTC", 1},
	}
	from := time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, z := range zones {
		t.Run(z.name, func(t *testing.T) {
			loc := mustLoad(t, z.name)
			out := (&Calendar{ProdID: "-//Test//Test//NL", Location: loc}).Marshal(from, until)
			checkFolded(t, out)
			lines := vtimezone(t, out)
			text := strings.Join(lines, "\n")
			if n := strings.Count(text, "BEGIN:STANDARD") + strings.Count(text, "BEGIN:DAYLIGHT"); z.maxComponents > 0 && n > z.maxComponents {
				t.Errorf("%d sub-components, want at most %d:\n%s", n, z.maxComponents, text)
			}
			onsets := expandVTimezone(t, lines, until.AddDate(2, 0, 0))

			check := func(at time.Time) {
				if at.Before(from) {
					return
				}
				_, want := at.In(loc).Zone()
				got, ok := offsetAt(onsets, at)
				if !ok || got != want {
					t.Errorf("offset at %s: VTIMEZONE gives %s (defined %v), zone data %s",
						at.Format(time.RFC3339), formatOffset(got), ok, formatOffset(want))
				}
			}
			for at := from; at.Before(until); at = at.Add(6 * time.Hour) {
				check(at)
			}
			for _, tr := range transitions(loc, from, until) {
				check(tr.at)
				check(tr.at.Add(-time.Second))
			}
		})
	}
}

func TestFormatOffset(t *testing.T) {
	tests := []struct {
		sec  int
		want string
	}{
		{0, "+0000"},
		{3600, "+0100"},
		{2 * 3600, "+0200"},
		{-5 * 3600, "-0500"},
		{-(3*3600 + 30*60), "-0330"},
		{12*3600 + 45*60, "+1245"},
		{19*60 + 32, "+001932"}, // Amsterdam mean time
	}
	for _, tt := range tests {
		if got := formatOffset(tt.sec); got != tt.want {
			t.Errorf("formatOffset(%d) = %q, want %q", tt.sec, got, tt.want)
		}
	}
}

// TestObservancesBreakRunsOnGaps checks the grouping of transitions into
// yearly rules on made-up transitions: a rule may only cover consecutive
// years with the same month, weekday, ordinal and time of day.
func TestObservancesBreakRunsOnGaps(t *testing.T) {
	// Transitions at 01:00 UTC from +0100 (onset 02:00 local).
	tr := func(y int, m time.Month, d int) transition {
		return transition{at: time.Date(y, m, d, 1, 0, 0, 0, time.UTC), fromOff: 3600, toOff: 7200, name: "X", dst: true}
	}
	tests := []struct {
		name string
		list []transition
		want []int // transitions per observance
	}{
		// Last Sundays of March.
		{"consecutive years", []transition{tr(2024, 3, 31), tr(2025, 3, 30), tr(2026, 3, 29)}, []int{3}},
		{"a year missing", []transition{tr(2024, 3, 31), tr(2026, 3, 29), tr(2027, 3, 28)}, []int{1, 2}},
		// 2nd Sunday of March 2025 is the 9th; 2026 the 8th; then the last Sunday.
		{"ordinal changes", []transition{tr(2025, 3, 9), tr(2026, 3, 8), tr(2027, 3, 28)}, []int{2, 1}},
		{"month changes", []transition{tr(2025, 3, 30), tr(2026, 4, 26)}, []int{1, 1}},
		{"weekday changes", []transition{tr(2025, 3, 30), tr(2026, 3, 28)}, []int{1, 1}},
		{"time changes", []transition{tr(2025, 3, 30), {at: time.Date(2026, 3, 29, 2, 0, 0, 0, time.UTC), fromOff: 3600, toOff: 7200, name: "X", dst: true}}, []int{1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			for _, o := range observances(tt.list) {
				got = append(got, o.count)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("observances of %d transitions: %v, want %v", len(tt.list), got, tt.want)
			}
		})
	}
}

// TestVTimezoneOfEachCalendar encodes calendars of several zones and spans
// in turn, in parallel, and checks that each has the VTIMEZONE of its own
// zone and span, as a calendar encoded first would: the lines of the last
// zone written are kept for the next file.
func TestVTimezoneOfEachCalendar(t *testing.T) {
	zones := []*time.Location{
		mustLoad(t, "Europe/Amsterdam"), mustLoad(t, "America/New_York"),
		mustLoad(t, "Australia/Lord_Howe"), time.FixedZone("Europe/Amsterdam", 3600), time.UTC,
	}
	type job struct {
		loc         *time.Location
		from, until time.Time
	}
	var jobs []job
	for _, loc := range zones {
		for _, years := range [][2]int{{2026, 2027}, {2026, 2030}, {1990, 1991}} {
			jobs = append(jobs, job{loc, time.Date(years[0], 3, 1, 0, 0, 0, 0, loc), time.Date(years[1], 11, 1, 0, 0, 0, 0, loc)})
		}
	}
	alone := make([]string, len(jobs))
	for i, j := range jobs {
		lastZone.Store(nil)
		c := &Calendar{ProdID: "-//Test//Test//NL", Location: j.loc}
		alone[i] = strings.Join(vtimezone(t, c.Marshal(j.from, j.until)), "\n")
	}
	if alone[0] == alone[3] || alone[0] == alone[1] || alone[0] == alone[9] {
		t.Fatalf("the test's zones and spans should give different VTIMEZONEs:\n%s", alone[0])
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for round := range 20 {
				for k := range jobs {
					i := (k*7 + round) % len(jobs)
					c := &Calendar{ProdID: "-//Test//Test//NL", Location: jobs[i].loc}
					if got := strings.Join(vtimezone(t, c.Marshal(jobs[i].from, jobs[i].until)), "\n"); got != alone[i] {
						t.Errorf("%s from %s: VTIMEZONE\n%s\nwant\n%s", jobs[i].loc, jobs[i].from, got, alone[i])
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
