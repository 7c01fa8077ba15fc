package serve

import (
	"testing"
	"time"
	_ "time/tzdata" // the same zone rules on every machine
)

func TestNextMidnight(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	santiago := mustLoad(t, "America/Santiago") // starts summer time at midnight
	for _, tc := range []struct {
		name string
		loc  *time.Location // nil is Amsterdam
		now  time.Time
		want time.Time
	}{
		{"afternoon", nil, time.Date(2026, 6, 10, 15, 4, 0, 0, ams), time.Date(2026, 6, 11, 0, 0, 0, 0, ams)},
		{"just before midnight", nil, time.Date(2026, 6, 10, 23, 59, 59, 999_999_999, ams), time.Date(2026, 6, 11, 0, 0, 0, 0, ams)},
		{"at midnight: the next one", nil, time.Date(2026, 6, 11, 0, 0, 0, 0, ams), time.Date(2026, 6, 12, 0, 0, 0, 0, ams)},
		{"new year", nil, time.Date(2026, 12, 31, 18, 0, 0, 0, ams), time.Date(2027, 1, 1, 0, 0, 0, 0, ams)},
		{"night before summer time", nil, time.Date(2026, 3, 28, 22, 0, 0, 0, ams), time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC)},
		{"day of summer time: 23 hours", nil, time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC), time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC)},
		{"after the clocks went forward", nil, time.Date(2026, 3, 29, 4, 0, 0, 0, ams), time.Date(2026, 3, 30, 0, 0, 0, 0, ams)},
		{"day of winter time: 25 hours", nil, time.Date(2026, 10, 24, 22, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 23, 0, 0, 0, time.UTC)},
		{"in the repeated hour", nil, time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 23, 0, 0, 0, time.UTC)},
		{"now given in another zone", nil, time.Date(2026, 6, 10, 23, 30, 0, 0, time.UTC), time.Date(2026, 6, 12, 0, 0, 0, 0, ams)},
		{"midnight skipped: the day starts at 01:00", santiago, time.Date(2024, 9, 7, 12, 0, 0, 0, santiago), time.Date(2024, 9, 8, 4, 0, 0, 0, time.UTC)},
		{"UTC", time.UTC, time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC), time.Date(2026, 6, 11, 0, 0, 0, 0, time.UTC)},
	} {
		loc := tc.loc
		if loc == nil {
			loc = ams
		}
		got := nextMidnight(tc.now, loc)
		if !got.Equal(tc.want) {
			t.Errorf("%s: nextMidnight(%v) = %v, want %v", tc.name, tc.now, got.In(loc), tc.want.In(loc))
		}
		if !got.After(tc.now) {
			t.Errorf("%s: %v is not after %v", tc.name, got, tc.now)
		}
	}
}

func TestMidnightsAdvance(t *testing.T) {
	ams := mustLoad(t, "Europe/Amsterdam")
	clock := time.Date(2026, 3, 28, 23, 59, 0, 0, ams)
	m := newMidnights(func() time.Time { return clock }, ams)
	defer m.stop()
	if want := time.Date(2026, 3, 29, 0, 0, 0, 0, ams); !m.next.Equal(want) {
		t.Fatalf("first midnight %v, want %v", m.next, want)
	}

	// The timer fired, but the wall clock still reads a moment before
	// midnight: the next one is a day later, not the same one again.
	clock = time.Date(2026, 3, 28, 23, 59, 59, 990_000_000, ams)
	m.advance()
	if want := time.Date(2026, 3, 30, 0, 0, 0, 0, ams); !m.next.Equal(want) {
		t.Errorf("after the first midnight: %v, want %v", m.next, want)
	}

	// The computer slept for days: the next midnight is the one after now.
	clock = time.Date(2026, 4, 2, 10, 0, 0, 0, ams)
	m.advance()
	if want := time.Date(2026, 4, 3, 0, 0, 0, 0, ams); !m.next.Equal(want) {
		t.Errorf("after a long sleep: %v, want %v", m.next, want)
	}
}

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
