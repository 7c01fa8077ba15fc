package schedule

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func mustIntervals(t testing.TB, s string) []Interval {
	t.Helper()
	ivs, err := ParseIntervals(s)
	if err != nil {
		t.Fatalf("ParseIntervals(%q): %v", s, err)
	}
	return ivs
}

// linde is the opening-hours example of the content format.
func linde(t testing.TB) *Hours {
	h := &Hours{PublicHolidays: "nl"}
	h.Week[time.Monday] = mustIntervals(t, "09:00-12:30, 13:30-17:00")
	h.Week[time.Tuesday] = mustIntervals(t, "09:00-17:00")
	h.Week[time.Thursday] = mustIntervals(t, "09:00-21:00")
	h.Week[time.Saturday] = mustIntervals(t, "10:00-14:00")
	h.Week[time.Sunday] = mustIntervals(t, "closed")
	summer := Season{From: mustDate(t, "2027-07-12"), Until: mustDate(t, "2027-08-22"), Reason: "Zomertijden"}
	summer.Week[time.Monday] = mustIntervals(t, "10:00-14:00")
	summer.Named[time.Monday] = true
	h.Seasons = []Season{summer}
	h.Closed = []Closure{{From: mustDate(t, "2026-12-24"), Until: mustDate(t, "2027-01-01"), Reason: "Kerstsluiting"}}
	h.Special = []Special{
		{Date: mustDate(t, "2026-12-05"), Hours: mustIntervals(t, "09:00-15:00"), Reason: "Sinterklaas"},
		{Date: mustDate(t, "2026-12-31"), Hours: mustIntervals(t, "10:00-13:00"), Reason: "Oliebollen"},
		{Date: mustDate(t, "2027-04-27"), Hours: mustIntervals(t, "10:00-16:00"), Reason: "Koningsdagmarkt"},
		{Date: mustDate(t, "2027-07-13"), Reason: "Personeelsuitje"},
	}
	return h
}

func describeDay(d Day) string {
	s := fmt.Sprintf("%s %s", d.Source, FormatIntervals(d.Hours, "en"))
	if !d.Open {
		s = d.Source.String() + " closed"
	}
	if d.Reason != "" {
		s += " (" + d.Reason + ")"
	}
	return s
}

func TestHoursOn(t *testing.T) {
	h := linde(t)
	// A season covering a closure date and a holiday, to test precedence.
	winter := Season{From: mustDate(t, "2026-12-01"), Until: mustDate(t, "2027-03-31"), Reason: "Wintertijden"}
	for wd := range winter.Week {
		winter.Week[wd] = mustIntervals(t, "11:00-15:00")
		winter.Named[wd] = wd != int(time.Sunday)
	}
	h.Seasons = append(h.Seasons, winter)
	tests := []struct{ date, want string }{
		{"2026-11-23", "regular 09:00-12:30 and 13:30-17:00"},   // Monday
		{"2026-11-22", "regular closed"},                        // Sunday
		{"2026-11-25", "regular closed"},                        // Wednesday: not named
		{"2026-12-05", "special 09:00-15:00 (Sinterklaas)"},     // special over season
		{"2026-12-07", "season 11:00-15:00 (Wintertijden)"},     // season over hours
		{"2026-12-06", "regular closed"},                        // Sunday: the season does not name it
		{"2026-12-24", "closed closed (Kerstsluiting)"},         // closed over season
		{"2026-12-25", "closed closed (Kerstsluiting)"},         // closed over holiday
		{"2026-12-31", "special 10:00-13:00 (Oliebollen)"},      // special over closed
		{"2027-03-29", "holiday closed (Tweede Paasdag)"},       // holiday over season
		{"2027-04-27", "special 10:00-16:00 (Koningsdagmarkt)"}, // special over holiday
		{"2027-05-06", "holiday closed (Hemelvaartsdag)"},       // Thursday
		{"2027-07-12", "season 10:00-14:00 (Zomertijden)"},      // summer Monday
		{"2027-07-13", "special closed (Personeelsuitje)"},      // special without hours
		{"2027-07-15", "regular 09:00-21:00"},                   // Thursday in summer: not named
		{"2027-08-23", "regular 09:00-12:30 and 13:30-17:00"},   // after the season
	}
	for _, tt := range tests {
		d := h.On(mustDate(t, tt.date))
		if got := describeDay(d); got != tt.want {
			t.Errorf("On(%s) = %s, want %s", tt.date, got, tt.want)
		}
	}
	if d := h.On(mustDate(t, "2026-12-25")); d.Holiday == nil || d.Holiday.Name != "Eerste Kerstdag" {
		t.Errorf("On(2026-12-25).Holiday = %v, want Eerste Kerstdag", d.Holiday)
	}
	if d := (*Hours)(nil).On(mustDate(t, "2026-12-25")); d.Open || d.Holiday != nil {
		t.Errorf("nil hours: %+v", d)
	}
}

