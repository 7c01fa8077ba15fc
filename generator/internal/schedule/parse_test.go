package schedule

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// summary writes every field of a rule that a phrase sets, compactly.
func summary(r Rule) string {
	var b strings.Builder
	b.WriteString(r.Kind.String())
	switch r.Kind {
	case Weekly:
		fmt.Fprintf(&b, "/%d", r.Interval)
	case Monthly:
		fmt.Fprintf(&b, "/%d", r.Nth)
	case Once:
		fmt.Fprintf(&b, " %s", r.Date)
	}
	for _, d := range r.Days {
		b.WriteString(" " + d.String()[:3])
	}
	b.WriteString(" " + r.Time.String())
	if !r.From.IsZero() {
		b.WriteString(" from " + r.From.String())
	}
	if !r.Until.IsZero() {
		b.WriteString(" until " + r.Until.String())
	}
	return b.String()
}

func TestParse(t *testing.T) {
	tests := []struct {
		phrase string
		want   string
	}{
		// Weekly, English and Dutch side by side.
		{"every tuesday 10:00-12:00", "weekly/1 Tue 10:00-12:00"},
		{"elke dinsdag 10:00-12:00", "weekly/1 Tue 10:00-12:00"},
		{"iedere dinsdag 10:00-12:00", "weekly/1 Tue 10:00-12:00"},
		{"Every Tuesday 10:00-12:00", "weekly/1 Tue 10:00-12:00"},
		{"ELKE DINSDAG 10:00-12:00", "weekly/1 Tue 10:00-12:00"},
		{"each tuesday 10:00-12:00", "weekly/1 Tue 10:00-12:00"},
		{"every monday and thursday 09:30-11:30", "weekly/1 Mon Thu 09:30-11:30"},
		{"elke maandag en donderdag 09:30-11:30", "weekly/1 Mon Thu 09:30-11:30"},
		{"every monday, wednesday and friday 09:00-10:00", "weekly/1 Mon Wed Fri 09:00-10:00"},
		{"elke maandag, woensdag en vrijdag 09:00-10:00", "weekly/1 Mon Wed Fri 09:00-10:00"},
		{"every thursday and monday 09:30-11:30", "weekly/1 Mon Thu 09:30-11:30"},
		{"every weekday 12:00-13:00", "weekly/1 Mon Tue Wed Thu Fri 12:00-13:00"},
		{"elke werkdag 12:00-13:00", "weekly/1 Mon Tue Wed Thu Fri 12:00-13:00"},
		{"every day 12:00-13:00", "weekly/1 Sun Mon Tue Wed Thu Fri Sat 12:00-13:00"},
		{"elke dag 12:00-13:00", "weekly/1 Sun Mon Tue Wed Thu Fri Sat 12:00-13:00"},
		{"dagelijks 12:00-13:00", "weekly/1 Sun Mon Tue Wed Thu Fri Sat 12:00-13:00"},
		{"every weekend 10:00-16:00", "weekly/1 Sun Sat 10:00-16:00"},
		{"elke maandag t/m vrijdag 08:30-09:00", "weekly/1 Mon Tue Wed Thu Fri 08:30-09:00"},
		{"elke maandag tot en met woensdag 08:30-09:00", "weekly/1 Mon Tue Wed 08:30-09:00"},
		{"every friday to monday 20:00-22:00", "weekly/1 Sun Mon Fri Sat 20:00-22:00"},
		{"elke di 10:00-12:00", "weekly/1 Tue 10:00-12:00"},
		{"every tue 10:00-12:00", "weekly/1 Tue 10:00-12:00"},
		{"on tuesdays 10:00-12:00", "weekly/1 Tue 10:00-12:00"},
		{"dinsdags 10:00-12:00", "weekly/1 Tue 10:00-12:00"},
		{"every week on tuesday 10:00-12:00", "weekly/1 Tue 10:00-12:00"},
		// Every spelling of the time.
		{"every tuesday 10.00-12.00", "weekly/1 Tue 10:00-12:00"},
		{"every tuesday 10:00\u201312:00", "weekly/1 Tue 10:00-12:00"},
		{"every tuesday 10:00\u201412:00", "weekly/1 Tue 10:00-12:00"},
		{"every tuesday 10:00 - 12:00", "weekly/1 Tue 10:00-12:00"},
		{"every tuesday 10:00 \u2013 12:00", "weekly/1 Tue 10:00-12:00"},
		{"every tuesday 10:00 to 12:00", "weekly/1 Tue 10:00-12:00"},
		{"elke dinsdag 10:00 tot 12:00", "weekly/1 Tue 10:00-12:00"},
		{"elke dinsdag 10.00 tot 12.00 uur", "weekly/1 Tue 10:00-12:00"},
		{"elke dinsdag van 10.00 tot 12.00 uur", "weekly/1 Tue 10:00-12:00"},
		{"every tuesday from 10:00 to 12:00", "weekly/1 Tue 10:00-12:00"},
		{"every tuesday 9:30-11:00", "weekly/1 Tue 09:30-11:00"},
		{"every tuesday, 10:00-12:00", "weekly/1 Tue 10:00-12:00"},
		{"  every   tuesday   10:00-12:00  ", "weekly/1 Tue 10:00-12:00"},
		// An end before the start ends the next day.
		{"every friday 22:00-02:00", "weekly/1 Fri 22:00-02:00"},
		{"elke zaterdag 20.00-00.30", "weekly/1 Sat 20:00-00:30"},
		{"elke zaterdag 20:00-24:00", "weekly/1 Sat 20:00-00:00"},
		// From, until, t/m.
		{"every tuesday 10:00-12:00 from 2026-09-01", "weekly/1 Tue 10:00-12:00 from 2026-09-01"},
		{"elke dinsdag 10:00-12:00 vanaf 2026-09-01", "weekly/1 Tue 10:00-12:00 from 2026-09-01"},
		{"every tuesday 10:00-12:00 until 2026-12-22", "weekly/1 Tue 10:00-12:00 until 2026-12-22"},
		{"elke dinsdag 10:00-12:00 tot 2026-12-22", "weekly/1 Tue 10:00-12:00 until 2026-12-22"},
		{"elke dinsdag 10:00-12:00 t/m 2026-12-22", "weekly/1 Tue 10:00-12:00 until 2026-12-22"},
		{"elke dinsdag 10:00-12:00 T/M 2026-12-22", "weekly/1 Tue 10:00-12:00 until 2026-12-22"},
		{"elke dinsdag 10:00-12:00 tot en met 2026-12-22", "weekly/1 Tue 10:00-12:00 until 2026-12-22"},
		{"every tuesday 10:00-12:00 from 2026-09-01 until 2026-12-22", "weekly/1 Tue 10:00-12:00 from 2026-09-01 until 2026-12-22"},
		{"elke dinsdag 10:00-12:00 vanaf 2026-09-01 t/m 2026-12-22", "weekly/1 Tue 10:00-12:00 from 2026-09-01 until 2026-12-22"},
		{"every tuesday until 2026-12-22 from 2026-09-01 10:00-12:00", "weekly/1 Tue 10:00-12:00 from 2026-09-01 until 2026-12-22"},
		{"elke dinsdag 10:00 tot 12:00 tot 2026-12-22", "weekly/1 Tue 10:00-12:00 until 2026-12-22"},
		// Every N weeks.
		{"every other wednesday 14:00-16:00 from 2026-09-02", "weekly/2 Wed 14:00-16:00 from 2026-09-02"},
		{"om de week woensdag 14:00-16:00 vanaf 2026-09-02", "weekly/2 Wed 14:00-16:00 from 2026-09-02"},
		{"om de week op woensdag 14:00-16:00 vanaf 2026-09-02", "weekly/2 Wed 14:00-16:00 from 2026-09-02"},
		{"every other week on monday and thursday 10:00-11:00 from 2026-09-03", "weekly/2 Mon Thu 10:00-11:00 from 2026-09-03"},
		{"every 2 weeks on wednesday 14:00-16:00 from 2026-09-02", "weekly/2 Wed 14:00-16:00 from 2026-09-02"},
		{"every 3 weeks on friday 19:00-21:00 from 2026-09-04", "weekly/3 Fri 19:00-21:00 from 2026-09-04"},
		{"om de 3 weken vrijdag 19:00-21:00 vanaf 2026-09-04", "weekly/3 Fri 19:00-21:00 from 2026-09-04"},
		{"om de drie weken op vrijdag 19:00-21:00 vanaf 2026-09-04", "weekly/3 Fri 19:00-21:00 from 2026-09-04"},
		{"om de week elke dag 10:00-11:00 vanaf 2026-09-07", "weekly/2 Sun Mon Tue Wed Thu Fri Sat 10:00-11:00 from 2026-09-07"},
		{"every 4 weeks on weekdays 10:00-11:00 from 2026-09-07", "weekly/4 Mon Tue Wed Thu Fri 10:00-11:00 from 2026-09-07"},
		{"every eight weeks on friday 19:00-21:00 from 2026-09-04", "weekly/8 Fri 19:00-21:00 from 2026-09-04"},
		{"om de 4 weken vrijdag 19:00-21:00 vanaf 2026-09-04 t/m 2027-06-25", "weekly/4 Fri 19:00-21:00 from 2026-09-04 until 2027-06-25"},
		// Monthly.
		{"first saturday of the month 10:00-13:00", "monthly/1 Sat 10:00-13:00"},
		{"eerste zaterdag van de maand 10:00-13:00", "monthly/1 Sat 10:00-13:00"},
		{"second saturday of the month 10:00-13:00", "monthly/2 Sat 10:00-13:00"},
		{"tweede zaterdag van de maand 10:00-13:00", "monthly/2 Sat 10:00-13:00"},
		{"third sunday of the month 10:00-13:00", "monthly/3 Sun 10:00-13:00"},
		{"derde zondag van de maand 10:00-13:00", "monthly/3 Sun 10:00-13:00"},
		{"fourth monday of the month 19:00-21:00", "monthly/4 Mon 19:00-21:00"},
		{"vierde maandag van de maand 19:00-21:00", "monthly/4 Mon 19:00-21:00"},
		{"last friday of the month 16:00-18:00", "monthly/-1 Fri 16:00-18:00"},
		{"laatste vrijdag van de maand 16:00-18:00", "monthly/-1 Fri 16:00-18:00"},
		{"every first saturday of the month 10:00-13:00", "monthly/1 Sat 10:00-13:00"},
		{"elke eerste zaterdag van de maand 10:00-13:00", "monthly/1 Sat 10:00-13:00"},
		{"1st saturday of every month 10:00-13:00", "monthly/1 Sat 10:00-13:00"},
		{"1e zaterdag van elke maand 10:00-13:00", "monthly/1 Sat 10:00-13:00"},
		{"eerste zaterdag 10:00-13:00", "monthly/1 Sat 10:00-13:00"},
		{"laatste vrijdag van de maand van 16:00 tot 18:00 vanaf 2026-09-01", "monthly/-1 Fri 16:00-18:00 from 2026-09-01"},
		// Once.
		{"2026-12-12 14:00-16:00", "once 2026-12-12 Sat 14:00-16:00"},
		{"2026-12-12 14.00 tot 16.00 uur", "once 2026-12-12 Sat 14:00-16:00"},
		{"on 2026-12-12 14:00-16:00", "once 2026-12-12 Sat 14:00-16:00"},
		{"op 2026-12-31 22:00-01:00", "once 2026-12-31 Thu 22:00-01:00"},
		{"2028-02-29 10:00-11:00", "once 2028-02-29 Tue 10:00-11:00"},
	}
	for _, tt := range tests {
		t.Run(tt.phrase, func(t *testing.T) {
			r, err := Parse(tt.phrase)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.phrase, err)
			}
			if r.Kind == Once {
				r.Days = append(r.Days, r.Date.Weekday())
			}
			if got := summary(r); got != tt.want {
				t.Errorf("Parse(%q) = %s, want %s", tt.phrase, got, tt.want)
			}
			if r.Phrase != tt.phrase {
				t.Errorf("Phrase = %q, want %q", r.Phrase, tt.phrase)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		phrase     string
		code       string
		col        int
		word       string
		suggestion string
	}{
		{"", CodeEmpty, 1, "", ""},
		{"   ", CodeEmpty, 1, "", ""},
		{"elke dinsdg 10:00-12:00", CodeUnknownWord, 6, "dinsdg", "dinsdag"},
		{"every tuesdy 10:00-12:00", CodeUnknownWord, 7, "tuesdy", "tuesday"},
		{"elke woensdg en vrijdag 10:00-12:00", CodeUnknownWord, 6, "woensdg", "woensdag"},
		{"elke maandag en donderdg 10:00-12:00", CodeUnknownWord, 17, "donderdg", "donderdag"},
		{"evry tuesday 10:00-12:00", CodeUnknownWord, 1, "evry", "every"},
		{"eke dinsdag 10:00-12:00", CodeUnknownWord, 1, "eke", "elke"},
		{"elke dinsdag 10:00-12:00 vnaf 2026-09-01", CodeUnknownWord, 26, "vnaf", "vanaf"},
		{"elke dinsdag 10:00-12:00 koffie", CodeUnknownWord, 26, "koffie", ""},
		{"elke dinsdag @ 10:00-12:00", CodeUnknownWord, 14, "@", ""},
		{"elke dinsdag 10:00-12:00 dinsdag", CodeUnexpectedWord, 26, "dinsdag", ""},
		{"every other wednesday 14:00-16:00", CodeMissingFrom, 7, "other", ""},
		{"om de week woensdag 14:00-16:00", CodeMissingFrom, 7, "week", ""},
		{"om de 3 weken vrijdag 19:00-21:00", CodeMissingFrom, 7, "3", ""},
		{"every 3 weeks on friday 19:00-21:00 until 2026-12-31", CodeMissingFrom, 7, "3", ""},
		{"every 9 weeks on friday 19:00-21:00 from 2026-09-04", CodeIntervalRange, 7, "9", ""},
		{"om de 1 week vrijdag 19:00-21:00 vanaf 2026-09-04", CodeIntervalRange, 7, "1", ""},
		{"om de 12 weken vrijdag 19:00-21:00 vanaf 2026-09-04", CodeIntervalRange, 7, "12", ""},
		{"every tuesday 24:30-25:00", CodeBadTime, 15, "24:30", ""},
		{"every tuesday 10:00-24:30", CodeBadTime, 21, "24:30", ""},
		{"every tuesday 10:75-12:00", CodeBadTime, 15, "10:75", ""},
		{"every tuesday 10:0-12:00", CodeBadTime, 15, "10:0", ""},
		{"every tuesday 10:00:00-12:00", CodeBadTime, 15, "10:00:00", ""},
		{"every tuesday 10-12", CodeHourOnly, 15, "10-12", ""},
		{"every tuesday 24:00-02:00", CodeBadTime, 15, "24:00", ""},
		{"every tuesday 10:00-10:00", CodeZeroLength, 21, "10:00", ""},
		{"every tuesday", CodeMissingTime, 14, "", ""},
		{"every tuesday 10:00", CodeMissingEnd, 15, "10:00", ""},
		{"every tuesday 10:00-", CodeMissingTime, 21, "-", ""},
		{"elke maandag en", CodeMissingDay, 16, "", ""},
		{"every tuesday 10:00-12:00 11:00-13:00", CodeDuplicate, 27, "11:00", ""},
		{"2026-02-30 10:00-12:00", CodeBadDate, 1, "2026-02-30", ""},
		{"2027-02-29 10:00-12:00", CodeBadDate, 1, "2027-02-29", ""},
		{"12-12-2026 10:00-12:00", CodeBadDate, 1, "12-12-2026", "2026-12-12"},
		{"every tuesday 10:00-12:00 from 2026-13-01", CodeBadDate, 32, "2026-13-01", ""},
		{"every tuesday 10:00-12:00 until 2026-9-1", CodeBadDate, 33, "2026-9-1", "2026-09-01"},
		{"every tuesday 10:00-12:00 from", CodeMissingDate, 31, "from", ""},
		{"elke dinsdag 10:00-12:00 vanaf september", CodeMissingDate, 32, "vanaf", ""},
		{"elke dinsdag 10:00-12:00 vanaf 2026-09-01 vanaf 2026-10-01", CodeDuplicate, 43, "vanaf", ""},
		{"elke dinsdag 10:00-12:00 vanaf 2026-09-01 t/m 2026-08-01", CodeUntilBeforeFrom, 47, "2026-08-01", ""},
		{"2026-12-12 14:00-16:00 until 2026-12-20", CodeOnceClause, 24, "until", ""},
		{"every 10:00-12:00", CodeUnknownWord, 7, "10:00", ""},
		{"every", CodeMissingDay, 6, "every", ""},
		{"every other day 10:00-11:00 from 2026-09-01", CodeUnexpectedWord, 13, "day", ""},
		{"elke", CodeMissingDay, 5, "elke", ""},
		{"dinsdag 10:00-12:00", CodeMissingEvery, 1, "dinsdag", "elke dinsdag"},
		{"tuesday 10:00-12:00", CodeMissingEvery, 1, "tuesday", "every tuesday"},
		{"fifth saturday of the month 10:00-13:00", CodeNthRange, 1, "fifth", ""},
		{"vijfde zaterdag van de maand 10:00-13:00", CodeNthRange, 1, "vijfde", ""},
		{"first saturday and sunday of the month 10:00-13:00", CodeOneDay, 7, "saturday", ""},
		{"first saturday of the mnth 10:00-13:00", CodeUnknownWord, 23, "mnth", "month"},
	}
	for _, tt := range tests {
		t.Run(tt.phrase, func(t *testing.T) {
			_, err := Parse(tt.phrase)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error = %v, want a *ParseError", tt.phrase, err)
			}
			if pe.Code != tt.code || pe.Col != tt.col || pe.Word != tt.word || pe.Suggestion != tt.suggestion {
				t.Errorf("Parse(%q) = code %q col %d word %q suggestion %q; want %q %d %q %q",
					tt.phrase, pe.Code, pe.Col, pe.Word, pe.Suggestion, tt.code, tt.col, tt.word, tt.suggestion)
			}
		})
	}
}

