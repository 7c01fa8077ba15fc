package schedule

import (
	"strings"
	"time"

	"github.com/agnivade/levenshtein"
)

// weekdayWords maps every accepted spelling of a day, English and Dutch,
// to its weekday. The full names come first in weekdayNames below; the
// abbreviations are accepted but never suggested.
var weekdayWords = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday,
	"saturday": time.Saturday,
	"zondag":   time.Sunday, "maandag": time.Monday, "dinsdag": time.Tuesday,
	"woensdag": time.Wednesday, "donderdag": time.Thursday, "vrijdag": time.Friday,
	"zaterdag": time.Saturday,
	"sun":      time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wed": time.Wednesday, "thu": time.Thursday, "thur": time.Thursday,
	"thurs": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
	"zo": time.Sunday, "ma": time.Monday, "di": time.Tuesday, "wo": time.Wednesday,
	"do": time.Thursday, "vr": time.Friday, "za": time.Saturday,
}

// pluralDays maps plural and adverbial day forms ("tuesdays", "dinsdags",
// "dinsdagen") to their weekday; "on tuesdays" means every Tuesday.
var pluralDays = func() map[string]time.Weekday {
	m := make(map[string]time.Weekday, 21)
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		m[enDays[wd]+"s"] = wd
		m[nlDays[wd]+"s"] = wd
		m[nlDays[wd]+"en"] = wd
	}
	return m
}()

var (
	enDays   = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
	nlDays   = [7]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}
	enMonths = [13]string{"", "January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	nlMonths = [13]string{"", "januari", "februari", "maart", "april", "mei", "juni", "juli",
		"augustus", "september", "oktober", "november", "december"}
)

// ParseWeekday reads a day name in English or Dutch, full or abbreviated
// ("tuesday", "Dinsdag", "tue", "di"), ignoring case and surrounding space.
func ParseWeekday(name string) (time.Weekday, bool) {
	wd, ok := weekdayWords[strings.ToLower(strings.TrimSpace(name))]
	return wd, ok
}

// WeekdayName returns the name of wd in lang: "dinsdag" in Dutch (lower
// case, as Dutch writes it), "Tuesday" in English.
func WeekdayName(wd time.Weekday, lang string) string {
	if wd < time.Sunday || wd > time.Saturday {
		return ""
	}
	if isDutch(lang) {
		return nlDays[wd]
	}
	return capitalize(enDays[wd])
}

// MonthName returns the name of m in lang: "november" in Dutch,
// "November" in English.
func MonthName(m time.Month, lang string) string {
	if m < time.January || m > time.December {
		return ""
	}
	if isDutch(lang) {
		return nlMonths[m]
	}
	return enMonths[m]
}

// isDutch reports whether lang is Dutch ("nl", "nl-NL", "nl_BE").
// Every other language gets English.
func isDutch(lang string) bool {
	return len(lang) >= 2 && strings.EqualFold(lang[:2], "nl") && (len(lang) == 2 || lang[2] == '-' || lang[2] == '_')
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// Word classes of the when phrase. Each is a set of lower-case spellings.
var (
	everyWords   = set("every", "each", "elke", "iedere", "ieder", "elk")
	otherWords   = set("other", "alternate")
	weekWords    = set("week", "weeks", "weken")
	onWords      = set("on", "op")
	andWords     = set("and", "en", "&")
	dayWords     = set("day", "dag", "daily", "dagelijks")
	workdayWords = set("weekday", "weekdays", "werkdag", "werkdagen", "workday", "workdays")
	weekendWords = set("weekend", "weekends")
	fromWords    = set("from", "vanaf", "starting", "since")
	untilWords   = set("until", "till", "through", "thru", "t/m", "tm", "tot", "untill")
	timeIntro    = set("from", "van", "at", "om", "between", "tussen")
	timeSep      = set("to", "tot", "until", "till", "and", "en", "-")
	hourWords    = set("uur", "u", "h", "hrs", "o'clock")
	ofWords      = set("of", "van", "in")
	theWords     = set("the", "de", "each", "every", "elke", "iedere")
	monthWords   = set("month", "maand")
)

// ordinalWords maps the ordinals of a monthly rule to Rule.Nth.
var ordinalWords = map[string]int{
	"first": 1, "1st": 1, "eerste": 1, "1e": 1, "1ste": 1,
	"second": 2, "2nd": 2, "tweede": 2, "2e": 2, "2de": 2,
	"third": 3, "3rd": 3, "derde": 3, "3e": 3, "3de": 3,
	"fourth": 4, "4th": 4, "vierde": 4, "4e": 4, "4de": 4,
	"last": -1, "laatste": -1,
}

// fifthWords are ordinals a month does not always have.
var fifthWords = set("fifth", "5th", "vijfde", "5e", "5de")

// numberWords lets the number of weeks be written out.
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10,
	"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
	"acht": 8, "negen": 9, "tien": 10,
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Candidate lists for suggestions, by what the parser expected. Only full
// words are suggested, never abbreviations.
var (
	suggestDays   = append(append([]string{}, nlDays[:]...), enDays[:]...)
	suggestStart  = append([]string{"every", "elke", "iedere", "other", "om", "first", "second", "third", "fourth", "last", "eerste", "tweede", "derde", "vierde", "laatste", "daily", "dagelijks"}, suggestDays...)
	suggestClause = []string{"from", "vanaf", "until", "tot", "t/m", "uur", "of", "the", "month", "van", "de", "maand", "and", "en"}
)

// maxSuggestLen is the longest word for which a suggestion is sought.
const maxSuggestLen = 24

// suggest returns the word from candidates closest to w, or "" when none is
// close enough to be a likely typing error. Ties go to the earlier candidate.
func suggest(w string, candidates []string) string {
	w = strings.ToLower(w)
	n := len([]rune(w))
	if n > maxSuggestLen {
		return "" // no known word is anywhere near this long
	}
	limit := 1
	if n >= 5 {
		limit = 2
	}
	if n >= 9 {
		limit = 3
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == w {
			continue
		}
		if d := levenshtein.ComputeDistance(w, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}
