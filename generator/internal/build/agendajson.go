package build

import (
	"bytes"
	"encoding/json"

	"krachtpunt/generator/internal/diag"
)

// agendaJSON is /agenda.json, in the shape the content format gives.
type agendaJSON struct {
	Timezone    string           `json:"timezone"`
	From        string           `json:"from"`
	Until       string           `json:"until"`
	Occurrences []occurrenceJSON `json:"occurrences"`
}

type occurrenceJSON struct {
	Activity string `json:"activity"`
	Title    string `json:"title"`
	Start    string `json:"start"`
	End      string `json:"end"`
	Status   string `json:"status"`
	Room     string `json:"room"`
	Note     string `json:"note"`
	URL      string `json:"url"`
}

// agendaJSON writes every occurrence in the calendar window, sorted by start
// and then slug (the order Expand gives).
func (p *plan) agendaJSON() ([]byte, diag.List, error) {
	a := agendaJSON{Timezone: p.cfg.Timezone, From: p.cal.window.From.String(), Until: p.cal.window.Until.String(),
		Occurrences: []occurrenceJSON{}}
	for _, o := range p.cal.inWindow() {
		v := p.occurrenceView(o)
		a.Occurrences = append(a.Occurrences, occurrenceJSON{
			Activity: o.Slug, Title: v.Title, Start: v.Start, End: v.End, Status: v.Status,
			Room: v.Room, Note: v.Note, URL: p.cfg.Link(p.activityPath(p.cal.acts[o.Slug])),
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(a); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), nil, nil
}
