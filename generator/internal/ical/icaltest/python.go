package icaltest

import (
	"testing"
	"time"
)

// libical is libical, the C library of Evolution and GNOME Calendar, through
// GObject introspection.
var libical = script{
	name:    "libical",
	dir:     "libical",
	command: []string{debianPython, "expand.py"},
	hint:    "apt-get install gir1.2-ical-3.0 python3-gi",
}

// recurringICalEvents is the Python library recurring_ical_events, on top
// of icalendar and dateutil.
var recurringICalEvents = script{
	name:    "recurring_ical_events",
	dir:     "recurring-ical-events",
	command: []string{debianPython, "expand.py"},
	hint:    "apt-get install python3-recurring-ical-events",
}

// ExpandWithLibical expands the calendar in the file icsPath with libical
// (icalcomponent_foreach_recurrence, run by .ci/libical/expand.py with
// Debian's /usr/bin/python3), and returns every occurrence whose start s has
// from <= s < until, sorted by start, UID and end. Cancelled occurrences are
// left out; an override replaces the instance its RECURRENCE-ID names, as
// programs built on libical do.
//
// When /usr/bin/python3, python3-gi or gir1.2-ical-3.0 is missing the test
// is skipped, unless the environment has CI=true: there it fails.
func ExpandWithLibical(t testing.TB, icsPath string, from, until time.Time) []Instance {
	t.Helper()
	return libical.expand(t, icsPath, from, until)
}

// ExpandWithRecurringICalEvents expands the calendar in the file icsPath
// with recurring_ical_events (run by .ci/recurring-ical-events/expand.py
// with Debian's /usr/bin/python3), and returns every occurrence whose start s
// has from <= s < until, sorted by start, UID and end. Cancelled occurrences
// are left out.
//
// When /usr/bin/python3 or python3-recurring-ical-events is missing the test
// is skipped, unless the environment has CI=true: there it fails.
func ExpandWithRecurringICalEvents(t testing.TB, icsPath string, from, until time.Time) []Instance {
	t.Helper()
	return recurringICalEvents.expand(t, icsPath, from, until)
}
