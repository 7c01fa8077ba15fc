package schedule

import (
	"strconv"
	"strings"
	"time"
)

// FormatTime writes c for people: "10.00" in Dutch, "10:00" in English.
func FormatTime(c Clock, lang string) string {
	sep := byte(':')
	if isDutch(lang) {
		sep = '.'
	}
	b := make([]byte, 0, 5)
	b = appendPadded(b, c.Hour(), 2)
	b = append(b, sep)
	b = appendPadded(b, c.Minute(), 2)
	return string(b)
}

// FormatInterval writes iv for people: "10.00-12.00 uur" in Dutch,
// "10:00-12:00" in English.
func FormatInterval(iv Interval, lang string) string {
	s := FormatTime(iv.Start, lang) + "-" + FormatTime(iv.End, lang)
	if isDutch(lang) {
		s += " uur"
	}
	return s
}

// FormatIntervals writes several intervals of one day: "09.00-12.30 en
// 13.30-17.00 uur" in Dutch, "09:00-12:30 and 13:30-17:00" in English.
func FormatIntervals(ivs []Interval, lang string) string {
	parts := make([]string, len(ivs))
	for i, iv := range ivs {
		parts[i] = FormatTime(iv.Start, lang) + "-" + FormatTime(iv.End, lang)
	}
	if isDutch(lang) {
		return joinList(parts, "en") + " uur"
	}
	return joinList(parts, "and")
}

// FormatDate writes d for people: "dinsdag 24 november 2026" in Dutch,
// "Tuesday 24 November 2026" in English.
func FormatDate(d Date, lang string) string {
	return WeekdayName(d.Weekday(), lang) + " " + FormatDayMonthYear(d, lang)
}

// FormatDayMonthYear writes d without its weekday: "24 november 2026" in
// Dutch, "24 November 2026" in English.
func FormatDayMonthYear(d Date, lang string) string {
	return strconv.Itoa(d.Day) + " " + MonthName(d.Month, lang) + " " + strconv.Itoa(d.Year)
}

// Describe writes the rule out again for people in lang (Dutch for "nl",
// English otherwise), as the site shows it: "Elke dinsdag, 10.00-12.00 uur",
// "Every other Wednesday, 14:00-16:00, from 2 September 2026".
func (r Rule) Describe(lang string) string {
	nl := isDutch(lang)
	var b strings.Builder
	switch r.Kind {
	case Weekly:
		b.WriteString(r.describeWeekly(nl))
	case Monthly:
		if len(r.Days) == 1 {
			b.WriteString(capitalize(ordinalName(r.Nth, nl)))
			b.WriteString(" ")
			b.WriteString(dayName(r.Days[0], nl))
			if nl {
				b.WriteString(" van de maand")
			} else {
				b.WriteString(" of the month")
			}
		}
	case Once:
		b.WriteString(capitalize(FormatDate(r.Date, lang)))
	default:
		return ""
	}
	b.WriteString(", ")
	b.WriteString(FormatInterval(r.Time, lang))
	if r.Kind != Once && !r.From.IsZero() {
		if nl {
			b.WriteString(", vanaf ")
		} else {
			b.WriteString(", from ")
		}
		b.WriteString(FormatDayMonthYear(r.From, lang))
	}
	if r.Kind != Once && !r.Until.IsZero() {
		if nl {
			b.WriteString(", tot en met ")
		} else {
			b.WriteString(", until ")
		}
		b.WriteString(FormatDayMonthYear(r.Until, lang))
	}
	return b.String()
}

// describeWeekly writes the "how often" part of a weekly rule.
func (r Rule) describeWeekly(nl bool) string {
	days := mondayFirst(r.Days)
	var list string
	switch {
	case len(days) == 7:
		list = pick(nl, "dag", "day")
	case isWorkweek(days):
		list = pick(nl, "werkdag", "weekday")
	default:
		names := make([]string, len(days))
		for i, d := range days {
			names[i] = dayName(d, nl)
		}
		list = joinList(names, pick(nl, "en", "and"))
	}
	n := r.Interval
	switch {
	case n <= 1 && nl:
		return "Elke " + list
	case n <= 1:
		return "Every " + list
	case nl && n == 2:
		return "Om de week op " + list
	case nl:
		return "Om de " + strconv.Itoa(n) + " weken op " + list
	case n == 2 && len(days) == 1:
		return "Every other " + list
	case n == 2:
		return "Every other week on " + list
	}
	return "Every " + strconv.Itoa(n) + " weeks on " + list
}

func pick(nl bool, dutch, en string) string {
	if nl {
		return dutch
	}
	return en
}

// dayName is the name of a day inside a sentence: "dinsdag", "Tuesday".
func dayName(wd time.Weekday, nl bool) string {
	return WeekdayName(wd, pick(nl, "nl", "en"))
}

func ordinalName(n int, nl bool) string {
	en := [...]string{"", "first", "second", "third", "fourth"}
	dutch := [...]string{"", "eerste", "tweede", "derde", "vierde"}
	switch {
	case n == -1:
		return pick(nl, "laatste", "last")
	case n >= 1 && n <= 4:
		return pick(nl, dutch[n], en[n])
	}
	return ""
}

// mondayFirst orders days as a Dutch or English week reads: Monday to
// Sunday.
func mondayFirst(days []time.Weekday) []time.Weekday {
	out := make([]time.Weekday, 0, len(days))
	for _, d := range days {
		if d != time.Sunday {
			out = append(out, d)
		}
	}
	if hasDay(days, time.Sunday) {
		out = append(out, time.Sunday)
	}
	return out
}

func isWorkweek(days []time.Weekday) bool {
	if len(days) != 5 {
		return false
	}
	for i, d := range days {
		if d != time.Monday+time.Weekday(i) {
			return false
		}
	}
	return true
}

// joinList joins words as a sentence does: "a", "a and b", "a, b and c".
func joinList(words []string, and string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}