func TestParseErrorMessages(t *testing.T) {
	tests := []struct {
		phrase, lang, msg, hint string
	}{
		{"elke dinsdg 10:00-12:00", "nl",
			"Het woord \u201cdinsdg\u201d begrijpen we hier niet.", "Bedoel je \u201cdinsdag\u201d? Schrijf: \"elke dinsdag 10:00-12:00\""},
		{"every tuesdy 10:00-12:00", "en",
			"\u201ctuesdy\u201d is not a word we understand here.", "Did you mean \u201ctuesday\u201d? Write: \"every tuesday 10:00-12:00\""},
		{"om de week woensdag 14:00-16:00", "nl",
			"Bij \u201com de week\u201d of \u201com de paar weken\u201d hoort een startdatum. Anders weten we niet welke weken het is.",
			"Schrijf: \"om de week woensdag 14:00-16:00 vanaf JJJJ-MM-DD\", en vul bij JJJJ-MM-DD de datum van de eerste keer in."},
		{"every other wednesday 14:00-16:00", "en",
			"Every few weeks needs a start date, or we cannot know which weeks.",
			"Write: \"every other wednesday 14:00-16:00 from YYYY-MM-DD\", and fill in the date of the first time for YYYY-MM-DD."},
		{"every 9 weeks on friday 19:00-21:00 from 2026-09-04", "en",
			"Every 9 weeks is not possible here.",
			"Use a number of weeks from 2 to 8. For every week write \u201cevery friday\u201d; for other dates write each date as its own line."},
		{"elke dinsdag 24:30-25:00", "nl", "\u201c24:30\u201d is geen tijd.",
			"Schrijf een tijd als uren en minuten van 00:00 tot 23:59, bijvoorbeeld \u201c10:00\u201d of \u201c10.00\u201d."},
		{"2026-02-30 10:00-12:00", "en", "\u201c2026-02-30\u201d is not a date.",
			"Write a date that exists as year-month-day, for example \u201c2026-12-12\u201d."},
		{"30-12-2026 10:00-12:00", "nl", "\u201c30-12-2026\u201d is geen datum.", "Zet het jaar voorop: \"2026-12-30 10:00-12:00\""},
		{"elke dinsdag 10:00-12:00 koffie", "nl", "Het woord \u201ckoffie\u201d begrijpen we hier niet.",
			"Na de tijd mag alleen nog \u201cvanaf\u201d of \u201ctot\u201d met een datum komen."},
		{"elke dinsdag", "nl", "De tijd ontbreekt.", "Zet de begin- en eindtijd erbij, bijvoorbeeld: \"elke dinsdag 10:00-12:00\""},
	}
	for _, tt := range tests {
		_, err := Parse(tt.phrase)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("Parse(%q) error = %v", tt.phrase, err)
		}
		msg, hint := pe.Message(tt.lang)
		if msg != tt.msg || hint != tt.hint {
			t.Errorf("Parse(%q).Message(%q) =\n  %q, %q\nwant\n  %q, %q", tt.phrase, tt.lang, msg, hint, tt.msg, tt.hint)
		}
	}
	_, err := Parse("elke dinsdg 10:00-12:00")
	want := "column 6: \u201cdinsdg\u201d is not a word we understand here. Did you mean \u201cdinsdag\u201d? Write: \"elke dinsdag 10:00-12:00\""
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}

