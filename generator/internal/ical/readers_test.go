package ical

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apognu/gocal"

	"krachtpunt/generator/internal/ical/icaltest"
)

// The tests in this file give our output to iCalendar readers that are not
// ours (package icaltest: gocal with rrule-go, ical.js, libical,
// recurring_ical_events, node-ical), and compare the occurrences
// they expand with occurrences listed here by hand, as instants in UTC.

// in is an expected instance; start and end are RFC 3339 instants.
func in(t *testing.T, uid, start, end string) icaltest.Instance {
	t.Helper()
	s, err := time.Parse(time.RFC3339, start)
	if err != nil {
		t.Fatal(err)
	}
	e, err := time.Parse(time.RFC3339, end)
	if err != nil {
		t.Fatal(err)
	}
	return icaltest.Instance{UID: uid, Start: s, End: e}
}

// spring is a centre's calendar over March and April 2026, across the
// change to summer time on 29 March, with every kind of rule the site uses.
func spring(t *testing.T) *Calendar {
	ams := mustLoad(t, "Europe/Amsterdam")
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, ams) }
	return &Calendar{
		ProdID:   "-//Krachtpunt//Krachtpunt//NL",
		Name:     "Buurtcentrum De Linde",
		Location: ams,
		Events: []Event{
			{
				// Every Tuesday 10:00-12:00; closed on 17 March; moved to
				// Wednesday afternoon on 24 March; cancelled on 14 April.
				UID: "koffie@delinde.nl", Summary: "Koffieochtend",
				Start: at(3, 3, 10, 0), End: at(3, 3, 12, 0),
				Recur:   &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Tuesday}}},
				ExDates: []time.Time{at(3, 17, 10, 0)},
				Stamp:   stamp,
			},
			{
				UID: "koffie@delinde.nl", Summary: "Koffieochtend ('s middags)",
				RecurrenceID: at(3, 24, 10, 0), Start: at(3, 25, 14, 0), End: at(3, 25, 16, 0),
				Stamp: stamp, Sequence: 1,
			},
			{
				UID: "koffie@delinde.nl", Summary: "Koffieochtend",
				RecurrenceID: at(4, 14, 10, 0), Start: at(4, 14, 10, 0), End: at(4, 14, 12, 0),
				Status: "CANCELLED", Stamp: stamp, Sequence: 1,
			},
			{
				// Every other Thursday 19:00-21:00.
				UID: "repair@delinde.nl", Summary: "Repair café",
				Start: at(3, 5, 19, 0), End: at(3, 5, 21, 0),
				Recur: &Recur{Freq: "WEEKLY", Interval: 2, ByDay: []WeekdayNum{{Day: time.Thursday}}},
				Stamp: stamp,
			},
			{
				// First Saturday of the month 10:00-13:00.
				UID: "markt@delinde.nl", Summary: "Ruilmarkt",
				Start: at(3, 7, 10, 0), End: at(3, 7, 13, 0),
				Recur: &Recur{Freq: "MONTHLY", ByDay: []WeekdayNum{{N: 1, Day: time.Saturday}}},
				Stamp: stamp,
			},
			{
				// Last Friday of the month 20:00-23:00, since January.
				UID: "disco@delinde.nl", Summary: "Buurtdisco",
				Start: at(1, 30, 20, 0), End: at(1, 30, 23, 0),
				Recur: &Recur{Freq: "MONTHLY", ByDay: []WeekdayNum{{N: -1, Day: time.Friday}}},
				Stamp: stamp,
			},
			{
				// Mondays 13:30-15:00 until 13 April (inclusive).
				UID: "taal@delinde.nl", Summary: "Taalcafé",
				Start: at(3, 2, 13, 30), End: at(3, 2, 15, 0),
				Recur: &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Monday}}, Until: at(4, 13, 23, 59).Add(59 * time.Second)},
				Stamp: stamp,
			},
			{
				// Sundays 10:00-11:30, the change to summer time included.
				UID: "wandelen@delinde.nl", Summary: "Zondagswandeling",
				Start: at(3, 22, 10, 0), End: at(3, 22, 11, 30),
				Recur: &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Sunday}}},
				Stamp: stamp,
			},
			{
				UID: "opendag@delinde.nl", Summary: "Open dag",
				Start: at(4, 11, 11, 0), End: at(4, 11, 16, 0),
				Stamp: stamp,
			},
		},
	}
}

