package ical

import (
	"bytes"
	"strconv"
	"sync/atomic"
	"time"
)

// transition is one change of a zone's offset, abbreviation or daylight
// saving flag, as Go's zone data has it.
type transition struct {
	at      time.Time // the instant of the change, in UTC
	fromOff int       // offset before the change, seconds east of UTC
	toOff   int       // offset from the change on
	name    string    // abbreviation from the change on, such as "CEST"
	dst     bool      // daylight saving time from the change on
}

// onset returns the wall clock just before the transition, read in the old
// offset: the DTSTART of an observance (RFC 5545, section 3.6.5). The result
// is a time in UTC whose fields are that wall clock.
func (tr transition) onset() time.Time {
	return tr.at.Add(time.Duration(tr.fromOff) * time.Second).UTC()
}

// kind is what observances of the same sort share: a transition can only
// join a yearly rule with transitions of the same kind.
type kind struct {
	fromOff, toOff int
	name           string
	dst            bool
}

func (tr transition) kind() kind {
	return kind{tr.fromOff, tr.toOff, tr.name, tr.dst}
}

// unixEpoch is the DTSTART given to the one observance of a zone that has
// never changed (UTC), when the span starts after it.
var unixEpoch = time.Date(1970, time.January, 1, 0, 0, 0, 0, time.UTC)

// transitions lists the transitions of loc that a reader needs to map every
// wall clock between start and end to the right offset: the one that began
// the period in force at start, then every one up to end. Readers such as
// ical.js use offset zero before the first observance, so the period in
// force at start must have one too. A zone that never changed gets one
// transition from its offset to itself.
func transitions(loc *time.Location, start, end time.Time) []transition {
	t := start.In(loc)
	name, off := t.Zone()
	periodStart, periodEnd := t.ZoneBounds()

	var list []transition
	if periodStart.IsZero() {
		at := unixEpoch.Add(-time.Duration(off) * time.Second)
		if start.Before(at) {
			at = start.Truncate(time.Second)
		}
		list = append(list, transition{at: at.UTC(), fromOff: off, toOff: off, name: name, dst: t.IsDST()})
	} else {
		list = append(list, transitionAt(loc, periodStart))
	}

	for !periodEnd.IsZero() && !periodEnd.After(end) {
		tr := transitionAt(loc, periodEnd)
		prev := list[len(list)-1]
		if tr.fromOff != tr.toOff || tr.name != prev.name || tr.dst != prev.dst {
			list = append(list, tr)
		}
		_, periodEnd = periodEnd.In(loc).ZoneBounds()
	}
	return list
}

// transitionAt describes the transition of loc that happens at instant at.
func transitionAt(loc *time.Location, at time.Time) transition {
	_, fromOff := at.Add(-time.Second).In(loc).Zone()
	after := at.In(loc)
	name, toOff := after.Zone()
	return transition{at: at.UTC(), fromOff: fromOff, toOff: toOff, name: name, dst: after.IsDST()}
}

// observance is one STANDARD or DAYLIGHT sub-component: a single transition,
// or a run of transitions in consecutive years that one yearly rule
// (FREQ=YEARLY;BYMONTH=m;BYDAY=nDD) generates exactly, bounded by UNTIL.
type observance struct {
	first transition
	last  time.Time // instant of the last transition of the run
	count int

	// pos and neg are the ordinals of the weekday within the month (1 for
	// the first, -1 for the last) that every transition of the run has;
	// zero once some transition of the run does not have it.
	pos, neg int
}

// weekdayOrdinals returns the ordinal of d's weekday within its month,
// counted from the start (1..5) and from the end (-1..-5).
func weekdayOrdinals(d time.Time) (pos, neg int) {
	days := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return (d.Day()-1)/7 + 1, -((days-d.Day())/7 + 1)
}

// extend adds tr to the run if the run's yearly rule would generate it as
// its next occurrence, and reports whether it did.
func (o *observance) extend(tr transition) bool {
	prev := o.last.Add(time.Duration(o.first.fromOff) * time.Second).UTC()
	on := tr.onset()
	if on.Year() != prev.Year()+1 || on.Month() != prev.Month() || on.Weekday() != prev.Weekday() {
		return false
	}
	h1, m1, s1 := on.Clock()
	h0, m0, s0 := prev.Clock()
	if h1 != h0 || m1 != m0 || s1 != s0 {
		return false
	}
	pos, neg := weekdayOrdinals(on)
	if o.pos != pos {
		pos = 0
	}
	if o.neg != neg {
		neg = 0
	}
	if pos == 0 && neg == 0 {
		return false
	}
	o.pos, o.neg = pos, neg
	o.last = tr.at
	o.count++
	return true
}

