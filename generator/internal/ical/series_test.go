package ical

import (
	"strings"
	"testing"
	"time"
)

// The tests in this file give a Series the instances a rule has and check,
// line by line, the VEVENTs it is written as. Instants around the changes
// of the clock in Amsterdam are spelled out in UTC: summer time (+02:00)
// ends at 03:00 on 25 October 2026, when 02:00-03:00 happens twice; it
// starts at 02:00 on 28 March 2027, when 02:00-03:00 does not happen.

// seriesLines encodes the events of s in Amsterdam and returns the lines of
// each VEVENT, unfolded, joined by newlines.
func seriesLines(t *testing.T, s *Series) []string {
	t.Helper()
	ams := mustLoad(t, "Europe/Amsterdam")
	c := &Calendar{ProdID: "-//Test//Test//NL", Location: ams, Events: s.Events(ams)}
	var out []string
	for _, ev := range veventLines(t, encode(t, c)) {
		out = append(out, strings.Join(ev, "\n"))
	}
	return out
}

// instances returns one instance at each start, lasting until the matching
// end.
func instances(startsEnds ...time.Time) []Instance {
	var ins []Instance
	for i := 0; i+1 < len(startsEnds); i += 2 {
		ins = append(ins, Instance{Original: startsEnds[i], Start: startsEnds[i], End: startsEnds[i+1]})
	}
	return ins
}

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func compareEvents(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n--\n") != strings.Join(want, "\n--\n") {
		t.Errorf("VEVENTs\n%s\nwant\n%s", strings.Join(got, "\n--\n"), strings.Join(want, "\n--\n"))
	}
}

func template(uid, summary string) Event {
	return Event{UID: uid, Summary: summary, Stamp: stamp}
}

// A rule from winter into summer time ends twelve hours after its last
// start (20 April 2027 10:00+02:00), written in UTC.
func TestSeriesUntilAfterLastStart(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	s := &Series{Template: template("koffie@x", "Koffieochtend"), Length: 2 * time.Hour,
		Recur: &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Tuesday}}}}
	for d := time.Date(2026, 11, 3, 10, 0, 0, 0, ams); !d.After(time.Date(2027, 4, 20, 10, 0, 0, 0, ams)); d = d.AddDate(0, 0, 7) {
		s.Instances = append(s.Instances, instances(d, d.Add(2*time.Hour))...)
	}
	compareEvents(t, seriesLines(t, s), strings.Join([]string{
		"UID:koffie@x",
		"DTSTAMP:20260105T120000Z",
		"DTSTART;TZID=Europe/Amsterdam:20261103T100000",
		"DTEND;TZID=Europe/Amsterdam:20261103T120000",
		"RRULE:FREQ=WEEKLY;UNTIL=20270420T200000Z;BYDAY=TU",
		"SUMMARY:Koffieochtend",
	}, "\n"))
}