func TestParseList(t *testing.T) {
	rules, errs := ParseList([]string{"every tuesday 10:00-12:00", "elke dinsdg 10:00-12:00", "2026-12-12 14:00-16:00"})
	if len(rules) != 2 || rules[0].Kind != Weekly || rules[1].Kind != Once {
		t.Errorf("rules = %+v, want the weekly and the once rule", rules)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "dinsdag") {
		t.Errorf("errs = %v, want one error suggesting dinsdag", errs)
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2026-11-24", "2028-02-29", "2000-02-29", "0001-01-01"} {
		d, err := ParseDate(s)
		if err != nil || d.String() != s {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	for _, s := range []string{"2026-02-30", "2027-02-29", "1900-02-29", "2026-04-31", "2026-00-10", "2026-13-01",
		"2026-1-1", "26-01-01", "2026/01/01", "", "2026-01-01 ", "２０２６-01-01"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) succeeded, want an error", s)
		} else if pe := err.(*ParseError); pe.Code != CodeBadDate {
			t.Errorf("ParseDate(%q) code = %q, want bad-date", s, pe.Code)
		}
	}
}

func TestParseWeekday(t *testing.T) {
	for name, want := range map[string]string{
		"monday": "Monday", "Maandag": "Monday", " DINSDAG ": "Tuesday", "wo": "Wednesday",
		"thu": "Thursday", "vrijdag": "Friday", "Saturday": "Saturday", "zondag": "Sunday",
	} {
		wd, ok := ParseWeekday(name)
		if !ok || wd.String() != want {
			t.Errorf("ParseWeekday(%q) = %v, %v; want %s", name, wd, ok, want)
		}
	}
	for _, name := range []string{"", "dinsdg", "maand", "weekday"} {
		if _, ok := ParseWeekday(name); ok {
			t.Errorf("ParseWeekday(%q) succeeded", name)
		}
	}
}
