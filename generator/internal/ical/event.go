package ical

import (
	"slices"
	"strconv"
	"time"
)

// writeEvent writes one VEVENT. Its date-times are wall clocks in loc,
// referring to the VTIMEZONE by tzid (already a parameter value).
func writeEvent(lw *lineWriter, e *Event, loc *time.Location, tzid string) {
	lw.line("BEGIN", "VEVENT")
	lw.text("UID", e.UID)
	lw.utcTime("DTSTAMP", e.Stamp)
	if !e.RecurrenceID.IsZero() {
		lw.localTime("RECURRENCE-ID", tzid, e.RecurrenceID.In(loc))
	}
	if e.UTC {
		lw.utcTime("DTSTART", e.Start)
		if !e.End.IsZero() {
			lw.utcTime("DTEND", e.End)
		}
	} else {
		lw.localTime("DTSTART", tzid, e.Start.In(loc))
		if !e.End.IsZero() {
			lw.localTime("DTEND", tzid, e.End.In(loc))
		}
	}
	if e.Recur != nil {
		lw.buf = append(lw.buf[:0], "RRULE:"...)
		lw.buf = appendRecur(lw.buf, e.Recur)
		lw.flush()
	}
	// One EXDATE per date rather than a list: every reader takes that, and
	// some (gocal) read only the first value of a list. Sorted, without
	// repeats, for deterministic output.
	exdates := e.ExDates
	if !slices.IsSortedFunc(exdates, time.Time.Compare) {
		exdates = slices.SortedFunc(slices.Values(exdates), time.Time.Compare)
	}
	for i, t := range exdates {
		if i > 0 && t.Equal(exdates[i-1]) {
			continue
		}
		lw.localTime("EXDATE", tzid, t.In(loc))
	}
	if e.Summary != "" {
		lw.text("SUMMARY", e.Summary)
	}
	if e.Description != "" {
		lw.text("DESCRIPTION", e.Description)
	}
	if e.Location != "" {
		lw.text("LOCATION", e.Location)
	}
	if e.URL != "" {
		lw.line("URL;VALUE=URI", e.URL)
	}
	writeCategories(lw, e.Categories)
	if e.Status != "" {
		lw.line("STATUS", e.Status)
	}
	if e.Sequence != 0 {
		lw.line("SEQUENCE", strconv.Itoa(e.Sequence))
	}
	lw.line("END", "VEVENT")
}

// writeCategories writes one CATEGORIES property holding every non-empty
// category, each escaped as TEXT and separated by commas.
func writeCategories(lw *lineWriter, categories []string) {
	lw.buf = append(lw.buf[:0], "CATEGORIES:"...)
	n := 0
	for _, c := range categories {
		if c == "" {
			continue
		}
		if n > 0 {
			lw.buf = append(lw.buf, ',')
		}
		lw.buf = appendText(lw.buf, c)
		n++
	}
	if n > 0 {
		lw.flush()
	}
}

// localTime writes name;TZID=tzid:YYYYMMDDTHHMMSS with t's wall clock.
func (lw *lineWriter) localTime(name, tzid string, t time.Time) {
	lw.buf = append(lw.buf[:0], name...)
	lw.buf = append(lw.buf, ";TZID="...)
	lw.buf = append(lw.buf, tzid...)
	lw.buf = append(lw.buf, ':')
	lw.buf = t.AppendFormat(lw.buf, localLayout)
	lw.flush()
}

// utcTime writes name:YYYYMMDDTHHMMSSZ with t in UTC.
func (lw *lineWriter) utcTime(name string, t time.Time) {
	lw.buf = append(lw.buf[:0], name...)
	lw.buf = append(lw.buf, ':')
	lw.buf = t.UTC().AppendFormat(lw.buf, utcLayout)
	lw.flush()
}

// appendRecur appends the RRULE value of r, its parts in the order of the
// examples in RFC 5545: FREQ, UNTIL, INTERVAL, WKST, BYDAY. WKST=MO is
// written for weekly rules with an interval, where the start of the week
// decides which weeks count; without it readers assume Monday anyway, but
// saying it costs nothing and leaves no doubt.
func appendRecur(dst []byte, r *Recur) []byte {
	dst = append(dst, "FREQ="...)
	dst = append(dst, r.Freq...)
	if !r.Until.IsZero() {
		dst = append(dst, ";UNTIL="...)
		dst = r.Until.UTC().AppendFormat(dst, utcLayout)
	}
	if r.Interval > 1 {
		dst = append(dst, ";INTERVAL="...)
		dst = strconv.AppendInt(dst, int64(r.Interval), 10)
		if r.Freq == "WEEKLY" {
			dst = append(dst, ";WKST=MO"...)
		}
	}
	for i, d := range r.ByDay {
		if i == 0 {
			dst = append(dst, ";BYDAY="...)
		} else {
			dst = append(dst, ',')
		}
		if d.N != 0 {
			dst = strconv.AppendInt(dst, int64(d.N), 10)
		}
		dst = append(dst, dayCodes[d.Day]...)
	}
	return dst
}
