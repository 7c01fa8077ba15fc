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
	m := make(map[string]time.Weekday, 28)
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		m[enDays[wd]+"s"] = wd
		m[nlDays[wd]+"s"] = wd
		m[nlDays[wd]+"'s"] = wd
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
	weeklyWords  = set("weekly", "wekelijks")
	monthlyWords = set("monthly", "maandelijks")
	exceptWords  = set("behalve", "except", "excluding", "uitgezonderd", "zonder", "niet", "not", "geen")
	parityWords  = set("even", "oneven", "odd")
	articleWords = set("de", "the")
	otherWords   = set("other", "alternate")
	weekWords    = set("week", "weeks", "weken")
	onWords      = set("on", "op")
	andWords     = set("and", "en", "&")
	dayWords     = set("day", "dag", "daily", "dagelijks")
	workdayWords = set("weekday", "weekdays", "werkdag", "werkdagen", "workday", "workdays")
	weekendWords = set("weekend", "weekends")
	fromWords    = set("from", "vanaf", "starting", "since")
	untilWords   = set("until", "till", "through", "thru", "t/m", "tm", "tot", "untill", "to")
	timeIntro    = set("from", "van", "at", "om", "between", "tussen")
	timeSep      = set("to", "tot", "until", "till", "and", "en", "-")
	hourWords    = set("uur", "u", "h", "hrs", "o'clock", "o’clock")
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
var fifthWords = set("fifth", "5th", "vijfde", "5e", "5de", "5ste")

// ordinal reads an ordinal of the month: a word ("tweede", "second") or a
// digit with any ending a Dutch or English writer uses ("2e", "2de",
// "2ste", "2nd", "2th"). It returns 1..5, -1 for the last, or 0.
func ordinal(w string) int {
	if n := ordinalWords[w]; n != 0 {
		return n
	}
	if fifthWords[w] {
		return 5
	}
	if len(w) >= 2 && w[0] >= '1' && w[0] <= '5' {
		switch w[1:] {
		case "e", "de", "ste", "st", "nd", "rd", "th":
			return int(w[0] - '0')
		}
	}
	return 0
}

// nWeekly maps the Dutch and English words for every few weeks to their
// number of weeks: "tweewekelijks", "veertiendaags", "fortnightly".
var nWeekly = map[string]int{
	"tweewekelijks": 2, "veertiendaags": 2, "veertiendaagse": 2, "tweewekelijkse": 2, "fortnightly": 2,
	"driewekelijks": 3, "vierwekelijks": 4, "fortnight": 2,
}

// ambiguousWeekly are words that mean every two weeks to one reader and
// twice a week to another.
var ambiguousWeekly = set("biweekly", "bi-weekly", "bi-wekelijks", "biwekelijks")

// monthNames maps the Dutch and English month names and their usual
// abbreviations to their month.
var monthNames = func() map[string]time.Month {
	m := map[string]time.Month{
		"jan": 1, "feb": 2, "mrt": 3, "mar": 3, "maa": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
		"sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12, "mei": 5, "may": 5,
	}
	for mo := time.January; mo <= time.December; mo++ {
		m[strings.ToLower(enMonths[mo])] = mo
		m[nlMonths[mo]] = mo
	}
	return m
}()

// partOfDay is a part of the day a volunteer may name instead of, or
// besides, the time: "'s middags", "afternoon".
type partOfDay int

const (
	noPart partOfDay = iota
	morning
	afternoon
	evening
	night
)

// partWords maps the words for a part of the day, with "'s" before the
// Dutch adverbs, to the part.
var partWords = map[string]partOfDay{
	"ochtend": morning, "ochtends": morning, "morgens": morning, "morning": morning, "mornings": morning,
	"middag": afternoon, "middags": afternoon, "afternoon": afternoon, "afternoons": afternoon, "namiddag": afternoon,
	"avond": evening, "avonds": evening, "evening": evening, "evenings": evening, "night": night, "nacht": night, "nachts": night,
	"smorgens": morning, "sochtends": morning, "smiddags": afternoon, "savonds": evening, "snachts": night,
}

// within reports whether an activity starting at c starts in part p.
func (p partOfDay) within(c Clock) bool {
	h := c.Hour()
	switch p {
	case morning:
		return h >= 5 && h < 12
	case afternoon:
		return h >= 12 && h < 18
	case evening:
		return h >= 17 || h == 0
	case night:
		return h >= 18 || h < 6
	}
	return true
}

// example is a time typical of part p, for suggestions.
func (p partOfDay) example() Interval {
	switch p {
	case afternoon:
		return Interval{At(14, 0), At(16, 0)}
	case evening:
		return Interval{At(19, 0), At(21, 0)}
	case night:
		return Interval{At(23, 0), At(1, 0)}
	}
	return Interval{At(10, 0), At(12, 0)}
}

// name is the Dutch or English name of p for messages.
func (p partOfDay) name(nl bool) string {
	switch p {
	case morning:
		return pick(nl, "'s ochtends", "in the morning")
	case afternoon:
		return pick(nl, "'s middags", "in the afternoon")
	case evening:
		return pick(nl, "'s avonds", "in the evening")
	case night:
		return pick(nl, "'s nachts", "at night")
	}
	return ""
}

// dayPart splits a compound such as "dinsdagmiddag", "dinsdagavonden" or
// "tuesday" + nothing into its day and part of the day.
func dayPart(w string) (time.Weekday, partOfDay, bool) {
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		for _, name := range []string{nlDays[wd], enDays[wd]} {
			rest, ok := strings.CutPrefix(w, name)
			if !ok || rest == "" {
				continue
			}
			// "dinsdagmorgen": on its own "morgen" is tomorrow, in a
			// compound it is the morning.
			if rest == "morgen" || rest == "morgens" {
				return wd, morning, true
			}
			if p, ok := partWords[rest]; ok {
				return wd, p, true
			}
			rest = strings.TrimSuffix(strings.TrimSuffix(rest, "en"), "s")
			if p, ok := partWords[rest]; ok {
				return wd, p, true
			}
		}
	}
	return 0, noPart, false
}

// dutchWords are words only a Dutch phrase uses; englishWords only an
// English one. They decide the language of the words a suggestion adds.
var (
	dutchWords = set("elke", "iedere", "ieder", "elk", "om", "op", "van", "vanaf", "tot", "t/m", "uur", "u", "en",
		"de", "maand", "weken", "werkdag", "werkdagen", "dagelijks", "wekelijks", "maandelijks", "eerste", "tweede",
		"derde", "vierde", "laatste", "'s", "behalve", "tussen", "half", "kwart", "over", "voor", "dag", "ma", "di",
		"wo", "do", "vr", "za", "zo")
	englishWords = set("every", "each", "other", "on", "of", "the", "month", "weeks", "weekday", "weekdays", "daily",
		"weekly", "monthly", "first", "second", "third", "fourth", "last", "from", "until", "to", "and", "at", "am",
		"pm", "day", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "except", "noon", "midnight")
)

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
	suggestStart  = append([]string{"every", "elke", "iedere", "other", "om", "first", "second", "third", "fourth", "last", "eerste", "tweede", "derde", "vierde", "laatste", "daily", "dagelijks", "weekly", "wekelijks", "tweewekelijks"}, suggestDays...)
	suggestClause = []string{"from", "vanaf", "until", "tot", "t/m", "uur", "of", "the", "month", "van", "de", "maand", "and", "en", "behalve", "except", "ochtends", "middags", "avonds", "morning", "afternoon", "evening"}
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
