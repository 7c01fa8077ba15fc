package schedule

import (
	"strconv"
	"time"
)

// Date is a civil date in the site's timezone: a day on the wall calendar,
// not an instant. Its zero value means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads a date written as YYYY-MM-DD and checks that the day
// exists (2026-02-30 is an error). The error is a *ParseError with Code
// "bad-date" and Col 1.
func ParseDate(s string) (Date, error) {
	d, ok := parseISODate(s)
	if !ok {
		return Date{}, &ParseError{Col: 1, Code: CodeBadDate, Word: s, Phrase: s, Suggestion: reversedDate(s)}
	}
	return d, nil
}

// parseISODate parses exactly four digits, '-', two digits, '-', two digits
// and validates the day against the month's length.
func parseISODate(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return Date{}, false
	}
	return Date{Year: y, Month: time.Month(m), Day: d}, true
}

// reversedDate turns a day-first date such as "30-12-2026" into
// "2026-12-30" when that is a real date, for use as a suggestion.
func reversedDate(s string) string {
	if len(s) != 10 || s[2] != '-' || s[5] != '-' {
		return ""
	}
	r := s[6:10] + "-" + s[3:5] + "-" + s[0:2]
	if _, ok := parseISODate(r); ok {
		return r
	}
	return ""
}

// digits parses a run of ASCII digits.
func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	b := make([]byte, 0, 10)
	b = appendPadded(b, d.Year, 4)
	b = append(b, '-')
	b = appendPadded(b, int(d.Month), 2)
	b = append(b, '-')
	b = appendPadded(b, d.Day, 2)
	return string(b)
}

func appendPadded(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return weekdayOf(d.days()) }

// AddDays returns the date n days after d (before d when n is negative).
func (d Date) AddDays(n int) Date { return fromDays(d.days() + n) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month - e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// In returns the first instant of d in loc: midnight, or, where midnight
// falls in a daylight-saving gap, the instant the gap rule of RFC 5545 gives
// (see the package documentation).
func (d Date) In(loc *time.Location) time.Time { return wallTime(d, 0, loc) }

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// days returns the number of days from 1970-01-01 to d in the proleptic
// Gregorian calendar (Howard Hinnant's days_from_civil).
func (d Date) days() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromDays is the inverse of Date.days (civil_from_days).
func fromDays(z int) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{Year: y, Month: time.Month(m), Day: d}
}

// weekdayOf returns the weekday of a day number; 1970-01-01 was a Thursday.
func weekdayOf(days int) time.Weekday {
	return time.Weekday(floorMod(days+4, 7))
}

// weekIndex numbers the Monday-based weeks: two day numbers are in the same
// week exactly when their week indices are equal.
func weekIndex(days int) int { return floorDiv(days+3, 7) }

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Window is a range of civil dates, both ends included.
type Window struct {
	From, Until Date
}

// Contains reports whether d lies in w.
func (w Window) Contains(d Date) bool { return !d.Before(w.From) && !d.After(w.Until) }
