package ical

import (
	"slices"
	"strings"
	"time"
)

// Series is one recurring event described by what a reader must show: a
// rule, and every instance the rule gives in the span the calendar covers,
// each taking place as the rule says, changed, or left out. Events turns it
// into VEVENTs that readers expand alike; see "Series" in the package
// documentation for the choices it makes.
type Series struct {
	// Template holds what every event of the series shares: UID, Summary,
	// Description, Location, URL, Stamp and Categories. Its Start, End,
	// Recur, ExDates, RecurrenceID, UTC and Sequence are not used.
	Template Event

	// Recur is the rule: Freq, Interval and ByDay. Its Until is not used:
	// Events sets it from the instances. Nil is a rule that happens once.
	Recur *Recur

	// Length is how long an instance lasts on a day without a change of
	// the clock: the master's DTEND is its DTSTART plus Length.
	Length time.Duration

	// Instances are every date the rule gives, sorted by Original, one a
	// local day at most.
	Instances []Instance
}

// Instance is one date of a Series.
type Instance struct {
	// Original is the start the rule gives, before any change: it names the
	// instance (EXDATE, RECURRENCE-ID).
	Original time.Time

	// Skip leaves the instance out: it does not take place (a closure, a
	// cancellation, a date another rule has).
	Skip bool

	// Start and End are when the instance takes place: the rule's own time,
	// or the changed one.
	Start, End time.Time

	// Changed makes the instance an override of its own, with Sequence 1;
	// Location and Description, when not empty, replace the series' own.
	Changed               bool
	Location, Description string
}

// Events returns the VEVENTs of s in the zone loc (nil means UTC): a master
// with an RRULE, EXDATEs and overrides, and single events for the
// instances a rule cannot carry alike in every reader. An empty series, or
// one whose instances are all skipped, gives none.
func (s *Series) Events(loc *time.Location) []Event {
	if loc == nil {
		loc = time.UTC
	}
	// The shown instances are gathered only for a series written as single
	// events; a master needs just to know there is one.
	shown := func() []Instance {
		var out []Instance
		for _, in := range s.Instances {
			if !in.Skip {
				out = append(out, in)
			}
		}
		return out
	}
	if !slices.ContainsFunc(s.Instances, func(in Instance) bool { return !in.Skip }) {
		return nil
	}
	if s.Recur == nil {
		// A rule that happens once: one event, with the series' UID.
		all := shown()
		if len(all) == 1 {
			return []Event{s.single(all[0], loc, s.Template.UID)}
		}
		return s.singles(all, loc)
	}
	if !s.steadyClock(loc) {
		return s.singles(shown(), loc)
	}

	// The master runs from the first to the last instance on a day without
	// a change of the clock; what lies outside is written as single events.
	first, last := -1, -1
	for i, in := range s.Instances {
		if s.steadyDay(in, loc) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return s.singles(shown(), loc)
	}
	master := s.Template
	master.RecurrenceID, master.ExDates, master.UTC, master.Sequence = time.Time{}, nil, false, 0
	master.Start = s.Instances[first].Original
	master.End = master.Start.Add(s.Length)
	rec := *s.Recur
	rec.Until = s.Instances[last].Original.Add(untilMargin).UTC()
	master.Recur = &rec

	var overrides, singles []Event
	plain := 0 // instances the master itself shows
	for i, in := range s.Instances {
		switch {
		case i < first || i > last:
			if !in.Skip {
				singles = append(singles, s.single(in, loc, s.derivedUID(in, loc)))
			}
		case in.Skip:
			master.ExDates = append(master.ExDates, in.Original)
		case in.Changed || s.irregular(in, loc):
			ov := s.event(in, loc)
			if ov.UTC {
				// An override keeps wall clocks: readers match its
				// RECURRENCE-ID by the local date (recurring_ical_events)
				// or read it with the TZID of its DTSTART (gocal).
				master.ExDates = append(master.ExDates, in.Original)
				singles = append(singles, s.single(in, loc, s.derivedUID(in, loc)))
				continue
			}
			ov.UID = s.Template.UID
			ov.RecurrenceID = in.Original
			overrides = append(overrides, ov)
		default:
			plain++
		}
	}
	if plain == 0 {
		// Every instance of the rule is left out or overridden: a master
		// showing nothing of its own is left out (some readers would still
		// show its DTSTART), its overrides become single events.
		for i := range overrides {
			in := Instance{Original: overrides[i].RecurrenceID}
			overrides[i].UID = s.derivedUID(in, loc)
			overrides[i].RecurrenceID, overrides[i].Sequence = time.Time{}, 0
		}
		return sortSingles(append(overrides, singles...))
	}
	return append(append([]Event{master}, overrides...), sortSingles(singles)...)
}

// singles writes every shown instance as a single event of its own.
func (s *Series) singles(shown []Instance, loc *time.Location) []Event {
	evs := make([]Event, 0, len(shown))
	for _, in := range shown {
		evs = append(evs, s.single(in, loc, s.derivedUID(in, loc)))
	}
	return sortSingles(evs)
}

// single is in as an event of its own, with the given UID.
func (s *Series) single(in Instance, loc *time.Location, uid string) Event {
	e := s.event(in, loc)
	e.UID = uid
	e.Sequence = 0
	return e
}

