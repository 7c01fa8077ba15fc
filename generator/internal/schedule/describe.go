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
	s := formatSpan(iv, lang)
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
		parts[i] = formatSpan(iv, lang)
	}
	if isDutch(lang) {
		return joinList(parts, "en") + " uur"
	}
	return joinList(parts, "and")
}

// formatSpan writes "10.00-12.00"; the whole day from midnight to
// midnight is "00.00-24.00".
func formatSpan(iv Interval, lang string) string {
	end := FormatTime(iv.End, lang)
	if iv.Start == 0 && iv.End == 0 {
		end = "24" + end[2:]
	}
	return FormatTime(iv.Start, lang) + "-" + end
}

// FormatDate writes d for people: "dinsdag 24 november 2026" in Dutch,
// "Tuesday 24 November 2026" in English.
func FormatDate(d Date, lang string) string {
	return WeekdayName(d.Weekday(), lang) + " " + FormatDayMonthYear(d, lang)
}

// FormatDayMonthYear writes d without its weekday: "24 november 2026" in
// Dutch, "24 November 2026" in English.
func FormatDayMonthYear(d Date, lang string) string {
	return strconv.Itoa(d.Day) + " " + MonthName(d.Month, lang) + " " + string(appendPadded(nil, d.Year, 4))
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
	n := r.Interval
	if n <= 1 {
		switch {
		case len(days) == 7:
			return pick(nl, "Elke dag", "Every day")
		case isWorkweek(days):
			return pick(nl, "Elke werkdag", "Every weekday")
		}
		return pick(nl, "Elke ", "Every ") + dayList(days, nl)
	}
	var often string
	switch {
	case n == 2:
		often = pick(nl, "Om de week", "Every other week")
	case nl:
		often = "Om de " + strconv.Itoa(n) + " weken"
	default:
		often = "Every " + strconv.Itoa(n) + " weeks"
	}
	switch {
	case len(days) == 7:
		return often + pick(nl, ", elke dag", ", every day")
	case isWorkweek(days):
		return often + pick(nl, " op werkdagen", " on weekdays")
	case n == 2 && len(days) == 1 && !nl:
		return "Every other " + dayList(days, nl)
	}
	return often + pick(nl, " op ", " on ") + dayList(days, nl)
}

// dayList names days in a sentence: "maandag en donderdag", "Monday,
// Wednesday and Friday".
func dayList(days []time.Weekday, nl bool) string {
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = dayName(d, nl)
	}
	return joinList(names, pick(nl, "en", "and"))
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
