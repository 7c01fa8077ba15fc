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
// There is no X-WR-TIMEZONE: every date-time names its zone or is UTC, and
// readers that honour X-WR-TIMEZONE (recurring_ical_events, through the
// x-wr-timezone module) turn UTC times into wall clocks of that zone and
// back, which moves a time in the hour the clock repeats. Nor is there a
// METHOD: METHOD:PUBLISH requires an ORGANIZER (RFC 5546, section 3.2.1),
// which a published feed does not have.
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
// # Series
//
// Series turns a rule and the instances it must show into events, so that
// readers that differ around the changes of the clock still agree. The
// readers checked (see package icaltest) differ in an instance's length
// across a change (RFC 5545, section 3.8.5.3, gives every instance the
// master's exact duration; ical.js adds the length as wall-clock time); in a
// start in the hour that happens twice (the first, as RFC 5545 section
// 3.3.5 says, or the second) or not at all (moved by the gap, or an hour
// early; libical 3.0 also moves the next instance); in the last instance
// when UNTIL is at its start and DTSTART is in another offset
// (recurring_ical_events computes the instance with the offset of DTSTART);
// and in how they match an override to its instance (recurring_ical_events
// by the date of RECURRENCE-ID as written, gocal with the TZID of the
// override's DTSTART). So:
//
//   - The master's DTSTART is the first instance that neither starts nor
//     ends on a day the clock changes. Its UNTIL is twelve hours after the
//     last such instance's start, in UTC: past the start for a reader an
//     hour off, before any next instance a rule could give.
//   - An instance inside the master's span that starts or ends on a day the
//     clock changes is an override that says its DTEND, in wall clocks
//     (RECURRENCE-ID, DTSTART and DTEND with the TZID), as is a changed one.
//     One whose new start or end falls in the hour that happens twice is an
//     EXDATE and an event of its own, in UTC (DTSTART:20261025T003000Z).
//   - An instance before or after the master's span is an event of its own,
//     in UTC when its wall clock happens twice.
//   - A rule whose start time falls in the hour the clock skips or repeats
//     on one of its days has no RRULE: each instance is an event of its own.
//   - A master that would show no instance of its own (every one skipped or
//     overridden) is left out, its overrides written as events of their own;
//     some readers would still show its DTSTART.
//
// An event of its own takes the series' UID with the instance's local date
// before the "@" (koffie-weekly-tu-20261025@...), so it keeps its UID from
// one build to the next.
//
// Lines. Content lines end in CRLF and are folded at 75 octets, never
// inside a UTF-8 character; a continuation line starts with one space,
// which counts toward its 75 octets. TEXT values escape backslash,
// semicolon, comma and line breaks (\n) and drop the control characters
// TEXT may not hold. URL is a URI and written as it is.
//
// Checking. Tests compare what five independent readers make of the output
// (ical.js, libical, recurring_ical_events, node-ical, and gocal with
// rrule-go) with expected occurrences listed by hand, and with agenda.json
// in package build; see package icaltest.
package ical