// A night from 23:00 to 04:00 lasts six hours across 25 October and four
// across 28 March: those instances are overrides that say their end, as
// readers would give them the master's five.
func TestSeriesNightAcrossClockChange(t *testing.T) {
	night := func(startsEnds ...time.Time) *Series {
		return &Series{Template: template("nacht@x", "Nachtwandeling"), Length: 5 * time.Hour,
			Recur:     &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Saturday}}},
			Instances: instances(startsEnds...)}
	}
	t.Run("autumn", func(t *testing.T) {
		s := night(
			utc(2026, 10, 17, 21, 0), utc(2026, 10, 18, 2, 0),
			utc(2026, 10, 24, 21, 0), utc(2026, 10, 25, 3, 0),
			utc(2026, 10, 31, 22, 0), utc(2026, 11, 1, 3, 0),
		)
		compareEvents(t, seriesLines(t, s),
			strings.Join([]string{
				"UID:nacht@x",
				"DTSTAMP:20260105T120000Z",
				"DTSTART;TZID=Europe/Amsterdam:20261017T230000",
				"DTEND;TZID=Europe/Amsterdam:20261018T040000",
				"RRULE:FREQ=WEEKLY;UNTIL=20261101T100000Z;BYDAY=SA",
				"SUMMARY:Nachtwandeling",
			}, "\n"),
			strings.Join([]string{
				"UID:nacht@x",
				"DTSTAMP:20260105T120000Z",
				"RECURRENCE-ID;TZID=Europe/Amsterdam:20261024T230000",
				"DTSTART;TZID=Europe/Amsterdam:20261024T230000",
				"DTEND;TZID=Europe/Amsterdam:20261025T040000",
				"SUMMARY:Nachtwandeling",
			}, "\n"),
		)
	})
	t.Run("spring", func(t *testing.T) {
		s := night(
			utc(2027, 3, 20, 22, 0), utc(2027, 3, 21, 3, 0),
			utc(2027, 3, 27, 22, 0), utc(2027, 3, 28, 2, 0),
			utc(2027, 4, 3, 21, 0), utc(2027, 4, 4, 2, 0),
		)
		compareEvents(t, seriesLines(t, s),
			strings.Join([]string{
				"UID:nacht@x",
				"DTSTAMP:20260105T120000Z",
				"DTSTART;TZID=Europe/Amsterdam:20270320T230000",
				"DTEND;TZID=Europe/Amsterdam:20270321T040000",
				"RRULE:FREQ=WEEKLY;UNTIL=20270404T090000Z;BYDAY=SA",
				"SUMMARY:Nachtwandeling",
			}, "\n"),
			strings.Join([]string{
				"UID:nacht@x",
				"DTSTAMP:20260105T120000Z",
				"RECURRENCE-ID;TZID=Europe/Amsterdam:20270327T230000",
				"DTSTART;TZID=Europe/Amsterdam:20270327T230000",
				"DTEND;TZID=Europe/Amsterdam:20270328T040000",
				"SUMMARY:Nachtwandeling",
			}, "\n"),
		)
	})
}

// single is the lines of a single event of the test series.
func single(uid, summary, start, end string) string {
	return strings.Join([]string{"UID:" + uid, "DTSTAMP:20260105T120000Z", start, end, "SUMMARY:" + summary}, "\n")
}

// A rule at 02:30 has a start in the hour that happens twice on 25 October:
// it is written as single events, the one on that day in UTC (the first
// 02:30, summer time).
func TestSeriesStartInRepeatedHour(t *testing.T) {
	s := &Series{Template: template("sterren@x", "Sterren"), Length: time.Hour,
		Recur: &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Sunday}}},
		Instances: instances(
			utc(2026, 10, 18, 0, 30), utc(2026, 10, 18, 1, 30),
			utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 2, 30),
			utc(2026, 11, 1, 1, 30), utc(2026, 11, 1, 2, 30),
		)}
	compareEvents(t, seriesLines(t, s),
		single("sterren-20261018@x", "Sterren", "DTSTART;TZID=Europe/Amsterdam:20261018T023000", "DTEND;TZID=Europe/Amsterdam:20261018T033000"),
		single("sterren-20261025@x", "Sterren", "DTSTART:20261025T003000Z", "DTEND:20261025T023000Z"),
		single("sterren-20261101@x", "Sterren", "DTSTART;TZID=Europe/Amsterdam:20261101T023000", "DTEND;TZID=Europe/Amsterdam:20261101T033000"),
	)
}

