package build

import (
	"fmt"
	"io"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// The week pages: /agenda/week/YYYY-Www/ for every week the calendar
// touches, to print and hang on the door. A busy date lists its first
// activities and links to its own page (see kind_day.go).
var _ = register(kind{name: "week", routes: func(p *plan) []route {
	var rs []route
	for _, m := range p.weeks() {
		rs = append(rs, route{path: indexPath(p.weekPath(m)), inputs: []input{anyActivity, fileInput(content.HoursFile)},
			make: func(w io.Writer) (diag.List, error) { return p.week(w, m) }})
	}
	return rs
}})

// weekID returns "2026-W48" for the ISO week of d.
func weekID(d schedule.Date) string {
	y, w := isoWeek(d)
	return fmt.Sprintf("%d-W%02d", y, w)
}

func (p *plan) weekPath(monday schedule.Date) string {
	return "/" + p.words.Agenda + "/week/" + weekID(monday) + "/"
}

// weeks returns the Monday of every ISO week the window touches.
func (p *plan) weeks() []schedule.Date {
	var out []schedule.Date
	for m := mondayOf(p.cal.window.From); !m.After(p.cal.window.Until); m = m.AddDays(7) {
		out = append(out, m)
	}
	return out
}

// week is /agenda/week/YYYY-Www/: one week, to print and hang on the door.
func (p *plan) week(w io.Writer, monday schedule.Date) (diag.List, error) {
	y, n := isoWeek(monday)
	sunday := monday.AddDays(6)
	title := p.theme.T("week_title", n, schedule.FormatDayMonthYear(monday, p.cfg.Language), schedule.FormatDayMonthYear(sunday, p.cfg.Language))
	pg := p.page("week", title, p.weekPath(monday))
	pg.PosterLink = p.cfg.Link(p.weekPosterPath(monday))
	wk := &render.Week{ID: fmt.Sprintf("%d-W%02d", y, n), Title: title}
	for i := range 7 {
		v, err := p.weekDay(monday.AddDays(i))
		if err != nil {
			return nil, err
		}
		wk.Days = append(wk.Days, v)
	}
	weekName := func(m schedule.Date) string { _, n := isoWeek(m); return p.theme.T("week_n", n) }
	wk.Prev, wk.PrevName, wk.Next, wk.NextName = p.neighbours(p.weeks(), monday, p.weekPath, weekName)
	pg.Calendar = &render.Calendar{Week: wk, ICS: p.cfg.Link("/agenda.ics")}
	pg.Script = pageScript
	return p.write(w, pg, nil)
}
