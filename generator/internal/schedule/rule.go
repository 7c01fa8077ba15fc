package schedule

import "time"

// Kind is the kind of recurrence a Rule describes.
type Kind int

// The kinds of rule. The zero Kind is invalid and gives no occurrences.
const (
	Weekly  Kind = iota + 1 // on the days of Days, every Interval weeks
	Monthly                 // on the Nth Days[0] of every month
	Once                    // on Date only
)

// String returns the name of the kind: "weekly", "monthly" or "once".
func (k Kind) String() string {
	switch k {
	case Weekly:
		return "weekly"
	case Monthly:
		return "monthly"
	case Once:
		return "once"
	}
	return "invalid"
}

// Rule is one when phrase, parsed: when an activity takes place.
type Rule struct {
	Kind Kind
	// Days are the days of a Weekly rule, sorted from Sunday, without
	// repeats; a Monthly rule has exactly one.
	Days []time.Weekday
	// Interval is 1 for every week and 2..8 for every N weeks (Weekly).
	// Weeks run Monday to Sunday and are counted from the week of the first
	// day on or after From that the rule names.
	Interval int
	// Nth is 1..4, or -1 for the last, of a Monthly rule.
	Nth int
	// Date is the date of a Once rule.
	Date Date
	// Time is the wall-clock time of each occurrence.
	Time Interval
	// From and Until bound the occurrences, both inclusive; the zero Date
	// means no bound.
	From, Until Date
	// Phrase is the phrase as written.
	Phrase string
}

// Occurs reports whether r gives an occurrence that starts on the local
// date d.
func Occurs(r Rule, d Date) bool {
	return r.occursOn(d, d.days())
}

// occursOn is Occurs with the day number of d already computed.
func (r *Rule) occursOn(d Date, n int) bool {
	if !r.From.IsZero() && d.Before(r.From) || !r.Until.IsZero() && d.After(r.Until) {
		return false
	}
	switch r.Kind {
	case Weekly:
		wd := weekdayOf(n)
		if !hasDay(r.Days, wd) {
			return false
		}
		if r.Interval <= 1 {
			return true
		}
		anchor, ok := r.anchorWeek()
		return ok && floorMod(weekIndex(n)-anchor, r.Interval) == 0
	case Monthly:
		if len(r.Days) != 1 || weekdayOf(n) != r.Days[0] {
			return false
		}
		switch {
		case r.Nth >= 1 && r.Nth <= 4:
			return (d.Day-1)/7+1 == r.Nth
		case r.Nth == -1:
			return d.Day+7 > daysIn(d.Year, d.Month)
		}
		return false
	case Once:
		return d == r.Date
	}
	return false
}

// anchorWeek returns the week index from which an every-N-weeks rule
// counts: the week of the first day on or after From that the rule names.
func (r *Rule) anchorWeek() (int, bool) {
	if r.From.IsZero() || len(r.Days) == 0 {
		return 0, false
	}
	n := r.From.days()
	for i := 0; i < 7; i++ {
		if hasDay(r.Days, weekdayOf(n+i)) {
			return weekIndex(n + i), true
		}
	}
	return 0, false
}

func hasDay(days []time.Weekday, wd time.Weekday) bool {
	for _, d := range days {
		if d == wd {
			return true
		}
	}
	return false
}