// springWant lists by hand what happens from 1 March to 30 April 2026.
// Until 29 March Amsterdam is UTC+1, from then on UTC+2.
func springWant(t *testing.T) []icaltest.Instance {
	return []icaltest.Instance{
		in(t, "koffie@delinde.nl", "2026-03-03T09:00:00Z", "2026-03-03T11:00:00Z"),
		in(t, "koffie@delinde.nl", "2026-03-10T09:00:00Z", "2026-03-10T11:00:00Z"),
		// 17 March closed; 24 March moved to 25 March 14:00-16:00.
		in(t, "koffie@delinde.nl", "2026-03-25T13:00:00Z", "2026-03-25T15:00:00Z"),
		in(t, "koffie@delinde.nl", "2026-03-31T08:00:00Z", "2026-03-31T10:00:00Z"),
		in(t, "koffie@delinde.nl", "2026-04-07T08:00:00Z", "2026-04-07T10:00:00Z"),
		// 14 April cancelled.
		in(t, "koffie@delinde.nl", "2026-04-21T08:00:00Z", "2026-04-21T10:00:00Z"),
		in(t, "koffie@delinde.nl", "2026-04-28T08:00:00Z", "2026-04-28T10:00:00Z"),

		in(t, "repair@delinde.nl", "2026-03-05T18:00:00Z", "2026-03-05T20:00:00Z"),
		in(t, "repair@delinde.nl", "2026-03-19T18:00:00Z", "2026-03-19T20:00:00Z"),
		in(t, "repair@delinde.nl", "2026-04-02T17:00:00Z", "2026-04-02T19:00:00Z"),
		in(t, "repair@delinde.nl", "2026-04-16T17:00:00Z", "2026-04-16T19:00:00Z"),
		in(t, "repair@delinde.nl", "2026-04-30T17:00:00Z", "2026-04-30T19:00:00Z"),

		in(t, "markt@delinde.nl", "2026-03-07T09:00:00Z", "2026-03-07T12:00:00Z"),
		in(t, "markt@delinde.nl", "2026-04-04T08:00:00Z", "2026-04-04T11:00:00Z"),

		in(t, "disco@delinde.nl", "2026-03-27T19:00:00Z", "2026-03-27T22:00:00Z"),
		in(t, "disco@delinde.nl", "2026-04-24T18:00:00Z", "2026-04-24T21:00:00Z"),

		in(t, "taal@delinde.nl", "2026-03-02T12:30:00Z", "2026-03-02T14:00:00Z"),
		in(t, "taal@delinde.nl", "2026-03-09T12:30:00Z", "2026-03-09T14:00:00Z"),
		in(t, "taal@delinde.nl", "2026-03-16T12:30:00Z", "2026-03-16T14:00:00Z"),
		in(t, "taal@delinde.nl", "2026-03-23T12:30:00Z", "2026-03-23T14:00:00Z"),
		in(t, "taal@delinde.nl", "2026-03-30T11:30:00Z", "2026-03-30T13:00:00Z"),
		in(t, "taal@delinde.nl", "2026-04-06T11:30:00Z", "2026-04-06T13:00:00Z"),
		in(t, "taal@delinde.nl", "2026-04-13T11:30:00Z", "2026-04-13T13:00:00Z"),

		in(t, "wandelen@delinde.nl", "2026-03-22T09:00:00Z", "2026-03-22T10:30:00Z"),
		in(t, "wandelen@delinde.nl", "2026-03-29T08:00:00Z", "2026-03-29T09:30:00Z"),
		in(t, "wandelen@delinde.nl", "2026-04-05T08:00:00Z", "2026-04-05T09:30:00Z"),
		in(t, "wandelen@delinde.nl", "2026-04-12T08:00:00Z", "2026-04-12T09:30:00Z"),
		in(t, "wandelen@delinde.nl", "2026-04-19T08:00:00Z", "2026-04-19T09:30:00Z"),
		in(t, "wandelen@delinde.nl", "2026-04-26T08:00:00Z", "2026-04-26T09:30:00Z"),

		in(t, "opendag@delinde.nl", "2026-04-11T09:00:00Z", "2026-04-11T14:00:00Z"),
	}
}

// autumn crosses the change back to winter time on 25 October 2026, with an
// event on the morning of the change itself.
func autumn(t *testing.T) *Calendar {
	ams := mustLoad(t, "Europe/Amsterdam")
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, ams) }
	return &Calendar{
		ProdID: "-//Krachtpunt//Krachtpunt//NL", Location: ams,
		Events: []Event{{
			UID: "wandelen@delinde.nl", Summary: "Zondagswandeling",
			Start: at(10, 11, 10), End: at(10, 11, 12),
			Recur: &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Sunday}}},
			Stamp: stamp,
		}, {
			UID: "yoga@delinde.nl", Summary: "Stoelyoga",
			Start: at(10, 20, 9), End: at(10, 20, 10),
			Recur:   &Recur{Freq: "DAILY", Until: at(10, 29, 9)},
			ExDates: []time.Time{at(10, 24, 9)},
			Stamp:   stamp,
		}},
	}
}

