package build

import (
	"html/template"
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

// nextDateLayout is the partial layout of one of them.
const nextDateLayout = "_next-date.html"

// appendNextDate appends the list item of a coming date v as the built-in
// layout _next-date.html writes it, with the same escaping, byte for byte
// (TestHandWrittenItemsEqualTheLayouts).
func appendNextDate(b []byte, v *render.Occurrence) []byte {
	b = append(b, `<li class="occ occ-`...)
	b = render.AppendText(b, v.Status)
	b = append(b, `" data-end="`...)
	b = render.AppendText(b, v.End)
	b = append(b, `"><span class="date">`...)
	b = render.AppendText(b, v.Date)
	b = append(b, `</span>, <span class="time">`...)
	b = render.AppendText(b, v.Time)
	b = append(b, `</span>`...)
	if v.Label != "" {
		b = append(b, ` <strong class="status status-`...)
		b = render.AppendText(b, v.Status)
		b = append(b, `">`...)
		b = render.AppendText(b, v.Label)
		b = append(b, `</strong>`...)
	}
	if v.Moved != "" {
		b = append(b, ` <span class="moved">`...)
		b = render.AppendText(b, v.Moved)
		b = append(b, `</span>`...)
	}
	if v.Changed && v.Room != "" {
		b = append(b, ` (`...)
		b = render.AppendText(b, v.Room)
		b = append(b, `)`...)
	}
	return append(b, "</li>\n"...)
}

func (p *plan) activity(w io.Writer, a *content.Activity) (diag.List, error) {
	pg := p.page("activity", a.Title, p.activityPath(a))
	pg.Summary = a.Summary
	pg.Activity = p.activityView(a)
	pg.PosterLink = p.cfg.Link(p.activityPosterPath(a))
	var diags diag.List
	var err error
	pg.Body, diags = p.markdown(a.Source)
	next := p.cal.upcoming(a.Slug, nextDates)
	if len(next) > nextDates {
		next = next[:nextDates]
	}
	cal := &render.Calendar{ICS: pg.Activity.ICS, Subscribe: p.subscribe(p.activityPath(a)+"agenda.ics", p.calendarName(a))}
	builtin := p.theme.Builtin(nextDateLayout)
	for _, o := range next {
		v := p.occurrenceView(o)
		if builtin {
			v.NextItem = template.HTML(appendNextDate(nil, v)) // #nosec: escaped as html/template does
		} else if v.NextItem, err = p.theme.Fragment(nextDateLayout, v); err != nil {
			return nil, err
		}
		cal.Next = append(cal.Next, v)
	}
	pg.Calendar = cal
	pg.Script = pageScript
	pg.JSONLD = p.eventsJSONLD(a, next)
	p.shareView(pg, p.pagePicture(a.Image, a.ImageAlt, p.activityPath(a)), true)
	return p.write(w, pg, diags)
}
