package schedule

import "fmt"

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
	N          int    // the number involved (interval-range, nth-range)

	want expectation
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
// what to do, in Dutch (lang "nl") or English (any other lang).
func (e *ParseError) Message(lang string) (msg, hint string) {
	nl := isDutch(lang)
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
		return msg, e.expectHint(nl)
	case CodeUnexpectedWord:
		return pick(w+" does not belong in this place.", "Het woord "+w+" hoort niet op deze plek."), e.expectHint(nl)
	case CodeMissingDay:
		return pick("The day is missing.", "De dag ontbreekt."),
			pick("Write the day after "+q(e.Word)+", for example "+q("every tuesday")+".",
				"Zet de dag na "+q(e.Word)+", bijvoorbeeld "+q("elke dinsdag")+".")
	case CodeMissingEvery:
		return pick("It is not clear how often this happens.", "Het is niet duidelijk hoe vaak dit is."),
			pick("Write "+q(e.Suggestion)+" for every week, or a date such as "+q("2026-12-12")+" for one time.",
				"Schrijf "+q(e.Suggestion)+" voor elke week, of een datum zoals "+q("2026-12-12")+" voor één keer.")
	case CodeMissingTime:
		return pick("The time is missing.", "De tijd ontbreekt."),
			pick("Add the start and end time, for example "+q("10:00-12:00")+".",
				"Zet de begin- en eindtijd erbij, bijvoorbeeld "+q("10:00-12:00")+".")
	case CodeMissingDate:
		return pick("A date is missing after "+w+".", "Na "+w+" ontbreekt een datum."),
			pick("Write the date as year-month-day, for example "+q("2026-09-02")+".",
				"Schrijf de datum als jaar-maand-dag, bijvoorbeeld "+q("2026-09-02")+".")
	case CodeMissingFrom:
		return pick("Every few weeks needs a start date, or we cannot know which weeks.",
				"Bij "+q("om de week")+" of "+q("om de paar weken")+" hoort een startdatum. Anders weten we niet welke weken het is."),
			pick("Add "+q("from")+" and the date of the first time at the end, for example "+q("from 2026-09-02")+".",
				"Zet aan het eind "+q("vanaf")+" en de datum van de eerste keer, bijvoorbeeld "+q("vanaf 2026-09-02")+".")
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
			return msg, pick("Write the year first: "+q(e.Suggestion)+".", "Zet het jaar voorop: "+q(e.Suggestion)+".")
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
