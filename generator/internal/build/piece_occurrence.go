package build

import (
	"errors"

	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// An occurrence is one date and time of an activity, as a day lists it.

// occurrenceItems returns an occurrence with its list items rendered: the
// only fields the day fragments read. An occurrence of an activity that did
// not change is taken over from the last build.
func (p *plan) occurrenceItems(o schedule.Occurrence) (*render.Occurrence, error) {
	k := occKey{p.hashes[contentInput(p.cal.acts[o.Slug].File)], o.Rule, o.Original.Unix(), o.Start.Unix(), o.End.Unix(), string(o.Status), o.Room, o.Note}
	items, err := p.frags.occ.get(k, func() (occItems, error) {
		full := p.occurrenceView(o)
		html, err1 := p.theme.Fragment("_occurrence.html", full)
		cell, err2 := p.theme.Fragment("_month-occurrence.html", full)
		return occItems{html, cell}, errors.Join(err1, err2)
	})
	if err != nil {
		return nil, err
	}
	return &render.Occurrence{HTML: items.html, Cell: items.cell}, nil
}
