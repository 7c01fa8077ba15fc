package build

import (
	"html/template"

	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// An occurrence is one date and time of an activity, as a day lists it.

// occurrenceItem returns an occurrence as a list item: of a month cell
// (_month-occurrence.html) when cell is set, else of the agenda, week and
// home pages (_occurrence.html). Each is made when a day asks for it, so a
// build that shows an occurrence only in a month cell does not make the
// other. An item of an activity that did not change is taken over from the
// last build.
func (p *plan) occurrenceItem(o schedule.Occurrence, cell bool) (template.HTML, error) {
	make := func() (template.HTML, error) {
		layout := "_occurrence.html"
		if cell {
			layout = "_month-occurrence.html"
		}
		return p.theme.Fragment(layout, p.occurrenceView(o))
	}
	if p.frags.occ.none {
		return make()
	}
	k := occKey{p.hashes[contentInput(p.cal.acts[o.Slug].File)], o.Rule, o.Original.Unix(), o.Start.Unix(), o.End.Unix(), string(o.Status), o.Room, o.Note, cell}
	return p.frags.occ.get(k, make)
}

// occurrenceItems returns the view of an occurrence that a day holds: only
// its list item of the agenda, week and home pages (HTML), or only that of
// a month cell (Cell).
func (p *plan) occurrenceItems(o schedule.Occurrence, cell bool) (*render.Occurrence, error) {
	h, err := p.occurrenceItem(o, cell)
	if err != nil {
		return nil, err
	}
	if cell {
		return &render.Occurrence{Cell: h}, nil
	}
	return &render.Occurrence{HTML: h}, nil
}
