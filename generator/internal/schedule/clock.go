package schedule

import (
	"time"
)

// Clock is a wall-clock time of day in minutes since midnight, 0..1439.
type Clock int

// At returns the Clock for hour h and minute m.
func At(h, m int) Clock { return Clock(h*60 + m) }

// Hour returns the hour, 0..23.
func (c Clock) Hour() int { return int(c) / 60 }

// Minute returns the minute within the hour, 0..59.
func (c Clock) Minute() int { return int(c) % 60 }

// String formats c as HH:MM.
func (c Clock) String() string { return FormatTime(c, "en") }

// Interval is a span of wall-clock time on one day. An End at or before
// Start means the interval ends on the next day ("22:00-02:00"); an End
// equal to Start is a full day.
type Interval struct {
	Start, End Clock
}

// Overnight reports whether the interval ends on the next day.
func (iv Interval) Overnight() bool { return iv.End <= iv.Start }

// Length returns the wall-clock length of the interval. On the day of a
// daylight-saving change the elapsed time differs by the change.
func (iv Interval) Length() time.Duration {
	m := int(iv.End - iv.Start)
	if m <= 0 {
		m += 24 * 60
	}
	return time.Duration(m) * time.Minute
}

// String formats the interval as HH:MM-HH:MM.
func (iv Interval) String() string {
	return FormatTime(iv.Start, "en") + "-" + FormatTime(iv.End, "en")
}

// span returns the instants at which iv starts and ends on date d in loc.
// The end is never before the start: when a daylight-saving gap would put
// it there, the end is the start plus the interval's wall-clock length.
func (iv Interval) span(d Date, loc *time.Location) (start, end time.Time) {
	start = wallTime(d, iv.Start, loc)
	ed := d
	if iv.Overnight() {
		ed = d.AddDays(1)
	}
	end = wallTime(ed, iv.End, loc)
	if !end.After(start) {
		end = start.Add(iv.Length())
	}
	return start, end
}

// wallTime returns the instant at which the wall clock in loc shows c on
// date d. Go's time.Date leaves open which zone it picks for times that occur
// twice or not at all, so both cases are resolved here as RFC 5545 section
// 3.3.5 prescribes:
//
//   - a time that occurs twice (the hour the clocks go back) is the first
//     occurrence, the earlier instant;
//   - a time that does not occur (the hour the clocks go forward) is read
//     with the UTC offset in force before the change, which moves it forward
//     by the length of the gap: 02:30 on 29 March 2026 in Europe/Amsterdam is
//     02:30+01:00, that is 03:30+02:00.
func wallTime(d Date, c Clock, loc *time.Location) time.Time {
	local := int64(d.days())*86400 + int64(c)*60
	return resolve(local, loc)
}

// maxOffsetSpan bounds the distance between a wall-clock reading and the
// instant it denotes: UTC offsets lie within -12h..+14h.
const maxOffsetSpan = 26 * 3600

// resolve maps seconds of wall-clock time since 1970-01-01T00:00 (as if the
// clock were UTC) to an instant in loc.
func resolve(local int64, loc *time.Location) time.Time {
	// Fast path: the zone in force at the first guess lasts long enough on
	// both sides that no other offset can produce the same reading.
	guess := time.Unix(local, 0).In(loc)
	_, off := guess.Zone()
	t := time.Unix(local-int64(off), 0).In(loc)
	if _, off2 := t.Zone(); off2 == off {
		start, end := t.ZoneBounds()
		ts := t.Unix()
		if (start.IsZero() || ts-start.Unix() >= maxOffsetSpan) && (end.IsZero() || end.Unix()-ts > maxOffsetSpan) {
			return t
		}
	}
	return resolveSlow(local, loc)
}

// resolveSlow walks the zone periods that can hold an instant for the
// reading local, and picks the earliest valid instant, or applies the gap
// rule when there is none.
func resolveSlow(local int64, loc *time.Location) time.Time {
	from := local - maxOffsetSpan
	until := local + maxOffsetSpan
	var (
		best     int64
		found    bool
		prevOff  int
		prevEnd  int64
		havePrev bool
		gapAt    int64
		gap      bool
	)
	for at := from; at <= until; {
		z := time.Unix(at, 0).In(loc)
		_, off := z.Zone()
		start, end := z.ZoneBounds()
		cand := local - int64(off)
		inStart := start.IsZero() || cand >= start.Unix()
		inEnd := end.IsZero() || cand < end.Unix()
		if inStart && inEnd && (!found || cand < best) {
			best, found = cand, true
		}
		// A gap lies at the boundary between the previous period and this
		// one when the reading falls after the previous period's end under
		// the old offset and before it under the new one.
		if havePrev && !gap && off > prevOff && local-int64(off) < prevEnd && local-int64(prevOff) >= prevEnd {
			gapAt, gap = local-int64(prevOff), true
		}
		if end.IsZero() {
			break
		}
		prevOff, prevEnd, havePrev = off, end.Unix(), true
		at = end.Unix()
	}
	switch {
	case found:
		return time.Unix(best, 0).In(loc)
	case gap:
		return time.Unix(gapAt, 0).In(loc)
	}
	// Unreachable for real zone data; keep Go's choice as a last resort.
	d := fromDays(int(floorDiv64(local, 86400)))
	sec := int(local - floorDiv64(local, 86400)*86400)
	return time.Date(d.Year, d.Month, d.Day, sec/3600, sec/60%60, 0, 0, loc)
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
