package build

import (
	"bufio"
	"bytes"
	"encoding/json"
	"html/template"
	"io"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/schedule"
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

// The agenda as data: /agenda.json.
var _ = register(kind{name: "agenda-json", routes: func(p *plan) []route {
	return []route{{path: "agenda.json", make: p.agendaJSON, inputs: []input{anyActivity, fileInput(content.HoursFile)}}}
}})

// agendaJSON writes every occurrence in the calendar window, sorted by start
// and then slug (the order Expand gives), one occurrence a line.
func (p *plan) agendaJSON(w io.Writer) (diag.List, error) {
	head, err := json.Marshal(struct {
		Timezone string `json:"timezone"`
		From     string `json:"from"`
		Until    string `json:"until"`
	}{p.cfg.Timezone, p.cal.window.From.String(), p.cal.window.Until.String()})
	if err != nil {
		return nil, err
	}
	buf := bufio.NewWriterSize(w, 32<<10)
	buf.Write(head[:len(head)-1])
	buf.WriteString(`,"occurrences":[`)
	sep := ""
	for d := p.cal.window.From; !d.After(p.cal.window.Until); d = d.AddDays(1) {
		if len(p.cal.byDate[d]) == 0 {
			continue
		}
		lines, err := p.frags.html.get("json "+p.dayKey(d), func() (template.HTML, error) { return p.dayJSON(d) })
		if err != nil {
			return nil, err
		}
		buf.WriteString(sep)
		buf.WriteString(string(lines))
		sep = ","
	}
	buf.WriteString("\n]}\n")
	return nil, buf.Flush()
}

// dayJSON writes the occurrences of one date, each on its own line.
func (p *plan) dayJSON(d schedule.Date) (template.HTML, error) {
	var buf bytes.Buffer
	for i, o := range p.cal.byDate[d] {
		a := p.cal.acts[o.Slug]
		room := a.Room
		if o.Room != "" {
			room = o.Room
		}
		line, err := marshalJSON(occurrenceJSON{
			Activity: o.Slug, Title: a.Title, Start: o.Start.Format(time.RFC3339), End: o.End.Format(time.RFC3339),
			Status: string(o.Status), Room: room, Note: o.Note, URL: p.cfg.Link(p.activityPath(a)),
		})
		if err != nil {
			return "", err
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n  ")
		buf.Write(line)
	}
	return template.HTML(buf.String()), nil // #nosec: JSON, cached as text
}

// marshalJSON is json.Marshal without escaping <, > and & for HTML.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
