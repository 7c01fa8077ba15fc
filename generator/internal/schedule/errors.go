package schedule

import (
	"fmt"
	"strings"
)

// Codes of a ParseError. They are stable: callers and tests may rely on
// them, and the messages are built from them.
const (
	CodeEmpty           = "empty"             // nothing written
	CodeUnknownWord     = "unknown-word"      // a word or sign that is not understood
	CodeUnexpectedWord  = "unexpected-word"   // a known word in a place it does not fit
	CodeMissingDay      = "missing-day"       // "every" without a day
	CodeMissingEvery    = "missing-every"     // "tuesday 10:00-12:00": how often is unclear
	CodeMissingTime     = "missing-time"      // no time given
	CodeMissingDate     = "missing-date"      // "from" or "until" without a date
	CodeMissingFrom     = "missing-from"      // every N weeks without a start date
	CodeIntervalRange   = "interval-range"    // every N weeks with N outside 2..8
	CodeNthRange        = "nth-range"         // "fifth saturday of the month"
	CodeOneDay          = "one-day"           // a monthly rule that names several days
	CodeBadTime         = "bad-time"          // "24:30", "10:75", "10"
	CodeZeroLength      = "zero-length"       // "10:00-10:00"
	CodeBadDate         = "bad-date"          // "2026-02-30", "30-12-2026"
	CodeUntilBeforeFrom = "until-before-from" // the until date is before the from date
	CodeDuplicate       = "duplicate"         // the time, from or until given twice
	CodeOnceClause      = "once-clause"       // "2026-12-12 ... from ...": a single date with a range
	CodeOverlap         = "overlap"           // opening hours that overlap
	CodeMissingEnd      = "missing-end"       // "om 10:00": a start without an end
	CodeHourOnly        = "hour-only"         // "10-12": hours without minutes that read two ways
	CodeSpokenTime      = "spoken-time"       // "half 11", "kwart over 10"
	CodeTwelve          = "twelve"            // "12pm": noon to some, midnight to others
	CodePartOfDay       = "part-of-day"       // "'s middags" without a time
	CodePartMismatch    = "part-mismatch"     // "'s avonds 10:00-12:00"
	CodeAmbiguousNth    = "ambiguous-nth"     // "elke 2e dinsdag": of the month, or every other week?
	CodeSeveralNth      = "several-nth"       // "elke tweede en vierde dinsdag": two rules
	CodeWhichWeek       = "which-week"        // "maandelijks op dinsdag": which week of the month?
	CodeBiweekly        = "biweekly"          // every two weeks, or twice a week?
	CodeExcept          = "except"            // "behalve in de schoolvakanties"
	CodeEvenWeeks       = "even-weeks"        // "in de even weken"
	CodeNoYear          = "no-year"           // "12 okt": a date without its year
	CodeWrongWeekday    = "wrong-weekday"     // "dinsdag 12 december 2026", a Saturday
	CodePlaceholder     = "placeholder"       // "vanaf JJJJ-MM-DD" copied from a suggestion
	CodeTwoRules        = "two-rules"         // "elke dinsdag 10:00-12:00 en donderdag 14:00-16:00"
	CodeMissingStart    = "missing-start"     // "tot 12:00": an end without a start
)

// expectation says what the parser was looking for when it met a word it
// could not use. It selects the hint of an unknown-word error.
type expectation int

const (
	expectNothing  expectation = iota
	expectStart                // the beginning of a phrase
	expectDay                  // a day name
	expectTime                 // a time
	expectClause               // a time, "from" or "until", or the end
	expectInterval             // opening hours
)

// ParseError is an error in a when phrase or an opening-hours value. Col is
// the 1-based column, counted in characters, of the word it is about; one
// past the end when something is missing at the end.
type ParseError struct {
	Col        int    // 1-based rune column in Phrase
	Code       string // one of the Code constants
	Word       string // the word as written, if the error is about one
	Suggestion string // the closest known word, or a corrected value; may be ""
	Phrase     string // the whole input
	N          int    // the number involved (interval-range, nth-range, ambiguous-nth)

	want    expectation
	fix     func(nl bool) []alt // the phrases to write instead, before they are checked
	example bool                // the suggestions hold example values, not the volunteer's
	date    Date                // the date involved (wrong-weekday, bad-date)
	clock   Clock               // the time involved (spoken-time, part-mismatch)
	// daysOnly says an exception names only days ("behalve woensdag").
	daysOnly bool
}

