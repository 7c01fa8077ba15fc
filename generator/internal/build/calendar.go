package build

import (
	"html/template"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/ical"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// horizonDays is how far ahead an activity's next dates and the iCalendar
// exceptions are computed.
const horizonDays = 400

// calendar holds the occurrences the calendar pages show, computed once per
// build and, for activities that did not change, taken over from the last
// build. Each occurrence is stored once, in its activity's list; the lists
// by date hold pointers into those. Only the dates the pages show are kept:
// what lies further ahead, up to horizonDays (an activity's next dates when
// the calendar has too few, the exceptions of its iCalendar file), is
// expanded for one activity when it is asked for, and not kept.
type calendar struct {
	loc    *time.Location
	today  schedule.Date
	window schedule.Window // the calendar: today and calendar.weeks weeks
	shown  schedule.Window // the window widened to whole weeks and months: the dates pages show
	span   schedule.Window // shown, widened to the horizon: an activity's next dates, the iCalendar files
	hours  *schedule.Hours
	acts   map[string]*content.Activity
	order  []string                                 // slugs, sorted
	occ    map[string][]schedule.Occurrence         // by slug, in shown, sorted by start
	byDate map[schedule.Date][]*schedule.Occurrence // into occ, sorted by start and slug
	// gen tells, for every date, in which build its occurrences were last
	// worked out: pieces of pages made for a date in that build still hold.
	gen     map[schedule.Date]uint64
	current uint64 // this build's number

	// far expands one activity over span, bare one rule over the horizon
	// of the iCalendar files without opening hours; made when first used.
	farOnce, bareOnce sync.Once
	far, bare         *schedule.Expander

	mu     sync.Mutex
	events map[string][]ical.Event // iCalendar events of each activity made so far

	urls   sync.Map // slug -> the link to the activity's page, as occurrences show it
	pieces sync.Map // slug -> *actPieces
}

// activityURL returns the link to the page of activity a, worked out once
// for its many occurrences.
func (c *calendar) activityURL(p *plan, a *content.Activity) string {
	if u, ok := c.urls.Load(a.Slug); ok {
		return u.(string)
	}
	u := p.cfg.Link(p.activityPath(a))
	c.urls.Store(a.Slug, u)
	return u
}

func newCalendar(site *content.Site, today schedule.Date, weeks int, loc *time.Location) *calendar {
	c := &calendar{loc: loc, today: today, byDate: map[schedule.Date][]*schedule.Occurrence{},
		events: map[string][]ical.Event{},
		occ:    map[string][]schedule.Occurrence{}, acts: map[string]*content.Activity{},
		gen: map[schedule.Date]uint64{}}
	c.window = schedule.Window{From: today, Until: today.AddDays(7*weeks - 1)}
	from := mondayOf(today)
	if first := (schedule.Date{Year: today.Year, Month: today.Month, Day: 1}); first.Before(from) {
		from = first
	}
	// The last week page ends on a Sunday, the last month page at the end
	// of its month.
	until := endOfMonth(c.window.Until)
	if sunday := mondayOf(c.window.Until).AddDays(6); sunday.After(until) {
		until = sunday
	}
	c.shown = schedule.Window{From: from, Until: until}
	c.span = c.shown
	if h := today.AddDays(horizonDays); h.After(c.span.Until) {
		c.span.Until = h
	}
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
	x := schedule.NewExpander(c.hours, c.shown, c.loc)
	if prev == nil || prev.shown != c.shown || prev.span != c.span || prev.today != c.today {
		// An activity at a time, on every core: nothing else runs now.
		lists := make([][]schedule.Occurrence, len(c.order))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), 1+len(c.order)/64) {
			wg.Go(func() {
				for i := int(next.Add(1) - 1); i < len(c.order); i = int(next.Add(1) - 1) {
					lists[i] = x.Expand([]schedule.Activity{c.acts[c.order[i]].Schedule()})
				}
			})
		}
		wg.Wait()
		for i, slug := range c.order {
			c.occ[slug] = lists[i]
		}
		c.index(c.order)
		for d := c.shown.From; !d.After(c.shown.Until); d = d.AddDays(1) {
			c.gen[d] = c.current
		}
		return
	}
	// Take over every date's list, then redo the dates that an activity that
	// changed, came or went had or has occurrences on.
	redo := map[schedule.Date]bool{}
	for slug, list := range prev.occ {
		if _, ok := c.acts[slug]; !ok {
			for _, o := range list {
				redo[schedule.DateOf(o.Start)] = true
			}
		}
	}
	fresh := map[string]bool{} // expanded again
	for _, slug := range c.order {
		if list, ok := prev.occ[slug]; ok && !changed(slug) {
			c.occ[slug] = list
			if evs, ok := prev.events[slug]; ok {
				c.events[slug] = evs
			}
			continue
		}
		for _, o := range prev.occ[slug] {
			redo[schedule.DateOf(o.Start)] = true
		}
		fresh[slug] = true
		c.occ[slug] = x.Expand([]schedule.Activity{c.acts[slug].Schedule()})
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
	// The lists of the dates to redo, from every activity that has
	// occurrences on one of them: one expanded again, or one that had
	// them in the last build.
	for d := range redo {
		for _, o := range prev.byDate[d] {
			fresh[o.Slug] = true
		}
	}
	var slugs []string
	for _, slug := range c.order {
		if fresh[slug] && slices.ContainsFunc(c.occ[slug], func(o schedule.Occurrence) bool { return redo[schedule.DateOf(o.Start)] }) {
			slugs = append(slugs, slug)
		}
	}
	c.index(slugs, redo)
}

