package build

import (
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/ical"
	"krachtpunt/generator/internal/schedule"
)

// The iCalendar files hold one series per rule (see ical.Series): an event
// repeating with an RRULE from the first date in the calendar on, up to
// horizonDays ahead. Every date the rule gives in that time but the site does
// not show (a closure, a cancellation, a date another rule of the activity
// already has) is an EXDATE, every changed date a RECURRENCE-ID override, and
// package ical writes what a rule cannot carry alike in every reader (days the
// clock changes) as events of their own; so a calendar program shows exactly
// the occurrences of agenda.json that are not cancelled. The DESCRIPTION of a
// series names its cancelled dates and why, as they leave no trace otherwise.
//
// UIDs. A subscriber's calendar program keeps an event by its UID: a new UID
// is a series deleted and another made. What volunteers edit most is the
// time, the room and the note, so a rule's UID does not depend on them: it is
// the activity's slug and the rule's days ("koffie-weekly-tu", "eten-every-2-
// weeks-we", "repair-monthly-last-sa", a one-off's date "kerst-2026-12-25"),
// with "-2", "-3" for a second and third rule of the activity on the same
// days. A rule moved to other days is another series.

// icsAll writes /agenda.ics.
func (p *plan) icsAll(w io.Writer) (diag.List, error) {
	return p.ics(w, p.calendarName(nil), p.site.Activities)
}

// icsActivity writes /activiteiten/<slug>/agenda.ics.
func (p *plan) icsActivity(w io.Writer, a *content.Activity) (diag.List, error) {
	return p.ics(w, p.calendarName(a), []*content.Activity{a})
}

// calendarName is the name a calendar app shows for the feed of activity
// a, or of the whole agenda when a is nil.
func (p *plan) calendarName(a *content.Activity) string {
	if a == nil {
		return p.cfg.Title
	}
	return a.Title + " – " + p.cfg.Title
}

// ics writes the calendar file of acts into w as it encodes it.
func (p *plan) ics(w io.Writer, name string, acts []*content.Activity) (diag.List, error) {
	c := &ical.Calendar{ProdID: "-//Krachtpunt//Krachtpunt//" + strings.ToUpper(p.cfg.Language), Name: name, Location: p.cfg.Location}
	n := 0
	for _, a := range acts {
		n += len(p.events(a))
	}
	c.Events = make([]ical.Event, 0, n)
	for _, a := range acts {
		c.Events = append(c.Events, p.events(a)...)
	}
	from := p.cal.window.From.In(p.cfg.Location)
	until := p.cal.icsUntil().In(p.cfg.Location)
	return nil, ical.Encode(w, c, from, until)
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
	bareX := p.cal.bareExpander()
	horizon := bareX.Window()
	stamp := time.Date(p.today.Year, p.today.Month, p.today.Day, 0, 0, 0, 0, time.UTC)
	// What the site shows, by rule and original start.
	type key struct {
		rule  int
		start int64
	}
	upcoming := p.cal.upcoming(a.Slug, -1)
	shown := make(map[key]int32, len(upcoming)) // the index in upcoming
	cancelled := map[int][]schedule.Occurrence{}
	for i, o := range upcoming {
		if !horizon.Contains(schedule.DateOf(o.Original())) {
			continue
		}
		if o.Status == schedule.Cancelled {
			cancelled[int(o.Rule)] = append(cancelled[int(o.Rule)], o)
			continue
		}
		shown[key{int(o.Rule), o.Original().Unix()}] = int32(i)
	}
	uids := ruleUIDs(a, p.uidHost())
	var evs []ical.Event
	for i, r := range a.Rules {
		// Every date the rule gives, before closures, cancellations and changes.
		bare := bareX.Expand([]schedule.Activity{{Slug: a.Slug, Rules: []schedule.Rule{r}, OnHolidays: true}})
		s := ical.Series{
			Template: ical.Event{
				UID:         uids[i],
				Summary:     a.Title,
				Description: joinParagraphs(a.Summary, p.cancelNote(cancelled[i])),
				Location:    a.Room,
				URL:         p.cfg.URL(p.activityPath(a)),
				Stamp:       stamp,
				Categories:  a.Categories,
			},
			Recur:     recur(r),
			Length:    r.Time.Length(),
			Instances: make([]ical.Instance, 0, len(bare)),
		}
		for _, b := range bare {
			in := ical.Instance{Original: b.Start, Start: b.Start, End: b.End}
			j, ok := shown[key{i, b.Start.Unix()}]
			switch {
			case !ok:
				in.Skip = true
			case upcoming[j].Status == schedule.Changed:
				o := &upcoming[j]
				in.Changed = true
				in.Start, in.End = o.Start, o.End
				in.Location = o.Room()
				if o.Note() != "" {
					in.Description = joinParagraphs(o.Note(), s.Template.Description)
				}
			}
			s.Instances = append(s.Instances, in)
		}
		evs = append(evs, s.Events(loc)...)
	}
	return evs
}