// Error returns the English message and hint, prefixed with the column.
func (e *ParseError) Error() string {
	msg, hint := e.Message("en")
	if hint == "" {
		return fmt.Sprintf("column %d: %s", e.Col, msg)
	}
	return fmt.Sprintf("column %d: %s %s", e.Col, msg, hint)
}

// Message returns a plain sentence saying what is wrong and a hint saying
// what to do, in Dutch (lang "nl") or English (any other lang). Where the
// phrase can be corrected, the hint quotes the whole phrase to write
// instead.
func (e *ParseError) Message(lang string) (msg, hint string) {
	nl := isDutch(lang)
	if msg, hint, ok := e.slipMessage(nl); ok {
		return msg, hint
	}
	msg, hint = e.baseMessage(nl)
	if alts := e.settled(nl); len(alts) > 0 {
		lead := ""
		switch e.Code {
		case CodeMissingTime:
			hint, lead = "", pick(nl, "Zet de begin- en eindtijd erbij, bijvoorbeeld:", "Add the start and end time, for example:")
		case CodeBadDate:
			hint, lead = "", pick(nl, "Zet het jaar voorop:", "Write the year first:")
		case CodeMissingFrom:
			hint = ""
		case CodeMissingDay:
			hint, lead = "", pick(nl, "Zet de dag erbij, bijvoorbeeld:", "Add the day, for example:")
		}
		hint = strings.TrimSpace(hint + " " + writeAlts(alts, nl, e.example, lead))
		if e.Code == CodeMissingEvery {
			hint += pick(nl, " als het elke week is. Is het één keer? Schrijf dan de datum in plaats van de dag, bijvoorbeeld \u201c2026-12-12 10:00-12:00\u201d.",
				" if it is every week. Is it one time? Then write the date instead of the day, for example \u201c2026-12-12 10:00-12:00\u201d.")
		}
	}
	return msg, hint
}

