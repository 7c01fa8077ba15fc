package serve

import "time"

// nextMidnight returns the start of the local day after the one holding now,
// in loc: the first instant whose date in loc is the next day. That is
// midnight on most days; where a clock change skips midnight (a few time zones
// start summer time at 00:00) it is the moment the clocks jump, usually 01:00.
// The result is always after now, also across summer-time changes, when a day
// lasts 23 or 25 hours.
func nextMidnight(now time.Time, loc *time.Location) time.Time {
	y, m, d := now.In(loc).Date()
	// Noon exists on every day, so it names the next date without surprises.
	ny, nm, nd := time.Date(y, m, d+1, 12, 0, 0, 0, loc).Date()
	t := time.Date(ny, nm, nd, 0, 0, 0, 0, loc)
	// time.Date resolves a skipped midnight to either side of the gap; if it
	// landed on the day before, the next day starts where that zone period ends.
	if _, _, td := t.Date(); td != nd {
		if _, end := t.ZoneBounds(); !end.IsZero() {
			t = end
		}
	}
	return t
}

// midnights is a timer that fires at every local midnight.
type midnights struct {
	now  func() time.Time
	loc  *time.Location
	next time.Time
	t    *time.Timer
}

func newMidnights(now func() time.Time, loc *time.Location) *midnights {
	t := now()
	next := nextMidnight(t, loc)
	return &midnights{now: now, loc: loc, next: next, t: time.NewTimer(next.Sub(t))}
}

// C fires at the next midnight.
func (m *midnights) C() <-chan time.Time { return m.t.C }

// advance sets the timer for the midnight after the one that just fired.
// It counts from that midnight, or from now when the clock has jumped past it
// (after a suspend), so a day is never built twice.
func (m *midnights) advance() {
	from := m.now()
	if from.Before(m.next) {
		from = m.next
	}
	m.next = nextMidnight(from, m.loc)
	m.t.Reset(max(0, m.next.Sub(m.now())))
}

func (m *midnights) stop() { m.t.Stop() }

// relocate sets the timer for the next midnight in loc, the time zone
// site.toml gives now.
func (m *midnights) relocate(loc *time.Location) {
	m.loc = loc
	now := m.now()
	m.next = nextMidnight(now, loc)
	m.t.Reset(max(0, m.next.Sub(now)))
}
