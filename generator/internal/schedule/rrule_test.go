package schedule

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/teambition/rrule-go"
)

// rruleDays maps a weekday to its rrule-go value.
var rruleDays = [7]rrule.Weekday{rrule.SU, rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA}

// genPhrase writes a random when phrase, in English or Dutch, and reports
// whether its time falls in the hour of a daylight-saving change (02:xx),
// where rrule-go leaves the resolution to Go's time.Date.
func genPhrase(rng *rand.Rand) (string, bool) {
	nl := rng.IntN(2) == 0
	pick := func(dutch, en string) string {
		if nl {
			return dutch
		}
		return en
	}
	dayNames := enDays
	if nl {
		dayNames = nlDays
	}
	h := rng.IntN(24)
	m := rng.IntN(4) * 15
	dur := 15 * (1 + rng.IntN(16))
	end := (h*60 + m + dur) % (24 * 60)
	tm := fmt.Sprintf("%02d:%02d-%02d:%02d", h, m, end/60, end%60)
	from := Date{2026, time.January, 1}.AddDays(rng.IntN(500))
	var b strings.Builder
	interval := 1
	switch rng.IntN(3) {
	case 0, 1: // weekly
		interval = 1 + rng.IntN(8)
		n := 1 + rng.IntN(3)
		var days []string
		for _, k := range rng.Perm(7)[:n] {
			days = append(days, dayNames[k])
		}
		switch interval {
		case 1:
			b.WriteString(pick("elke ", "every ") + strings.Join(days, pick(" en ", " and ")))
		case 2:
			b.WriteString(pick("om de week op ", "every other week on ") + strings.Join(days, pick(" en ", " and ")))
		default:
			fmt.Fprintf(&b, pick("om de %d weken op ", "every %d weeks on ")+strings.Join(days, pick(" en ", " and ")), interval)
		}
	default: // monthly
		ords := []string{"first", "second", "third", "fourth", "last"}
		if nl {
			ords = []string{"eerste", "tweede", "derde", "vierde", "laatste"}
		}
		b.WriteString(ords[rng.IntN(5)] + " " + dayNames[rng.IntN(7)] + pick(" van de maand", " of the month"))
	}
	b.WriteString(" " + tm)
	if interval > 1 || rng.IntN(3) == 0 {
		b.WriteString(pick(" vanaf ", " from ") + from.String())
	}
	if rng.IntN(3) == 0 {
		b.WriteString(pick(" t/m ", " until ") + from.AddDays(30+rng.IntN(400)).String())
	}
	return b.String(), h == 2
}

// toRRule builds the RRULE an iCalendar file would carry for r, with
// DTSTART on the rule's first occurrence on or after start (RFC 5545 wants
// DTSTART to be an occurrence).
func toRRule(t *testing.T, r Rule, start Date, loc *time.Location) *rrule.RRule {
	t.Helper()
	opt := rrule.ROption{Wkst: rrule.MO, Interval: 1}
	first := start
	if !r.From.IsZero() && r.From.After(first) {
		first = r.From
	}
	switch r.Kind {
	case Weekly:
		opt.Freq = rrule.WEEKLY
		opt.Interval = max(r.Interval, 1)
		for _, d := range r.Days {
			opt.Byweekday = append(opt.Byweekday, rruleDays[d])
		}
		// Every N weeks: DTSTART is the anchor of the counting, the first
		// named day on or after From, whatever the window.
		if r.Interval > 1 {
			first = r.From
		}
		for !hasDay(r.Days, first.Weekday()) {
			first = first.AddDays(1)
		}
	case Monthly:
		opt.Freq = rrule.MONTHLY
		opt.Byweekday = []rrule.Weekday{rruleDays[r.Days[0]].Nth(r.Nth)}
		for !Occurs(Rule{Kind: Monthly, Days: r.Days, Nth: r.Nth}, first) {
			first = first.AddDays(1)
		}
	}
	opt.Dtstart = time.Date(first.Year, first.Month, first.Day, r.Time.Start.Hour(), r.Time.Start.Minute(), 0, 0, loc)
	if !r.Until.IsZero() {
		opt.Until = time.Date(r.Until.Year, r.Until.Month, r.Until.Day, 23, 59, 59, 0, loc)
	}
	rr, err := rrule.NewRRule(opt)
	if err != nil {
		t.Fatalf("%s: %v", r.Phrase, err)
	}
	return rr
}

// TestExpandMatchesRRule checks Expand against an independent RRULE
// implementation over two years that hold four daylight-saving changes.
func TestExpandMatchesRRule(t *testing.T) {
	loc := amsterdam(t)
	w := window(t, "2026-01-01", "2027-12-31")
	rng := rand.New(rand.NewPCG(2026, 11))
	checked := 0
	for i := 0; i < 400; i++ {
		phrase, dstHour := genPhrase(rng)
		r, err := Parse(phrase)
		if err != nil {
			t.Fatalf("Parse(%q): %v", phrase, err)
		}
		var got []string
		for _, o := range Expand([]Activity{{Slug: "x", Rules: []Rule{r}}}, nil, w, loc) {
			got = append(got, stamp(o.Start, dstHour))
		}
		var want []string
		before := w.Until.AddDays(1).In(loc)
		for _, s := range toRRule(t, r, w.From, loc).Between(w.From.In(loc), before, true) {
			if s.Before(before) {
				want = append(want, stamp(s, dstHour))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s\n Expand: %d %v\n  rrule: %d %v", phrase, len(got), got, len(want), want)
		}
		checked += len(got)
	}
	if checked < 5000 {
		t.Errorf("only %d occurrences compared", checked)
	}
}

// stamp formats an instant in RFC 3339 with its offset; for times in the
// hour of a daylight-saving change only the date counts, because rrule-go
// leaves those to Go's time.Date, which does not promise a zone.
func stamp(t time.Time, dateOnly bool) string {
	if dateOnly {
		return DateOf(t).String()
	}
	return t.Format(time.RFC3339)
}