// ordinal returns the BYDAY ordinal of a run: the last weekday of the month
// when that fits, as zone rules are usually written, else the one counted
// from the start.
func (o *observance) ordinal() int {
	if o.neg == -1 || o.pos == 0 {
		return o.neg
	}
	return o.pos
}

// observances groups transitions, sorted by instant, into runs, each written
// as one sub-component. A run is added at its first transition, so the runs
// come out sorted by their first onset: the output is deterministic.
func observances(list []transition) []observance {
	open := make(map[kind]int) // kind -> index of its latest run
	var runs []observance
	for _, tr := range list {
		if i, ok := open[tr.kind()]; ok && runs[i].extend(tr) {
			continue
		}
		pos, neg := weekdayOrdinals(tr.onset())
		open[tr.kind()] = len(runs)
		runs = append(runs, observance{first: tr, last: tr.at, count: 1, pos: pos, neg: neg})
	}
	return runs
}

// writeTimezone writes the VTIMEZONE for loc, correct for every wall clock
// from start to end.
func writeTimezone(lw *lineWriter, loc *time.Location, start, end time.Time) {
	if z := lastZone.Load(); z != nil && z.loc == loc && z.start.Equal(start) && z.end.Equal(end) {
		lw.raw(z.lines)
		return
	}
	var b bytes.Buffer
	zw := &lineWriter{w: &b}
	appendTimezone(zw, loc, start, end)
	lastZone.Store(&zoneLines{loc: loc, start: start, end: end, lines: b.Bytes()})
	lw.raw(b.Bytes())
}

// lastZone is the VTIMEZONE writeTimezone wrote last, as lines. The
// calendar files of one site share the zone and nearly always the span:
// a site of 5,000 activities wrote the same lines 5,000 times, working
// out the zone's transitions over the same years each time.
var lastZone atomic.Pointer[zoneLines]

type zoneLines struct {
	loc        *time.Location
	start, end time.Time
	lines      []byte // never changed once stored
}

// appendTimezone writes the VTIMEZONE of loc from start to end.
func appendTimezone(lw *lineWriter, loc *time.Location, start, end time.Time) {
	lw.line("BEGIN", "VTIMEZONE")
	lw.text("TZID", loc.String())
	for _, o := range observances(transitions(loc, start, end)) {
		comp := "STANDARD"
		if o.first.dst {
			comp = "DAYLIGHT"
		}
		lw.line("BEGIN", comp)
		lw.line("DTSTART", o.first.onset().Format(localLayout))
		lw.line("TZOFFSETFROM", formatOffset(o.first.fromOff))
		lw.line("TZOFFSETTO", formatOffset(o.first.toOff))
		if o.count > 1 {
			on := o.first.onset()
			rule := "FREQ=YEARLY;BYMONTH=" + strconv.Itoa(int(on.Month())) +
				";BYDAY=" + WeekdayNum{N: o.ordinal(), Day: on.Weekday()}.String() +
				";UNTIL=" + o.last.Format(utcLayout)
			lw.line("RRULE", rule)
		}
		if o.first.name != "" {
			lw.text("TZNAME", o.first.name)
		}
		lw.line("END", comp)
	}
	lw.line("END", "VTIMEZONE")
}

// formatOffset formats an offset in seconds east of UTC as a UTC-OFFSET
// value: +hhmm, or +hhmmss when it has seconds (RFC 5545, section 3.3.14).
// Zero is +0000: -0000 is not allowed.
func formatOffset(sec int) string {
	sign := byte('+')
	if sec < 0 {
		sign = '-'
		sec = -sec
	}
	b := []byte{sign}
	b = appendTwo(b, sec/3600)
	b = appendTwo(b, sec/60%60)
	if s := sec % 60; s != 0 {
		b = appendTwo(b, s)
	}
	return string(b)
}

func appendTwo(b []byte, n int) []byte {
	return append(b, byte('0'+n/10%10), byte('0'+n%10))
}
