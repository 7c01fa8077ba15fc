package build

import (
	"html/template"
	"io"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// The pages of the dates: /agenda/dag/2026-12-01/ for every date of the
// week pages, with everything on that date; a busy date is cut into pages
// of dayPageItems, /agenda/dag/2026-12-01/pagina/2/. A week page lists at
// most weekDayItems of a date and links here for the rest. The first page
// of every date is there whatever the calendar holds; the further pages
// are made once the calendar is worked out (see kind.later).
var _ = register(kind{name: "day",
	routes: func(p *plan) []route {
		var rs []route
		for _, d := range p.dates() {
			rs = append(rs, p.dateRoute(d, 1))
		}
		return rs
	},
	later: func(p *plan) []route {
		var rs []route
		for _, d := range p.dates() {
			for n := 2; n <= p.datePages(d); n++ {
				rs = append(rs, p.dateRoute(d, n))
			}
		}
		return rs
	},
})

func (p *plan) dateRoute(d schedule.Date, n int) route {
	return route{path: indexPath(p.datePath(d, n)), inputs: []input{anyActivity, fileInput(content.HoursFile)},
		make: func(w io.Writer) (diag.List, error) { return p.date(w, d, n) }}
}

// weekDayItems is how many activities a week page lists on one date: a
// day that fits on a phone's screen. A busier date shows its first ones
// and links to its own page for the rest, so that a week with hundreds of
// activities still makes a page a cheap phone loads quickly: seven full
// days of activities with long names, rooms and prices come to about
// 20 KB of HTML, under the 30 KB that page and its style sheet may weigh.
const weekDayItems = 6

// dayPageItems is how many activities one page of a date lists; a date
// with more has further pages.
const dayPageItems = 50

// dates returns every date of the week pages, Monday to Sunday: each has
// a page, so a link from a week page always leads somewhere.
func (p *plan) dates() []schedule.Date {
	var out []schedule.Date
	for _, m := range p.weeks() {
		for i := range 7 {
			out = append(out, m.AddDays(i))
		}
	}
	return out
}

// datePages returns how many pages date d has: one at least, which says
// when nothing is on.
func (p *plan) datePages(d schedule.Date) int {
	return max(1, (len(p.cal.byDate[d])+dayPageItems-1)/dayPageItems)
}

// datePath returns the path of page n (from 1) of date d:
// /agenda/dag/2026-12-01/, then /agenda/dag/2026-12-01/pagina/2/.
func (p *plan) datePath(d schedule.Date, n int) string {
	u := "/" + p.words.Agenda + "/" + p.words.Day + "/" + d.String() + "/"
	if n > 1 {
		u += p.words.Page + "/" + itoa(n) + "/"
	}
	return u
}

// dayMonth writes d as a link to it reads: "dinsdag 1 december".
func (p *plan) dayMonth(d schedule.Date) string {
	return schedule.WeekdayName(d.Weekday(), p.cfg.Language) + " " + itoa(d.Day) + " " + schedule.MonthName(d.Month, p.cfg.Language)
}

// dayPart returns the view of date d with only its occurrences from i up
// to j. Only those are rendered: a busy date's pages each show a part.
func (p *plan) dayPart(d schedule.Date, i, j int) (*render.Day, error) {
	return p.dayOf(d, p.cal.byDate[d][i:j], false)
}

// weekDay returns date d as a week page shows it: whole, or its first
// weekDayItems with a link to the date's page for the rest.
func (p *plan) weekDay(d schedule.Date) (*render.Day, error) {
	n := len(p.cal.byDate[d])
	if n <= weekDayItems {
		return p.daySection(d)
	}
	h, err := p.frags.html.get("_day.html week "+p.dayKey(d), func() (template.HTML, error) {
		v, err := p.dayPart(d, 0, weekDayItems)
		if err != nil {
			return "", err
		}
		v.More, v.MoreText = p.moreOn(d, n-weekDayItems)
		return p.theme.Fragment("_day.html", v)
	})
	return &render.Day{Date: d.String(), HTML: h}, err
}

// moreOn returns the link to the page of date d, and its text, for a
// list of that day that leaves out left of its activities.
func (p *plan) moreOn(d schedule.Date, left int) (link, text string) {
	link = p.cfg.Link(p.datePath(d, 1))
	if left == 1 {
		return link, p.theme.T("day_more_one", p.dayMonth(d))
	}
	return link, p.theme.T("day_more", left, p.dayMonth(d))
}

// date is page n of date d: what is on that day, in order of time, with
// links to the days before and after and to the week.
func (p *plan) date(w io.Writer, d schedule.Date, n int) (diag.List, error) {
	total, all := p.datePages(d), len(p.cal.byDate[d])
	title := p.theme.T("day_title", schedule.FormatDate(d, p.cfg.Language))
	pg := p.page("day", title, p.datePath(d, n))
	if n > 1 {
		pg.Title = p.theme.T("title_page", title, n)
	}
	v, err := p.dayPart(d, min((n-1)*dayPageItems, all), min(n*dayPageItems, all))
	if err != nil {
		return nil, err
	}
	_, week := isoWeek(d)
	dp := &render.DayPage{Day: v, Week: p.cfg.Link(p.weekPath(mondayOf(d))), WeekName: p.theme.T("day_week", week)}
	first := func(d schedule.Date) string { return p.datePath(d, 1) }
	dp.Prev, dp.PrevName, dp.Next, dp.NextName = p.neighbours(p.dates(), d, first, p.dayMonth)
	if total > 1 {
		pager := &render.Pager{Number: n, Total: total, Label: p.theme.T("page_of", n, total)}
		if n > 1 {
			pager.Prev = p.cfg.Link(p.datePath(d, n-1))
		}
		if n < total {
			pager.Next = p.cfg.Link(p.datePath(d, n+1))
		}
		pg.Pager = pager
	}
	pg.Calendar = &render.Calendar{Day: dp, ICS: p.cfg.Link("/agenda.ics")}
	pg.Script = pageScript
	return p.write(w, pg, nil)
}
