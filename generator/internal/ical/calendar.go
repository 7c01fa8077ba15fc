package ical

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"time"
)

// Calendar is one iCalendar object: a published calendar of events in one
// time zone.
type Calendar struct {
	// ProdID identifies the product that made the calendar, such as
	// "-//Krachtpunt//Krachtpunt//NL".
	ProdID string

	// Name is the calendar's display name (X-WR-CALNAME); empty leaves it out.
	Name string

	// Location is the site's zone. Every date-time of the events is written
	// as a wall clock in it, with one VTIMEZONE (TZID = Location.String(),
	// such as "Europe/Amsterdam") derived from Go's zone data. Nil means
	// UTC.
	Location *time.Location

	// Events are written in this order, except that the overrides of a
	// recurring event follow its master.
	Events []Event
}

// Event is one VEVENT: a single event, a recurring event (Recur set) or an
// override of one instance of a recurring event (RecurrenceID set).
type Event struct {
	// UID identifies the event; an override has the UID of its master.
	UID string

	// Summary, Description and Location are plain text; they are escaped
	// as TEXT. Empty ones are left out.
	Summary, Description, Location string

	// URL is an absolute URI, written as it is (not TEXT-escaped).
	URL string

	// Start and End are written as wall clocks in the calendar's zone
	// (DTSTART;TZID=...), or in UTC when UTC is set. Start is required; a
	// zero End leaves DTEND out.
	Start, End time.Time

	// UTC writes Start and End in UTC (DTSTART:20261025T003000Z), for an
	// event of its own whose wall clock happens twice: no reader need
	// choose which. An override (RecurrenceID set) or a recurring event
	// cannot be UTC: readers relate those to the master by wall clocks.
	UTC bool

	// Recur makes the event recurring; nil is a single event.
	Recur *Recur

	// ExDates are the starts of instances that do not take place (EXDATE),
	// such as closures and cancellations. They must equal instance starts.
	ExDates []time.Time

	// RecurrenceID, when not zero, makes this event an override of the
	// instance of its master that starts at RecurrenceID.
	RecurrenceID time.Time

	// Status is "", "CONFIRMED", "CANCELLED" or "TENTATIVE".
	Status string

	// Sequence is the revision number; zero leaves SEQUENCE out.
	Sequence int

	// Stamp is DTSTAMP, written in UTC. It is required; pass a
	// deterministic value (such as the content's modification date), not
	// the build time, so that equal input gives equal output.
	Stamp time.Time

	// Categories are written as one CATEGORIES property; empty ones are
	// left out.
	Categories []string
}

// Recur is a recurrence rule (RRULE).
type Recur struct {
	// Freq is "DAILY", "WEEKLY", "MONTHLY" or "YEARLY".
	Freq string

	// Interval is the number of Freq periods between instances; 0 and 1
	// both mean every period and are left out.
	Interval int

	// ByDay lists the weekdays. An ordinal (N not zero) is allowed only for
	// MONTHLY (1..5, -1..-5) and YEARLY rules.
	ByDay []WeekdayNum

	// Until, when not zero, is the last instant an instance may start,
	// inclusive. It is written in UTC, as RFC 5545 requires when DTSTART
	// has a TZID. Series sets it twelve hours after the last start.
	Until time.Time
}

// WeekdayNum is one BYDAY value: a weekday, and for monthly rules which one
// of the month.
type WeekdayNum struct {
	// N is 0 for every such weekday, 1..5 for the first to the fifth, and
	// -1..-5 for the last to the fifth from last.
	N   int
	Day time.Weekday
}

var dayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// String returns the BYDAY form of w, such as "TU", "1SA" or "-1FR".
func (w WeekdayNum) String() string {
	if w.Day < time.Sunday || w.Day > time.Saturday {
		return fmt.Sprintf("%d?%d", w.N, int(w.Day))
	}
	if w.N == 0 {
		return dayCodes[w.Day]
	}
	return fmt.Sprintf("%d%s", w.N, dayCodes[w.Day])
}

// Formats of date-time values (RFC 5545, section 3.3.5).
const (
	localLayout = "20060102T150405"
	utcLayout   = "20060102T150405Z"
)

// spanMarginYears is how far the VTIMEZONE reaches beyond the dates it must
// cover, on both sides.
const spanMarginYears = 1

