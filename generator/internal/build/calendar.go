package build

import (
	"strings"
	"sync"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/ical"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// horizonDays is how far ahead an activity's next dates and the iCalendar
// exceptions are computed.
const horizonDays = 400

// calendar holds every occurrence the site shows, computed once per build.
type calendar struct {
	loc     *time.Location
	today   schedule.Date
	window  schedule.Window // the calendar: today and calendar.weeks weeks
	span    schedule.Window // the window widened to whole weeks and months, and the horizon
	hours   *schedule.Hours
	all     []schedule.Occurrence // in span, sorted by start and slug
	byDate  map[schedule.Date][]schedule.Occurrence
	bySlug  map[string][]schedule.Occurrence
	acts    map[string]*content.Activity
	actList []schedule.Activity

	mu     sync.Mutex
	days   map[schedule.Date]*render.Day // day views made so far
	events map[string][]ical.Event       // iCalendar events of each activity made so far
}

func newCalendar(site *content.Site, today schedule.Date, weeks int, loc *time.Location) *calendar {
	c := &calendar{loc: loc, today: today, byDate: map[schedule.Date][]schedule.Occurrence{},
		days: map[schedule.Date]*render.Day{}, events: map[string][]ical.Event{},
		bySlug: map[string][]schedule.Occurrence{}, acts: map[string]*content.Activity{}}
	c.window = schedule.Window{From: today, Until: today.AddDays(7*weeks - 1)}
	from := mondayOf(today)
	if first := (schedule.Date{Year: today.Year, Month: today.Month, Day: 1}); first.Before(from) {
		from = first
	}
	until := today.AddDays(horizonDays)
	if end := endOfMonth(c.window.Until); end.After(until) {
		until = end
	}
	c.span = schedule.Window{From: from, Until: until}
	if site.Hours != nil {
		c.hours = site.Hours.Hours
	}
	for _, a := range site.Activities {
		c.acts[a.Slug] = a
		c.actList = append(c.actList, a.Schedule())
	}
	c.all = schedule.Expand(c.actList, c.hours, c.span, loc)
	for _, o := range c.all {
		d := schedule.DateOf(o.Start)
		c.byDate[d] = append(c.byDate[d], o)
		if !d.Before(today) {
			c.bySlug[o.Slug] = append(c.bySlug[o.Slug], o)
		}
	}
	return c
}

// inWindow returns the occurrences that start in the calendar window.
func (c *calendar) inWindow() []schedule.Occurrence {
	var out []schedule.Occurrence
	for _, o := range c.all {
		if c.window.Contains(schedule.DateOf(o.Start)) {
			out = append(out, o)
		}
	}
	return out
}

func mondayOf(d schedule.Date) schedule.Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

func endOfMonth(d schedule.Date) schedule.Date {
	first := schedule.Date{Year: d.Year, Month: d.Month, Day: 1}
	if d.Month == time.December {
		return schedule.Date{Year: d.Year + 1, Month: time.January, Day: 1}.AddDays(-1)
	}
	return schedule.Date{Year: first.Year, Month: first.Month + 1, Day: 1}.AddDays(-1)
}

// isoWeek returns the ISO year and week of d.
func isoWeek(d schedule.Date) (int, int) {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).ISOWeek()
}

// occurrenceView turns an occurrence into what pages show.
func (p *plan) occurrenceView(o schedule.Occurrence) *render.Occurrence {
	a := p.cal.acts[o.Slug]
	lang := p.cfg.Language
	room := a.Room
	if o.Room != "" {
		room = o.Room
	}
	d := schedule.DateOf(o.Start)
	v := &render.Occurrence{
		Title: a.Title, URL: p.cfg.Link(p.activityPath(a)),
		Time:  schedule.FormatInterval(schedule.Interval{Start: clockOf(o.Start), End: clockOf(o.End)}, lang),
		Start: o.Start.Format(time.RFC3339), End: o.End.Format(time.RFC3339),
		Room: room, Free: a.Free(), Cost: a.Cost, WalkIn: a.WalkIn(),
		Status: string(o.Status), Note: o.Note,
		Date: schedule.FormatDate(d, lang),
	}
	if od := schedule.DateOf(o.Original); od != d {
		v.MovedFrom = schedule.FormatDate(od, lang)
		v.Moved = p.theme.T("moved_from", v.MovedFrom)
	}
	switch o.Status {
	case schedule.Cancelled:
		v.Cancelled, v.Label = true, p.theme.T("cancelled")
	case schedule.Changed:
		v.Changed, v.Label = true, p.theme.T("changed")
	}
	if v.Label != "" && o.Note != "" {
		v.Label += ": " + o.Note
	}
	var facts []string
	if room != "" {
		facts = append(facts, room)
	}
	if v.WalkIn {
		facts = append(facts, p.theme.T("walk_in"))
	} else {
		facts = append(facts, p.theme.T("signup_needed"))
	}
	if v.Free {
		facts = append(facts, p.theme.T("free"))
	} else if v.Cost != "" {
		facts = append(facts, v.Cost)
	}
	v.Facts = strings.Join(facts, " · ")
	return v
}

func clockOf(t time.Time) schedule.Clock { return schedule.At(t.Hour(), t.Minute()) }

// dayView returns the view of one date with its occurrences. Views are
// made once and shared by the agenda, week, month and home pages.
func (p *plan) dayView(d schedule.Date) *render.Day {
	p.cal.mu.Lock()
	defer p.cal.mu.Unlock()
	if v, ok := p.cal.days[d]; ok {
		return v
	}
	v := p.makeDayView(d)
	p.cal.days[d] = v
	return v
}

func (p *plan) makeDayView(d schedule.Date) *render.Day {
	v := &render.Day{
		Date: d.String(), Title: schedule.FormatDate(d, p.cfg.Language), Short: itoa(d.Day),
		Today: d == p.today, InWindow: p.cal.window.Contains(d),
	}
	if h := p.cal.hours; h != nil && h.ClosedOn(d) {
		day := h.On(d)
		v.Closed = day.Reason
		if day.Holiday != nil && p.cfg.Language == "en" {
			v.Closed = day.Holiday.NameEN
		}
		if v.Closed == "" {
			v.Closed = p.theme.T("closed")
		}
	}
	for _, o := range p.cal.byDate[d] {
		v.Occurrences = append(v.Occurrences, p.occurrenceView(o))
	}
	return v
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
