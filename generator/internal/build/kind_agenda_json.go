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
	// A one-off build writes each day's lines as it makes them: each is
	// used once. A build that the next one takes pieces over from keeps
	// them, to take over the days an edit did not touch.
	direct := p.frags.html.limit > 0
	lines := newJSONLines()
	sep := ""
	for d := p.cal.window.From; !d.After(p.cal.window.Until); d = d.AddDays(1) {
		if len(p.cal.byDate[d]) == 0 {
			continue
		}
		buf.WriteString(sep)
		sep = ","
		if direct {
			if err := p.writeDayJSON(buf, lines, d); err != nil {
				return nil, err
			}
			continue
		}
		day, err := p.frags.html.get("json "+p.dayKey(d), func() (template.HTML, error) { return p.dayJSON(d) })
		if err != nil {
			return nil, err
		}
		buf.WriteString(string(day))
	}
	buf.WriteString("\n]}\n")
	return nil, buf.Flush()
}

// dayJSON returns the occurrences of one date, each on its own line.
func (p *plan) dayJSON(d schedule.Date) (template.HTML, error) {
	var buf bytes.Buffer
	if err := p.writeDayJSON(&buf, newJSONLines(), d); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // #nosec: JSON, cached as text
}

// writeDayJSON writes the occurrences of one date into w, each on its own
// line, encoding them with lines.
func (p *plan) writeDayJSON(w io.Writer, lines *jsonLines, d schedule.Date) error {
	for i, o := range p.cal.byDate[d] {
		a := p.cal.acts[o.Slug]
		room := a.Room
		if o.Room() != "" {
			room = o.Room()
		}
		line, err := lines.marshal(occurrenceJSON{
			Activity: o.Slug, Title: a.Title, Start: o.Start.Format(time.RFC3339), End: o.End.Format(time.RFC3339),
			Status: o.Status.String(), Room: room, Note: o.Note(), URL: p.cfg.Link(p.activityPath(a)),
		})
		if err != nil {
			return err
		}
		sep := "\n  "
		if i > 0 {
			sep = ",\n  "
		}
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}

// jsonLines encodes values one after another as json.Marshal does, but
// without escaping <, > and & for HTML, into one buffer.
type jsonLines struct {
	buf bytes.Buffer
	enc *json.Encoder
}

func newJSONLines() *jsonLines {
	l := &jsonLines{}
	l.enc = json.NewEncoder(&l.buf)
	l.enc.SetEscapeHTML(false)
	return l
}

// marshal returns v as JSON, valid until the next call.
func (l *jsonLines) marshal(v any) ([]byte, error) {
	l.buf.Reset()
	if err := l.enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(l.buf.Bytes(), []byte("\n")), nil
}
