package build

import (
	"fmt"
	"slices"

	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// weekID returns "2026-W48" for the ISO week of d.
func weekID(d schedule.Date) string {
	y, w := isoWeek(d)
	return fmt.Sprintf("%d-W%02d", y, w)
}

func monthID(d schedule.Date) string { return fmt.Sprintf("%d-%02d", d.Year, int(d.Month)) }

func (p *plan) weekPath(monday schedule.Date) string {
	return "/" + p.words.Agenda + "/week/" + weekID(monday) + "/"
}

func (p *plan) monthPath(first schedule.Date) string {
	return "/" + p.words.Agenda + "/" + monthID(first) + "/"
}

// weeks returns the Monday of every ISO week the window touches.
func (p *plan) weeks() []schedule.Date {
	var out []schedule.Date
	for m := mondayOf(p.cal.window.From); !m.After(p.cal.window.Until); m = m.AddDays(7) {
		out = append(out, m)
	}
	return out
}

// months returns the first day of every month the window touches.
func (p *plan) months() []schedule.Date {
	var out []schedule.Date
	w := p.cal.window
	for m := (schedule.Date{Year: w.From.Year, Month: w.From.Month, Day: 1}); !m.After(w.Until); m = endOfMonth(m).AddDays(1) {
		out = append(out, m)
	}
	return out
}

func (p *plan) calendarLinks() (weeks, months []render.Link) {
	for _, m := range p.weeks() {
		_, n := isoWeek(m)
		weeks = append(weeks, render.Link{Title: p.theme.T("week_n", n), URL: p.cfg.Link(p.weekPath(m))})
	}
	for _, m := range p.months() {
		months = append(months, render.Link{Title: p.monthName(m), URL: p.cfg.Link(p.monthPath(m))})
	}
	return weeks, months
}

func (p *plan) monthName(first schedule.Date) string {
	return schedule.MonthName(first.Month, p.cfg.Language) + " " + itoa(first.Year)
}

// agendaDays is how many days /agenda/ shows, today first: a page a phone
// loads quickly however many activities there are. The week and month
// pages show the rest of the window.
const agendaDays = 14

// agendaUntil is the last day /agenda/ shows.
func (p *plan) agendaUntil() schedule.Date {
	until := p.cal.window.From.AddDays(agendaDays - 1)
	if until.After(p.cal.window.Until) {
		until = p.cal.window.Until
	}
	return until
}

// agenda is /agenda/: every day of the coming two weeks with something on
// it, and links to the week and month pages of the whole window.
func (p *plan) agenda() ([]byte, diag.List, error) {
	pg := p.page("agenda", p.theme.T("agenda"), p.sectionPath(p.words.Agenda))
	cal := &render.Calendar{ICS: p.cfg.Link("/agenda.ics"), Subscribe: p.subscribe("/agenda.ics", p.calendarName(nil))}
	for d := p.cal.window.From; !d.After(p.agendaUntil()); d = d.AddDays(1) {
		if len(p.cal.byDate[d]) > 0 || p.closedReason(d) != "" {
			v, err := p.daySection(d)
			if err != nil {
				return nil, nil, err
			}
			cal.Days = append(cal.Days, v)
		}
	}
	cal.Weeks, cal.Months = p.calendarLinks()
	pg.Calendar = cal
	pg.Script = pageScript
	return p.render(pg, nil)
}

// week is /agenda/week/YYYY-Www/: one week, to print and hang on the door.
func (p *plan) week(monday schedule.Date) ([]byte, diag.List, error) {
	y, n := isoWeek(monday)
	sunday := monday.AddDays(6)
	title := p.theme.T("week_title", n, schedule.FormatDayMonthYear(monday, p.cfg.Language), schedule.FormatDayMonthYear(sunday, p.cfg.Language))
	pg := p.page("week", title, p.weekPath(monday))
	pg.PosterLink = p.cfg.Link(p.weekPosterPath(monday))
	w := &render.Week{ID: fmt.Sprintf("%d-W%02d", y, n), Title: title}
	for i := range 7 {
		v, err := p.daySection(monday.AddDays(i))
		if err != nil {
			return nil, nil, err
		}
		w.Days = append(w.Days, v)
	}
	weekName := func(m schedule.Date) string { _, n := isoWeek(m); return p.theme.T("week_n", n) }
	w.Prev, w.PrevName, w.Next, w.NextName = p.neighbours(p.weeks(), monday, p.weekPath, weekName)
	pg.Calendar = &render.Calendar{Week: w, ICS: p.cfg.Link("/agenda.ics")}
	pg.Script = pageScript
	return p.render(pg, nil)
}

// month is /agenda/YYYY-MM/: one month as a grid, Monday first.
func (p *plan) month(first schedule.Date) ([]byte, diag.List, error) {
	title := p.monthName(first)
	pg := p.page("month", title, p.monthPath(first))
	m := &render.Month{ID: monthID(first), Title: title, Heads: p.weekdayNames()}
	last := endOfMonth(first)
	for mon := mondayOf(first); !mon.After(last); mon = mon.AddDays(7) {
		row := make([]*render.Day, 7)
		for i := range 7 {
			if d := mon.AddDays(i); d.Month == first.Month {
				v, err := p.monthCell(d)
				if err != nil {
					return nil, nil, err
				}
				row[i] = v
			}
		}
		m.Weeks = append(m.Weeks, row)
	}
	m.Prev, m.PrevName, m.Next, m.NextName = p.neighbours(p.months(), first, p.monthPath, p.monthName)
	pg.Calendar = &render.Calendar{Month: m, ICS: p.cfg.Link("/agenda.ics")}
	pg.Script = pageScript
	return p.render(pg, nil)
}

// weekdayNames are the column heads of a month grid, Monday first.
func (p *plan) weekdayNames() []string {
	var out []string
	for i := range 7 {
		out = append(out, p.theme.T("day."+itoa((i+1)%7)))
	}
	return out
}

// pageScript is the inline script of the pages that show dates.
var pageScript = render.TodayScript

// neighbours returns the links to the pages before and after cur in list,
// and their names; "" where there is none.
func (p *plan) neighbours(list []schedule.Date, cur schedule.Date, path, name func(schedule.Date) string) (prev, prevName, next, nextName string) {
	i := slices.Index(list, cur)
	if i > 0 {
		prev, prevName = p.cfg.Link(path(list[i-1])), name(list[i-1])
	}
	if i >= 0 && i+1 < len(list) {
		next, nextName = p.cfg.Link(path(list[i+1])), name(list[i+1])
	}
	return prev, prevName, next, nextName
}
