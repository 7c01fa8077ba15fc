package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/ical"
	"krachtpunt/generator/internal/schedule"
)

// The iCalendar files hold one event per rule, repeating with an RRULE from
// the first date in the calendar on, up to horizonDays ahead. Every date the
// rule gives in that time but the site does not show (a closure, a
// cancellation, a date another rule of the activity already has) is an
// EXDATE, and every changed date a RECURRENCE-ID override; so a calendar
// program shows exactly the occurrences of agenda.json that are not
// cancelled.

// icsAll writes /agenda.ics.
func (p *plan) icsAll() ([]byte, diag.List, error) {
	return p.ics(p.cfg.Title, p.site.Activities)
}

// icsActivity writes /activiteiten/<slug>/agenda.ics.
func (p *plan) icsActivity(a *content.Activity) ([]byte, diag.List, error) {
	return p.ics(a.Title+" – "+p.cfg.Title, []*content.Activity{a})
}

func (p *plan) ics(name string, acts []*content.Activity) ([]byte, diag.List, error) {
	c := &ical.Calendar{ProdID: "-//Krachtpunt//Krachtpunt//" + strings.ToUpper(p.cfg.Language), Name: name, Location: p.cfg.Location}
	for _, a := range acts {
		c.Events = append(c.Events, p.events(a)...)
	}
	var buf bytes.Buffer
	from := p.cal.window.From.In(p.cfg.Location)
	until := p.cal.span.Until.In(p.cfg.Location)
	if err := ical.Encode(&buf, c, from, until); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), nil, nil
}

// events returns the VEVENTs of one activity, made once per build.
func (p *plan) events(a *content.Activity) []ical.Event {
	p.cal.mu.Lock()
	evs, ok := p.cal.events[a.Slug]
	p.cal.mu.Unlock()
	if ok {
		return evs
	}
	evs = p.makeEvents(a)
	p.cal.mu.Lock()
	p.cal.events[a.Slug] = evs
	p.cal.mu.Unlock()
	return evs
}

func (p *plan) makeEvents(a *content.Activity) []ical.Event {
	loc := p.cfg.Location
	horizon := schedule.Window{From: p.cal.window.From, Until: p.cal.window.From.AddDays(horizonDays)}
	stamp := time.Date(p.today.Year, p.today.Month, p.today.Day, 0, 0, 0, 0, time.UTC)
	// What the site shows, by rule and original start.
	type key struct {
		rule  int
		start int64
	}
	shown := map[key]schedule.Occurrence{}
	for _, o := range p.cal.upcoming(a.Slug) {
		if o.Status != schedule.Cancelled && horizon.Contains(schedule.DateOf(o.Original)) {
			shown[key{o.Rule, o.Original.Unix()}] = o
		}
	}
	var evs []ical.Event
	for i, r := range a.Rules {
		// Every date the rule gives, before closures, cancellations and changes.
		bare := schedule.Expand([]schedule.Activity{{Slug: a.Slug, Rules: []schedule.Rule{r}, OnHolidays: true}}, nil, horizon, loc)
		if len(bare) == 0 {
			continue
		}
		base := ical.Event{
			UID:         a.Slug + "-" + ruleID(r) + "@" + p.uidHost(),
			Summary:     a.Title,
			Description: a.Summary,
			Location:    a.Room,
			URL:         p.cfg.URL(p.activityPath(a)),
			Stamp:       stamp,
			Categories:  a.Categories,
		}
		master := base
		master.Start, master.End = bare[0].Start, bare[0].End
		master.Recur = recur(r, bare[len(bare)-1].Start)
		var overrides []ical.Event
		for _, b := range bare {
			o, ok := shown[key{i, b.Start.Unix()}]
			switch {
			case !ok:
				master.ExDates = append(master.ExDates, b.Start)
			case o.Status == schedule.Changed:
				ov := base
				ov.RecurrenceID = b.Start
				ov.Start, ov.End = o.Start, o.End
				if o.Room != "" {
					ov.Location = o.Room
				}
				if o.Note != "" {
					ov.Description = strings.TrimSpace(o.Note + "\n\n" + a.Summary)
				}
				ov.Sequence = 1
				overrides = append(overrides, ov)
			}
		}
		if master.Recur == nil {
			// A rule with one date: no repetition, no exceptions.
			if len(master.ExDates) > 0 {
				continue
			}
			if len(overrides) == 1 {
				ov := overrides[0]
				ov.RecurrenceID = time.Time{}
				overrides = nil
				master = ov
			}
		}
		evs = append(evs, master)
		evs = append(evs, overrides...)
	}
	return evs
}

// recur returns the RRULE of r, ending at last (the last start in the
// horizon), or nil for a rule that happens once.
func recur(r schedule.Rule, last time.Time) *ical.Recur {
	switch r.Kind {
	case schedule.Weekly:
		rec := &ical.Recur{Freq: "WEEKLY", Interval: r.Interval, Until: last.UTC()}
		for _, d := range r.Days {
			rec.ByDay = append(rec.ByDay, ical.WeekdayNum{Day: d})
		}
		return rec
	case schedule.Monthly:
		return &ical.Recur{Freq: "MONTHLY", ByDay: []ical.WeekdayNum{{N: r.Nth, Day: r.Days[0]}}, Until: last.UTC()}
	}
	return nil
}

// ruleID names a rule by its meaning, so a UID stays the same when other
// rules of the activity are added or reordered.
func ruleID(r schedule.Rule) string {
	sum := sha256.Sum256([]byte(r.Describe("en")))
	return hex.EncodeToString(sum[:5])
}

func (p *plan) uidHost() string {
	if u, err := url.Parse(p.cfg.BaseURL); err == nil && u.Host != "" {
		return u.Host
	}
	return content.Slugify(p.cfg.Title) + ".krachtpunt"
}
