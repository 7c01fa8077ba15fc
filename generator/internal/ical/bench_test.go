package ical

import (
	"fmt"
	"testing"
	"time"
)

// benchCalendar is a large site's calendar: n weekly events over a year,
// each with four closures (EXDATE) and a description long enough to fold.
func benchCalendar(b *testing.B, n int) *Calendar {
	ams := mustLoad(b, "Europe/Amsterdam")
	c := &Calendar{ProdID: "-//Krachtpunt//Krachtpunt//NL", Name: "Buurtcentrum De Linde", Location: ams}
	for i := range n {
		start := time.Date(2026, 1, 5+i%7, 9+i%10, 30, 0, 0, ams)
		c.Events = append(c.Events, Event{
			UID:         fmt.Sprintf("activiteit-%04d@delinde.nl", i),
			Summary:     fmt.Sprintf("Activiteit %d: koffie, thee en een praatje", i),
			Description: "Kom gezellig langs in de huiskamer van het buurtcentrum; iedereen is welkom, ook als je nog nooit geweest bent.\nAanmelden is niet nodig.",
			Location:    "Huiskamer, Lindelaan 12, Utrecht",
			URL:         fmt.Sprintf("https://www.delinde.nl/activiteiten/activiteit-%04d/", i),
			Start:       start,
			End:         start.Add(2 * time.Hour),
			Recur:       &Recur{Freq: "WEEKLY", ByDay: []WeekdayNum{{Day: start.Weekday()}}, Until: start.AddDate(1, 0, 0)},
			ExDates: []time.Time{
				start.AddDate(0, 0, 7*16), start.AddDate(0, 0, 7*17),
				start.AddDate(0, 0, 7*51), start.AddDate(0, 0, 7*52),
			},
			Stamp:      stamp,
			Categories: []string{"ontmoeten", "koffie"},
		})
	}
	return c
}

func BenchmarkEncode5000WeeklyEvents(b *testing.B) {
	c := benchCalendar(b, 5000)
	from, until := time.Date(2026, 1, 1, 0, 0, 0, 0, c.Location), time.Date(2026, 12, 31, 0, 0, 0, 0, c.Location)
	var size int64
	b.ReportAllocs()
	for b.Loop() {
		cw := &countingWriter{}
		if err := Encode(cw, c, from, until); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.SetBytes(size)
}

// countingWriter discards what it is given and counts the bytes.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}
