package schedule_test

import (
	"fmt"
	"time"

	"krachtpunt/generator/internal/schedule"
)

func ExampleParse() {
	rule, err := schedule.Parse("om de week woensdag 14:00-16:00 vanaf 2026-09-02")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rule.Describe("nl"))
	fmt.Println(rule.Describe("en"))

	_, err = schedule.Parse("elke dinsdg 10:00-12:00")
	if pe, ok := err.(*schedule.ParseError); ok {
		msg, hint := pe.Message("nl")
		fmt.Printf("kolom %d: %s %s\n", pe.Col, msg, hint)
	}
	// Output:
	// Om de week op woensdag, 14.00-16.00 uur, vanaf 2 september 2026
	// Every other Wednesday, 14:00-16:00, from 2 September 2026
	// kolom 6: Het woord “dinsdg” begrijpen we hier niet. Bedoel je “dinsdag”? Schrijf: "elke dinsdag 10:00-12:00"
}

func ExampleExpand() {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		fmt.Println(err)
		return
	}
	rule, _ := schedule.Parse("every sunday 10:00-12:00")
	koffie := schedule.Activity{
		Slug:    "koffieochtend",
		Rules:   []schedule.Rule{rule},
		Cancels: []schedule.Cancel{{Date: schedule.Date{Year: 2026, Month: time.April, Day: 5}, Reason: "Pasen"}},
	}
	w := schedule.Window{
		From:  schedule.Date{Year: 2026, Month: time.March, Day: 22},
		Until: schedule.Date{Year: 2026, Month: time.April, Day: 5},
	}
	for _, o := range schedule.Expand([]schedule.Activity{koffie}, nil, w, loc) {
		line := o.Start.Format(time.RFC3339) + " " + o.Status.String()
		if o.Note() != "" {
			line += " (" + o.Note() + ")"
		}
		fmt.Println(line)
	}
	// Output:
	// 2026-03-22T10:00:00+01:00 scheduled
	// 2026-03-29T10:00:00+02:00 scheduled
	// 2026-04-05T10:00:00+02:00 cancelled (Pasen)
}
