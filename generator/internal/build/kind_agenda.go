package build

import (
	"io"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// The agenda: /agenda/, the coming two weeks day by day, with links to the
// week and month pages.
var _ = register(kind{name: "agenda", routes: func(p *plan) []route {
	return []route{{path: indexPath(p.sectionPath(p.words.Agenda)), make: p.agenda,
		inputs: []input{anyActivity, fileInput(content.HoursFile)}}}
}})

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
func (p *plan) agenda(w io.Writer) (diag.List, error) {
	pg := p.page("agenda", p.theme.T("agenda"), p.sectionPath(p.words.Agenda))
	cal := &render.Calendar{ICS: p.cfg.Link("/agenda.ics"), Subscribe: p.subscribe("/agenda.ics", p.calendarName(nil))}
	for d := p.cal.window.From; !d.After(p.agendaUntil()); d = d.AddDays(1) {
		if len(p.cal.byDate[d]) > 0 || p.closedReason(d) != "" {
			v, err := p.daySection(d)
			if err != nil {
				return nil, err
			}
			cal.Days = append(cal.Days, v)
		}
	}
	cal.Weeks, cal.Months = p.calendarLinks()
	pg.Calendar = cal
	pg.Script = pageScript
	return p.write(w, pg, nil)
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