// On 28 March 02:30 does not exist: the instance is at 03:30 summer time
// (RFC 5545, section 3.3.5), a wall clock that happens once. The rule is
// written as single events, as one reader carries the moved time into the
// next week.
func TestSeriesStartInSkippedHour(t *testing.T) {
	s := &Series{Template: template("sterren@x", "Sterren"), Length: time.Hour,
		Recur: &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Sunday}}},
		Instances: instances(
			utc(2027, 3, 21, 1, 30), utc(2027, 3, 21, 2, 30),
			utc(2027, 3, 28, 1, 30), utc(2027, 3, 28, 2, 30),
			utc(2027, 4, 4, 0, 30), utc(2027, 4, 4, 1, 30),
		)}
	compareEvents(t, seriesLines(t, s),
		single("sterren-20270321@x", "Sterren", "DTSTART;TZID=Europe/Amsterdam:20270321T023000", "DTEND;TZID=Europe/Amsterdam:20270321T033000"),
		single("sterren-20270328@x", "Sterren", "DTSTART;TZID=Europe/Amsterdam:20270328T033000", "DTEND;TZID=Europe/Amsterdam:20270328T043000"),
		single("sterren-20270404@x", "Sterren", "DTSTART;TZID=Europe/Amsterdam:20270404T023000", "DTEND;TZID=Europe/Amsterdam:20270404T033000"),
	)
}

// The master's DTSTART is never on a day the clock changes: a first
// instance on 25 October is an event of its own.
func TestSeriesFirstOnClockChangeDay(t *testing.T) {
	s := &Series{Template: template("wandelen@x", "Wandelen"), Length: 2 * time.Hour,
		Recur: &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Sunday}}},
		Instances: instances(
			utc(2026, 10, 25, 9, 0), utc(2026, 10, 25, 11, 0),
			utc(2026, 11, 1, 9, 0), utc(2026, 11, 1, 11, 0),
			utc(2026, 11, 8, 9, 0), utc(2026, 11, 8, 11, 0),
		)}
	compareEvents(t, seriesLines(t, s),
		strings.Join([]string{
			"UID:wandelen@x",
			"DTSTAMP:20260105T120000Z",
			"DTSTART;TZID=Europe/Amsterdam:20261101T100000",
			"DTEND;TZID=Europe/Amsterdam:20261101T120000",
			"RRULE:FREQ=WEEKLY;UNTIL=20261108T210000Z;BYDAY=SU",
			"SUMMARY:Wandelen",
		}, "\n"),
		single("wandelen-20261025@x", "Wandelen", "DTSTART;TZID=Europe/Amsterdam:20261025T100000", "DTEND;TZID=Europe/Amsterdam:20261025T120000"),
	)
}

