package build

import (
	"html/template"
	"strings"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// An occurrence is one date and time of an activity, as a day lists it.

// occurrenceLayout returns the partial layout of an occurrence's list item:
// of a month cell when cell is set, else of the agenda, week and home
// pages.
func occurrenceLayout(cell bool) string {
	if cell {
		return "_month-occurrence.html"
	}
	return "_occurrence.html"
}

// occurrenceItem returns an occurrence as a list item: of a month cell
// (_month-occurrence.html) when cell is set, else of the agenda, week and
// home pages (_occurrence.html). Each is made when a day asks for it, so a
// build that shows an occurrence only in a month cell does not make the
// other. With the built-in layout the item is written by hand (see
// appendOccurrence); else an item of an activity that did not change is
// taken over from the last build.
func (p *plan) occurrenceItem(o schedule.Occurrence, cell bool) (template.HTML, error) {
	layout := occurrenceLayout(cell)
	if p.theme.Builtin(layout) {
		return template.HTML(p.appendOccurrence(nil, &o, cell)), nil // #nosec: escaped as html/template does
	}
	make := func() (template.HTML, error) {
		return p.theme.Fragment(layout, p.occurrenceView(o))
	}
	if p.frags.occ.none {
		return make()
	}
	k := occKey{p.hashes[contentInput(p.cal.acts[o.Slug].File)], int(o.Rule), o.Original().Unix(), o.Start.Unix(), o.End.Unix(), o.Status.String(), o.Room(), o.Note(), cell}
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

// actPieces are the parts of an activity's list items that all its
// occurrences share, escaped: worked out once per activity.
type actPieces struct {
	url, title string
	facts      string // of an occurrence in the activity's own room
}

// pieces returns the shared parts of the list items of activity slug.
func (p *plan) pieces(slug string) *actPieces {
	if v, ok := p.cal.pieces.Load(slug); ok {
		return v.(*actPieces)
	}
	a := p.cal.acts[slug]
	v := &actPieces{
		url:   render.EscapeURL(p.cal.activityURL(p, a)),
		title: render.EscapeText(a.Title),
		facts: render.EscapeText(p.facts(a.Room, a)),
	}
	p.cal.pieces.Store(slug, v)
	return v
}

// appendOccurrence appends the list item of o as the built-in layout
// _month-occurrence.html (cell) or _occurrence.html writes it, with the
// same escaping, byte for byte (TestHandWrittenItemsEqualTheLayouts).
func (p *plan) appendOccurrence(b []byte, o *schedule.Occurrence, cell bool) []byte {
	a := p.cal.acts[o.Slug]
	ps := p.pieces(o.Slug)
	status := o.Status.String()
	when := schedule.FormatInterval(schedule.Interval{Start: clockOf(o.Start), End: clockOf(o.End)}, p.cfg.Language)
	if cell {
		b = append(b, `<li class="occ occ-`...)
		b = render.AppendText(b, status)
		b = append(b, `"><span class="time">`...)
		b = render.AppendText(b, when)
		b = append(b, `</span> <a href="`...)
		b = append(b, ps.url...)
		b = append(b, `">`...)
		b = append(b, ps.title...)
		b = append(b, `</a>`...)
		switch o.Status {
		case schedule.Cancelled:
			b = append(b, ` <strong class="status status-cancelled">`...)
			b = render.AppendText(b, p.theme.T("cancelled"))
			b = append(b, `</strong>`...)
		case schedule.Changed:
			b = append(b, ` <strong class="status status-changed">`...)
			b = render.AppendText(b, p.theme.T("changed"))
			b = append(b, `</strong>`...)
		}
		return append(b, `</li>`...)
	}
	b = append(b, `<li class="occ occ-`...)
	b = render.AppendText(b, status)
	b = append(b, `" data-end="`...)
	var end [40]byte
	b = render.AppendText(b, string(o.End.AppendFormat(end[:0], time.RFC3339)))
	b = append(b, "\">\n<span class=\"time\">"...)
	b = render.AppendText(b, when)
	b = append(b, "</span>\n<a href=\""...)
	b = append(b, ps.url...)
	b = append(b, `">`...)
	b = append(b, ps.title...)
	b = append(b, `</a>`...)
	label := ""
	switch o.Status {
	case schedule.Cancelled:
		label = p.theme.T("cancelled")
	case schedule.Changed:
		label = p.theme.T("changed")
	}
	if label != "" {
		if o.Note() != "" {
			label += ": " + o.Note()
		}
		b = append(b, ` <strong class="status status-`...)
		b = render.AppendText(b, status)
		b = append(b, `">`...)
		b = render.AppendText(b, label)
		b = append(b, `</strong>`...)
	}
	if d, od := schedule.DateOf(o.Start), schedule.DateOf(o.Original()); od != d {
		b = append(b, ` <span class="moved">`...)
		b = render.AppendText(b, p.theme.T("moved_from", schedule.FormatDate(od, p.cfg.Language)))
		b = append(b, `</span>`...)
	}
	if o.Status != schedule.Cancelled {
		b = append(b, "\n<span class=\"occ-facts\">"...)
		if o.Room() == "" {
			b = append(b, ps.facts...)
		} else {
			b = render.AppendText(b, p.facts(o.Room(), a))
		}
		b = append(b, `</span>`...)
	}
	return append(b, "\n</li>\n"...)
}

// facts are an occurrence's room, walk-in or sign-up, and cost, in one
// line, for an occurrence of a in room.
func (p *plan) facts(room string, a *content.Activity) string {
	var facts []string
	if room != "" {
		facts = append(facts, room)
	}
	if a.WalkIn() {
		facts = append(facts, p.theme.T("walk_in"))
	} else {
		facts = append(facts, p.theme.T("signup_needed"))
	}
	if a.Free() {
		facts = append(facts, p.theme.T("free"))
	} else if a.Cost != "" {
		facts = append(facts, a.Cost)
	}
	return strings.Join(facts, " · ")
}
