package schedule

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"unicode/utf8"
)

// contractPhrases are the example when phrases of the content format.
var contractPhrases = []string{
	"every tuesday 10:00-12:00",
	"elke dinsdag 10:00-12:00",
	"iedere dinsdag 10:00-12:00",
	"every monday and thursday 09:30-11:30",
	"elke maandag en donderdag 09:30-11:30",
	"every weekday 12:00-13:00",
	"elke werkdag 12:00-13:00",
	"every day 12:00-13:00",
	"elke dag 12:00-13:00",
	"every other wednesday 14:00-16:00 from 2026-09-02",
	"om de week woensdag 14:00-16:00 vanaf 2026-09-02",
	"every 3 weeks on friday 19:00-21:00 from 2026-09-04",
	"om de 3 weken vrijdag 19:00-21:00 vanaf 2026-09-04",
	"first saturday of the month 10:00-13:00",
	"eerste zaterdag van de maand 10:00-13:00",
	"second saturday of the month 10:00-13:00",
	"tweede zaterdag van de maand 10:00-13:00",
	"third saturday of the month 10:00-13:00",
	"derde zaterdag van de maand 10:00-13:00",
	"fourth saturday of the month 10:00-13:00",
	"vierde zaterdag van de maand 10:00-13:00",
	"last saturday of the month 10:00-13:00",
	"laatste zaterdag van de maand 10:00-13:00",
	"2026-12-12 14:00-16:00",
	"every tuesday 10.00-12.00",
	"every tuesday 10:00\u201312:00",
	"every tuesday 10:00 - 12:00",
	"every tuesday 10:00 to 12:00",
	"elke dinsdag 10:00 tot 12:00",
	"every tuesday 10:00-12:00 from 2026-09-01 until 2026-12-20",
	"elke dinsdag 10:00-12:00 vanaf 2026-09-01 tot 2026-12-20",
	"elke dinsdag 10:00-12:00 t/m 2026-12-20",
	"every friday 22:00-02:00",
	"dinsdg 10:00",
	"elke dinsdg 10:00-12:00",
	"every other wednesday 14:00-16:00",
	"every 9 weeks on friday 19:00-21:00 from 2026-09-04",
	"every tuesday 24:30-25:00",
	"2026-02-30 10:00-12:00",
}

// contractHours are the opening-hours examples of the content format.
var contractHours = []string{
	"09:00-12:30, 13:30-17:00",
	"09:00-17:00",
	"09:00-21:00",
	"10:00-14:00",
	"closed",
	"gesloten",
	"09:00-15:00",
	"09.00-12.30 en 13.30-17.00 uur",
	"18:00-24:00",
	"22:00-02:00",
	"9:00-",
	"10:00-09:00, 08:00-09:00",
}

// checkParseError checks the properties every parse error must have.
func checkParseError(t *testing.T, in string, err error) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("%q: error %T is not a *ParseError", in, err)
	}
	if n := utf8.RuneCountInString(in); pe.Col < 1 || pe.Col > n+1 {
		t.Fatalf("%q: column %d outside 1..%d", in, pe.Col, n+1)
	}
	if pe.Code == "" {
		t.Fatalf("%q: error without code", in)
	}
	for _, lang := range []string{"en", "nl"} {
		if msg, _ := pe.Message(lang); msg == "" {
			t.Fatalf("%q: empty %s message", in, lang)
		}
	}
}

// sameAfterDescribe checks that r, written out in lang as the site shows
// it, parses back to the same rule.
func sameAfterDescribe(r Rule, lang string) error {
	d := r.Describe(lang)
	back, err := Parse(d)
	if err != nil {
		return fmt.Errorf("%s description %q does not parse: %v", lang, d, err)
	}
	r.Phrase, back.Phrase = "", ""
	if !reflect.DeepEqual(r, back) {
		return fmt.Errorf("%s description %q parses as %+v, want %+v", lang, d, back, r)
	}
	return nil
}

// FuzzParse checks every phrase: an accepted one is a complete rule that
// reads back the same from its description (parse, describe, parse) in
// both languages; a refused one has a column inside the phrase, messages
// in both languages, and only suggestions that parse. It is seeded with
// the examples of the content format and the slips of the table.
func FuzzParse(f *testing.F) {
	for _, s := range contractPhrases {
		f.Add(s)
	}
	for _, s := range slips {
		f.Add(s.phrase)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r, err := Parse(in)
		if err != nil {
			checkParseError(t, in, err)
			checkSuggestions(t, err.(*ParseError))
			return
		}
		for _, lang := range []string{"nl", "en"} {
			if err := sameAfterDescribe(r, lang); err != nil {
				t.Fatalf("%q: %v", in, err)
			}
		}
		if r.Describe("nl") == "" || r.Describe("en") == "" {
			t.Fatalf("%q: empty description", in)
		}
		r2, err := Parse(in)
		if err != nil || !reflect.DeepEqual(r, r2) {
			t.Fatalf("%q: parsing again gave %+v, %v; first %+v", in, r2, err, r)
		}
		if r.Kind == Weekly && len(r.Days) == 0 || r.Kind == Monthly && len(r.Days) != 1 {
			t.Fatalf("%q: rule without days: %+v", in, r)
		}
		if r.Kind == Weekly && r.Interval > 1 && r.From.IsZero() {
			t.Fatalf("%q: every %d weeks without from", in, r.Interval)
		}
	})
}

func FuzzParseIntervals(f *testing.F) {
	for _, s := range contractHours {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		ivs, err := ParseIntervals(in)
		if err != nil {
			checkParseError(t, in, err)
			return
		}
		for i, iv := range ivs {
			if iv.Start < 0 || iv.Start >= 24*60 || iv.End < 0 || iv.End >= 24*60 {
				t.Fatalf("%q: interval %d out of range: %+v", in, i, iv)
			}
			if i > 0 && ivs[i-1].Start > iv.Start {
				t.Fatalf("%q: intervals not sorted: %v", in, ivs)
			}
		}
	})
}
