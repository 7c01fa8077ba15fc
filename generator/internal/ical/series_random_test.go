package ical

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"krachtpunt/generator/internal/ical/icaltest"
)

// TestSeriesRandomReaders writes many random rules, at times chosen around
// the changes of the clock, with random skipped and changed dates, as one
// calendar, and checks that every reader shows exactly the instances that
// take place: whatever the rule, the readers must agree with what the
// series says.
func TestSeriesRandomReaders(t *testing.T) {
	for _, zone := range []string{"Europe/Amsterdam", "America/New_York"} {
		t.Run(zone, func(t *testing.T) {
			loc := mustLoad(t, zone)
			rng := rand.New(rand.NewPCG(20261025, uint64(len(zone))))
			first := time.Date(2026, 10, 1, 0, 0, 0, 0, loc)
			last := time.Date(2027, 4, 30, 0, 0, 0, 0, loc)
			c := &Calendar{ProdID: "-//Test//Test//NL", Location: loc}
			var want []icaltest.Instance
			for n := range 60 {
				s := randomSeries(rng, fmt.Sprintf("rule-%03d@x", n), loc, first, last)
				for _, in := range s.Instances {
					if !in.Skip {
						want = append(want, icaltest.Instance{Start: in.Start.UTC(), End: in.End.UTC()})
					}
				}
				c.Events = append(c.Events, s.Events(loc)...)
			}
			until := last.AddDate(0, 0, 1)
			path := filepath.Join(t.TempDir(), "random.ics")
			if err := os.WriteFile(path, c.Marshal(first, until), 0o644); err != nil {
				t.Fatal(err)
			}
			if len(want) < 1000 {
				t.Fatalf("only %d instances", len(want))
			}
			for _, r := range icaltest.Readers() {
				t.Run(r.Name, func(t *testing.T) {
					got := r.Expand(t, path, first, until)
					for i := range got {
						got[i].UID = ""
					}
					if d := icaltest.Diff(want, got); d != "" {
						t.Errorf("%s differs (- series, + reader):\n%s", r.Name, d)
					}
				})
			}
		})
	}
}

// clocks are start times near the changes of the clock (02:00 in both
// zones), and ordinary ones.
var clocks = []int{0, 30, 60, 90, 119, 120, 150, 179, 180, 210, 600, 1260, 1320, 1380, 1410}

// randomSeries is a weekly or monthly rule between first and last, with
// every instance it gives resolved as RFC 5545 (section 3.3.5) says, some
// skipped and some changed.
func randomSeries(rng *rand.Rand, uid string, loc *time.Location, first, last time.Time) *Series {
	start := clocks[rng.IntN(len(clocks))]
	length := 15 * (1 + rng.IntN(24)) // 15 minutes to 6 hours
	s := &Series{Template: Event{UID: uid, Summary: uid, Stamp: stamp}, Length: time.Duration(length) * time.Minute}
	var days []time.Weekday
	nth := 0
	interval := 1
	if rng.IntN(4) == 0 {
		nth = []int{1, 2, 3, 4, -1}[rng.IntN(5)]
		days = []time.Weekday{time.Weekday(rng.IntN(7))}
		s.Recur = &Recur{Freq: "MONTHLY", ByDay: []WeekdayNum{{N: nth, Day: days[0]}}}
	} else {
		for d := time.Sunday; d <= time.Saturday; d++ {
			if rng.IntN(3) == 0 || d == time.Sunday && rng.IntN(2) == 0 {
				days = append(days, d)
			}
		}
		if len(days) == 0 {
			days = []time.Weekday{time.Sunday}
		}
		if rng.IntN(3) == 0 {
			interval = 2
		}
		s.Recur = &Recur{Freq: "WEEKLY", Interval: interval}
		for _, d := range days {
			s.Recur.ByDay = append(s.Recur.ByDay, WeekdayNum{Day: d})
		}
	}
	// Start the rule on a random date in the first weeks, and count weeks
	// from the week (Monday to Sunday) of its first instance.
	from := first.AddDate(0, 0, rng.IntN(40))
	until := last.AddDate(0, 0, -rng.IntN(40))
	anchor := -1
	for d := from; !d.After(until); d = d.AddDate(0, 0, 1) {
		if !slices.Contains(days, d.Weekday()) {
			continue
		}
		if nth != 0 {
			pos := (d.Day()-1)/7 + 1
			lastOfMonth := d.AddDate(0, 0, 7).Month() != d.Month()
			if !(nth > 0 && pos == nth || nth == -1 && lastOfMonth) {
				continue
			}
		}
		if interval > 1 {
			week := mondayWeek(d)
			if anchor < 0 {
				anchor = week
			}
			if (week-anchor)%interval != 0 {
				continue
			}
		}
		in := instanceAt(d, start, length, loc)
		switch rng.IntN(8) {
		case 0:
			in.Skip = true
		case 1:
			ch := instanceAt(d.AddDate(0, 0, rng.IntN(2)), clocks[rng.IntN(len(clocks))], 15*(1+rng.IntN(16)), loc)
			in.Changed, in.Start, in.End, in.Location = true, ch.Start, ch.End, "elders"
		}
		s.Instances = append(s.Instances, in)
	}
	return s
}

// instanceAt is the instance at minute start of day d lasting length
// minutes of wall-clock time; its end is the wall clock at which it ends,
// or its start plus length when a gap would put that before the start.
func instanceAt(d time.Time, start, length int, loc *time.Location) Instance {
	s := resolveWall(d.Year(), d.Month(), d.Day(), start, loc)
	e := resolveWall(d.Year(), d.Month(), d.Day(), start+length, loc)
	if !e.After(s) {
		e = s.Add(time.Duration(length) * time.Minute)
	}
	return Instance{Original: s, Start: s, End: e}
}

// resolveWall returns the instant at which the wall clock in loc shows
// minute min of the given day (min may pass midnight): the earlier of two,
// or for a time the clock skips, the time read with the offset before the
// gap (RFC 5545, section 3.3.5).
func resolveWall(y int, m time.Month, d, min int, loc *time.Location) time.Time {
	naive := time.Date(y, m, d, 0, min, 0, 0, time.UTC)
	_, before := naive.Add(-14 * time.Hour).In(loc).Zone()
	_, after := naive.Add(14 * time.Hour).In(loc).Zone()
	var best time.Time
	for _, off := range []int{before, after} {
		t := naive.Add(-time.Duration(off) * time.Second).In(loc)
		if sameWall(t, naive) && (best.IsZero() || t.Before(best)) {
			best = t
		}
	}
	if best.IsZero() {
		best = naive.Add(-time.Duration(before) * time.Second).In(loc)
	}
	return best
}

func sameWall(t, naive time.Time) bool {
	y, m, d := t.Date()
	ny, nm, nd := naive.Date()
	return y == ny && m == nm && d == nd && t.Hour() == naive.Hour() && t.Minute() == naive.Minute()
}

// mondayWeek numbers the week (Monday to Sunday) of d.
func mondayWeek(d time.Time) int {
	days := int(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
	return (days + 3) / 7 // 1970-01-01 was a Thursday
}
