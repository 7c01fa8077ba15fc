package content

import (
	"strings"
	"unicode/utf8"

	"krachtpunt/generator/internal/decode"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/schedule"
)

// Activity is one file in content/activities/.
type Activity struct {
	Source
	Slug       string
	Title      string
	Summary    string
	When       []string        // the phrases as written
	Rules      []schedule.Rule // one per phrase
	Room       string
	Cost       string
	Signup     string // empty: walk in
	Contact    string
	Categories []string
	Audience   []string
	Image      string // slash path under content/, "" for none
	ImageAlt   string
	Draft      bool
	OnHolidays bool
	Cancels    []schedule.Cancel
	Changes    []schedule.Change
	// CategoryPos and AudiencePos are where each category and audience is
	// written, for messages about them.
	CategoryPos, AudiencePos []diag.Pos
}

// Free reports whether the cost says the activity costs nothing.
func (a *Activity) Free() bool {
	switch strings.ToLower(strings.TrimSpace(a.Cost)) {
	case "gratis", "free", "0", "€ 0", "€0", "0,00", "€ 0,00", "€0,00":
		return true
	}
	return false
}

// WalkIn reports whether residents can come without signing up.
func (a *Activity) WalkIn() bool { return strings.TrimSpace(a.Signup) == "" }

// Schedule returns the activity as the schedule engine sees it.
func (a *Activity) Schedule() schedule.Activity {
	return schedule.Activity{Slug: a.Slug, Rules: a.Rules, Cancels: a.Cancels, Changes: a.Changes, OnHolidays: a.OnHolidays}
}

func parseActivity(file, slug string, text string, images imageFinder, diags *diag.List) *Activity {
	t, src, ok := splitFrontMatter(file, text, diags)
	if !ok {
		return nil
	}
	a := &Activity{Source: src, Slug: slug}
	if t == nil {
		diags.Errorf(diag.Pos{File: file, Line: 1}, "no-front-matter",
			diag.T("een activiteit moet bovenaan gegevens hebben tussen twee regels +++", "an activity needs settings at the top between two lines of +++"),
			diag.T("Maak een nieuwe activiteit met: go run ./generator new activity NAAM", "Start a new activity with: go run ./generator new activity NAME"))
		return nil
	}
	a.Slug = slugField(t, slug)
	a.Title = requiredText(t, fTitle, `"Koffieochtend"`)
	a.Summary = t.String(fSummary)
	a.When = t.Strings(fWhen)
	switch {
	case !t.Has(fWhen):
		t.Missing(fWhen, `"elke dinsdag 10:00-12:00"`)
	case len(a.When) == 0 && t.Raw(t.KeyName(fWhen)) != nil:
		if _, isList := t.Raw(t.KeyName(fWhen)).([]any); isList {
			t.Errorf(fWhen, "empty",
				diag.T("%q is een lege lijst: de activiteit heeft dan geen datums", "%q is an empty list: the activity then has no dates", t.KeyName(fWhen)),
				diag.T(`Schrijf er minstens één regel in, bijvoorbeeld: %s = ["elke dinsdag 10:00-12:00"]`, `Write at least one rule in it, for example: %s = ["every tuesday 10:00-12:00"]`, t.KeyName(fWhen)))
		}
	}
	a.Rules = parseWhen(t, text, a.When)
	a.Room = t.String(fRoom)
	a.Cost = t.String(fCost)
	a.Signup = t.String(fSignup)
	a.Contact = t.String(fContact)
	a.Categories = t.Strings(fCategories)
	a.Audience = t.Strings(fAudience)
	a.CategoryPos = listPos(t, text, fCategories, a.Categories)
	a.AudiencePos = listPos(t, text, fAudience, a.Audience)
	a.Image, a.ImageAlt = imageFields(t, images)
	a.Draft = t.Bool(fDraft)
	a.OnHolidays = t.Bool(fOnHolidays)
	// A date on which the activity does not take place is reported at the
	// date itself; schedule.Check knows only its line.
	dateCol := map[int]int{}
	datePos := func(c *decode.Table) int {
		p := c.Pos(c.KeyName(fDate))
		dateCol[p.Line] = p.Col
		return p.Line
	}
	for _, c := range t.Tables(fCancel) {
		d, ok := requiredDate(c, fDate)
		reason := c.String(fReason)
		c.Done()
		if ok {
			a.Cancels = append(a.Cancels, schedule.Cancel{Date: d, Reason: reason, Line: datePos(c)})
		}
	}
	for _, c := range t.Tables(fChange) {
		d, ok := requiredDate(c, fDate)
		ch := schedule.Change{Date: d}
		if ok {
			ch.Line = datePos(c)
		}
		if nd, set := c.Date(fNewDate); set {
			ch.NewDate = schedule.DateOf(nd)
		}
		if tm := c.String(fTime); tm != "" {
			iv, err := schedule.ParseIntervals(tm)
			if pe, ok := err.(*schedule.ParseError); ok {
				msg, _ := pe.Message("nl")
				msgEN, _ := pe.Message("en")
				c.Diags().Errorf(c.TextPos(c.KeyName(fTime), pe.Col), "bad-change-time", diag.Text{NL: msg, EN: msgEN},
					diag.T(`Schrijf een begin- en eindtijd, bijvoorbeeld: %s = "14:00-16:00"`, `Write a start and end time, for example: %s = "14:00-16:00"`, c.KeyName(fTime)))
			} else if err != nil || len(iv) != 1 {
				c.Errorf(fTime, "bad-change-time",
					diag.T("de tijd %q kan ik niet lezen", "the time %q cannot be read", tm),
					diag.T(`Schrijf een begin- en eindtijd, bijvoorbeeld: %s = "14:00-16:00"`, `Write a start and end time, for example: %s = "14:00-16:00"`, c.KeyName(fTime)))
			} else {
				ch.Time = &iv[0]
			}
		}
		ch.Room = c.String(fRoom)
		ch.Note = c.String(fNote)
		c.Done()
		if ok {
			a.Changes = append(a.Changes, ch)
		}
	}
	t.Done()
	if len(a.Rules) == len(a.When) && len(a.Rules) > 0 {
		for _, e := range schedule.Check(a.Schedule()) {
			msg, hint := e.Message("nl")
			msgEN, hintEN := e.Message("en")
			diags.Errorf(diag.Pos{File: file, Line: e.Line, Col: dateCol[e.Line]}, "no-occurrence", diag.Text{NL: msg, EN: msgEN}, diag.Text{NL: hint, EN: hintEN})
		}
	}
	return a
}

