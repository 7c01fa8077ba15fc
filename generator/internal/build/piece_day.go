package build

import (
	"html/template"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// A day is one date of the calendar with its occurrences, as the agenda,
// week, month and home pages show it.

// dayKey names what a day shows: its date, the opening hours, and the
// activities it has occurrences of, by the hashes of their files.
func (p *plan) dayKey(d schedule.Date) string {
	p.dayKeys.Lock()
	k, ok := p.dayKeys.m[d]
	p.dayKeys.Unlock()
	if ok {
		return k
	}
	h := newHasher().add("day", d.String(), p.hashes[fileInput(content.HoursFile)])
	for _, o := range p.cal.byDate[d] {
		h.add(o.Slug, p.hashes[contentInput(p.cal.acts[o.Slug].File)])
	}
	k = h.sum()
	p.dayKeys.Lock()
	p.dayKeys.m[d] = k
	p.dayKeys.Unlock()
	return k
}

// monthDayLayout is the partial layout of a day as a month cell, which
// shows the occurrences' items of a month cell; the other day layouts show
// their items of the agenda, week and home pages.
const monthDayLayout = "_month-day.html"

// dayFragment returns day d rendered with the partial layout, made once
// for every build that shares the day's occurrences.
func (p *plan) dayFragment(partial string, d schedule.Date) (template.HTML, error) {
	return p.frags.html.get(partial+" "+p.dayKey(d), func() (template.HTML, error) {
		v, err := p.dayView(d, partial == monthDayLayout)
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

// monthCell returns a day as a cell of a month table, made when the
// month page writes it.
func (p *plan) monthCell(d schedule.Date) *render.Day {
	return render.MonthCell(d.String(), func() (template.HTML, error) { return p.dayFragment(monthDayLayout, d) })
}