func autumnWant(t *testing.T) []icaltest.Instance {
	return []icaltest.Instance{
		in(t, "wandelen@delinde.nl", "2026-10-11T08:00:00Z", "2026-10-11T10:00:00Z"),
		in(t, "wandelen@delinde.nl", "2026-10-18T08:00:00Z", "2026-10-18T10:00:00Z"),
		in(t, "wandelen@delinde.nl", "2026-10-25T09:00:00Z", "2026-10-25T11:00:00Z"),
		in(t, "wandelen@delinde.nl", "2026-11-01T09:00:00Z", "2026-11-01T11:00:00Z"),
		in(t, "wandelen@delinde.nl", "2026-11-08T09:00:00Z", "2026-11-08T11:00:00Z"),

		in(t, "yoga@delinde.nl", "2026-10-20T07:00:00Z", "2026-10-20T08:00:00Z"),
		in(t, "yoga@delinde.nl", "2026-10-21T07:00:00Z", "2026-10-21T08:00:00Z"),
		in(t, "yoga@delinde.nl", "2026-10-22T07:00:00Z", "2026-10-22T08:00:00Z"),
		in(t, "yoga@delinde.nl", "2026-10-23T07:00:00Z", "2026-10-23T08:00:00Z"),
		// 24 October excluded.
		in(t, "yoga@delinde.nl", "2026-10-25T08:00:00Z", "2026-10-25T09:00:00Z"),
		in(t, "yoga@delinde.nl", "2026-10-26T08:00:00Z", "2026-10-26T09:00:00Z"),
		in(t, "yoga@delinde.nl", "2026-10-27T08:00:00Z", "2026-10-27T09:00:00Z"),
		in(t, "yoga@delinde.nl", "2026-10-28T08:00:00Z", "2026-10-28T09:00:00Z"),
		in(t, "yoga@delinde.nl", "2026-10-29T08:00:00Z", "2026-10-29T09:00:00Z"),
	}
}

// readerCase is one calendar, the window to expand it over (local dates,
// inclusive) and what must come out.
type readerCase struct {
	name        string
	cal         *Calendar
	from, until string
	want        []icaltest.Instance
}

func readerCases(t *testing.T) []readerCase {
	return []readerCase{
		{"spring", spring(t), "2026-03-01", "2026-04-30", springWant(t)},
		{"autumn", autumn(t), "2026-10-01", "2026-11-08", autumnWant(t)},
	}
}

// window turns inclusive local dates into the half-open span of instants.
func window(t *testing.T, loc *time.Location, from, until string) (time.Time, time.Time) {
	t.Helper()
	f, err := time.ParseInLocation("2006-01-02", from, loc)
	if err != nil {
		t.Fatal(err)
	}
	u, err := time.ParseInLocation("2006-01-02", until, loc)
	if err != nil {
		t.Fatal(err)
	}
	return f, u.AddDate(0, 0, 1)
}

// TestReaders expands each case with every reader of package icaltest.
func TestReaders(t *testing.T) {
	for _, tc := range readerCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			from, until := window(t, tc.cal.Location, tc.from, tc.until)
			path := filepath.Join(t.TempDir(), tc.name+".ics")
			if err := os.WriteFile(path, tc.cal.Marshal(from, until), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, r := range icaltest.Readers() {
				t.Run(r.Name, func(t *testing.T) {
					if d := icaltest.Diff(tc.want, r.Expand(t, path, from, until)); d != "" {
						t.Errorf("%s expands %s differently (- want, + got):\n%s", r.Name, tc.name, d)
					}
				})
			}
		})
	}
}

// TestGocalOwnExpansion lets gocal expand, with its own code only, the rules
// it handles (plain weekly and every-other-week rules, EXDATE and a moved
// instance), so that at least part of the output is checked by a reader
// with no rrule-go in between.
func TestGocalOwnExpansion(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, ams) }
	c := &Calendar{ProdID: "-//Krachtpunt//Krachtpunt//NL", Location: ams, Events: []Event{
		{UID: "koffie", Start: at(3, 3, 10), End: at(3, 3, 12), Stamp: stamp,
			Recur: &Recur{Freq: "WEEKLY"}, ExDates: []time.Time{at(3, 17, 10)}},
		{UID: "koffie", RecurrenceID: at(3, 24, 10), Start: at(3, 25, 14), End: at(3, 25, 16), Stamp: stamp},
		{UID: "repair", Start: at(3, 5, 19), End: at(3, 5, 21), Stamp: stamp,
			Recur: &Recur{Freq: "WEEKLY", Interval: 2}},
	}}
	from, until := window(t, ams, "2026-03-01", "2026-04-15")

	p := gocal.NewParser(bytes.NewReader(c.Marshal(from, until)))
	p.Start, p.End = &from, &until
	if err := p.Parse(); err != nil {
		t.Fatal(err)
	}
	var got []icaltest.Instance
	for _, e := range p.Events {
		got = append(got, icaltest.Instance{UID: e.Uid, Start: e.Start.UTC(), End: e.End.UTC()})
	}
	want := []icaltest.Instance{
		in(t, "koffie", "2026-03-03T09:00:00Z", "2026-03-03T11:00:00Z"),
		in(t, "koffie", "2026-03-10T09:00:00Z", "2026-03-10T11:00:00Z"),
		in(t, "koffie", "2026-03-25T13:00:00Z", "2026-03-25T15:00:00Z"),
		in(t, "koffie", "2026-03-31T08:00:00Z", "2026-03-31T10:00:00Z"),
		in(t, "koffie", "2026-04-07T08:00:00Z", "2026-04-07T10:00:00Z"),
		in(t, "koffie", "2026-04-14T08:00:00Z", "2026-04-14T10:00:00Z"),
		in(t, "repair", "2026-03-05T18:00:00Z", "2026-03-05T20:00:00Z"),
		in(t, "repair", "2026-03-19T18:00:00Z", "2026-03-19T20:00:00Z"),
		in(t, "repair", "2026-04-02T17:00:00Z", "2026-04-02T19:00:00Z"),
	}
	if d := icaltest.Diff(want, got); d != "" {
		t.Errorf("gocal expands differently (- want, + got):\n%s", d)
	}
}