// index makes the lists by date from the occurrences of slugs, which are
// sorted; with only, the lists of those dates alone.
func (c *calendar) index(slugs []string, only ...map[schedule.Date]bool) {
	keep := func(d schedule.Date) bool { return len(only) == 0 || only[0][d] }
	// Count first, so that every list is a piece of one array.
	count := map[schedule.Date]int{}
	total := 0
	for _, slug := range slugs {
		for _, o := range c.occ[slug] {
			if d := schedule.DateOf(o.Start); keep(d) {
				count[d]++
				total++
			}
		}
	}
	all := make([]*schedule.Occurrence, 0, total)
	for d := c.shown.From; !d.After(c.shown.Until); d = d.AddDays(1) {
		if n := count[d]; n > 0 {
			c.byDate[d] = all[len(all) : len(all) : len(all)+n]
			all = all[:len(all)+n]
		}
	}
	for _, slug := range slugs {
		list := c.occ[slug]
		for i := range list {
			if d := schedule.DateOf(list[i].Start); keep(d) {
				c.byDate[d] = append(c.byDate[d], &list[i])
			}
		}
	}
	// Within a date, by start; slugs came in order, and so did each
	// activity's own occurrences, which a stable sort keeps.
	// A date at a time, on every core.
	lists := make([][]*schedule.Occurrence, 0, len(count))
	for d := range count {
		lists = append(lists, c.byDate[d])
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), 1+len(lists)/8) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(lists); i = int(next.Add(1) - 1) {
				slices.SortStableFunc(lists[i], func(a, b *schedule.Occurrence) int { return a.Start.Compare(b.Start) })
			}
		})
	}
	wg.Wait()
}

// generation returns the number of the build that last worked out the
// occurrences of d.
func (c *calendar) generation(d schedule.Date) uint64 {
	if g, ok := c.gen[d]; ok {
		return g
	}
	return c.current
}

// upcoming returns the first n occurrences of one activity from today on,
// up to horizonDays ahead; all of them when n < 0. Those the calendar
// holds are not copied; when it holds fewer, the activity is expanded
// again up to the horizon, and the result is not kept.
func (c *calendar) upcoming(slug string, n int) []schedule.Occurrence {
	list := fromToday(c.occ[slug], c.today)
	if n >= 0 && len(list) >= n {
		return list[:n:n]
	}
	a, ok := c.acts[slug]
	if !ok {
		return nil
	}
	c.farOnce.Do(func() { c.far = schedule.NewExpander(c.hours, c.span, c.loc) })
	list = fromToday(c.far.Expand([]schedule.Activity{a.Schedule()}), c.today)
	if n >= 0 && len(list) > n {
		list = list[:n:n]
	}
	return list
}

// fromToday returns the occurrences of list, sorted by start, from today on.
func fromToday(list []schedule.Occurrence, today schedule.Date) []schedule.Occurrence {
	i, _ := slices.BinarySearchFunc(list, today, func(o schedule.Occurrence, d schedule.Date) int {
		return schedule.DateOf(o.Start).Compare(d)
	})
	for i > 0 && !schedule.DateOf(list[i-1].Start).Before(today) {
		i--
	}
	return list[i:]
}

// icsUntil is the last date the iCalendar files are about: the horizon,
// or the end of the month the window ends in.
func (c *calendar) icsUntil() schedule.Date {
	until := c.today.AddDays(horizonDays)
	if end := endOfMonth(c.window.Until); end.After(until) {
		until = end
	}
	return until
}

