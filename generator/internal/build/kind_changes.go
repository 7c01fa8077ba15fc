package build

import (
	"cmp"
	"io"
	"slices"
	"strings"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/feed"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// What is cancelled or changed, and when the centre closes:
// /agenda/wijzigingen/ and its feed.
var _ = register(kind{name: "changes", routes: func(p *plan) []route {
	in := []input{anyActivity, fileInput(content.HoursFile)}
	return []route{
		{path: indexPath(p.changesPath()), make: p.changesPage, inputs: in},
		{path: strings.TrimPrefix(p.changesPath(), "/") + "feed.xml", make: func(w io.Writer) (diag.List, error) { return writeAll(w)(p.changesFeed()) }, inputs: in},
	}
}})

// changesPath is /agenda/wijzigingen/: what is cancelled or changed in the
// calendar window, for residents who only want to know what is off.
func (p *plan) changesPath() string {
	return "/" + p.words.Agenda + "/" + p.words.Changes + "/"
}

// change is one cancelled or changed occurrence, or one closure of the
// centre, as the changes page and its feed show it.
type change struct {
	view    *render.Change
	day     schedule.Date // the date it is listed under
	updated time.Time     // a stamp that stays the same from build to build
	link    string        // absolute address for the feed
}

// changes lists, by date, the occurrences in the window that are cancelled
// or changed, and the days the centre closes. An occurrence is listed under
// the date it was planned on, which is the date residents know it by.
func (p *plan) changes() []change {
	lang := p.cfg.Language
	var out []change
	for d := p.cal.window.From; !d.After(p.cal.window.Until); d = d.AddDays(1) {
		for _, o := range p.cal.byDate[d] {
			if o.Status == schedule.Scheduled {
				continue
			}
			a := p.cal.acts[o.Slug]
			orig := schedule.DateOf(o.Original())
			v := &render.Change{
				ID:    "o-" + o.Slug + "-" + orig.String(),
				Title: a.Title, URL: p.cfg.Link(p.activityPath(a)),
				Date:   schedule.FormatDate(orig, lang),
				Status: o.Status.String(), Reason: o.Note(),
			}
			when := schedule.FormatInterval(schedule.Interval{Start: clockOf(o.Start), End: clockOf(o.End)}, lang)
			switch o.Status {
			case schedule.Cancelled:
				v.Label = p.theme.T("cancelled")
				v.Time = when
			case schedule.Changed:
				v.Label = p.theme.T("changed")
				if d != orig {
					v.What = append(v.What, p.theme.T("change_moved", schedule.FormatDate(d, lang), when))
				} else if clockOf(o.Start) != clockOf(o.Original()) {
					v.What = append(v.What, p.theme.T("change_time", when))
				} else {
					v.Time = when
				}
				if o.Room() != "" && o.Room() != a.Room {
					v.What = append(v.What, p.theme.T("change_room", o.Room()))
				}
			}
			out = append(out, change{view: v, day: orig, updated: o.Start, link: p.cfg.URL(p.activityPath(a))})
		}
	}
	if h := p.cal.hours; h != nil {
		for _, e := range h.Exceptions(p.cal.window) {
			if e.Kind != schedule.SourceClosed && e.Kind != schedule.SourceHoliday {
				continue
			}
			ev := p.exceptionView(e)
			reason := e.Reason
			if e.Holiday != nil && lang == "en" {
				reason = e.Holiday.NameEN
			}
			day := e.From
			if day.Before(p.cal.window.From) {
				day = p.cal.window.From
			}
			v := &render.Change{
				ID:    "c-" + e.From.String(),
				Title: p.theme.T("centre_closed"), Date: ev.When, Status: "closed",
				Label: p.theme.T("centre_closed"), Reason: reason,
				What: []string{p.theme.T("change_closed")},
			}
			out = append(out, change{view: v, day: day,
				updated: time.Date(e.From.Year, e.From.Month, e.From.Day, 0, 0, 0, 0, p.cfg.Location),
				link:    p.cfg.URL(p.changesPath()) + "#" + v.ID})
		}
	}
	rank := func(c change) int {
		if c.view.Status == "closed" {
			return 0
		}
		return 1
	}
	// Closures first on their day: they say why the day is empty.
	slices.SortStableFunc(out, func(a, b change) int {
		return cmp.Or(a.day.Compare(b.day), cmp.Compare(rank(a), rank(b)))
	})
	return out
}

// changesPage is /agenda/wijzigingen/.
func (p *plan) changesPage(w io.Writer) (diag.List, error) {
	pg := p.page("changes", p.theme.T("changes"), p.changesPath())
	pg.Feed = p.cfg.Link(p.changesPath() + "feed.xml")
	pg.FeedTitle = p.theme.T("changes") + " – " + p.cfg.Title
	pg.Changes = &render.Changes{Feed: pg.Feed, Agenda: p.cfg.Link(p.sectionPath(p.words.Agenda))}
	var group *render.ChangeDay
	for _, c := range p.changes() {
		title := schedule.FormatDate(c.day, p.cfg.Language)
		if group == nil || group.Title != title {
			group = &render.ChangeDay{ID: "d-" + c.day.String(), Title: title}
			pg.Changes.Days = append(pg.Changes.Days, group)
		}
		group.Items = append(group.Items, c.view)
	}
	return p.write(w, pg, nil)
}

// changesFeed is /agenda/wijzigingen/feed.xml: one entry for every
// cancellation, change and closure on the changes page. Its times are those
// of the occurrences, so the same content gives the same feed.
func (p *plan) changesFeed() ([]byte, diag.List, error) {
	f := &feed.Feed{
		ID:     p.id(p.changesPath()),
		Title:  p.theme.T("changes") + " – " + p.cfg.Title,
		Self:   p.cfg.URL(p.changesPath() + "feed.xml"),
		Link:   p.cfg.URL(p.changesPath()),
		Author: p.cfg.Title,
	}
	for _, c := range p.changes() {
		v := c.view
		title := v.Label + ": " + v.Title + ", " + v.Date
		if v.Status == "closed" {
			title = v.Label + ": " + v.Date
		}
		var text []string
		if v.Time != "" {
			text = append(text, v.Time+".")
		}
		if v.Reason != "" {
			text = append(text, sentence(v.Reason))
		}
		text = append(text, v.What...)
		id := p.id(p.changesPath() + v.ID + "/")
		if p.cfg.Absolute() {
			id = p.cfg.URL(p.changesPath()) + "#" + v.ID
		}
		f.Entries = append(f.Entries, feed.Entry{
			ID: id, Title: title, Link: c.link,
			Published: c.updated, Updated: c.updated, Summary: strings.Join(text, " "),
		})
		if c.updated.After(f.Updated) {
			f.Updated = c.updated
		}
	}
	if f.Updated.IsZero() {
		f.Updated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	data, err := f.Marshal()
	return data, nil, err
}

// sentence ends s with a full stop unless it ends with a mark already.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}