// TestReaderICALJSZones checks the VTIMEZONE of zones of every sort through
// ical.js, which knows no zone but the one the file defines: daily events at
// 00:30, 01:30, 02:30, 03:30 and 04:30, the hours in which these zones
// change, and at 12:00, must land on the instants Go's zone data gives for
// two years. Days on which an event's wall clock does not exist or exists
// twice are left out of the comparison. The events last one minute, so none
// spans a change: ical.js adds an event's length as wall-clock time, where
// RFC 5545 (section 3.8.5.3) wants the exact duration.
func TestReaderICALJSZones(t *testing.T) {
	zones := []string{
		"Europe/Amsterdam", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
		"America/Sao_Paulo", "Africa/Casablanca", "Asia/Tokyo", "UTC",
	}
	clocks := []struct{ hour, min int }{{0, 30}, {1, 30}, {2, 30}, {3, 30}, {4, 30}, {12, 0}}
	for _, name := range zones {
		t.Run(name, func(t *testing.T) {
			loc := mustLoad(t, name)
			first := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
			last := time.Date(2027, 12, 31, 0, 0, 0, 0, loc)
			c := &Calendar{ProdID: "-//Test//Test//NL", Location: loc}
			var want []icaltest.Instance
			skip := make(map[string]bool) // uid + local date
			for _, clock := range clocks {
				uid := fmt.Sprintf("daily-%02d%02d", clock.hour, clock.min)
				start := time.Date(2026, 1, 1, clock.hour, clock.min, 0, 0, loc)
				c.Events = append(c.Events, Event{UID: uid, Start: start, End: start.Add(time.Minute), Stamp: stamp, Recur: &Recur{Freq: "DAILY"}})
				for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
					s := time.Date(d.Year(), d.Month(), d.Day(), clock.hour, clock.min, 0, 0, loc)
					if !uniqueWallClock(s, clock.hour, clock.min) {
						skip[uid+d.Format("2006-01-02")] = true
						continue
					}
					want = append(want, icaltest.Instance{UID: uid, Start: s.UTC(), End: s.Add(time.Minute).UTC()})
				}
			}
			path := filepath.Join(t.TempDir(), "zone.ics")
			if err := os.WriteFile(path, c.Marshal(first, last), 0o644); err != nil {
				t.Fatal(err)
			}
			var got []icaltest.Instance
			for _, g := range icaltest.ExpandWithICALJS(t, path, first, last.AddDate(0, 0, 1)) {
				if !skip[g.UID+g.Start.In(loc).Format("2006-01-02")] {
					got = append(got, g)
				}
			}
			if len(want) < 4000 {
				t.Fatalf("only %d instances to compare", len(want))
			}
			if d := icaltest.Diff(want, got); d != "" {
				t.Errorf("ical.js places events in %s differently (- want, + got):\n%s", name, d)
			}
		})
	}
}

// uniqueWallClock reports whether the wall clock of t, built with
// time.Date for hour:min, exists exactly once on its day: not skipped by a
// change to summer time, not repeated by a change back.
func uniqueWallClock(t time.Time, hour, min int) bool {
	if t.Hour() != hour || t.Minute() != min {
		return false // in a gap
	}
	for _, d := range []time.Duration{-time.Hour, -30 * time.Minute, 30 * time.Minute, time.Hour} {
		u := t.Add(d).In(t.Location())
		if u.Day() == t.Day() && u.Hour() == hour && u.Minute() == min {
			return false // repeated
		}
	}
	return true
}