// parseWhen parses every phrase and reports each problem at the word it is
// about: the line of the when key and the column of the word in that line.
func parseWhen(t *decode.Table, text string, phrases []string) []schedule.Rule {
	var rules []schedule.Rule
	pos := t.Pos(t.KeyName(fWhen))
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for _, ph := range phrases {
		r, err := schedule.Parse(ph)
		if err == nil {
			rules = append(rules, r)
			continue
		}
		pe, ok := err.(*schedule.ParseError)
		if !ok {
			t.Errorf(fWhen, "bad-when", diag.T("%v", "%v", err), diag.Text{})
			continue
		}
		p := phrasePos(lines, pos, ph, pe.Col)
		msg, hint := pe.Message("nl")
		msgEN, hintEN := pe.Message("en")
		t.Diags().Errorf(p, "when-"+pe.Code, diag.Text{NL: msg, EN: msgEN}, diag.Text{NL: hint, EN: hintEN})
	}
	return rules
}

// phrasePos finds the phrase on or after the key's line and returns the
// position of rune column col of the phrase in the file.
func phrasePos(lines []string, key diag.Pos, phrase string, col int) diag.Pos {
	p := key
	quoted := `"` + phrase + `"`
	for ln := key.Line; ln >= 1 && ln <= len(lines); ln++ {
		idx := strings.Index(lines[ln-1], quoted)
		if idx < 0 {
			if ln > key.Line+50 {
				break
			}
			continue
		}
		p.Line = ln
		p.Col = utf8.RuneCountInString(lines[ln-1][:idx+1]) + col
		return p
	}
	return p
}

func slugField(t *decode.Table, fromName string) string {
	s := t.String(fSlug)
	if s == "" {
		return fromName
	}
	if !ValidSlug(s) {
		t.Errorf(fSlug, "bad-slug",
			diag.T("slug %q mag alleen kleine letters, cijfers en streepjes bevatten", "slug %q may only hold lower case letters, digits and dashes", s),
			diag.T(`Schrijf bijvoorbeeld: slug = %q`, `Write for example: slug = %q`, Slugify(s)))
		if f := Slugify(s); f != "" {
			return f
		}
		return fromName
	}
	return s
}

func requiredText(t *decode.Table, f decode.Field, example string) string {
	s := t.String(f)
	if strings.TrimSpace(s) == "" {
		if _, isText := t.Raw(t.KeyName(f)).(string); isText {
			t.Errorf(f, "empty", diag.T("%q is leeg", "%q is empty", t.KeyName(f)),
				diag.T("Vul iets in tussen de aanhalingstekens, bijvoorbeeld: %s = %s", "Fill in something between the quotes, for example: %s = %s", t.KeyName(f), example))
		} else if !t.Has(f) {
			t.Missing(f, example)
		}
	}
	return strings.TrimSpace(s)
}

func requiredDate(t *decode.Table, f decode.Field) (schedule.Date, bool) {
	d, ok := t.Date(f)
	if !ok {
		if !t.Has(f) {
			t.Missing(f, "2026-12-08")
		}
		return schedule.Date{}, false
	}
	return schedule.DateOf(d), true
}
