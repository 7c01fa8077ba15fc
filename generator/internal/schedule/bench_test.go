package schedule

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// benchSite builds n activities with a mix of rule kinds, cancels and
// changes, and hours with public holidays and a closure.
func benchSite(b *testing.B, n int) ([]Activity, *Hours, Window) {
	rng := rand.New(rand.NewPCG(5000, 12))
	w := Window{From: Date{2026, time.November, 24}, Until: Date{2026, time.November, 24}.AddDays(7*12 - 1)}
	h := &Hours{
		PublicHolidays: "nl",
		Closed:         []Closure{{From: Date{2026, time.December, 24}, Until: Date{2027, time.January, 1}, Reason: "Kerstsluiting"}},
	}
	for wd := time.Monday; wd <= time.Saturday; wd++ {
		h.Week[wd] = []Interval{{At(9, 0), At(17, 0)}}
	}
	phrases := []string{
		"every %s 10:00-12:00",
		"elke %s en vrijdag 19:30-21:30",
		"every weekday 12:00-13:00",
		"om de week %s 14:00-16:00 vanaf 2026-09-02",
		"every 3 weeks on %s 19:00-21:00 from 2026-09-04",
		"first %s of the month 10:00-13:00",
		"laatste %s van de maand 16:00-18:00",
		"2026-12-12 14:00-16:00",
	}
	acts := make([]Activity, n)
	for i := range acts {
		a := Activity{Slug: fmt.Sprintf("activiteit-%05d", i), OnHolidays: i%10 == 0}
		for k := 0; k < 1+rng.IntN(2); k++ {
			p := phrases[rng.IntN(len(phrases))]
			if p != "every weekday 12:00-13:00" && p != "2026-12-12 14:00-16:00" {
				p = fmt.Sprintf(p, nlDays[rng.IntN(7)])
			}
			r, err := Parse(p)
			if err != nil {
				b.Fatal(err)
			}
			a.Rules = append(a.Rules, r)
		}
		if i%4 == 0 {
			// Cancel and change the first occurrences of the first rule.
			occ := Expand([]Activity{{Slug: "x", Rules: a.Rules[:1]}}, nil, w, time.UTC)
			if len(occ) > 1 {
				a.Cancels = []Cancel{{Date: DateOf(occ[0].Start), Reason: "Vervalt"}}
				nt := Interval{At(14, 0), At(15, 0)}
				a.Changes = []Change{{Date: DateOf(occ[1].Start), Time: &nt, Room: "Zaal", Note: "Anders"}}
			}
		}
		acts[i] = a
	}
	return acts, h, w
}

func BenchmarkExpand(b *testing.B) {
	loc := amsterdam(b)
	acts, h, w := benchSite(b, 5000)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(Expand(acts, h, w, loc))
	}
	b.ReportMetric(float64(n), "occurrences")
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range contractPhrases[:24] {
			if _, err := Parse(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}
