package content

import (
	"strings"

	"krachtpunt/generator/internal/decode"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/schedule"
)

// HoursFile is the name of the opening hours file under content/.
const HoursFile = "opening-hours.md"

// HoursPage is content/opening-hours.md.
type HoursPage struct {
	Source
	Title string
	Hours *schedule.Hours
}

var dayNames = []string{
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
}

func parseHours(file string, text string, diags *diag.List) *HoursPage {
	t, src, ok := splitFrontMatter(file, text, diags)
	if !ok {
		return nil
	}
	p := &HoursPage{Source: src, Hours: &schedule.Hours{}}
	if t == nil {
		diags.Errorf(diag.Pos{File: file, Line: 1}, "no-front-matter",
			diag.T("de openingstijden moeten bovenaan staan, tussen twee regels +++", "the opening hours must be at the top, between two lines of +++"),
			diag.T("Zie docs/handleiding.md voor een voorbeeld.", "See docs/handleiding.md for an example."))
		return nil
	}
	p.Title = t.String(fTitle)
	h := p.Hours
	switch ph := strings.ToLower(strings.TrimSpace(t.String(fHolidays))); ph {
	case "", "nl":
		h.PublicHolidays = ph
	default:
		t.Errorf(fHolidays, "bad-holidays",
			diag.T("feestdagen %q ken ik niet", "public holidays %q are not known", ph),
			diag.T(`Gebruik "nl" voor de Nederlandse feestdagen, of "" voor geen.`, `Use "nl" for the Dutch public holidays, or "" for none.`))
	}
	if w := t.Table(fHours); w != nil {
		h.Week, _ = parseWeek(w)
	} else if !t.Has(fHours) {
		t.Missing(fHours, "{ maandag = \"09:00-17:00\" }")
	}
	for _, s := range t.Tables(fSeason) {
		from, okFrom := requiredDate(s, fFrom)
		until, okUntil := requiredDate(s, fUntil)
		season := schedule.Season{From: from, Until: until, Reason: s.String(fReason)}
		if w := s.Table(fHours); w != nil {
			season.Week, season.Named = parseWeek(w)
		} else {
			s.Missing(fHours, "{ maandag = \"10:00-14:00\" }")
		}
		s.Done()
		if okFrom && okUntil && checkPeriod(s, from, until) {
			h.Seasons = append(h.Seasons, season)
		}
	}
	for _, c := range t.Tables(fClosed) {
		from, okFrom := requiredDate(c, fFrom)
		until := from
		if d, set := c.Date(fUntil); set {
			until = schedule.DateOf(d)
		}
		reason := c.String(fReason)
		c.Done()
		if okFrom && checkPeriod(c, from, until) {
			h.Closed = append(h.Closed, schedule.Closure{From: from, Until: until, Reason: reason})
		}
	}
	for _, s := range t.Tables(fSpecial) {
		d, okDate := requiredDate(s, fDate)
		sp := schedule.Special{Date: d, Reason: s.String(fReason)}
		if !s.Has(fHours) {
			s.Missing(fHours, `"09:00-15:00"`)
		}
		sp.Hours = parseDayHours(s, fHours)
		s.Done()
		if okDate {
			h.Special = append(h.Special, sp)
		}
	}
	t.Done()
	return p
}

func checkPeriod(t *decode.Table, from, until schedule.Date) bool {
	if until.Before(from) {
		t.Errorf(fUntil, "until-before-from",
			diag.T("de einddatum %s ligt voor de begindatum %s", "the end date %s is before the start date %s", until, from),
			diag.T("Draai de twee datums om.", "Swap the two dates."))
		return false
	}
	return true
}

// parseWeek reads a table of day names (English or Dutch) to hours.
func parseWeek(w *decode.Table) (week [7][]schedule.Interval, named [7]bool) {
	for _, key := range w.Keys() {
		day, ok := schedule.ParseWeekday(key)
		if !ok {
			w.UnknownKey(key, dayNames)
			continue
		}
		if named[day] {
			w.Diags().Errorf(w.KeyPos(key), "day-twice",
				diag.T("%s staat er twee keer in (in het Nederlands en het Engels)", "%s is given twice (in Dutch and in English)", key),
				diag.T("Haal een van de twee regels weg.", "Remove one of the two lines."))
			continue
		}
		named[day] = true
		week[day] = parseDayHours(w, decode.F(key, ""))
	}
	return week, named
}

func parseDayHours(t *decode.Table, f decode.Field) []schedule.Interval {
	s := t.String(f)
	iv, err := schedule.ParseIntervals(s)
	if err != nil {
		msg, hint := diag.T("de tijden %q kan ik niet lezen", "the hours %q cannot be read", s),
			diag.T(`Schrijf bijvoorbeeld "09:00-12:30, 13:30-17:00" of "gesloten".`, `Write for example "09:00-12:30, 13:30-17:00" or "closed".`)
		pos := t.Pos(t.KeyName(f))
		if pe, ok := err.(*schedule.ParseError); ok {
			nl, hnl := pe.Message("nl")
			en, hen := pe.Message("en")
			msg, hint = diag.Text{NL: nl, EN: en}, diag.Text{NL: hnl, EN: hen}
			pos = t.TextPos(t.KeyName(f), pe.Col)
		}
		t.Diags().Errorf(pos, "bad-hours", msg, hint)
		return nil
	}
	return iv
}
