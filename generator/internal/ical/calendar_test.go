package ical

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

var stamp = time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC)

// veventLines returns the content lines of every VEVENT, unfolded, one
// slice per event.
func veventLines(t *testing.T, out []byte) [][]string {
	t.Helper()
	var events [][]string
	var cur []string
	for _, l := range strings.Split(unfold(string(out)), "\r\n") {
		switch {
		case l == "BEGIN:VEVENT":
			cur = []string{}
		case l == "END:VEVENT":
			events = append(events, cur)
			cur = nil
		case cur != nil:
			cur = append(cur, l)
		}
	}
	return events
}

func encode(t *testing.T, c *Calendar) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, c, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	checkFolded(t, buf.Bytes())
	return buf.Bytes()
}

func TestCalendarHeader(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	out := encode(t, &Calendar{ProdID: "-//Krachtpunt//Krachtpunt//NL", Name: "Buurtcentrum De Linde, Utrecht", Location: ams})
	lines := physicalLines(t, out)
	want := []string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//Krachtpunt//Krachtpunt//NL",
		"CALSCALE:GREGORIAN",
		`X-WR-CALNAME:Buurtcentrum De Linde\, Utrecht`,
		"BEGIN:VTIMEZONE",
	}
	if len(lines) < len(want) || strings.Join(lines[:len(want)], "\n") != strings.Join(want, "\n") {
		t.Errorf("calendar starts\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	for _, l := range lines {
		// METHOD:PUBLISH requires an ORGANIZER (RFC 5546, section 3.2.1);
		// X-WR-TIMEZONE makes some readers move UTC times.
		if strings.HasPrefix(l, "METHOD") || strings.HasPrefix(l, "X-WR-TIMEZONE") {
			t.Errorf("calendar has %q", l)
		}
	}
	if last := lines[len(lines)-1]; last != "END:VCALENDAR" {
		t.Errorf("calendar ends with %q", last)
	}
}

func TestEventProperties(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	c := &Calendar{ProdID: "-//Test//Test//NL", Location: ams, Events: []Event{{
		UID:         "koffieochtend@delinde.nl",
		Summary:     "Koffie, thee; en koek",
		Description: "Kom gezellig koffie drinken.\nIedereen is welkom.",
		Location:    "Huiskamer, Lindelaan 12",
		URL:         "https://www.delinde.nl/activiteiten/koffieochtend/?a=1,2;b",
		Start:       time.Date(2026, 3, 3, 10, 0, 0, 0, ams),
		End:         time.Date(2026, 3, 3, 12, 0, 0, 0, ams),
		Recur:       &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Tuesday}}},
		ExDates: []time.Time{
			time.Date(2026, 12, 29, 10, 0, 0, 0, ams),
			time.Date(2026, 4, 28, 10, 0, 0, 0, ams),
			time.Date(2026, 12, 29, 10, 0, 0, 0, ams), // repeated
		},
		Status:     "CONFIRMED",
		Sequence:   2,
		Stamp:      time.Date(2026, 1, 5, 13, 0, 0, 0, ams), // written in UTC
		Categories: []string{"ontmoeten", "", "koffie, thee"},
	}}}
	events := veventLines(t, encode(t, c))
	want := []string{
		"UID:koffieochtend@delinde.nl",
		"DTSTAMP:20260105T120000Z",
		"DTSTART;TZID=Europe/Amsterdam:20260303T100000",
		"DTEND;TZID=Europe/Amsterdam:20260303T120000",
		"RRULE:FREQ=WEEKLY;BYDAY=TU",
		"EXDATE;TZID=Europe/Amsterdam:20260428T100000",
		"EXDATE;TZID=Europe/Amsterdam:20261229T100000",
		`SUMMARY:Koffie\, thee\; en koek`,
		`DESCRIPTION:Kom gezellig koffie drinken.\nIedereen is welkom.`,
		`LOCATION:Huiskamer\, Lindelaan 12`,
		"URL;VALUE=URI:https://www.delinde.nl/activiteiten/koffieochtend/?a=1,2;b",
		`CATEGORIES:ontmoeten,koffie\, thee`,
		"STATUS:CONFIRMED",
		"SEQUENCE:2",
	}
	if len(events) != 1 || strings.Join(events[0], "\n") != strings.Join(want, "\n") {
		t.Errorf("VEVENT\n%s\nwant\n%s", strings.Join(events[0], "\n"), strings.Join(want, "\n"))
	}
}

