package schedule

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// randomActivities makes activities of every kind of rule, some with two
// rules, cancels, changes that move a date (also across the edges of the
// windows tested), and OnHolidays.
func randomActivities(t *testing.T, rng *rand.Rand, n int, around Date) []Activity {
	t.Helper()
	var phrases []string
	for _, p := range contractPhrases {
		if _, err := Parse(p); err == nil {
			phrases = append(phrases, p)
		}
	}
	phrases = append(phrases, "every saturday 23:00-01:00", "every sunday 02:30-03:30", "last sunday of the month 02:00-04:00")
	acts := make([]Activity, n)
	for i := range acts {
		a := Activity{Slug: fmt.Sprintf("a%03d", rng.IntN(1000)) + fmt.Sprint(i), OnHolidays: rng.IntN(4) == 0}
		for range 1 + rng.IntN(2) {
			a.Rules = append(a.Rules, mustParse(t, phrases[rng.IntN(len(phrases))]))
		}
		// Cancels and changes on dates the rules give.
		occ := Expand([]Activity{{Slug: a.Slug, Rules: a.Rules}}, nil, Window{From: around.AddDays(-60), Until: around.AddDays(140)}, time.UTC)
		for range rng.IntN(6) {
			if len(occ) == 0 {
				break
			}
			d := DateOf(occ[rng.IntN(len(occ))].Start)
			if rng.IntN(2) == 0 {
				a.Cancels = append(a.Cancels, Cancel{Date: d, Reason: "weg"})
				continue
			}
			ch := Change{Date: d, Room: "Zaal", Note: "anders"}
			if rng.IntN(2) == 0 {
				ch.NewDate = d.AddDays(rng.IntN(41) - 20)
			}
			if rng.IntN(2) == 0 {
				iv := Interval{At(rng.IntN(24), 0), At(rng.IntN(24), 30)}
				ch.Time = &iv
			}
			a.Changes = append(a.Changes, ch)
		}
		acts[i] = a
	}
	return acts
}

// compareAll is the order Expand gives: by start, then slug, then the rest.
func compareAll(a, b Occurrence) int {
	return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Slug, b.Slug), compareOccurrences(a, b))
}

// TestExpanderAgreesWithExpand checks, for random activities and windows,
// what the calendar relies on when it keeps only the weeks it shows and
// expands one activity further ahead on its own: one Expander gives what
// Expand gives; expanding activities one at a time and sorting gives what
// expanding them together gives; and the occurrences of a window within a
// larger one are those of the larger window that start on its dates.
func TestExpanderAgreesWithExpand(t *testing.T) {
	loc := amsterdam(t)
	h := &Hours{PublicHolidays: "nl", Closed: []Closure{{From: Date{2026, time.December, 24}, Until: Date{2027, time.January, 1}, Reason: "Kerst"}}}
	for wd := time.Monday; wd <= time.Friday; wd++ {
		h.Week[wd] = []Interval{{At(9, 0), At(17, 0)}}
	}
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 10))
		around := Date{2026, time.October, 1}.AddDays(rng.IntN(120))
		acts := randomActivities(t, rng, 1+rng.IntN(8), around)
		hours := h
		if rng.IntN(3) == 0 {
			hours = nil
		}
		big := Window{From: around.AddDays(-rng.IntN(40)), Until: around.AddDays(rng.IntN(150))}
		sub := Window{From: big.From.AddDays(rng.IntN(30)), Until: big.Until.AddDays(-rng.IntN(30))}
		x := NewExpander(hours, big, loc)
		all := Expand(acts, hours, big, loc)
		if got := x.Expand(acts); !reflect.DeepEqual(got, all) {
			t.Fatalf("seed %d: Expander.Expand differs from Expand:\n%s\nwant\n%s", seed, starts(got), starts(all))
		}
		var one []Occurrence
		for i := range acts {
			one = append(one, x.Expand(acts[i:i+1])...)
		}
		slices.SortFunc(one, compareAll)
		if !reflect.DeepEqual(one, all) && (len(one) != 0 || len(all) != 0) {
			t.Fatalf("seed %d: one activity at a time gives\n%s\nwant\n%s", seed, starts(one), starts(all))
		}
		if sub.Until.Before(sub.From) {
			continue
		}
		var want []Occurrence
		for _, o := range all {
			if sub.Contains(DateOf(o.Start)) {
				want = append(want, o)
			}
		}
		if got := Expand(acts, hours, sub, loc); !reflect.DeepEqual(got, want) && (len(got) != 0 || len(want) != 0) {
			t.Fatalf("seed %d: window %v..%v within %v..%v gives\n%s\nwant\n%s", seed, sub.From, sub.Until, big.From, big.Until, starts(got), starts(want))
		}
	}
}
