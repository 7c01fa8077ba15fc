package ical

import (
	"math/rand/v2"
	"testing"
	"time"
)

// clockChangesByDay is clockChanges without its shortcut: the zone period
// of the day's midnight, and whether it starts there or ends before the
// next midnight.
func clockChangesByDay(t time.Time, loc *time.Location) bool {
	l := t.In(loc)
	dayStart := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc)
	next := time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc)
	start, end := dayStart.ZoneBounds()
	if !start.IsZero() && start.Equal(dayStart) {
		return true
	}
	return !end.IsZero() && !end.After(next)
}

// wallClockOnceByLooking is wallClockOnce without its shortcut: it looks
// for another instant with the same wall clock an hour at a time over the
// day either side of t.
func wallClockOnceByLooking(t time.Time) bool {
	loc := t.Location()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	for off := -26 * time.Hour; off <= 26*time.Hour; off += 15 * time.Minute {
		if off == 0 {
			continue
		}
		u := t.Add(off).In(loc)
		uy, umo, ud := u.Date()
		uh, umi, us := u.Clock()
		if uy == y && umo == mo && ud == d && uh == h && umi == mi && us == s {
			return false
		}
	}
	return true
}

// Every instant, near a change of the clock or far from one, in zones that
// change at midnight (Havana, Santiago), by half an hour (Lord Howe), not
// at all (UTC, Tokyo) or as the Netherlands does: the shortcuts give what
// looking at the day itself gives.
func TestClockShortcutsAgreeWithTheDay(t *testing.T) {
	zones := []string{"Europe/Amsterdam", "America/Havana", "America/Santiago", "Australia/Lord_Howe", "Asia/Tokyo", "UTC", "Pacific/Apia", "America/New_York"}
	rng := rand.New(rand.NewPCG(10, 10))
	for _, name := range zones {
		loc := mustLoad(t, name)
		from := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
		var instants []time.Time
		// Every quarter of an hour around each change, and random instants.
		for _, tr := range transitions(loc, from, from.AddDate(8, 0, 0)) {
			at := tr.at
			for d := -50 * time.Hour; d <= 50*time.Hour; d += 30 * time.Minute {
				instants = append(instants, at.Add(d))
			}
		}
		for range 5000 {
			instants = append(instants, from.Add(time.Duration(rng.Int64N(int64(8*365*24*time.Hour)))).Truncate(time.Minute))
		}
		changes, repeats := 0, 0
		for _, u := range instants {
			got, want := clockChanges(u, loc), clockChangesByDay(u, loc)
			if got != want {
				t.Fatalf("%s: clockChanges(%s) = %v, the day itself says %v", name, u.In(loc), got, want)
			}
			if got {
				changes++
			}
			l := u.In(loc)
			if got, want := wallClockOnce(l), wallClockOnceByLooking(l); got != want {
				t.Fatalf("%s: wallClockOnce(%s) = %v, looking says %v", name, l, got, want)
			}
			if !wallClockOnce(l) {
				repeats++
			}
		}
		if name != "UTC" && name != "Asia/Tokyo" && (changes == 0 || repeats == 0) {
			t.Errorf("%s: %d instants on a day the clock changes, %d with a repeated wall clock: the test misses the changes", name, changes, repeats)
		}
	}
}
