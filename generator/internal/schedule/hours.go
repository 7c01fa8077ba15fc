package schedule

import (
	"slices"
	"time"
	"unicode/utf8"
)

// Hours are a centre's opening hours: a normal week, seasons with other
// weekly hours, closed periods, special days and public holidays. The zero
// value, and a nil *Hours, is a centre that is never open and never closed
// for activities.
type Hours struct {
	// Week holds the intervals of each day, indexed by time.Weekday;
	// nil means closed.
	Week [7][]Interval
	// Seasons give other weekly hours for a period. Where seasons overlap,
	// the first in the list wins.
	Seasons []Season
	// Closed are periods the centre is closed.
	Closed []Closure
	// Special are single days with other hours.
	Special []Special
	// PublicHolidays is the country whose public holidays close the
	// centre ("nl"), or "" for none.
	PublicHolidays string
}

// Season gives other weekly hours from From until Until, inclusive. Only
// the days it names (Named) change; the others keep the normal week.
type Season struct {
	From, Until Date
	Reason      string
	Week        [7][]Interval
	Named       [7]bool
}

// Closure is a period, From until Until inclusive, the centre is closed.
type Closure struct {
	From, Until Date
	Reason      string
}

// Special gives other hours on one day; no Hours means closed that day.
type Special struct {
	Date   Date
	Hours  []Interval
	Reason string
}

// Source says which part of the Hours decided a day. The names carry the
// prefix because Season, Holiday and Special are types of this package.
type Source int

// The sources of a day's hours. Precedence on one day: SourceSpecial over
// SourceClosed over SourceHoliday over SourceSeason over SourceRegular.
const (
	SourceRegular Source = iota // the normal week
	SourceSeason                // a season that names this weekday
	SourceHoliday               // a public holiday
	SourceClosed                // a closed period
	SourceSpecial               // a special day
)

// String returns "regular", "season", "holiday", "closed" or "special".
func (s Source) String() string {
	switch s {
	case SourceRegular:
		return "regular"
	case SourceSeason:
		return "season"
	case SourceHoliday:
		return "holiday"
	case SourceClosed:
		return "closed"
	case SourceSpecial:
		return "special"
	}
	return "unknown"
}

// Day is the opening hours of one date and why they are what they are.
type Day struct {
	Date   Date
	Hours  []Interval // nil when closed
	Open   bool       // len(Hours) > 0
	Source Source
	Reason string // the season's, closure's or special day's reason, or the holiday's Dutch name
	// Holiday is the public holiday on this date when PublicHolidays is
	// set, whatever decided the hours (a special day may fall on one).
	Holiday *Holiday
}

// On returns the hours on date d.
func (h *Hours) On(d Date) Day {
	day := Day{Date: d}
	if h == nil {
		return day
	}
	day.Holiday = holidayOn(h.PublicHolidays, d)
	switch sp, cl, se := h.special(d), h.closure(d), h.season(d); {
	case sp != nil:
		day.Hours, day.Source, day.Reason = sp.Hours, SourceSpecial, sp.Reason
	case cl != nil:
		day.Source, day.Reason = SourceClosed, cl.Reason
	case day.Holiday != nil:
		day.Source, day.Reason = SourceHoliday, day.Holiday.Name
	case se != nil:
		day.Hours, day.Source, day.Reason = se.Week[d.Weekday()], SourceSeason, se.Reason
	default:
		day.Hours = h.Week[d.Weekday()]
	}
	if len(day.Hours) == 0 {
		day.Hours = nil
	}
	day.Open = len(day.Hours) > 0
	return day
}

func (h *Hours) special(d Date) *Special {
	for i := range h.Special {
		if h.Special[i].Date == d {
			return &h.Special[i]
		}
	}
	return nil
}

func (h *Hours) closure(d Date) *Closure {
	for i := range h.Closed {
		if c := &h.Closed[i]; !d.Before(c.From) && !d.After(c.Until) {
			return c
		}
	}
	return nil
}

// season returns the first season covering d that names d's weekday.
func (h *Hours) season(d Date) *Season {
	wd := d.Weekday()
	for i := range h.Seasons {
		if s := &h.Seasons[i]; s.Named[wd] && !d.Before(s.From) && !d.After(s.Until) {
			return s
		}
	}
	return nil
}