// bareExpander expands rules over the horizon of the iCalendar files,
// from the first day of the calendar on, without opening hours.
func (c *calendar) bareExpander() *schedule.Expander {
	c.bareOnce.Do(func() {
		horizon := schedule.Window{From: c.window.From, Until: c.window.From.AddDays(horizonDays)}
		c.bare = schedule.NewExpander(nil, horizon, c.loc)
	})
	return c.bare
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
	if o.Room() != "" {
		room = o.Room()
	}
	d := schedule.DateOf(o.Start)
	v := &render.Occurrence{
		Title: a.Title, URL: p.cal.activityURL(p, a),
		Time:  schedule.FormatInterval(schedule.Interval{Start: clockOf(o.Start), End: clockOf(o.End)}, lang),
		Start: o.Start.Format(time.RFC3339), End: o.End.Format(time.RFC3339),
		Room: room, Free: a.Free(), Cost: a.Cost, WalkIn: a.WalkIn(),
		Status: o.Status.String(), Note: o.Note(),
		Date: schedule.FormatDate(d, lang),
	}
	if od := schedule.DateOf(o.Original()); od != d {
		v.MovedFrom = schedule.FormatDate(od, lang)
		v.Moved = p.theme.T("moved_from", v.MovedFrom)
	}
	switch o.Status {
	case schedule.Cancelled:
		v.Cancelled, v.Label = true, p.theme.T("cancelled")
	case schedule.Changed:
		v.Changed, v.Label = true, p.theme.T("changed")
	}
	if v.Label != "" && o.Note() != "" {
		v.Label += ": " + o.Note()
	}
	v.Facts = p.facts(room, a)
	return v
}

func clockOf(t time.Time) schedule.Clock { return schedule.At(t.Hour(), t.Minute()) }

// dayView returns the view of one date with its occurrences: their list
// items of a month cell (CellItems) when cell is set, else those of the
// agenda, week and home pages (Items). It is not kept: the pieces of pages
// made from it are (see dayFragment), and so are the occurrences' own (see
// occurrenceItem).
func (p *plan) dayView(d schedule.Date, cell bool) (*render.Day, error) {
	return p.dayOf(d, p.cal.byDate[d], cell)
}

// dayOf returns the view of date d with the occurrences occs, as dayView
// says.
func (p *plan) dayOf(d schedule.Date, occs []*schedule.Occurrence, cell bool) (*render.Day, error) {
	v := &render.Day{
		Date: d.String(), Title: schedule.FormatDate(d, p.cfg.Language), Short: itoa(d.Day),
		Today: d == p.today, InWindow: p.cal.window.Contains(d), Closed: p.closedReason(d),
	}
	if len(occs) == 0 {
		return v, nil
	}
	// One array for the views, and the items joined once their length is
	// known: a busy day has a thousand.
	views := make([]render.Occurrence, len(occs))
	v.Occurrences = make([]*render.Occurrence, len(occs))
	if p.theme.Builtin(occurrenceLayout(cell)) {
		// Written by hand into one string, which each view's item is a
		// part of.
		bp := itemBuffers.Get().(*[]byte)
		b := (*bp)[:0]
		ends := make([]int, len(occs))
		for i, o := range occs {
			if i > 0 {
				b = append(b, '\n')
			}
			b = p.appendOccurrence(b, o, cell)
			ends[i] = len(b)
		}
		items := template.HTML(b) // #nosec: escaped as html/template does
		if cap(b) <= maxItemBuffer {
			*bp = b
			itemBuffers.Put(bp)
		}
		start := 0
		for i := range views {
			if cell {
				views[i].Cell = items[start:ends[i]]
			} else {
				views[i].HTML = items[start:ends[i]]
			}
			v.Occurrences[i] = &views[i]
			start = ends[i] + 1
		}
		if cell {
			v.CellItems = items
		} else {
			v.Items = items
		}
		return v, nil
	}
	size := len(occs) - 1
	for i, o := range occs {
		h, err := p.occurrenceItem(*o, cell)
		if err != nil {
			return nil, err
		}
		if cell {
			views[i].Cell = h
		} else {
			views[i].HTML = h
		}
		v.Occurrences[i] = &views[i]
		size += len(h)
	}
	var items strings.Builder
	items.Grow(size)
	for i := range views {
		if i > 0 {
			items.WriteByte('\n')
		}
		items.WriteString(string(views[i].HTML + views[i].Cell))
	}
	// #nosec: pieces rendered by html/template
	if cell {
		v.CellItems = template.HTML(items.String())
	} else {
		v.Items = template.HTML(items.String())
	}
	return v, nil
}

// itemBuffers hold a day's items while they are written, until they are
// copied into one string of their length.
var itemBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxItemBuffer is the largest buffer itemBuffers keep: that of a busy day.
const maxItemBuffer = 1 << 20

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