func TestClosedOn(t *testing.T) {
	h := linde(t)
	for s, want := range map[string]bool{
		"2026-11-22": false, // Sunday without hours: not a closure for activities
		"2026-12-24": true,  // closed period
		"2026-12-31": false, // special day inside the closure
		"2027-03-29": true,  // Tweede Paasdag
		"2027-04-27": false, // Koningsdag with special hours
		"2027-07-13": true,  // special day without hours
	} {
		if got := h.ClosedOn(mustDate(t, s)); got != want {
			t.Errorf("ClosedOn(%s) = %v, want %v", s, got, want)
		}
	}
	if (*Hours)(nil).ClosedOn(mustDate(t, "2026-12-25")) {
		t.Error("nil hours close")
	}
	h.PublicHolidays = ""
	if h.ClosedOn(mustDate(t, "2027-03-29")) {
		t.Error("a holiday closes without public_holidays")
	}
}

func TestOpenAt(t *testing.T) {
	loc := amsterdam(t)
	h := linde(t)
	h.Week[time.Friday] = mustIntervals(t, "20:00-02:00")
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for s, want := range map[string]bool{
		"2026-11-23 08:59": false,
		"2026-11-23 09:00": true,
		"2026-11-23 12:30": false, // the end is not included
		"2026-11-23 13:00": false, // lunch
		"2026-11-23 16:59": true,
		"2026-11-27 23:30": true,  // Friday night
		"2026-11-28 01:59": true,  // still Friday's evening
		"2026-11-28 02:00": false, // closed at two
		"2026-11-28 10:00": true,  // Saturday
		"2026-12-28 10:00": false, // Monday in the closure
		"2026-12-31 12:00": true,  // special day
	} {
		if got := h.OpenAt(at(s), loc); got != want {
			t.Errorf("OpenAt(%s) = %v, want %v", s, got, want)
		}
	}
	// The same instant in another zone gives the same answer.
	if !h.OpenAt(at("2026-11-23 09:30").UTC(), loc) {
		t.Error("OpenAt depends on the zone of its argument")
	}
}

func TestNextOpening(t *testing.T) {
	loc := amsterdam(t)
	h := linde(t)
	h.Week[time.Friday] = mustIntervals(t, "20:00-02:00")
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct{ from, want string }{
		{"2026-11-23 08:00", "2026-11-23T09:00:00+01:00"}, // this morning
		{"2026-11-23 09:00", "2026-11-23T09:00:00+01:00"}, // opens now
		{"2026-11-23 10:00", "2026-11-23T13:30:00+01:00"}, // after lunch
		{"2026-11-23 17:30", "2026-11-24T09:00:00+01:00"}, // tomorrow
		{"2026-11-25 12:00", "2026-11-26T09:00:00+01:00"}, // Wednesday closed
		{"2026-11-27 23:00", "2026-11-28T10:00:00+01:00"}, // across midnight
		{"2026-12-23 18:00", "2026-12-31T10:00:00+01:00"}, // across the closure to the special day
		{"2026-12-31 14:00", "2027-01-02T10:00:00+01:00"}, // the closure ends on 1 January
		{"2027-03-27 15:00", "2027-03-30T09:00:00+02:00"}, // Sunday, Easter Monday, and the clocks change
	}
	for _, tt := range tests {
		got, ok := h.NextOpening(at(tt.from), loc)
		if !ok || got.Format(time.RFC3339) != tt.want {
			t.Errorf("NextOpening(%s) = %v, %v; want %s", tt.from, got.Format(time.RFC3339), ok, tt.want)
		}
	}
	// Two intervals that touch are one opening.
	h2 := &Hours{}
	h2.Week[time.Monday] = mustIntervals(t, "09:00-12:00, 12:00-17:00")
	if got, _ := h2.NextOpening(at("2026-11-23 10:00"), loc); got.Format(time.RFC3339) != "2026-11-30T09:00:00+01:00" {
		t.Errorf("touching intervals: next opening %v, want next Monday 09:00", got)
	}
	if _, ok := (&Hours{}).NextOpening(at("2026-11-23 10:00"), loc); ok {
		t.Error("hours without any open day open")
	}
}

