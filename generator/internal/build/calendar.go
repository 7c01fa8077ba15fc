package build

import (
	"cmp"
	"html/template"
	"slices"
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

// calendar holds every occurrence the site shows, computed once per build
// and, for activities that did not change, taken over from the last build.
type calendar struct {
	loc    *time.Location
	today  schedule.Date
	window schedule.Window // the calendar: today and calendar.weeks weeks
	span   schedule.Window // the window widened to whole weeks and months, and the horizon
	hours  *schedule.Hours
	acts   map[string]*content.Activity
	order  []string                         // slugs, sorted
	occ    map[string][]schedule.Occurrence // by slug, in span, sorted by start
	byDate map[schedule.Date][]schedule.Occurrence
	// gen tells, for every date, in which build its occurrences were last
	// worked out: pieces of pages made for a date in that build still hold.
	gen     map[schedule.Date]uint64
	current uint64 // this build's number

	mu     sync.Mutex
	days   map[schedule.Date]*render.Day // day views made so far
	events map[string][]ical.Event       // iCalendar events of each activity made so far
}

func newCalendar(site *content.Site, today schedule.Date, weeks int, loc *time.Location) *calendar {
	c := &calendar{loc: loc, today: today, byDate: map[schedule.Date][]schedule.Occurrence{},
		days: map[schedule.Date]*render.Day{}, events: map[string][]ical.Event{},
		occ: map[string][]schedule.Occurrence{}, acts: map[string]*content.Activity{},
		gen: map[schedule.Date]uint64{}}
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
		c.order = append(c.order, a.Slug)
	}
	return c
}

// expand computes the occurrences. With prev, the last build's calendar for
// the same day and opening hours, the occurrences of every activity for
// which changed is false are taken over instead of computed again.
func (c *calendar) expand(prev *calendar, changed func(slug string) bool) {
	c.current = 1
	if prev != nil {
		c.current = prev.current + 1
	}
	if prev == nil || prev.span != c.span || prev.today != c.today {
		acts := make([]schedule.Activity, 0, len(c.order))
		for _, slug := range c.order {
			acts = append(acts, c.acts[slug].Schedule())
		}
		// Expand sorts by start and slug, so every list below is sorted too.
		for _, o := range schedule.Expand(acts, c.hours, c.span, c.loc) {
			c.occ[o.Slug] = append(c.occ[o.Slug], o)
			d := schedule.DateOf(o.Start)
			c.byDate[d] = append(c.byDate[d], o)
		}
		for d := c.span.From; !d.After(c.span.Until); d = d.AddDays(1) {
			c.gen[d] = c.current
		}
		return
	}
	// Take over every date's list, then redo the dates that an activity that
	// changed, came or went had or has occurrences on.
	redo := map[schedule.Date]bool{}
	gone := map[string]bool{}
	for slug := range prev.occ {
		if _, ok := c.acts[slug]; !ok {
			gone[slug] = true
			for _, o := range prev.occ[slug] {
				redo[schedule.DateOf(o.Start)] = true
			}
		}
	}
	fresh := map[string]bool{}
	for _, slug := range c.order {
		if list, ok := prev.occ[slug]; ok && !changed(slug) {
			c.occ[slug] = list
			if evs, ok := prev.events[slug]; ok {
				c.events[slug] = evs
			}
			continue
		}
		fresh[slug] = true
		for _, o := range prev.occ[slug] {
			redo[schedule.DateOf(o.Start)] = true
		}
		c.occ[slug] = schedule.Expand([]schedule.Activity{c.acts[slug].Schedule()}, c.hours, c.span, c.loc)
		for _, o := range c.occ[slug] {
			redo[schedule.DateOf(o.Start)] = true
		}
	}
	for d, list := range prev.byDate {
		if !redo[d] {
			c.byDate[d] = list
		}
	}
	for d, g := range prev.gen {
		if !redo[d] {
			c.gen[d] = g
		}
	}
	if len(redo) == 0 {
		c.days = prev.days // nothing an agenda day shows has changed
	}
	for d := range redo {
		var list []schedule.Occurrence
		for _, o := range prev.byDate[d] {
			if !fresh[o.Slug] && !gone[o.Slug] {
				list = append(list, o)
			}
		}
		for slug := range fresh {
			for _, o := range c.occ[slug] {
				if schedule.DateOf(o.Start) == d {
					list = append(list, o)
				}
			}
		}
		slices.SortFunc(list, func(a, b schedule.Occurrence) int {
			return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Slug, b.Slug))
		})
		if len(list) > 0 {
			c.byDate[d] = list
		}
	}
}

// generation returns the number of the build that last worked out the
// occurrences of d.
func (c *calendar) generation(d schedule.Date) uint64 {
	if g, ok := c.gen[d]; ok {
		return g
	}
	return c.current
}

// upcoming returns the occurrences of one activity from today on.
func (c *calendar) upcoming(slug string) []schedule.Occurrence {
	list := c.occ[slug]
	i, _ := slices.BinarySearchFunc(list, c.today, func(o schedule.Occurrence, d schedule.Date) int {
		return schedule.DateOf(o.Start).Compare(d)
	})
	for i > 0 && !schedule.DateOf(list[i-1].Start).Before(c.today) {
		i--
	}
	return list[i:]
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
func (p *plan) dayView(d schedule.Date) (*render.Day, error) {
	p.cal.mu.Lock()
	v, ok := p.cal.days[d]
	p.cal.mu.Unlock()
	if ok {
		return v, nil
	}
	v = &render.Day{
		Date: d.String(), Title: schedule.FormatDate(d, p.cfg.Language), Short: itoa(d.Day),
		Today: d == p.today, InWindow: p.cal.window.Contains(d), Closed: p.closedReason(d),
	}
	var items, cells strings.Builder
	for i, o := range p.cal.byDate[d] {
		item, err := p.occurrenceItems(o)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			items.WriteByte('\n')
			cells.WriteByte('\n')
		}
		items.WriteString(string(item.HTML))
		cells.WriteString(string(item.Cell))
		v.Occurrences = append(v.Occurrences, item)
	}
	// #nosec: pieces rendered by html/template
	v.Items, v.CellItems = template.HTML(items.String()), template.HTML(cells.String())
	p.cal.mu.Lock()
	p.cal.days[d] = v
	p.cal.mu.Unlock()
	return v, nil
}

// closedReason says why the centre is closed on d, or "" when it is not.
func (p *plan) closedReason(d schedule.Date) string {
	h := p.cal.hours
	if h == nil || !h.ClosedOn(d) {
		return ""
	}
	day := h.On(d)
	reason := day.Reason
	if day.Holiday != nil && p.cfg.Language == "en" {
		reason = day.Holiday.NameEN
	}
	if reason == "" {
		reason = p.theme.T("closed")
	}
	return reason
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
