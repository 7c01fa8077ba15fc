package build

import (
	"html/template"
	"strconv"

	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// A day is one date of the calendar with its occurrences, as the agenda,
// week, month and home pages show it.

// dayKey names what a day shows: its date and the build that last worked
// out its occurrences. Everything else a day shows (today, the window, the
// closures, the words) is the same between builds that share fragments.
func (p *plan) dayKey(d schedule.Date) string {
	return d.String() + "#" + strconv.FormatUint(p.cal.generation(d), 10)
}

// dayFragment returns day d rendered with the partial layout, made once
// for every build that shares the day's occurrences.
func (p *plan) dayFragment(partial string, d schedule.Date) (template.HTML, error) {
	return p.frags.html.get(partial+" "+p.dayKey(d), func() (template.HTML, error) {
		v, err := p.dayView(d)
		if err != nil {
			return "", err
		}
		return p.theme.Fragment(partial, v)
	})
}

// daySection returns a day as the agenda and week pages show it.
func (p *plan) daySection(d schedule.Date) (*render.Day, error) {
	h, err := p.dayFragment("_day.html", d)
	return &render.Day{Date: d.String(), HTML: h}, err
}

// monthCell returns a day as a cell of a month table.
func (p *plan) monthCell(d schedule.Date) (*render.Day, error) {
	h, err := p.dayFragment("_month-day.html", d)
	return &render.Day{Date: d.String(), Cell: h}, err
}