func TestExceptions(t *testing.T) {
	h := linde(t)
	got := h.Exceptions(window(t, "2026-11-24", "2027-04-30"))
	var b strings.Builder
	for _, e := range got {
		fmt.Fprintf(&b, "%s %s..%s %s\n", e.Kind, e.From, e.Until, e.Reason)
	}
	want := `special 2026-12-05..2026-12-05 Sinterklaas
closed 2026-12-24..2027-01-01 Kerstsluiting
special 2026-12-31..2026-12-31 Oliebollen
holiday 2027-03-28..2027-03-28 Eerste Paasdag
holiday 2027-03-29..2027-03-29 Tweede Paasdag
special 2027-04-27..2027-04-27 Koningsdagmarkt
`
	if b.String() != want {
		t.Errorf("Exceptions =\n%s\nwant\n%s", b.String(), want)
	}
	// A window inside the closure still shows it, whole; and a season
	// that starts after the window's start but within it.
	got = h.Exceptions(window(t, "2026-12-28", "2026-12-28"))
	if len(got) != 1 || got[0].Kind != SourceClosed || got[0].From.String() != "2026-12-24" {
		t.Errorf("Exceptions inside the closure = %+v", got)
	}
	got = h.Exceptions(window(t, "2027-07-01", "2027-07-20"))
	if len(got) != 2 || got[0].Kind != SourceSeason || got[0].Season.Reason != "Zomertijden" || got[1].Kind != SourceSpecial {
		t.Errorf("Exceptions in July 2027 = %+v", got)
	}
}

func TestParseIntervals(t *testing.T) {
	tests := []struct{ in, want string }{
		{"09:00-12:30, 13:30-17:00", "09:00-12:30 13:30-17:00"},
		{"09.00-12.30 en 13.30-17.00 uur", "09:00-12:30 13:30-17:00"},
		{"09:00-12:30 and 13:30-17:00", "09:00-12:30 13:30-17:00"},
		{"13:30-17:00, 09:00-12:30", "09:00-12:30 13:30-17:00"},
		{"9:00 \u2013 17:00", "09:00-17:00"},
		{"van 10:00 tot 14:00", "10:00-14:00"},
		{"from 10:00 to 14:00", "10:00-14:00"},
		{"18:00-24:00", "18:00-00:00"},
		{"00:00-24:00", "00:00-00:00"},
		{"20:00-02:00", "20:00-02:00"},
		{"closed", ""},
		{"Gesloten", ""},
		{"dicht", ""},
		{" CLOSED ", ""},
	}
	for _, tt := range tests {
		ivs, err := ParseIntervals(tt.in)
		if err != nil {
			t.Errorf("ParseIntervals(%q): %v", tt.in, err)
			continue
		}
		var parts []string
		for _, iv := range ivs {
			parts = append(parts, iv.String())
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("ParseIntervals(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	errs := []struct {
		in, code string
		col      int
	}{
		{"", CodeEmpty, 1},
		{"gesloote", CodeUnknownWord, 1},
		{"09:00-25:00", CodeBadTime, 7},
		{"09:00-12:00, 11:00-17:00", CodeOverlap, 14},
		{"09:00-12:00 13:00", CodeMissingTime, 18},
		{"9-17", CodeBadTime, 1},
		{"09:00-12:00, dicht", CodeUnknownWord, 14},
		{"09:00-09:00", CodeZeroLength, 7},
		{"22:00-02:00, 23:00-23:30", CodeOverlap, 14},
	}
	for _, tt := range errs {
		_, err := ParseIntervals(tt.in)
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Code != tt.code || pe.Col != tt.col {
			t.Errorf("ParseIntervals(%q) error = %v (%+v), want %s at column %d", tt.in, err, pe, tt.code, tt.col)
		}
	}
	_, err := ParseIntervals("gesloote")
	if pe := err.(*ParseError); pe.Suggestion != "gesloten" {
		t.Errorf("suggestion for gesloote = %q, want gesloten", pe.Suggestion)
	}
}
