package build

import (
	"io"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
)

// The page of one activity: /activiteiten/<slug>/.
var _ = register(kind{name: "activity", activity: func(p *plan, a *content.Activity) []route {
	return []route{{path: indexPath(p.activityPath(a)),
		inputs: []input{shows(contentInput(a.File)), fileInput(content.HoursFile)},
		draw:   func(p *plan, w io.Writer) (diag.List, error) { return p.activity(w, a) }}}
}})

// nextDates is how many coming dates an activity page lists.
const nextDates = 8

func (p *plan) activity(w io.Writer, a *content.Activity) (diag.List, error) {
	pg := p.page("activity", a.Title, p.activityPath(a))
	pg.Summary = a.Summary
	pg.Activity = p.activityView(a)
	pg.PosterLink = p.cfg.Link(p.activityPosterPath(a))
	var diags diag.List
	pg.Body, diags = p.markdown(a.Source)
	next := p.cal.upcoming(a.Slug, nextDates)
	if len(next) > nextDates {
		next = next[:nextDates]
	}
	cal := &render.Calendar{ICS: pg.Activity.ICS, Subscribe: p.subscribe(p.activityPath(a)+"agenda.ics", p.calendarName(a))}
	for _, o := range next {
		cal.Next = append(cal.Next, p.occurrenceView(o))
	}
	pg.Calendar = cal
	pg.Script = pageScript
	pg.JSONLD = p.eventsJSONLD(a, next)
	p.shareView(pg, p.pagePicture(a.Image, a.ImageAlt, p.activityPath(a)), true)
	return p.write(w, pg, diags)
}