func TestEventTimesInCalendarZone(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	// The same instants given in UTC are written as Amsterdam wall clocks.
	c := &Calendar{ProdID: "-//Test//Test//NL", Location: ams, Events: []Event{{
		UID:   "zomer@x",
		Start: time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC),
		End:   time.Date(2026, 7, 1, 9, 30, 0, 0, time.UTC),
		Stamp: stamp,
	}, {
		UID:   "zonder-einde@x",
		Start: time.Date(2026, 12, 1, 19, 0, 0, 0, ams),
		Stamp: stamp,
	}}}
	events := veventLines(t, encode(t, c))
	has := func(ev []string, line string) bool {
		for _, l := range ev {
			if l == line {
				return true
			}
		}
		return false
	}
	for _, l := range []string{"DTSTART;TZID=Europe/Amsterdam:20260701T100000", "DTEND;TZID=Europe/Amsterdam:20260701T113000"} {
		if !has(events[0], l) {
			t.Errorf("no %s in %q", l, events[0])
		}
	}
	for _, l := range events[1] {
		if strings.HasPrefix(l, "DTEND") {
			t.Errorf("event without end has %s", l)
		}
	}
}

func TestRRule(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	tests := []struct {
		name string
		r    Recur
		want string
	}{
		{"weekly", Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Tuesday}}}, "FREQ=WEEKLY;BYDAY=TU"},
		{"interval 1 is left out", Recur{Freq: "WEEKLY", Interval: 1, ByDay: []WeekdayNum{{Day: time.Friday}}}, "FREQ=WEEKLY;BYDAY=FR"},
		{"every other week", Recur{Freq: "WEEKLY", Interval: 2, ByDay: []WeekdayNum{{Day: time.Thursday}}}, "FREQ=WEEKLY;INTERVAL=2;WKST=MO;BYDAY=TH"},
		{"two weekdays", Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Monday}, {Day: time.Wednesday}}}, "FREQ=WEEKLY;BYDAY=MO,WE"},
		{"first saturday", Recur{Freq: "MONTHLY", ByDay: []WeekdayNum{{N: 1, Day: time.Saturday}}}, "FREQ=MONTHLY;BYDAY=1SA"},
		{"last saturday", Recur{Freq: "MONTHLY", ByDay: []WeekdayNum{{N: -1, Day: time.Saturday}}}, "FREQ=MONTHLY;BYDAY=-1SA"},
		{"every three months", Recur{Freq: "MONTHLY", Interval: 3, ByDay: []WeekdayNum{{N: 2, Day: time.Sunday}}}, "FREQ=MONTHLY;INTERVAL=3;BYDAY=2SU"},
		{"daily", Recur{Freq: "DAILY"}, "FREQ=DAILY"},
		{
			// Until 30 June 2026 23:59:59 in Amsterdam (+0200) is 21:59:59 UTC.
			"until in UTC",
			Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Monday}}, Until: time.Date(2026, 6, 30, 23, 59, 59, 0, ams)},
			"FREQ=WEEKLY;UNTIL=20260630T215959Z;BYDAY=MO",
		},
		{
			"until in winter",
			Recur{Freq: "WEEKLY", Interval: 2, ByDay: []WeekdayNum{{Day: time.Monday}}, Until: time.Date(2026, 12, 21, 10, 0, 0, 0, ams)},
			"FREQ=WEEKLY;UNTIL=20261221T090000Z;INTERVAL=2;WKST=MO;BYDAY=MO",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r
			c := &Calendar{ProdID: "-//Test//Test//NL", Location: ams, Events: []Event{{
				UID: "x", Start: time.Date(2026, 3, 2, 10, 0, 0, 0, ams), Stamp: stamp, Recur: &r,
			}}}
			events := veventLines(t, encode(t, c))
			var got string
			for _, l := range events[0] {
				if v, ok := strings.CutPrefix(l, "RRULE:"); ok {
					got = v
				}
			}
			if got != tt.want {
				t.Errorf("RRULE:%s, want RRULE:%s", got, tt.want)
			}
		})
	}
}

