package schedule

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the machine's zone files
	"unsafe"
)

func amsterdam(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustParse(t testing.TB, phrase string) Rule {
	t.Helper()
	r, err := Parse(phrase)
	if err != nil {
		t.Fatalf("Parse(%q): %v", phrase, err)
	}
	return r
}

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func window(t testing.TB, from, until string) Window {
	return Window{From: mustDate(t, from), Until: mustDate(t, until)}
}

// activity builds an activity from phrases.
func activity(t testing.TB, slug string, phrases ...string) Activity {
	a := Activity{Slug: slug}
	for _, p := range phrases {
		a.Rules = append(a.Rules, mustParse(t, p))
	}
	return a
}

// starts writes each occurrence as "start/end" in RFC 3339, with its
// status, room and note when set: what agenda.json shows.
func starts(occs []Occurrence) string {
	var b strings.Builder
	for i, o := range occs {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(o.Slug + " " + o.Start.Format(time.RFC3339) + "/" + o.End.Format(time.RFC3339))
		if o.Status != Scheduled {
			b.WriteString(" " + o.Status.String())
		}
		if o.Room() != "" {
			b.WriteString(" room=" + o.Room())
		}
		if o.Note() != "" {
			b.WriteString(" note=" + o.Note())
		}
	}
	return b.String()
}

func lines(s ...string) string { return strings.Join(s, "\n") }

func TestExpandDST(t *testing.T) {
	loc := amsterdam(t)
	tests := []struct {
		name, phrase, from, until, want string
	}{
		{"spring 2026 keeps 10:00", "every sunday 10:00-12:00", "2026-03-22", "2026-04-05", lines(
			"a 2026-03-22T10:00:00+01:00/2026-03-22T12:00:00+01:00",
			"a 2026-03-29T10:00:00+02:00/2026-03-29T12:00:00+02:00",
			"a 2026-04-05T10:00:00+02:00/2026-04-05T12:00:00+02:00")},
		{"autumn 2026 keeps 10:00", "elke zondag 10:00-12:00", "2026-10-18", "2026-11-01", lines(
			"a 2026-10-18T10:00:00+02:00/2026-10-18T12:00:00+02:00",
			"a 2026-10-25T10:00:00+01:00/2026-10-25T12:00:00+01:00",
			"a 2026-11-01T10:00:00+01:00/2026-11-01T12:00:00+01:00")},
		{"spring 2027", "every sunday 10:00-12:00", "2027-03-21", "2027-03-28", lines(
			"a 2027-03-21T10:00:00+01:00/2027-03-21T12:00:00+01:00",
			"a 2027-03-28T10:00:00+02:00/2027-03-28T12:00:00+02:00")},
		{"autumn 2027", "every sunday 10:00-12:00", "2027-10-24", "2027-10-31", lines(
			"a 2027-10-24T10:00:00+02:00/2027-10-24T12:00:00+02:00",
			"a 2027-10-31T10:00:00+01:00/2027-10-31T12:00:00+01:00")},
		{"02:30 in the spring gap moves to 03:30", "2026-03-29 02:30-04:00", "2026-03-29", "2026-03-29",
			"a 2026-03-29T03:30:00+02:00/2026-03-29T04:00:00+02:00"},
		{"weekly 02:30 around the gap", "every sunday 02:30-03:30", "2026-03-22", "2026-04-05", lines(
			"a 2026-03-22T02:30:00+01:00/2026-03-22T03:30:00+01:00",
			"a 2026-03-29T03:30:00+02:00/2026-03-29T04:30:00+02:00",
			"a 2026-04-05T02:30:00+02:00/2026-04-05T03:30:00+02:00")},
		{"02:30 in the repeated hour is the first", "2026-10-25 02:30-03:30", "2026-10-25", "2026-10-25",
			"a 2026-10-25T02:30:00+02:00/2026-10-25T03:30:00+01:00"},
		{"repeated hour 2027", "every sunday 02:00-02:45", "2027-10-31", "2027-10-31",
			"a 2027-10-31T02:00:00+02:00/2027-10-31T02:45:00+02:00"},
		{"overnight across the spring change", "every saturday 23:00-04:00", "2026-03-28", "2026-03-28",
			"a 2026-03-28T23:00:00+01:00/2026-03-29T04:00:00+02:00"},
		{"overnight across the autumn change", "every saturday 23:00-04:00", "2027-10-30", "2027-10-30",
			"a 2027-10-30T23:00:00+02:00/2027-10-31T04:00:00+01:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := starts(Expand([]Activity{activity(t, "a", tt.phrase)}, nil, window(t, tt.from, tt.until), loc))
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
	// The exact UTC instants, not only their spelling.
	occs := Expand([]Activity{activity(t, "a", "2026-03-29 02:30-04:00", "2026-10-25 02:30-03:30")}, nil,
		window(t, "2026-01-01", "2026-12-31"), loc)
	if len(occs) != 2 {
		t.Fatalf("got %d occurrences, want 2", len(occs))
	}
	if got := occs[0].Start.UTC().Format(time.RFC3339); got != "2026-03-29T01:30:00Z" {
		t.Errorf("gap start = %s UTC, want 01:30Z", got)
	}
	if got := occs[1].Start.UTC().Format(time.RFC3339); got != "2026-10-25T00:30:00Z" {
		t.Errorf("repeated-hour start = %s UTC, want 00:30Z (the first 02:30)", got)
	}
	if occs[0].Start.Location() != loc {
		t.Errorf("start is in %v, want the site location", occs[0].Start.Location())
	}
}

func TestDateInIsMidnight(t *testing.T) {
	loc := amsterdam(t)
	for _, s := range []string{"2026-03-29", "2026-10-25", "2026-11-24"} {
		got := mustDate(t, s).In(loc)
		if got.Hour() != 0 || got.Minute() != 0 || DateOf(got).String() != s {
			t.Errorf("%s.In = %v, want local midnight", s, got)
		}
	}
	// In a zone whose clocks jump at midnight, midnight does not exist on
	// the day of the change and the day starts at 01:00.
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	got := mustDate(t, "2026-09-06").In(santiago)
	if got.Format("15:04 -07:00") != "01:00 -03:00" {
		t.Errorf("Santiago 2026-09-06 starts at %v, want 01:00 -03:00", got)
	}
}

func TestExpandMonthly(t *testing.T) {
	loc := amsterdam(t)
	tests := []struct {
		phrase, from, until string
		want                []string
	}{
		{"first saturday of the month 10:00-13:00", "2026-01-01", "2026-03-31", []string{"2026-01-03", "2026-02-07", "2026-03-07"}},
		{"eerste zondag van de maand 10:00-13:00", "2026-02-01", "2026-03-31", []string{"2026-02-01", "2026-03-01"}},
		{"last saturday of the month 10:00-13:00", "2026-01-01", "2026-02-28", []string{"2026-01-31", "2026-02-28"}},
		{"laatste zaterdag van de maand 10:00-13:00", "2026-08-01", "2026-08-31", []string{"2026-08-29"}},
		{"last tuesday of the month 10:00-13:00", "2026-03-01", "2026-03-31", []string{"2026-03-31"}},
		{"last tuesday of the month 10:00-13:00", "2028-02-01", "2028-02-29", []string{"2028-02-29"}},
		{"fourth saturday of the month 10:00-13:00", "2026-02-01", "2026-02-28", []string{"2026-02-28"}},
		{"fourth saturday of the month 10:00-13:00", "2026-08-01", "2026-08-31", []string{"2026-08-22"}},
		{"second monday of the month 10:00-13:00", "2026-08-01", "2026-08-31", []string{"2026-08-10"}},
	}
	for _, tt := range tests {
		occs := Expand([]Activity{activity(t, "m", tt.phrase)}, nil, window(t, tt.from, tt.until), loc)
		var got []string
		for _, o := range occs {
			got = append(got, DateOf(o.Start).String())
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s in %s..%s = %v, want %v", tt.phrase, tt.from, tt.until, got, tt.want)
		}
	}
}

// dates returns the local start dates of occs.
func dates(occs []Occurrence) string {
	var got []string
	for _, o := range occs {
		got = append(got, DateOf(o.Start).String())
	}
	return strings.Join(got, " ")
}

func TestExpandFromAndUntil(t *testing.T) {
	loc := amsterdam(t)
	w := window(t, "2026-08-24", "2026-10-31")
	tests := []struct{ phrase, want string }{
		// 2026-09-03 is a Thursday: the first Wednesday on or after it is
		// 2026-09-09, and the weeks are counted from there.
		{"every other wednesday 14:00-16:00 from 2026-09-03", "2026-09-09 2026-09-23 2026-10-07 2026-10-21"},
		{"every wednesday 14:00-16:00 from 2026-09-03 until 2026-09-23", "2026-09-09 2026-09-16 2026-09-23"},
		{"every other wednesday 14:00-16:00 from 2026-09-02", "2026-09-02 2026-09-16 2026-09-30 2026-10-14 2026-10-28"},
		{"om de 3 weken vrijdag 19:00-21:00 vanaf 2026-09-04", "2026-09-04 2026-09-25 2026-10-16"},
		// Until is inclusive.
		{"every tuesday 10:00-12:00 until 2026-09-08", "2026-08-25 2026-09-01 2026-09-08"},
		{"elke dinsdag 10:00-12:00 t/m 2026-09-08", "2026-08-25 2026-09-01 2026-09-08"},
		// From earlier than the window: the window still starts it.
		{"every other monday 10:00-11:00 from 2026-08-03", "2026-08-31 2026-09-14 2026-09-28 2026-10-12 2026-10-26"},
		// A multi-day rule every other week: weeks run Monday to Sunday.
		{"every other week on monday and thursday 10:00-11:00 from 2026-09-03 until 2026-09-30", "2026-09-03 2026-09-14 2026-09-17 2026-09-28"},
		{"2026-09-12 14:00-16:00", "2026-09-12"},
		{"2026-12-12 14:00-16:00", ""},
	}
	for _, tt := range tests {
		if got := dates(Expand([]Activity{activity(t, "a", tt.phrase)}, nil, w, loc)); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.phrase, got, tt.want)
		}
	}
}

func TestExpandCoincidingRules(t *testing.T) {
	loc := amsterdam(t)
	a := activity(t, "koffie", "every tuesday 10:00-12:00", "first tuesday of the month 10:00-12:00", "every monday and tuesday 10:00-12:00")
	occs := Expand([]Activity{a}, nil, window(t, "2026-12-01", "2026-12-08"), loc)
	want := lines(
		"koffie 2026-12-01T10:00:00+01:00/2026-12-01T12:00:00+01:00",
		"koffie 2026-12-07T10:00:00+01:00/2026-12-07T12:00:00+01:00",
		"koffie 2026-12-08T10:00:00+01:00/2026-12-08T12:00:00+01:00")
	if got := starts(occs); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if occs[0].Rule != 0 || occs[1].Rule != 2 || occs[2].Rule != 0 {
		t.Errorf("rules = %d %d %d, want 0 2 0 (the first rule wins)", occs[0].Rule, occs[1].Rule, occs[2].Rule)
	}
}

func TestExpandSortedBySlug(t *testing.T) {
	loc := amsterdam(t)
	acts := []Activity{
		activity(t, "zumba", "every tuesday 10:00-11:00"),
		activity(t, "breien", "every tuesday 10:00-12:00"),
		activity(t, "avond", "every monday 19:00-21:00"),
	}
	got := starts(Expand(acts, nil, window(t, "2026-11-23", "2026-11-24"), loc))
	want := lines(
		"avond 2026-11-23T19:00:00+01:00/2026-11-23T21:00:00+01:00",
		"breien 2026-11-24T10:00:00+01:00/2026-11-24T12:00:00+01:00",
		"zumba 2026-11-24T10:00:00+01:00/2026-11-24T11:00:00+01:00")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestExpandCancelChangeClosure(t *testing.T) {
	loc := amsterdam(t)
	h := &Hours{
		PublicHolidays: "nl",
		Closed:         []Closure{{From: mustDate(t, "2026-12-24"), Until: mustDate(t, "2027-01-01"), Reason: "Kerstsluiting"}},
		Special:        []Special{{Date: mustDate(t, "2026-12-31"), Hours: []Interval{{At(10, 0), At(14, 0)}}, Reason: "Oudjaar"}},
	}
	newTime := Interval{At(14, 0), At(16, 0)}
	koffie := activity(t, "koffie", "every tuesday 10:00-12:00", "every thursday 10:00-12:00")
	koffie.Cancels = []Cancel{
		{Date: mustDate(t, "2026-12-15"), Reason: "Zieke vrijwilliger", Line: 14},
		{Date: mustDate(t, "2026-12-29"), Reason: "Kerstvakantie", Line: 18},
	}
	koffie.Changes = []Change{
		{Date: mustDate(t, "2026-12-08"), NewDate: mustDate(t, "2026-12-09"), Time: &newTime, Room: "Grote zaal", Note: "Deze keer 's middags", Line: 22},
		{Date: mustDate(t, "2026-12-10"), Room: "Tuin", Line: 28},
		// Moved from before the window into it.
		{Date: mustDate(t, "2026-11-26"), NewDate: mustDate(t, "2026-12-04"), Note: "Verzet", Line: 32},
	}
	eten := activity(t, "eten", "every thursday 18:00-20:00")
	eten.OnHolidays = true
	occs := Expand([]Activity{koffie, eten}, h, window(t, "2026-12-01", "2027-01-08"), loc)
	want := lines(
		"koffie 2026-12-01T10:00:00+01:00/2026-12-01T12:00:00+01:00",
		"koffie 2026-12-03T10:00:00+01:00/2026-12-03T12:00:00+01:00",
		"eten 2026-12-03T18:00:00+01:00/2026-12-03T20:00:00+01:00",
		"koffie 2026-12-04T10:00:00+01:00/2026-12-04T12:00:00+01:00 changed note=Verzet",
		"koffie 2026-12-09T14:00:00+01:00/2026-12-09T16:00:00+01:00 changed room=Grote zaal note=Deze keer 's middags",
		"koffie 2026-12-10T10:00:00+01:00/2026-12-10T12:00:00+01:00 changed room=Tuin",
		"eten 2026-12-10T18:00:00+01:00/2026-12-10T20:00:00+01:00",
		"koffie 2026-12-15T10:00:00+01:00/2026-12-15T12:00:00+01:00 cancelled note=Zieke vrijwilliger",
		"koffie 2026-12-17T10:00:00+01:00/2026-12-17T12:00:00+01:00",
		"eten 2026-12-17T18:00:00+01:00/2026-12-17T20:00:00+01:00",
		"koffie 2026-12-22T10:00:00+01:00/2026-12-22T12:00:00+01:00",
		// 24 Dec: closed. eten goes on (on_holidays).
		"eten 2026-12-24T18:00:00+01:00/2026-12-24T20:00:00+01:00",
		// 29 Dec: in the closure, but the cancel is listed with its reason.
		"koffie 2026-12-29T10:00:00+01:00/2026-12-29T12:00:00+01:00 cancelled note=Kerstvakantie",
		// 31 Dec: a special day inside the closure: open.
		"koffie 2026-12-31T10:00:00+01:00/2026-12-31T12:00:00+01:00",
		"eten 2026-12-31T18:00:00+01:00/2026-12-31T20:00:00+01:00",
		"koffie 2027-01-05T10:00:00+01:00/2027-01-05T12:00:00+01:00",
		"koffie 2027-01-07T10:00:00+01:00/2027-01-07T12:00:00+01:00",
		"eten 2027-01-07T18:00:00+01:00/2027-01-07T20:00:00+01:00")
	if got := starts(occs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, o := range occs {
		if o.Status == Changed && DateOf(o.Start).String() == "2026-12-09" {
			if got := o.Original().Format(time.RFC3339); got != "2026-12-08T10:00:00+01:00" {
				t.Errorf("Original of the moved occurrence = %s, want the rule's 2026-12-08T10:00", got)
			}
		} else if !o.Original().Equal(o.Start) && o.Status != Changed {
			t.Errorf("unchanged %s has Original %v", o.Start, o.Original())
		}
	}
}

func TestExpandHolidayClosure(t *testing.T) {
	loc := amsterdam(t)
	h := &Hours{PublicHolidays: "nl"}
	a := activity(t, "yoga", "every monday 09:00-10:00")
	got := dates(Expand([]Activity{a}, h, window(t, "2026-03-30", "2026-04-13"), loc))
	// 6 April 2026 is Tweede Paasdag.
	if want := "2026-03-30 2026-04-13"; got != want {
		t.Errorf("with holidays: %s, want %s", got, want)
	}
	got = dates(Expand([]Activity{a}, &Hours{}, window(t, "2026-03-30", "2026-04-13"), loc))
	if want := "2026-03-30 2026-04-06 2026-04-13"; got != want {
		t.Errorf("without holidays: %s, want %s", got, want)
	}
	// A Sunday without weekly hours is no closure.
	h.Week[time.Monday] = []Interval{{At(9, 0), At(17, 0)}}
	sun := activity(t, "kerk", "every sunday 10:00-11:00")
	if got := dates(Expand([]Activity{sun}, h, window(t, "2026-11-22", "2026-11-29"), loc)); got != "2026-11-22 2026-11-29" {
		t.Errorf("sunday without hours: %s", got)
	}
}

func TestCheck(t *testing.T) {
	a := activity(t, "koffie", "every tuesday 10:00-12:00")
	a.Cancels = []Cancel{
		{Date: mustDate(t, "2026-12-29"), Line: 9},  // a Tuesday: fine
		{Date: mustDate(t, "2026-12-30"), Line: 13}, // a Wednesday
	}
	a.Changes = []Change{{Date: mustDate(t, "2026-12-07"), Line: 5}} // a Monday
	errs := Check(a)
	if len(errs) != 2 {
		t.Fatalf("Check = %v, want 2 errors", errs)
	}
	if errs[0].Line != 5 || errs[0].Kind != "change" || errs[1].Line != 13 || errs[1].Kind != "cancel" {
		t.Errorf("errors = %+v %+v, want the change on line 5 then the cancel on line 13", errs[0], errs[1])
	}
	msg, hint := errs[1].Message("nl")
	if msg != "Op woensdag 30 december 2026 is deze activiteit niet, dus je kunt die dag niet laten vervallen." ||
		hint != "Kijk de datum na. De dichtstbijzijnde keer is dinsdag 29 december 2026." {
		t.Errorf("nl message = %q, %q", msg, hint)
	}
	msg, hint = errs[0].Message("en")
	if msg != "This activity does not take place on Monday 7 December 2026, so it cannot be changed." ||
		hint != "Check the date. The nearest time it takes place is Tuesday 8 December 2026." {
		t.Errorf("en message = %q, %q", msg, hint)
	}
	// A date outside until, or before from, is not an occurrence either.
	b := activity(t, "b", "every tuesday 10:00-12:00 until 2026-12-22")
	b.Cancels = []Cancel{{Date: mustDate(t, "2026-12-29"), Line: 3}}
	if errs := Check(b); len(errs) != 1 || errs[0].Nearest != mustDate(t, "2026-12-22") {
		t.Errorf("Check after until = %+v", errs)
	}
	// A cancel on a closed day is still a real occurrence.
	if errs := Check(activity(t, "c", "every friday 10:00-11:00")); errs != nil {
		t.Errorf("Check without cancels = %v", errs)
	}
}

func TestOccurs(t *testing.T) {
	r := mustParse(t, "every other wednesday 14:00-16:00 from 2026-09-02 until 2026-09-30")
	for s, want := range map[string]bool{
		"2026-08-19": false, "2026-09-02": true, "2026-09-09": false, "2026-09-16": true,
		"2026-09-30": true, "2026-10-14": false, "2026-09-03": false,
	} {
		if got := Occurs(r, mustDate(t, s)); got != want {
			t.Errorf("Occurs(%s) = %v, want %v", s, got, want)
		}
	}
	if Occurs(Rule{}, mustDate(t, "2026-09-02")) {
		t.Error("the zero rule occurs")
	}
}

// A calendar holds every occurrence of the weeks it shows, a hundred
// thousand on a large site: each byte of an Occurrence is 0.1 MB there.
func TestOccurrenceStaysSmall(t *testing.T) {
	if size := unsafe.Sizeof(Occurrence{}); size > 80 {
		t.Errorf("an Occurrence takes %d bytes, want at most 80", size)
	}
}

func TestStatusWords(t *testing.T) {
	for s, want := range map[Status]string{Scheduled: "scheduled", Changed: "changed", Cancelled: "cancelled", 0: ""} {
		if got := s.String(); got != want {
			t.Errorf("Status(%d).String() = %q, want %q", s, got, want)
		}
	}
}
