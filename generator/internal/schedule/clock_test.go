package schedule

import (
	"testing"
	"time"
)

// bruteWall resolves a wall-clock reading the slow, obvious way: try every
// UTC offset the zone uses near it, keep the earliest that reads back the
// same, and otherwise read it with the offset in force before the gap.
func bruteWall(d Date, c Clock, loc *time.Location) time.Time {
	local := int64(d.days())*86400 + int64(c)*60
	var best int64
	found := false
	for at := local - 30*3600; at <= local+30*3600; at += 1800 {
		_, off := time.Unix(at, 0).In(loc).Zone()
		cand := local - int64(off)
		if _, o2 := time.Unix(cand, 0).In(loc).Zone(); o2 == off && (!found || cand < best) {
			best, found = cand, true
		}
	}
	if found {
		return time.Unix(best, 0).In(loc)
	}
	// In a gap: the offset in force 26 hours before the reading is the
	// one before the change, as changes are months apart.
	_, before := time.Unix(local-int64(maxOffsetSpan), 0).In(loc).Zone()
	return time.Unix(local-int64(before), 0).In(loc)
}

func TestWallTimeMatchesBruteForce(t *testing.T) {
	for _, name := range []string{"Europe/Amsterdam", "America/New_York", "America/Santiago",
		"Australia/Lord_Howe", "Asia/Kolkata", "UTC", "Pacific/Apia"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		for day := (Date{2025, time.January, 1}); day.Before(Date{2027, time.January, 1}); day = day.AddDays(1) {
			for c := Clock(0); c < 24*60; c += 30 {
				got, want := wallTime(day, c, loc), bruteWall(day, c, loc)
				if !got.Equal(want) {
					t.Fatalf("%s %s %s: got %v, want %v", name, day, c, got, want)
				}
			}
		}
	}
}

func TestInterval(t *testing.T) {
	for _, tt := range []struct {
		iv        Interval
		overnight bool
		length    time.Duration
	}{
		{Interval{At(10, 0), At(12, 0)}, false, 2 * time.Hour},
		{Interval{At(22, 0), At(2, 0)}, true, 4 * time.Hour},
		{Interval{At(18, 0), 0}, true, 6 * time.Hour},
		{Interval{0, 0}, true, 24 * time.Hour},
	} {
		if tt.iv.Overnight() != tt.overnight || tt.iv.Length() != tt.length {
			t.Errorf("%v: overnight %v length %v", tt.iv, tt.iv.Overnight(), tt.iv.Length())
		}
	}
}