// ClosedOn reports whether activities stop on d: d is in a closed period or
// is a public holiday (when PublicHolidays is set), and is not a special
// day with hours. A special day without hours ("closed") closes too. A day
// that merely has no weekly hours is not closed for activities.
func (h *Hours) ClosedOn(d Date) bool {
	if h == nil {
		return false
	}
	day := h.On(d)
	switch day.Source {
	case SourceClosed, SourceHoliday:
		return true
	case SourceSpecial:
		return !day.Open
	}
	return false
}

// OpenAt reports whether the centre is open at instant t. Intervals that
// run past midnight count on the next day too.
func (h *Hours) OpenAt(t time.Time, loc *time.Location) bool {
	if h == nil {
		return false
	}
	d := DateOf(t.In(loc))
	for _, x := range [2]Date{d.AddDays(-1), d} {
		for _, iv := range h.On(x).Hours {
			s, e := iv.span(x, loc)
			if !t.Before(s) && t.Before(e) {
				return true
			}
		}
	}
	return false
}

// nextOpeningHorizon bounds the search of NextOpening, in days.
const nextOpeningHorizon = 400

// NextOpening returns the first moment at or after t at which the centre
// opens: the start of an interval at which it was not already open. It
// looks at most 400 days ahead; ok is false when it finds none.
func (h *Hours) NextOpening(t time.Time, loc *time.Location) (time.Time, bool) {
	if h == nil {
		return time.Time{}, false
	}
	d := DateOf(t.In(loc))
	for i := 0; i <= nextOpeningHorizon; i++ {
		x := d.AddDays(i)
		for _, iv := range h.On(x).Hours {
			s, _ := iv.span(x, loc)
			if s.Before(t) || h.OpenAt(s.Add(-time.Nanosecond), loc) {
				continue
			}
			return s, true
		}
	}
	return time.Time{}, false
}

// ParseIntervals reads the opening hours of one day: "09:00-12:30,
// 13:30-17:00", "09.00-17.00 uur", "10:00 tot 14:00". "closed", "gesloten"
// and "dicht" give nil. The intervals come back sorted by start; overlapping
// intervals are an error. Errors are *ParseError with the column.
func ParseIntervals(s string) ([]Interval, error) {
	p := &parser{phrase: s, toks: lex(s), end: utf8.RuneCountInString(s) + 1}
	if len(p.toks) == 0 {
		return nil, &ParseError{Col: 1, Code: CodeEmpty, Phrase: s, want: expectInterval}
	}
	if t := p.toks[0]; len(p.toks) == 1 && t.kind == tokWord && (t.low == "closed" || t.low == "gesloten" || t.low == "dicht") {
		return nil, nil
	}
	var (
		ivs  []Interval
		cols []token
	)
	for {
		t, ok := p.peek()
		if !ok {
			break
		}
		if len(ivs) > 0 && p.is(andWords) {
			p.next()
			t, ok = p.peek()
			if !ok {
				return nil, p.missing(CodeMissingTime, t)
			}
		}
		if t.kind == tokNumber {
			return nil, errorAt(s, t, CodeBadTime)
		}
		if !(t.kind == tokTime || (t.kind == tokWord && timeIntro[t.low] && p.isTimeAt(1))) {
			e := p.unknown(expectInterval, []string{"closed", "gesloten", "and", "en", "uur"})
			return nil, e
		}
		iv, err := p.interval()
		if err != nil {
			if pe, ok := err.(*ParseError); ok && pe.want == expectTime {
				pe.want = expectInterval
			}
			return nil, err
		}
		ivs = append(ivs, iv)
		cols = append(cols, t)
	}
	order := make([]int, len(ivs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return int(ivs[a].Start - ivs[b].Start) })
	sorted := make([]Interval, len(ivs))
	for i, k := range order {
		sorted[i] = ivs[k]
		if i == 0 {
			continue
		}
		prev := sorted[i-1]
		if prev.Overnight() || ivs[k].Start < prev.End {
			e := errorAt(s, cols[k], CodeOverlap)
			e.Word = prev.String() + ", " + ivs[k].String()
			return nil, e
		}
	}
	return sorted, nil
}