func TestWeekdayNumString(t *testing.T) {
	for w, want := range map[WeekdayNum]string{
		{Day: time.Sunday}:         "SU",
		{N: 1, Day: time.Saturday}: "1SA",
		{N: -1, Day: time.Friday}:  "-1FR",
		{N: 3, Day: time.Monday}:   "3MO",
	} {
		if got := w.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", w, got, want)
		}
	}
}

func TestOverridesFollowMaster(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, ams) }
	weekly := &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Tuesday}}}
	c := &Calendar{ProdID: "-//Test//Test//NL", Location: ams, Events: []Event{
		{UID: "a", Summary: "override 2", RecurrenceID: at(3, 17, 10), Start: at(3, 18, 14), End: at(3, 18, 16), Stamp: stamp},
		{UID: "b", Summary: "single", Start: at(3, 5, 10), End: at(3, 5, 11), Stamp: stamp},
		{UID: "a", Summary: "master", Start: at(3, 3, 10), End: at(3, 3, 12), Recur: weekly, Stamp: stamp},
		{UID: "a", Summary: "override 1", RecurrenceID: at(3, 10, 10), Start: at(3, 10, 10), End: at(3, 10, 12), Status: "CANCELLED", Stamp: stamp},
		{UID: "c", Summary: "lone override", RecurrenceID: at(4, 1, 10), Start: at(4, 2, 10), End: at(4, 2, 12), Stamp: stamp},
	}}
	events := veventLines(t, encode(t, c))
	var order []string
	for _, ev := range events {
		for _, l := range ev {
			if s, ok := strings.CutPrefix(l, "SUMMARY:"); ok {
				order = append(order, s)
			}
		}
	}
	want := []string{"master", "override 2", "override 1", "single", "lone override"}
	if strings.Join(order, "|") != strings.Join(want, "|") {
		t.Errorf("order %q, want %q", order, want)
	}
	override := strings.Join(events[1], "\n")
	for _, l := range []string{
		"UID:a",
		"RECURRENCE-ID;TZID=Europe/Amsterdam:20260317T100000",
		"DTSTART;TZID=Europe/Amsterdam:20260318T140000",
	} {
		if !strings.Contains(override, l) {
			t.Errorf("override lacks %s:\n%s", l, override)
		}
	}
	if strings.Contains(override, "RRULE") {
		t.Errorf("override has an RRULE:\n%s", override)
	}
	if !strings.Contains(strings.Join(events[2], "\n"), "STATUS:CANCELLED") {
		t.Errorf("cancelled override lost its status:\n%s", strings.Join(events[2], "\n"))
	}
}

func TestDeterministic(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	build := func() *Calendar {
		c := &Calendar{ProdID: "-//Test//Test//NL", Name: "De Linde", Location: ams}
		for i := range 50 {
			start := time.Date(2026, 1, 5+i%7, 9+i%8, 0, 0, 0, ams)
			c.Events = append(c.Events, Event{
				UID: "e" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Summary: strings.Repeat("Café ", i%20),
				Start: start, End: start.Add(90 * time.Minute), Stamp: stamp,
				Recur:      &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: start.Weekday()}}},
				ExDates:    []time.Time{start.AddDate(0, 0, 14), start.AddDate(0, 0, 7)},
				Categories: []string{"a", "b"},
			})
		}
		return c
	}
	from, until := time.Date(2026, 1, 1, 0, 0, 0, 0, ams), time.Date(2026, 6, 30, 0, 0, 0, 0, ams)
	first := build().Marshal(from, until)
	for range 5 {
		if again := build().Marshal(from, until); !bytes.Equal(first, again) {
			t.Fatal("encoding the same calendar twice gave different bytes")
		}
	}
	checkFolded(t, first)
}

