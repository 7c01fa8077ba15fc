package build

import (
	"fmt"
	"io"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// The month pages: /agenda/YYYY-MM/ for every month the calendar touches.
var _ = register(kind{name: "month", routes: func(p *plan) []route {
	var rs []route
	for _, m := range p.months() {
		rs = append(rs, route{path: indexPath(p.monthPath(m)), inputs: []input{anyActivity, fileInput(content.HoursFile)},
			make: func(w io.Writer) (diag.List, error) { return p.month(w, m) }})
	}
	return rs
}})

func monthID(d schedule.Date) string { return fmt.Sprintf("%d-%02d", d.Year, int(d.Month)) }

func (p *plan) monthPath(first schedule.Date) string {
	return "/" + p.words.Agenda + "/" + monthID(first) + "/"
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

func (p *plan) monthName(first schedule.Date) string {
	return schedule.MonthName(first.Month, p.cfg.Language) + " " + itoa(first.Year)
}

// month is /agenda/YYYY-MM/: one month as a grid, Monday first.
func (p *plan) month(w io.Writer, first schedule.Date) (diag.List, error) {
	title := p.monthName(first)
	pg := p.page("month", title, p.monthPath(first))
	m := &render.Month{ID: monthID(first), Title: title, Heads: p.weekdayNames()}
	last := endOfMonth(first)
	for mon := mondayOf(first); !mon.After(last); mon = mon.AddDays(7) {
		row := make([]*render.Day, 7)
		for i := range 7 {
			if d := mon.AddDays(i); d.Month == first.Month {
				row[i] = p.monthCell(d)
			}
		}
		m.Weeks = append(m.Weeks, row)
	}
	m.Prev, m.PrevName, m.Next, m.NextName = p.neighbours(p.months(), first, p.monthPath, p.monthName)
	pg.Calendar = &render.Calendar{Month: m, ICS: p.cfg.Link("/agenda.ics")}
	pg.Script = pageScript
	return p.write(w, pg, nil)
}

// weekdayNames are the column heads of a month grid, Monday first.
func (p *plan) weekdayNames() []string {
	var out []string
	for i := range 7 {
		out = append(out, p.theme.T("day."+itoa((i+1)%7)))
	}
	return out
}