// baseMessage is the message of the codes whose hint stands without a
// suggestion.
func (e *ParseError) baseMessage(nl bool) (msg, hint string) {
	pick := func(en, dutch string) string {
		if nl {
			return dutch
		}
		return en
	}
	q := func(s string) string { return "\u201c" + s + "\u201d" }
	w := q(e.Word)
	switch e.Code {
	case CodeEmpty:
		return pick("Nothing is written here.", "Hier staat niets."),
			pick("Write when it happens, for example "+q("every tuesday 10:00-12:00")+".",
				"Schrijf op wanneer het is, bijvoorbeeld "+q("elke dinsdag 10:00-12:00")+".")
	case CodeUnknownWord:
		msg = pick(w+" is not a word we understand here.", "Het woord "+w+" begrijpen we hier niet.")
		if e.Suggestion != "" {
			return msg, pick("Did you mean "+q(e.Suggestion)+"?", "Bedoel je "+q(e.Suggestion)+"?")
		}
		if h := e.expectHint(nl); h != "" {
			return msg, h
		}
		return msg, pick("Write the phrase as the content format does, for example "+q("every tuesday 10:00-12:00")+".",
			"Schrijf de zin zoals in de handleiding, bijvoorbeeld "+q("elke dinsdag 10:00-12:00")+".")
	case CodeUnexpectedWord:
		return pick(w+" does not belong in this place.", "Het woord "+w+" hoort niet op deze plek."), e.expectHint(nl)
	case CodeMissingDay:
		return pick("The day is missing.", "De dag ontbreekt."),
			pick("Write the day after "+q(e.Word)+", for example "+q("every tuesday")+".",
				"Zet de dag na "+q(e.Word)+", bijvoorbeeld "+q("elke dinsdag")+".")
	case CodeMissingEvery:
		msg = pick("It is not clear how often this happens.", "Het is niet duidelijk hoe vaak dit is.")
		if e.fix != nil {
			return msg, ""
		}
		return msg, pick("Write "+q(e.Suggestion)+" for every week, or a date such as "+q("2026-12-12")+" for one time.",
			"Schrijf "+q(e.Suggestion)+" voor elke week, of een datum zoals "+q("2026-12-12")+" voor één keer.")
	case CodeMissingTime:
		msg = pick("The time is missing.", "De tijd ontbreekt.")
		if e.fix != nil {
			return msg, pick("Add the start and end time.", "Zet de begin- en eindtijd erbij.")
		}
		return msg, pick("Add the start and end time, for example "+q("10:00-12:00")+".",
			"Zet de begin- en eindtijd erbij, bijvoorbeeld "+q("10:00-12:00")+".")
	case CodeMissingDate:
		return pick("A date is missing after "+w+".", "Na "+w+" ontbreekt een datum."),
			pick("Write the date as year-month-day, for example "+q("2026-09-02")+".",
				"Schrijf de datum als jaar-maand-dag, bijvoorbeeld "+q("2026-09-02")+".")
	case CodeMissingFrom:
		return pick("Every few weeks needs a start date, or we cannot know which weeks.",
				"Bij "+q("om de week")+" of "+q("om de paar weken")+" hoort een startdatum. Anders weten we niet welke weken het is."),
			pick("Add "+q("from")+" and the date of the first time at the end.",
				"Zet aan het eind "+q("vanaf")+" en de datum van de eerste keer.")
	case CodeIntervalRange:
		return pick(fmt.Sprintf("Every %d weeks is not possible here.", e.N), fmt.Sprintf("Om de %d weken kan hier niet.", e.N)),
			pick("Use a number of weeks from 2 to 8. For every week write "+q("every friday")+"; for other dates write each date as its own line.",
				"Kies een aantal weken van 2 tot en met 8. Voor elke week schrijf je "+q("elke vrijdag")+"; andere datums zet je elk op een eigen regel.")
	case CodeNthRange:
		return pick("Not every month has a fifth one of each day.", "Niet elke maand heeft een vijfde van elke dag."),
			pick("Write "+q("last")+" instead, for example "+q("last saturday of the month")+".",
				"Schrijf liever "+q("laatste")+", bijvoorbeeld "+q("laatste zaterdag van de maand")+".")
	case CodeOneDay:
		return pick("A monthly phrase can name only one day.", "Bij één keer per maand hoort maar één dag."),
			pick("Write a separate phrase for each day.", "Schrijf voor elke dag een aparte regel.")
	case CodeBadTime:
		return pick(w+" is not a time.", w+" is geen tijd."),
			pick("Write times as hours and minutes from 00:00 to 23:59, for example "+q("10:00")+" or "+q("10.00")+".",
				"Schrijf een tijd als uren en minuten van 00:00 tot 23:59, bijvoorbeeld "+q("10:00")+" of "+q("10.00")+".")
	case CodeZeroLength:
		return pick("The start and end time are the same.", "De begintijd en de eindtijd zijn hetzelfde."),
			pick("Check the end time.", "Kijk de eindtijd na.")
	case CodeBadDate:
		msg = pick(w+" is not a date.", w+" is geen datum.")
		if e.Suggestion != "" {
			return msg, pick("Write the year first.", "Zet het jaar voorop.")
		}
		return msg, pick("Write a date that exists as year-month-day, for example "+q("2026-12-12")+".",
			"Schrijf een bestaande datum als jaar-maand-dag, bijvoorbeeld "+q("2026-12-12")+".")
	case CodeUntilBeforeFrom:
		return pick("The end date "+w+" is before the start date.", "De einddatum "+w+" ligt voor de startdatum."),
			pick("Check both dates.", "Kijk beide data na.")
	case CodeDuplicate:
		return pick(w+" is written twice.", w+" staat er twee keer."),
			pick("Keep one of them.", "Laat er één staan.")
	case CodeOnceClause:
		return pick("A phrase with one date happens once, so "+w+" does not fit.",
				"Een regel met één datum is één keer, dus "+w+" past hier niet."),
			pick("Remove "+w+" and its date, or write "+q("every")+" and a day.",
				"Haal "+w+" en de datum weg, of schrijf "+q("elke")+" en een dag.")
	case CodeOverlap:
		return pick("The times "+w+" overlap.", "De tijden "+w+" overlappen."),
			pick("Write each period once, in order, for example "+q("09:00-12:30, 13:30-17:00")+".",
				"Schrijf elke periode één keer, op volgorde, bijvoorbeeld "+q("09:00-12:30, 13:30-17:00")+".")
	}
	return pick("This could not be read.", "Dit kunnen we niet lezen."), ""
}

