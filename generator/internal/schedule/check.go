package schedule

import (
	"cmp"
	"fmt"
	"slices"
)

// DateError says a [[cancel]] or [[change]] names a date on which the
// activity's rules give no occurrence.
type DateError struct {
	Line int    // the Line of the Cancel or Change
	Date Date   // the date it names
	Kind string // "cancel" or "change"
	// Nearest is the closest date, within eight weeks either way, on which
	// the rules do give an occurrence; zero when there is none.
	Nearest Date
}

// Error returns the English message and hint.
func (e *DateError) Error() string {
	msg, hint := e.Message("en")
	return fmt.Sprintf("line %d: %s %s", e.Line, msg, hint)
}

// Message returns a plain sentence saying what is wrong and a hint saying
// what to do, in Dutch (lang "nl") or English.
func (e *DateError) Message(lang string) (msg, hint string) {
	date := FormatDate(e.Date, lang)
	if isDutch(lang) {
		what := "laten vervallen"
		if e.Kind == "change" {
			what = "wijzigen"
		}
		msg = fmt.Sprintf("Op %s is deze activiteit niet, dus je kunt die dag niet %s.", date, what)
		if e.Nearest.IsZero() {
			return msg, "Kijk de datum na."
		}
		return msg, fmt.Sprintf("Kijk de datum na. De dichtstbijzijnde keer is %s.", FormatDate(e.Nearest, lang))
	}
	what := "cancelled"
	if e.Kind == "change" {
		what = "changed"
	}
	msg = fmt.Sprintf("This activity does not take place on %s, so it cannot be %s.", date, what)
	if e.Nearest.IsZero() {
		return msg, "Check the date."
	}
	return msg, fmt.Sprintf("Check the date. The nearest time it takes place is %s.", FormatDate(e.Nearest, lang))
}

// nearestHorizon is how far, in days, Check looks for the nearest date.
const nearestHorizon = 56

// Check returns an error for every cancel and change of a whose date none of
// its rules gives, sorted by line. Closures do not count: a cancel on a
// day the centre is closed is allowed.
func Check(a Activity) []*DateError {
	var errs []*DateError
	check := func(d Date, line int, kind string) {
		if a.occursOn(d) {
			return
		}
		e := &DateError{Line: line, Date: d, Kind: kind}
		for i := 1; i <= nearestHorizon; i++ {
			if a.occursOn(d.AddDays(-i)) {
				e.Nearest = d.AddDays(-i)
				break
			}
			if a.occursOn(d.AddDays(i)) {
				e.Nearest = d.AddDays(i)
				break
			}
		}
		errs = append(errs, e)
	}
	for _, c := range a.Cancels {
		check(c.Date, c.Line, "cancel")
	}
	for _, c := range a.Changes {
		check(c.Date, c.Line, "change")
	}
	slices.SortStableFunc(errs, func(x, y *DateError) int { return cmp.Compare(x.Line, y.Line) })
	return errs
}

// occursOn reports whether any rule of a gives an occurrence on d.
func (a *Activity) occursOn(d Date) bool {
	n := d.days()
	for i := range a.Rules {
		if a.Rules[i].occursOn(d, n) {
			return true
		}
	}
	return false
}