// Encode writes c to w as an iCalendar object (RFC 5545) with CRLF line
// endings and lines folded at 75 octets.
//
// from and until bound the dates the calendar is about; the VTIMEZONE is
// written correct from a year before the earliest of from and the events'
// dates to a year after the latest of until and the events' dates. Either
// may be zero.
//
// Encode returns an error, and writes nothing, when an event is invalid:
// no UID, Start or Stamp, End before Start, an unknown Freq or Status, a
// BYDAY ordinal the frequency does not allow, a URL with a space or control
// character, or two events with the same UID and RecurrenceID.
func Encode(w io.Writer, c *Calendar, from, until time.Time) error {
	events, err := order(c.Events)
	if err != nil {
		return err
	}
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	start, end := span(c.Events, from, until)

	bw := bufio.NewWriter(w)
	lw := &lineWriter{w: bw}
	tzid := paramValue(loc.String())

	lw.line("BEGIN", "VCALENDAR")
	lw.line("VERSION", "2.0")
	lw.text("PRODID", c.ProdID)
	lw.line("CALSCALE", "GREGORIAN")
	// No METHOD: METHOD:PUBLISH requires an ORGANIZER in every event
	// (RFC 5546, section 3.2.1), and a published feed has none.
	if c.Name != "" {
		lw.text("X-WR-CALNAME", c.Name)
	}
	// No X-WR-TIMEZONE: every date-time names its zone (TZID) or is UTC,
	// and readers that honour X-WR-TIMEZONE (recurring_ical_events, through
	// x-wr-timezone) move UTC times in the hour the clock repeats by an
	// hour when they turn them into wall clocks of that zone.
	writeTimezone(lw, loc, start, end)
	for _, e := range events {
		writeEvent(lw, e, loc, tzid)
	}
	lw.line("END", "VCALENDAR")

	if lw.err != nil {
		return fmt.Errorf("ical: writing calendar: %w", lw.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ical: writing calendar: %w", err)
	}
	return nil
}

// Marshal returns c encoded as by Encode. It panics if c is invalid, which
// is a programming error; use Encode to get the error instead.
func (c *Calendar) Marshal(from, until time.Time) []byte {
	var buf bytes.Buffer
	if err := Encode(&buf, c, from, until); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// span returns the instants the VTIMEZONE must cover: from and until,
// widened to every date of the events, plus a margin on both sides.
func span(events []Event, from, until time.Time) (start, end time.Time) {
	start, end = from, until
	widen := func(t time.Time) {
		if t.IsZero() {
			return
		}
		if start.IsZero() || t.Before(start) {
			start = t
		}
		if end.IsZero() || t.After(end) {
			end = t
		}
	}
	widen(from)
	widen(until)
	for i := range events {
		e := &events[i]
		widen(e.Start)
		widen(e.End)
		widen(e.RecurrenceID)
		if e.Recur != nil {
			widen(e.Recur.Until)
		}
		for _, t := range e.ExDates {
			widen(t)
		}
	}
	if start.IsZero() {
		start, end = unixEpoch, unixEpoch
	}
	return start.AddDate(-spanMarginYears, 0, 0), end.AddDate(spanMarginYears, 0, 0)
}

// order checks the events and returns them in writing order: the caller's
// order, except that each group of events sharing a UID is written where
// its first member is, master first, then its overrides in the caller's
// order.
func order(events []Event) ([]*Event, error) {
	type group struct {
		master    *Event
		overrides []*Event
	}
	groups := make(map[string]*group, len(events))
	var uids []string // in order of first appearance
	for i := range events {
		e := &events[i]
		if err := check(e); err != nil {
			return nil, fmt.Errorf("ical: event %d (UID %q): %w", i, e.UID, err)
		}
		g := groups[e.UID]
		if g == nil {
			g = &group{}
			groups[e.UID] = g
			uids = append(uids, e.UID)
		}
		if e.RecurrenceID.IsZero() {
			if g.master != nil {
				return nil, fmt.Errorf("ical: event %d: UID %q is used by two events that are not overrides", i, e.UID)
			}
			g.master = e
			continue
		}
		for _, o := range g.overrides {
			if o.RecurrenceID.Equal(e.RecurrenceID) {
				return nil, fmt.Errorf("ical: event %d: UID %q overrides the instance at %s twice", i, e.UID, e.RecurrenceID.Format(time.RFC3339))
			}
		}
		g.overrides = append(g.overrides, e)
	}

	out := make([]*Event, 0, len(events))
	for _, uid := range uids {
		g := groups[uid]
		if g.master != nil {
			out = append(out, g.master)
		}
		out = append(out, g.overrides...)
	}
	return out, nil
}

// check reports what is wrong with e, if anything.
func check(e *Event) error {
	switch {
	case e.UID == "":
		return fmt.Errorf("no UID")
	case e.Start.IsZero():
		return fmt.Errorf("no start")
	case e.Stamp.IsZero():
		return fmt.Errorf("no stamp (DTSTAMP is required)")
	case !e.End.IsZero() && e.End.Before(e.Start):
		return fmt.Errorf("ends (%s) before it starts (%s)", e.End.Format(time.RFC3339), e.Start.Format(time.RFC3339))
	case e.Sequence < 0:
		return fmt.Errorf("negative sequence %d", e.Sequence)
	case e.Recur != nil && !e.RecurrenceID.IsZero():
		return fmt.Errorf("an override (RecurrenceID set) cannot recur")
	case e.UTC && (e.Recur != nil || !e.RecurrenceID.IsZero()):
		return fmt.Errorf("a recurring event or an override is written in wall clocks, not UTC")
	}
	switch e.Status {
	case "", "CONFIRMED", "CANCELLED", "TENTATIVE":
	default:
		return fmt.Errorf("unknown status %q (want CONFIRMED, CANCELLED or TENTATIVE)", e.Status)
	}
	for _, r := range e.URL {
		if r <= ' ' || r == 0x7f {
			return fmt.Errorf("URL %q holds a space or control character", e.URL)
		}
	}
	if e.Recur != nil {
		return checkRecur(e.Recur)
	}
	return nil
}

// checkRecur reports what is wrong with r, if anything.
func checkRecur(r *Recur) error {
	maxN := 0
	switch r.Freq {
	case "DAILY", "WEEKLY":
	case "MONTHLY":
		maxN = 5
	case "YEARLY":
		maxN = 53
	default:
		return fmt.Errorf("unknown frequency %q (want DAILY, WEEKLY, MONTHLY or YEARLY)", r.Freq)
	}
	if r.Interval < 0 {
		return fmt.Errorf("negative interval %d", r.Interval)
	}
	for _, d := range r.ByDay {
		if d.Day < time.Sunday || d.Day > time.Saturday {
			return fmt.Errorf("weekday %d out of range", int(d.Day))
		}
		if d.N > maxN || d.N < -maxN {
			if maxN == 0 {
				return fmt.Errorf("BYDAY %s: a %s rule takes no ordinal", d, r.Freq)
			}
			return fmt.Errorf("BYDAY %s: ordinal out of range for a %s rule", d, r.Freq)
		}
	}
	return nil
}