// slipMessage is the message of the codes for slips, whose hint is built
// around the phrases to write instead.
func (e *ParseError) slipMessage(nl bool) (msg, hint string, ok bool) {
	pick := func(en, dutch string) string {
		if nl {
			return dutch
		}
		return en
	}
	q := func(s string) string { return "\u201c" + s + "\u201d" }
	w := q(e.Word)
	alts := e.settled(nl)
	// write quotes the suggestions after lead, which ends in a colon; an
	// empty lead is "Write:". Without suggestions, fallback is the hint.
	write := func(lead, fallback string) string {
		if len(alts) == 0 {
			return fallback
		}
		return writeAlts(alts, nl, e.example, lead)
	}
	switch e.Code {
	case CodeMissingEnd:
		return pick("The end time is missing.", "De eindtijd ontbreekt."),
			write(pick("Add when it ends, for example:", "Zet erbij hoe laat het afloopt, bijvoorbeeld:"),
				pick("Add when it ends, for example "+q("10:00-12:00")+".", "Zet erbij hoe laat het afloopt, bijvoorbeeld "+q("10:00-12:00")+".")), true
	case CodeMissingStart:
		return pick("The start time is missing.", "De begintijd ontbreekt."),
			write(pick("Add when it starts, for example:", "Zet erbij hoe laat het begint, bijvoorbeeld:"),
				pick("Add when it starts, for example "+q("10:00-12:00")+".", "Zet erbij hoe laat het begint, bijvoorbeeld "+q("10:00-12:00")+".")), true
	case CodeHourOnly:
		return pick(w+" has hours without minutes.", "Bij "+w+" staan uren zonder minuten."),
			write(pick("Write the time in hours and minutes:", "Schrijf de tijd in uren en minuten:"),
				pick("Write the time in hours and minutes, for example "+q("10:00-12:00")+".", "Schrijf de tijd in uren en minuten, bijvoorbeeld "+q("10:00-12:00")+".")), true
	case CodeSpokenTime:
		return pick(w+" means "+FormatTime(e.clock, "en")+".", w+" betekent "+FormatTime(e.clock, "en")+"."),
			write(pick("Write the time in figures:", "Schrijf de tijd in cijfers:"),
				pick("Write the time in figures, for example "+q("10:30-12:00")+".", "Schrijf de tijd in cijfers, bijvoorbeeld "+q("10:30-12:00")+".")), true
	case CodeTwelve:
		return pick(w+" is noon to some readers and midnight to others.", w+" is voor de een 12 uur 's middags en voor de ander middernacht."),
			write(pick("Write the time on the 24-hour clock:", "Schrijf de tijd op de 24-uursklok:"),
				pick("Write the time on the 24-hour clock, for example "+q("12:00-14:00")+".", "Schrijf de tijd op de 24-uursklok, bijvoorbeeld "+q("12:00-14:00")+".")), true
	case CodePartOfDay:
		return pick(w+" does not say when it starts and ends.", w+" zegt niet hoe laat het begint en eindigt."),
			write(pick("Add the start and end time, for example:", "Zet de begin- en eindtijd erbij, bijvoorbeeld:"),
				pick("Add the start and end time, for example "+q("14:00-16:00")+".", "Zet de begin- en eindtijd erbij, bijvoorbeeld "+q("14:00-16:00")+".")), true
	case CodePartMismatch:
		t := FormatTime(e.clock, pick("en", "nl"))
		return pick("The time "+t+" does not fit "+w+".", "De tijd "+t+" past niet bij "+w+"."),
			write(pick("Check the time. If it is right, write:", "Kijk de tijd na. Klopt die, schrijf dan:"), pick("Check the time.", "Kijk de tijd na.")), true
	case CodeAmbiguousNth:
		often := pick("every other week", "om de week")
		if e.N > 2 {
			often = pick(fmt.Sprintf("every %d weeks", e.N), fmt.Sprintf("om de %d weken", e.N))
		}
		return pick(w+" can mean two things: once a month, or "+often+".", w+" kan twee dingen betekenen: één keer per maand, of "+often+"."),
			write("", pick("Write "+q("of the month")+" after the day for once a month.", "Zet "+q("van de maand")+" achter de dag voor één keer per maand.")), true
	case CodeSeveralNth:
		return pick("One phrase can name only one week of the month.", "Eén regel kan maar één week van de maand noemen."),
			write(pick("Put each in its own phrase, in a list between [ ]:", "Zet ze elk in een eigen regel, in een lijst tussen [ ]:"),
				pick("Write a separate phrase for each.", "Schrijf voor elk een aparte regel.")), true
	case CodeWhichWeek:
		return pick(w+" does not say which week of the month.", w+" zegt niet welke week van de maand."),
			write(pick("Write which one, for example:", "Schrijf welke, bijvoorbeeld:"), pick("Write which one, for example "+q("first tuesday of the month 10:00-12:00")+".", "Schrijf welke, bijvoorbeeld "+q("eerste dinsdag van de maand 10:00-12:00")+".")) +
				pick(". Second, third, fourth and last work too.", ". Tweede, derde, vierde en laatste kan ook."), true
	case CodeBiweekly:
		return pick(w+" can mean every two weeks, but also twice a week.", w+" kan om de twee weken betekenen, maar ook twee keer per week."),
			write(pick("For every two weeks write:", "Voor om de twee weken schrijf je:"), "") +
				pick(" For twice a week, name both days, for example "+q("every tuesday and friday")+".", " Voor twee keer per week noem je beide dagen, bijvoorbeeld "+q("elke dinsdag en vrijdag")+"."), true
	case CodeExcept:
		if e.daysOnly && len(alts) > 0 {
			return pick("An exception such as "+w+" cannot go in the phrase itself.", "Een uitzondering zoals "+w+" kan niet in de regel zelf."),
				write(pick("Name the days it is on:", "Noem de dagen waarop het wel is:"), ""), true
		}
		hint = write("", "")
		if len(alts) > 0 {
			hint += pick(", and put each day it does not take place in its own [[cancel]] block with the date.",
				", en zet elke dag die niet doorgaat in een eigen [[vervalt]]-blok met de datum.")
		}
		return pick("An exception such as "+w+" cannot go in the phrase itself.", "Een uitzondering zoals "+w+" kan niet in de regel zelf."),
			strings.TrimSpace(hint + pick(" On days the centre is closed, the activity does not take place anyway.",
				" Op dagen dat het buurthuis dicht is, gaat de activiteit vanzelf niet door.")), true
	case CodeEvenWeeks:
		return pick("With "+w+" it is not clear which weeks are meant: after a year with a week 53, such as 2026, two odd weeks follow each other.",
				"Bij "+w+" is niet zeker welke weken het zijn: na een jaar met een week 53, zoals 2026, volgen twee oneven weken elkaar op."),
			write(pick("Count from the first time instead:", "Tel liever vanaf de eerste keer:"), pick("Write "+q("every other")+", a day and "+q("from")+" with the date of the first time.", "Schrijf "+q("om de week")+", een dag en "+q("vanaf")+" met de datum van de eerste keer.")), true
	case CodeTwoRules:
		return pick("One phrase holds one day and time.", "Eén regel heeft één tijd."),
			write(pick("Put each in its own phrase, in a list between [ ]:", "Zet ze elk in een eigen regel, in een lijst tussen [ ]:"),
				pick("Write a separate phrase for each.", "Schrijf voor elk een aparte regel.")), true
	case CodeNoYear:
		return pick(w+" has no year.", "Bij "+w+" staat geen jaar."), write("", pick("Add the year.", "Zet het jaar erbij.")), true
	case CodeWrongWeekday:
		d := e.date
		return pick(FormatDayMonthYear(d, "en")+" is a "+WeekdayName(d.Weekday(), "en")+", not a "+capitalize(enDayOf(e.Word))+".",
				FormatDayMonthYear(d, "nl")+" is een "+WeekdayName(d.Weekday(), "nl")+", geen "+nlDayOf(e.Word)+"."),
			write(pick("Check the date. If it is right, write:", "Kijk de datum na. Klopt die, schrijf dan:"), pick("Check the date.", "Kijk de datum na.")), true
	case CodePlaceholder:
		if len(e.Word) == 4 {
			return pick(w+" still stands here.", "Hier staat nog "+w+"."), pick("Fill in the year, for example 2027.", "Vul het jaar in, bijvoorbeeld 2027."), true
		}
		return pick(w+" still stands here.", "Hier staat nog "+w+"."),
			pick("Fill in the date as year-month-day, for example 2026-09-02.", "Vul de datum in als jaar-maand-dag, bijvoorbeeld 2026-09-02."), true
	}
	return "", "", false
}