func TestEncodeRejectsInvalidEvents(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	start := time.Date(2026, 3, 3, 10, 0, 0, 0, ams)
	ok := Event{UID: "x", Start: start, End: start.Add(time.Hour), Stamp: stamp}
	with := func(f func(e *Event)) []Event {
		e := ok
		f(&e)
		return []Event{e}
	}
	tests := []struct {
		name   string
		events []Event
		want   string
	}{
		{"no UID", with(func(e *Event) { e.UID = "" }), "no UID"},
		{"no start", with(func(e *Event) { e.Start = time.Time{} }), "no start"},
		{"no stamp", with(func(e *Event) { e.Stamp = time.Time{} }), "DTSTAMP is required"},
		{"ends before start", with(func(e *Event) { e.End = start.Add(-time.Hour) }), "before it starts"},
		{"unknown status", with(func(e *Event) { e.Status = "POSTPONED" }), `unknown status "POSTPONED"`},
		{"negative sequence", with(func(e *Event) { e.Sequence = -1 }), "negative sequence"},
		{"URL with newline", with(func(e *Event) { e.URL = "https://x.nl/\r\nX-EVIL:1" }), "control character"},
		{"unknown frequency", with(func(e *Event) { e.Recur = &Recur{Freq: "HOURLY"} }), `unknown frequency "HOURLY"`},
		{"ordinal in weekly rule", with(func(e *Event) {
			e.Recur = &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{N: 1, Day: time.Monday}}}
		}), "takes no ordinal"},
		{"ordinal out of range", with(func(e *Event) {
			e.Recur = &Recur{Freq: "MONTHLY", ByDay: []WeekdayNum{{N: 6, Day: time.Monday}}}
		}), "out of range"},
		{"recurring override", with(func(e *Event) {
			e.RecurrenceID = start
			e.Recur = &Recur{Freq: "DAILY"}
		}), "cannot recur"},
		{"two masters", []Event{ok, ok}, "two events that are not overrides"},
		{"same instance overridden twice", []Event{
			{UID: "x", Start: start, Stamp: stamp, RecurrenceID: start},
			{UID: "x", Start: start.Add(time.Hour), Stamp: stamp, RecurrenceID: start.UTC()},
		}, "twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Encode(&buf, &Calendar{ProdID: "-//Test//Test//NL", Location: ams, Events: tt.events}, start, start)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Encode error = %v, want one containing %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("Encode wrote %d bytes for an invalid calendar", buf.Len())
			}
		})
	}
}

func TestMarshalPanicsOnInvalidCalendar(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Marshal did not panic on an event without UID")
		}
	}()
	(&Calendar{Events: []Event{{Start: stamp, Stamp: stamp}}}).Marshal(stamp, stamp)
}

type failingWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n < len(p) {
		return 0, errDiskFull
	}
	w.n -= len(p)
	return len(p), nil
}

func TestEncodeReportsWriteError(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	c := &Calendar{ProdID: "-//Test//Test//NL", Location: ams}
	for i := range 200 {
		start := time.Date(2026, 3, 1, 10, 0, 0, 0, ams).AddDate(0, 0, i)
		c.Events = append(c.Events, Event{UID: "e" + start.Format("20060102"), Start: start, Stamp: stamp, Summary: "Koffieochtend"})
	}
	err := Encode(&failingWriter{n: 5000}, c, time.Time{}, time.Time{})
	if !errors.Is(err, errDiskFull) {
		t.Errorf("Encode error = %v, want one wrapping %v", err, errDiskFull)
	}
}
