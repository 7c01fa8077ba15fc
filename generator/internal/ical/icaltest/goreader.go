package icaltest

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apognu/gocal"
	"github.com/apognu/gocal/parser"
	"github.com/teambition/rrule-go"
)

// ExpandWithGo expands the calendar ics with a Go reader that is not ours
// and returns every occurrence whose start s has from <= s < until, sorted
// by start, UID and end. Cancelled occurrences are left out.
//
// gocal (github.com/apognu/gocal) parses the file: it unfolds lines,
// unescapes text, reads parameters and turns DTSTART;TZID=... into a
// time.Time in Go's own zone of that name. Its recurrence expansion is not
// used, because gocal v0.9.1 gets several rules wrong: an ordinal BYDAY
// (1SA, -1FR) is taken as every such weekday, UNTIL in UTC is compared with
// local wall clocks as text, and an override hides an instance only when the
// override itself falls in the window. Instead rrule-go
// (github.com/teambition/rrule-go) expands the RRULE that gocal parsed, from
// the DTSTART that gocal parsed, minus the EXDATEs that gocal parsed; each
// override (RECURRENCE-ID) replaces the instance it names.
//
// This reader ignores VTIMEZONE: it trusts Go's zone data for the TZID. The
// VTIMEZONE itself is checked by ExpandWithICALJS, as ical.js knows no zone
// but the ones the file defines. gocal also drops a single event that has
// no DTEND, which RFC 5545 allows.
func ExpandWithGo(t testing.TB, ics []byte, from, until time.Time) []Instance {
	t.Helper()

	// gocal expands recurring events itself and returns their instances
	// rather than the master; each instance carries the master's raw
	// DTSTART, DTEND, RRULE and EXDATEs. A window from long before the
	// calendar to past until keeps at least the first instance of every
	// master that starts before until.
	gc := gocal.NewParser(bytes.NewReader(ics))
	start := time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)
	end := until.AddDate(2, 0, 0)
	gc.Start, gc.End = &start, &end
	if err := gc.Parse(); err != nil {
		t.Fatalf("gocal could not parse the calendar: %v", err)
	}

	masters := make(map[string]gocal.Event)
	var masterUIDs []string
	overrides := make(map[string][]gocal.Event)
	var out []Instance
	inWindow := func(s time.Time) bool { return !s.Before(from) && s.Before(until) }

	for _, e := range gc.Events {
		switch {
		case e.RecurrenceID != "":
			overrides[e.Uid] = append(overrides[e.Uid], e)
			if !cancelled(e) && inWindow(*e.Start) {
				out = append(out, Instance{UID: e.Uid, Start: e.Start.UTC(), End: e.End.UTC()})
			}
		case e.IsRecurring:
			if _, seen := masters[e.Uid]; !seen {
				masters[e.Uid] = e
				masterUIDs = append(masterUIDs, e.Uid)
			}
		default:
			if !cancelled(e) && inWindow(*e.Start) {
				out = append(out, Instance{UID: e.Uid, Start: e.Start.UTC(), End: e.End.UTC()})
			}
		}
	}

	for _, uid := range masterUIDs {
		m := masters[uid]
		if cancelled(m) {
			continue
		}
		dtstart := parseTime(t, uid, "DTSTART", m.RawStart, parser.TimeStart)
		dtend := dtstart // no DTEND: the event takes no time (RFC 5545, 3.6.1)
		if m.RawEnd.Value != "" {
			dtend = parseTime(t, uid, "DTEND", m.RawEnd, parser.TimeEnd)
		}
		set := recurrenceSet(t, m, dtstart)
		for _, ex := range m.ExcludeDates {
			set.ExDate(ex)
		}
		for _, o := range overrides[uid] {
			// gocal keeps RECURRENCE-ID as text; like gocal itself, read it
			// with the parameters (TZID) of the override's DTSTART.
			rid := parseTime(t, uid, "RECURRENCE-ID", gocal.RawDate{Value: o.RecurrenceID, Params: o.RawStart.Params}, parser.TimeStart)
			set.ExDate(rid)
		}
		length := dtend.Sub(dtstart)
		for _, s := range set.Between(from, until, true) {
			if inWindow(s) {
				out = append(out, Instance{UID: uid, Start: s.UTC(), End: s.Add(length).UTC()})
			}
		}
	}
	Sort(out)
	return out
}

// zones holds the time zones gocal has asked for, by name.
var zones sync.Map

// init has gocal look its zones up once each: it reads the zone of a TZID
// again for every date it parses and every instance it compares with an
// override, and time.LoadLocation reads the zone's file from disk each
// time, which took most of the time of reading a calendar. The zones are
// the same as gocal's own: Go's, by name.
func init() {
	parser.TZMapper = func(name string) (*time.Location, error) {
		if loc, ok := zones.Load(name); ok {
			return loc.(*time.Location), nil
		}
		loc, err := time.LoadLocation(name)
		if err != nil {
			return nil, err
		}
		zones.Store(name, loc)
		return loc, nil
	}
}

// recurrenceSet builds the rrule-go set of m's RRULE from dtstart. gocal
// hands the rule over as a map of its parts; they are joined again in a
// fixed order.
func recurrenceSet(t testing.TB, m gocal.Event, dtstart time.Time) *rrule.Set {
	t.Helper()
	keys := make([]string, 0, len(m.RecurrenceRule))
	for k := range m.RecurrenceRule {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+m.RecurrenceRule[k])
	}
	opt, err := rrule.StrToROptionInLocation(strings.Join(parts, ";"), dtstart.Location())
	if err != nil {
		t.Fatalf("event %s: rrule-go cannot read RRULE %s: %v", m.Uid, strings.Join(parts, ";"), err)
	}
	opt.Dtstart = dtstart
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		t.Fatalf("event %s: rrule-go rejects RRULE %s: %v", m.Uid, strings.Join(parts, ";"), err)
	}
	set := &rrule.Set{}
	set.RRule(r)
	return set
}

// parseTime reads a raw date-time property with gocal's parser.
func parseTime(t testing.TB, uid, name string, raw gocal.RawDate, kind int) time.Time {
	t.Helper()
	if raw.Value == "" {
		t.Fatalf("event %s: no %s", uid, name)
	}
	v, err := parser.ParseTime(raw.Value, raw.Params, kind, false, time.UTC)
	if err != nil {
		t.Fatalf("event %s: gocal cannot read %s %q: %v", uid, name, raw.Value, err)
	}
	return *v
}

func cancelled(e gocal.Event) bool {
	return strings.EqualFold(e.Status, "CANCELLED")
}