// writeAlts writes the phrases to write instead: `Schrijf: "..."`, with
// the reading of each when there are several, and what to fill in.
func writeAlts(alts []alt, nl, example bool, lead string) string {
	for _, a := range alts {
		example = example || a.example
	}
	if example && lead != "" && !strings.Contains(lead, pick(nl, "bijvoorbeeld", "for example")) {
		lead = strings.TrimSuffix(lead, ":") + pick(nl, ", bijvoorbeeld:", ", for example:")
	}
	var b strings.Builder
	switch {
	case lead != "":
		b.WriteString(lead + " ")
	case example:
		b.WriteString(pick(nl, "Schrijf bijvoorbeeld: ", "Write for example: "))
	default:
		b.WriteString(pick(nl, "Schrijf: ", "Write: "))
	}
	for i, a := range alts {
		if i > 0 {
			b.WriteString(pick(nl, " of ", " or "))
		}
		if a.list != nil {
			b.WriteString(a.render(nl))
		} else {
			b.WriteString(`"` + a.render(nl) + `"`)
		}
		if l := a.label[pick(nl, "0", "1")[0]-'0']; l != "" && len(alts) > 1 {
			b.WriteString(" (" + l + ")")
		}
	}
	var date, year bool
	for _, a := range alts {
		date = date || a.hasPlaceholder(false)
		year = year || a.hasPlaceholder(true)
	}
	switch {
	case date:
		b.WriteString(pick(nl, ", en vul bij JJJJ-MM-DD de datum van de eerste keer in.", ", and fill in the date of the first time for YYYY-MM-DD."))
	case year:
		b.WriteString(pick(nl, ", en vul bij JJJJ het jaar in.", ", and fill in the year for YYYY."))
	}
	return b.String()
}