// cancelNote says which dates of a series are cancelled, and why: a
// cancelled date is left out of the calendar file, which has no other way to
// tell.
func (p *plan) cancelNote(cancels []schedule.Occurrence) string {
	if len(cancels) == 0 {
		return ""
	}
	lang := p.cfg.Language
	items := make([]string, 0, len(cancels))
	for _, o := range cancels {
		d := schedule.FormatDate(schedule.DateOf(o.Original()), lang)
		if o.Note() != "" {
			d = p.theme.T("ics_cancelled_reason", d, o.Note())
		}
		items = append(items, d)
	}
	return p.theme.T("ics_cancelled", strings.Join(items, "; "))
}

func joinParagraphs(parts ...string) string {
	var kept []string
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, "\n\n")
}

// recur returns the RRULE of r without its UNTIL, which ical.Series sets, or
// nil for a rule that happens once.
func recur(r schedule.Rule) *ical.Recur {
	switch r.Kind {
	case schedule.Weekly:
		rec := &ical.Recur{Freq: "WEEKLY", Interval: r.Interval}
		for _, d := range r.Days {
			rec.ByDay = append(rec.ByDay, ical.WeekdayNum{Day: d})
		}
		return rec
	case schedule.Monthly:
		return &ical.Recur{Freq: "MONTHLY", ByDay: []ical.WeekdayNum{{N: r.Nth, Day: r.Days[0]}}}
	}
	return nil
}

// ruleUIDs returns the UID of each rule of a: its slug and the rule's days,
// numbered when two rules have the same days (see the comment at the top).
func ruleUIDs(a *content.Activity, host string) []string {
	uids := make([]string, len(a.Rules))
	seen := map[string]int{}
	for i, r := range a.Rules {
		id := a.Slug + "-" + ruleDays(r)
		seen[id]++
		if n := seen[id]; n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		uids[i] = id + "@" + host
	}
	return uids
}

// ruleDays names the days of r: "weekly-mo-th", "every-2-weeks-we",
// "monthly-1-sa", "monthly-last-fr", or a one-off's date "2026-12-25".
func ruleDays(r schedule.Rule) string {
	codes := [7]string{"su", "mo", "tu", "we", "th", "fr", "sa"}
	var days []string
	for _, d := range r.Days {
		days = append(days, codes[d])
	}
	switch r.Kind {
	case schedule.Weekly:
		if r.Interval > 1 {
			return "every-" + strconv.Itoa(r.Interval) + "-weeks-" + strings.Join(days, "-")
		}
		return "weekly-" + strings.Join(days, "-")
	case schedule.Monthly:
		n := strconv.Itoa(r.Nth)
		if r.Nth == -1 {
			n = "last"
		}
		return "monthly-" + n + "-" + strings.Join(days, "-")
	}
	return r.Date.String()
}

func (p *plan) uidHost() string {
	if u, err := url.Parse(p.cfg.BaseURL); err == nil && u.Host != "" {
		return u.Host
	}
	return content.Slugify(p.cfg.Title) + ".krachtpunt"
}
