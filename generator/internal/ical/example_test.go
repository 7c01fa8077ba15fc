package ical_test

import (
	"fmt"
	"strings"
	"time"

	"krachtpunt/generator/internal/ical"
)

// A weekly activity with a closure, in the site's zone.
func Example() {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	cal := &ical.Calendar{
		ProdID:   "-//Krachtpunt//Krachtpunt//NL",
		Name:     "Buurtcentrum De Linde",
		Location: ams,
		Events: []ical.Event{{
			UID:     "koffieochtend@delinde.nl",
			Summary: "Koffieochtend",
			Start:   time.Date(2026, 3, 3, 10, 0, 0, 0, ams),
			End:     time.Date(2026, 3, 3, 12, 0, 0, 0, ams),
			Recur:   &ical.Recur{Freq: "WEEKLY", ByDay: []ical.WeekdayNum{{Day: time.Tuesday}}},
			ExDates: []time.Time{time.Date(2026, 12, 29, 10, 0, 0, 0, ams)},
			Stamp:   time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
		}},
	}
	out := cal.Marshal(time.Date(2026, 3, 1, 0, 0, 0, 0, ams), time.Date(2026, 5, 31, 0, 0, 0, 0, ams))
	fmt.Print(strings.ReplaceAll(string(out), "\r\n", "\n"))
	// Output:
	// BEGIN:VCALENDAR
	// VERSION:2.0
	// PRODID:-//Krachtpunt//Krachtpunt//NL
	// CALSCALE:GREGORIAN
	// X-WR-CALNAME:Buurtcentrum De Linde
	// BEGIN:VTIMEZONE
	// TZID:Europe/Amsterdam
	// BEGIN:STANDARD
	// DTSTART:20241027T030000
	// TZOFFSETFROM:+0200
	// TZOFFSETTO:+0100
	// RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20271031T010000Z
	// TZNAME:CET
	// END:STANDARD
	// BEGIN:DAYLIGHT
	// DTSTART:20250330T020000
	// TZOFFSETFROM:+0100
	// TZOFFSETTO:+0200
	// RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=20270328T010000Z
	// TZNAME:CEST
	// END:DAYLIGHT
	// END:VTIMEZONE
	// BEGIN:VEVENT
	// UID:koffieochtend@delinde.nl
	// DTSTAMP:20260201T000000Z
	// DTSTART;TZID=Europe/Amsterdam:20260303T100000
	// DTEND;TZID=Europe/Amsterdam:20260303T120000
	// RRULE:FREQ=WEEKLY;BYDAY=TU
	// EXDATE;TZID=Europe/Amsterdam:20261229T100000
	// SUMMARY:Koffieochtend
	// END:VEVENT
	// END:VCALENDAR
}