func enDayOf(w string) string {
	wd, _ := weekdayWords[strings.ToLower(w)]
	return enDays[wd]
}

func nlDayOf(w string) string {
	wd, _ := weekdayWords[strings.ToLower(w)]
	return nlDays[wd]
}

// expectHint says what was expected, for errors without a suggestion.
func (e *ParseError) expectHint(nl bool) string {
	q := func(s string) string { return "\u201c" + s + "\u201d" }
	switch e.want {
	case expectStart:
		if nl {
			return "Begin met " + q("elke") + ", " + q("om de week") + ", " + q("eerste") + " of een datum, bijvoorbeeld " + q("elke dinsdag 10:00-12:00") + "."
		}
		return "Start with " + q("every") + ", " + q("every other") + ", " + q("first") + " or a date, for example " + q("every tuesday 10:00-12:00") + "."
	case expectDay:
		if nl {
			return "Hier hoort een dag, bijvoorbeeld " + q("dinsdag") + "."
		}
		return "A day belongs here, for example " + q("tuesday") + "."
	case expectTime:
		if nl {
			return "Hier hoort een tijd, bijvoorbeeld " + q("10:00-12:00") + "."
		}
		return "A time belongs here, for example " + q("10:00-12:00") + "."
	case expectClause:
		if nl {
			return "Na de tijd mag alleen nog " + q("vanaf") + " of " + q("tot") + " met een datum komen."
		}
		return "After the time only " + q("from") + " or " + q("until") + " with a date may follow."
	case expectInterval:
		if nl {
			return "Schrijf tijden zoals " + q("09:00-12:30, 13:30-17:00") + ", of " + q("gesloten") + "."
		}
		return "Write times such as " + q("09:00-12:30, 13:30-17:00") + ", or " + q("closed") + "."
	}
	return ""
}

// errorAt builds a ParseError about token t.
func errorAt(phrase string, t token, code string) *ParseError {
	return &ParseError{Col: t.col, Code: code, Word: t.text, Phrase: phrase}
}
