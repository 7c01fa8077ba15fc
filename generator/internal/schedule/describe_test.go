package schedule

import (
	"testing"
	"time"
)

func TestDescribe(t *testing.T) {
	tests := []struct{ phrase, nl, en string }{
		{"every tuesday 10:00-12:00", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
		{"elke maandag en donderdag 09:30-11:30", "Elke maandag en donderdag, 09.30-11.30 uur", "Every Monday and Thursday, 09:30-11:30"},
		{"every sunday, monday and friday 09:00-10:00", "Elke maandag, vrijdag en zondag, 09.00-10.00 uur", "Every Monday, Friday and Sunday, 09:00-10:00"},
		{"elke werkdag 12:00-13:00", "Elke werkdag, 12.00-13.00 uur", "Every weekday, 12:00-13:00"},
		{"every day 12:00-13:00", "Elke dag, 12.00-13.00 uur", "Every day, 12:00-13:00"},
		{"every other wednesday 14:00-16:00 from 2026-09-02", "Om de week op woensdag, 14.00-16.00 uur, vanaf 2 september 2026", "Every other Wednesday, 14:00-16:00, from 2 September 2026"},
		{"om de week maandag en donderdag 14:00-16:00 vanaf 2026-09-03", "Om de week op maandag en donderdag, 14.00-16.00 uur, vanaf 3 september 2026", "Every other week on Monday and Thursday, 14:00-16:00, from 3 September 2026"},
		{"om de 3 weken vrijdag 19:00-21:00 vanaf 2026-09-04", "Om de 3 weken op vrijdag, 19.00-21.00 uur, vanaf 4 september 2026", "Every 3 weeks on Friday, 19:00-21:00, from 4 September 2026"},
		{"first saturday of the month 10:00-13:00", "Eerste zaterdag van de maand, 10.00-13.00 uur", "First Saturday of the month, 10:00-13:00"},
		{"laatste vrijdag van de maand 16:00-18:00", "Laatste vrijdag van de maand, 16.00-18.00 uur", "Last Friday of the month, 16:00-18:00"},
		{"2026-12-12 14:00-16:00", "Zaterdag 12 december 2026, 14.00-16.00 uur", "Saturday 12 December 2026, 14:00-16:00"},
		{"every tuesday 10:00-12:00 until 2026-12-20", "Elke dinsdag, 10.00-12.00 uur, tot en met 20 december 2026", "Every Tuesday, 10:00-12:00, until 20 December 2026"},
		{"elke dinsdag 10:00-12:00 vanaf 2026-09-01 t/m 2026-12-20", "Elke dinsdag, 10.00-12.00 uur, vanaf 1 september 2026, tot en met 20 december 2026", "Every Tuesday, 10:00-12:00, from 1 September 2026, until 20 December 2026"},
		{"om de week elke dag 10:00-11:00 vanaf 2026-09-07", "Om de week, elke dag, 10.00-11.00 uur, vanaf 7 september 2026", "Every other week, every day, 10:00-11:00, from 7 September 2026"},
		{"every 4 weeks on weekdays 10:00-11:00 from 2026-09-07", "Om de 4 weken op werkdagen, 10.00-11.00 uur, vanaf 7 september 2026", "Every 4 weeks on weekdays, 10:00-11:00, from 7 September 2026"},
		{"every friday 22:00-02:00", "Elke vrijdag, 22.00-02.00 uur", "Every Friday, 22:00-02:00"},
	}
	for _, tt := range tests {
		r := mustParse(t, tt.phrase)
		if got := r.Describe("nl"); got != tt.nl {
			t.Errorf("%q nl = %q, want %q", tt.phrase, got, tt.nl)
		}
		if got := r.Describe("en"); got != tt.en {
			t.Errorf("%q en = %q, want %q", tt.phrase, got, tt.en)
		}
		// What the site shows can be written back as a phrase.
		if _, err := Parse(tt.phrase); err != nil {
			t.Errorf("%q does not parse again: %v", tt.phrase, err)
		}
	}
	if got := (Rule{}).Describe("nl"); got != "" {
		t.Errorf("zero rule describes as %q", got)
	}
}

func TestFormat(t *testing.T) {
	d := mustDate(t, "2026-11-24")
	for _, tt := range []struct{ got, want string }{
		{FormatDate(d, "nl"), "dinsdag 24 november 2026"},
		{FormatDate(d, "en"), "Tuesday 24 November 2026"},
		{FormatDate(d, "nl-NL"), "dinsdag 24 november 2026"},
		{FormatDate(d, "de"), "Tuesday 24 November 2026"},
		{FormatDate(mustDate(t, "2027-03-01"), "nl"), "maandag 1 maart 2027"},
		{FormatDayMonthYear(d, "en"), "24 November 2026"},
		{FormatTime(At(9, 5), "nl"), "09.05"},
		{FormatTime(At(9, 5), "en"), "09:05"},
		{FormatInterval(Interval{At(10, 0), At(12, 0)}, "nl"), "10.00-12.00 uur"},
		{FormatInterval(Interval{At(10, 0), At(12, 0)}, "en"), "10:00-12:00"},
		{FormatIntervals([]Interval{{At(9, 0), At(12, 30)}, {At(13, 30), At(17, 0)}}, "nl"), "09.00-12.30 en 13.30-17.00 uur"},
		{FormatIntervals([]Interval{{At(9, 0), At(12, 30)}, {At(13, 30), At(17, 0)}}, "en"), "09:00-12:30 and 13:30-17:00"},
		{WeekdayName(time.Sunday, "nl"), "zondag"},
		{WeekdayName(time.Sunday, "en"), "Sunday"},
		{MonthName(time.May, "nl"), "mei"},
		{MonthName(time.May, "en"), "May"},
		{MonthName(0, "en"), ""},
		{d.String(), "2026-11-24"},
		{d.AddDays(38).String(), "2027-01-01"},
		{d.AddDays(-365).String(), "2025-11-24"},
		{mustDate(t, "2028-02-28").AddDays(1).String(), "2028-02-29"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	// Day numbers, weekdays and comparisons agree with package time over
	// a long range that includes century years.
	start := time.Date(1899, 12, 25, 12, 0, 0, 0, time.UTC)
	prev := DateOf(start)
	for i := 0; i < 200*366; i += 7 {
		tm := start.AddDate(0, 0, i)
		d := DateOf(tm)
		if got := DateOf(start).AddDays(i); got != d {
			t.Fatalf("AddDays(%d) = %v, want %v", i, got, d)
		}
		if d.Weekday() != tm.Weekday() {
			t.Fatalf("%v.Weekday() = %v, want %v", d, d.Weekday(), tm.Weekday())
		}
		if i > 0 && (!prev.Before(d) || !d.After(prev) || d.Compare(prev) != 1 || prev.Compare(d) != -1) {
			t.Fatalf("%v and %v compare wrongly", prev, d)
		}
		prev = d
	}
	if !(Date{}).IsZero() || mustDate(t, "2026-01-01").IsZero() {
		t.Error("IsZero")
	}
}