// event is in as a VEVENT without UID or RecurrenceID: its times, in UTC
// when the wall clock of its start or end happens twice, and what its change
// replaces.
func (s *Series) event(in Instance, loc *time.Location) Event {
	e := s.Template
	e.Recur, e.ExDates, e.RecurrenceID, e.Sequence = nil, nil, time.Time{}, 0
	e.Start, e.End = in.Start, in.End
	e.UTC = !wallClockOnce(in.Start.In(loc)) || !wallClockOnce(in.End.In(loc))
	if in.Changed {
		e.Sequence = 1
		if in.Location != "" {
			e.Location = in.Location
		}
		if in.Description != "" {
			e.Description = in.Description
		}
	}
	return e
}

// steadyDay reports whether the rule's own time for in, from Original for
// Length, neither starts nor ends on a day the clock changes: only such an
// instance can be the master's DTSTART.
func (s *Series) steadyDay(in Instance, loc *time.Location) bool {
	return !clockChanges(in.Original, loc) && !clockChanges(in.Original.Add(s.Length), loc)
}

// irregular reports whether in, though it takes place as the rule says,
// cannot be left to the master: it starts or ends on a day the clock
// changes, where readers disagree on the length of an instance that spans
// the change (RFC 5545, section 3.8.5.3, gives every instance the master's
// exact duration; some readers add the length as wall-clock time instead),
// so it is an override that says its DTEND.
func (s *Series) irregular(in Instance, loc *time.Location) bool {
	return !s.steadyDay(in, loc) || clockChanges(in.Start, loc) || clockChanges(in.End, loc)
}

// steadyClock reports whether every instance's original start is a wall
// clock that exists exactly once on its day, and the same wall clock for
// all. A rule that starts in the hour the clock skips or repeats on one of
// its days is not: readers differ on which instant such a start is, and
// one (libical 3.0) even carries the time a skipped hour moved to into the
// next instance. Such a rule is written as single events.
func (s *Series) steadyClock(loc *time.Location) bool {
	var h0, m0, s0 int
	for i, in := range s.Instances {
		t := in.Original.In(loc)
		h, m, sec := t.Clock()
		if i == 0 {
			h0, m0, s0 = h, m, sec
		} else if h != h0 || m != m0 || sec != s0 {
			return false // moved forward by a gap
		}
		if clockChanges(t, loc) && !wallClockOnce(t) {
			return false
		}
	}
	return true
}

// derivedUID is the UID of an instance written as an event of its own: the
// series' UID with the instance's local date, "-20261025", put before the
// "@" (or at the end when there is none), so that it stays the same from
// one build to the next.
func (s *Series) derivedUID(in Instance, loc *time.Location) string {
	uid := s.Template.UID
	date := in.Original.In(loc).Format("-20060102")
	if at := strings.LastIndexByte(uid, '@'); at >= 0 {
		return uid[:at] + date + uid[at:]
	}
	return uid + date
}

// sortSingles orders single events by start and UID, for deterministic
// output.
func sortSingles(evs []Event) []Event {
	slices.SortStableFunc(evs, func(a, b Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.UID, b.UID)
	})
	return evs
}

// untilMargin is how long after the last start a rule's UNTIL is: halfway
// to the earliest next instance a rule could give (a day later, 23 hours on
// the day the clock goes forward). UNTIL at the last start itself, or at the
// end of its local day, is not enough for readers that compute the last
// start with the offset of DTSTART (recurring_ical_events, through dateutil,
// drops an instance at 23:30 in summer of a rule that began in winter).
const untilMargin = 12 * time.Hour

// steadyMargin is how far a change of the UTC offset must be from an
// instant for its local day (at most 25 hours, less than a day and an hour
// either side of it) and any wall clock it shares with another instant (an
// offset difference away, under a day) to lie clear of the change.
const steadyMargin = 48 * time.Hour

// clockChanges reports whether the local day of t in loc has a change of
// the UTC offset in it, at its midnight included.
func clockChanges(t time.Time, loc *time.Location) bool {
	l := t.In(loc)
	// Most days lie well inside one zone period: the local day of t lies
	// within a day and an hour of t, so a period that began two days
	// before t and ends two days after it has no change in that day.
	if start, end := l.ZoneBounds(); (start.IsZero() || start.Before(t.Add(-steadyMargin))) &&
		(end.IsZero() || end.After(t.Add(steadyMargin))) {
		return false
	}
	dayStart := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc)
	next := time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc)
	start, end := dayStart.ZoneBounds()
	if !start.IsZero() && start.Equal(dayStart) {
		return true
	}
	return !end.IsZero() && !end.After(next)
}

// wallClockOnce reports whether the wall clock of t occurs exactly once:
// not in an hour the clock repeats.
func wallClockOnce(t time.Time) bool {
	// A repeated wall clock lies within the offset difference (hours at
	// most) of a change; far from one it occurs once.
	start, end := t.ZoneBounds()
	if (start.IsZero() || start.Before(t.Add(-steadyMargin))) && (end.IsZero() || end.After(t.Add(steadyMargin))) {
		return true
	}
	loc := t.Location()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	same := func(u time.Time) bool {
		u = u.In(loc)
		uy, umo, ud := u.Date()
		uh, umi, us := u.Clock()
		return uy == y && umo == mo && ud == d && uh == h && umi == mi && us == s
	}
	// Another instant with the same wall clock lies one offset difference
	// away, in the zone period before or after t's.
	_, off := t.Zone()
	if !start.IsZero() {
		_, prev := start.Add(-time.Second).In(loc).Zone()
		if u := t.Add(time.Duration(off-prev) * time.Second); !u.Equal(t) && same(u) {
			return false
		}
	}
	if !end.IsZero() {
		_, next := end.In(loc).Zone()
		if u := t.Add(time.Duration(off-next) * time.Second); !u.Equal(t) && same(u) {
			return false
		}
	}
	return true
}