// Skipped instances are EXDATEs and a changed one an override in wall
// clocks; a rule none of whose instances the master would show itself is
// left out, and what remains of it are single events.
func TestSeriesSkippedAndChanged(t *testing.T) {
	rule := func() *Series {
		return &Series{Template: template("koffie@x", "Koffie"), Length: 2 * time.Hour,
			Recur: &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Tuesday}}},
			Instances: instances(
				utc(2026, 11, 3, 9, 0), utc(2026, 11, 3, 11, 0),
				utc(2026, 11, 10, 9, 0), utc(2026, 11, 10, 11, 0),
				utc(2026, 11, 17, 9, 0), utc(2026, 11, 17, 11, 0),
			)}
	}
	t.Run("some skipped, one changed", func(t *testing.T) {
		s := rule()
		s.Instances[1].Skip = true
		ch := &s.Instances[2]
		ch.Changed, ch.Start, ch.End, ch.Location = true, utc(2026, 11, 17, 13, 0), utc(2026, 11, 17, 15, 0), "Grote zaal"
		compareEvents(t, seriesLines(t, s),
			strings.Join([]string{
				"UID:koffie@x",
				"DTSTAMP:20260105T120000Z",
				"DTSTART;TZID=Europe/Amsterdam:20261103T100000",
				"DTEND;TZID=Europe/Amsterdam:20261103T120000",
				"RRULE:FREQ=WEEKLY;UNTIL=20261117T210000Z;BYDAY=TU",
				"EXDATE;TZID=Europe/Amsterdam:20261110T100000",
				"SUMMARY:Koffie",
			}, "\n"),
			strings.Join([]string{
				"UID:koffie@x",
				"DTSTAMP:20260105T120000Z",
				"RECURRENCE-ID;TZID=Europe/Amsterdam:20261117T100000",
				"DTSTART;TZID=Europe/Amsterdam:20261117T140000",
				"DTEND;TZID=Europe/Amsterdam:20261117T160000",
				"SUMMARY:Koffie",
				"LOCATION:Grote zaal",
				"SEQUENCE:1",
			}, "\n"),
		)
	})
	t.Run("changed into the hour that happens twice", func(t *testing.T) {
		s := &Series{Template: template("markt@x", "Markt"), Length: 2 * time.Hour,
			Recur: &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: time.Saturday}}},
			Instances: instances(
				utc(2026, 10, 17, 8, 0), utc(2026, 10, 17, 10, 0),
				utc(2026, 10, 24, 8, 0), utc(2026, 10, 24, 10, 0),
				utc(2026, 10, 31, 9, 0), utc(2026, 10, 31, 11, 0),
			)}
		// Moved to 02:30-03:30 on the night the clock goes back: the first
		// 02:30 (summer time) to 03:30 (winter time).
		ch := &s.Instances[1]
		ch.Changed, ch.Start, ch.End = true, utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 2, 30)
		compareEvents(t, seriesLines(t, s),
			strings.Join([]string{
				"UID:markt@x",
				"DTSTAMP:20260105T120000Z",
				"DTSTART;TZID=Europe/Amsterdam:20261017T100000",
				"DTEND;TZID=Europe/Amsterdam:20261017T120000",
				"RRULE:FREQ=WEEKLY;UNTIL=20261031T210000Z;BYDAY=SA",
				"EXDATE;TZID=Europe/Amsterdam:20261024T100000",
				"SUMMARY:Markt",
			}, "\n"),
			strings.Join([]string{
				"UID:markt-20261024@x",
				"DTSTAMP:20260105T120000Z",
				"DTSTART:20261025T003000Z",
				"DTEND:20261025T023000Z",
				"SUMMARY:Markt",
			}, "\n"),
		)
	})
	t.Run("all skipped", func(t *testing.T) {
		s := rule()
		for i := range s.Instances {
			s.Instances[i].Skip = true
		}
		if got := seriesLines(t, s); len(got) != 0 {
			t.Errorf("a rule with every instance skipped gives\n%s", strings.Join(got, "\n--\n"))
		}
	})
	t.Run("all skipped but one changed", func(t *testing.T) {
		s := rule()
		s.Instances[0].Skip, s.Instances[2].Skip = true, true
		ch := &s.Instances[1]
		ch.Changed, ch.Start, ch.End = true, utc(2026, 11, 11, 9, 0), utc(2026, 11, 11, 11, 0)
		compareEvents(t, seriesLines(t, s), strings.Join([]string{
			"UID:koffie-20261110@x",
			"DTSTAMP:20260105T120000Z",
			"DTSTART;TZID=Europe/Amsterdam:20261111T100000",
			"DTEND;TZID=Europe/Amsterdam:20261111T120000",
			"SUMMARY:Koffie",
		}, "\n"))
	})
}

// A rule that happens once is one event with the series' UID, in UTC on a
// day the clock changes.
func TestSeriesOnce(t *testing.T) {
	s := &Series{Template: template("feest@x", "Feest"), Length: 45 * time.Minute,
		Instances: instances(utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 2, 15))}
	compareEvents(t, seriesLines(t, s), single("feest@x", "Feest", "DTSTART:20261025T003000Z", "DTEND:20261025T021500Z"))
	s.Instances[0].Skip = true
	if got := seriesLines(t, s); len(got) != 0 {
		t.Errorf("a cancelled one-off gives\n%s", strings.Join(got, "\n--\n"))
	}
}
