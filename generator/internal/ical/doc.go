// Package ical writes iCalendar files (RFC 5545): the .ics calendars a site
// publishes for residents to subscribe to.
//
// In the pipeline it sits beside render: the build turns a site's activities
// and their occurrences into this package's own small types (Calendar,
// Event, Recur) and calls Encode. The package knows nothing of activities,
// does no I/O beyond the io.Writer it is given, reads no clock and imports
// nothing of this module.
//
// # Choices
//
// Time zones. Every date-time of an event is written as a wall clock in the
// site's zone, DTSTART;TZID=Europe/Amsterdam:20261027T100000, so a weekly
// event stays at 10:00 across a change to or from summer time, as readers
// expand recurrence rules in that zone. The calendar carries one VTIMEZONE
// for the zone, derived from Go's zone data rather than from rules written
// out here: Encode walks the zone's transitions with Time.ZoneBounds over a
// span reaching a year beyond the dates it is asked to cover (and beyond
// every date of the events), and writes one STANDARD or DAYLIGHT
// sub-component per run of transitions that a yearly rule generates
// exactly (RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=...), or per single
// transition when a zone's changes follow no such pattern. Each rule ends
// with an UNTIL at its last transition in the span, so the VTIMEZONE states
// no more than the zone data says. The first sub-component is the
// transition that began the period in force at the start of the span, as
// some readers (ical.js) take offset zero before the first onset; a zone
// that has never changed, such as UTC, gets one STANDARD sub-component.
// X-WR-TIMEZONE names the zone too, for readers that look there.
//
// DTSTAMP and the UNTIL of an event's rule are written in UTC, as RFC 5545
// requires (UNTIL must be UTC when DTSTART has a TZID). The caller passes a
// deterministic DTSTAMP, so that equal input gives byte-equal output.
//
// Exceptions. Closures and cancellations are EXDATEs on the master event,
// one property per date, sorted. A changed instance is a VEVENT of its own
// with the master's UID and a RECURRENCE-ID naming the instance it
// replaces; it is written right after its master, which keeps the file
// readable and suits readers that relate an override to its master only
// once they have seen the master.
//
// Lines. Content lines end in CRLF and are folded at 75 octets, never
// inside a UTF-8 character; a continuation line starts with one space,
// which counts toward its 75 octets. TEXT values escape backslash,
// semicolon, comma and line breaks (\n) and drop the control characters
// TEXT may not hold. URL is a URI and written as it is.
//
// Checking. Tests compare what two independent readers make of the output,
// ical.js (the parser of Thunderbird) and gocal with rrule-go, against
// expected occurrences listed by hand; see package icaltest.
package ical
