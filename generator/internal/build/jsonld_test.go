package build

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// refEvent is a schema.org Event as encoding/json writes it from a struct:
// what eventsJSONLD must write, byte for byte.
type refEvent struct {
	Context    string     `json:"@context"`
	Type       string     `json:"@type"`
	Name       string     `json:"name"`
	Desc       string     `json:"description,omitempty"`
	URL        string     `json:"url"`
	Start      string     `json:"startDate"`
	End        string     `json:"endDate"`
	Status     string     `json:"eventStatus"`
	Attendance string     `json:"eventAttendanceMode"`
	Free       bool       `json:"isAccessibleForFree,omitempty"`
	Location   *jsonPlace `json:"location"`
	Image      string     `json:"image,omitempty"`
}

// refEvents describes the occurrences next of a as a list of refEvent.
func refEvents(p *plan, a *content.Activity, next []schedule.Occurrence) string {
	var evs []refEvent
	for _, o := range next {
		status := map[schedule.Status]string{schedule.Cancelled: "https://schema.org/EventCancelled", schedule.Changed: "https://schema.org/EventRescheduled"}[o.Status]
		if status == "" {
			status = "https://schema.org/EventScheduled"
		}
		loc := p.place(false)
		room := a.Room
		if o.Room() != "" {
			room = o.Room()
		}
		if room != "" {
			loc.Name = room + ", " + p.cfg.Title
		}
		ev := refEvent{Context: "https://schema.org", Type: "Event", Name: a.Title, Desc: a.Summary, URL: p.cfg.URL(p.activityPath(a)),
			Start: o.Start.Format(time.RFC3339), End: o.End.Format(time.RFC3339), Status: status,
			Attendance: "https://schema.org/OfflineEventAttendanceMode", Free: a.Free(), Location: loc}
		if a.Image != "" {
			ev.Image = p.cfg.URL("/" + p.publishedPath(a.Image))
		}
		evs = append(evs, ev)
	}
	if len(evs) == 0 {
		return ""
	}
	b, err := json.Marshal(evs)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestEventsJSONLDAsEncodingJSON checks the structured data of the
// activities of random sites against encoding/json's encoding of the same
// events as structs: titles, descriptions, rooms, site names and
// addresses full of what JSON and HTML escape (quotes, backslashes, <, >,
// &, control characters, U+2028), free or not, with or without a photo, a
// changed room and a cancelled date.
func TestEventsJSONLDAsEncodingJSON(t *testing.T) {
	parts := []string{"a", "Z", " ", "&", "<", ">", `\"`, `\\`, "'", "+", "é", "€", "\\u2028", "\\u2029", "\\t", "\\n", "\\u0001", "\\u007f", "/", "{{", "</script>", "\\b", "\\f"}
	r := rand.New(rand.NewPCG(5, 6))
	random := func() string {
		var b strings.Builder
		b.WriteString("T")
		for range r.IntN(8) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		return b.String()
	}
	today, _ := schedule.ParseDate("2026-11-25")
	events := 0
	for site := range 6 {
		geo := ""
		if site%2 == 0 {
			geo = "latitude = 52.0907\nlongitude = 5.1214\n"
		}
		files := map[string][]byte{
			"site.toml": fmt.Appendf(nil, "title = \"%s\"\nlanguage = \"nl\"\nbaseURL = \"https://wijk.example/\"\n[address]\nstreet = \"%s\"\ncity = \"%s\"\nphone = \"%s\"\n%s",
				random(), random(), random(), random(), geo),
			"content/activities/foto.jpg": []byte("photo 800x600"),
		}
		for i := range 8 {
			var b strings.Builder
			fmt.Fprintf(&b, "+++\ntitle = \"%s\"\nwhen = \"elke %s 10:00-11:30\"\n", random(), []string{"maandag", "dinsdag", "woensdag", "donderdag"}[i%4])
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, "summary = \"%s\"\n", random())
			}
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, "room = \"%s\"\n", random())
			}
			if r.IntN(2) == 0 {
				b.WriteString("cost = \"gratis\"\n")
			}
			if r.IntN(3) == 0 {
				b.WriteString("image = \"foto.jpg\"\nimage_alt = \"Een foto\"\n")
			}
			first := []int{7, 1, 2, 3}[i%4] // the first date of that day in December
			fmt.Fprintf(&b, "[[cancel]]\ndate = 2026-12-%02d\n", first)
			fmt.Fprintf(&b, "[[change]]\ndate = 2026-12-%02d\nroom = \"%s\"\n+++\nTekst.\n", first+7, random())
			files[fmt.Sprintf("content/activities/a%d.md", i)] = []byte(b.String())
		}
		fsys := siteFS(t, files)
		var diags diag.List
		cfg := config.Load(fsys, &diags)
		s, cd, err := content.Load(context.Background(), fsys)
		if err != nil || cd.HasErrors() || diags.HasErrors() {
			t.Fatalf("site %d: %v %v %v", site, err, cd, diags)
		}
		theme, td := render.LoadTheme(fsys, cfg.Theme, cfg.Language, cfg.ThemePos)
		if td.HasErrors() {
			t.Fatal(td)
		}
		p := newPlan(fsys, cfg, s, theme, today)
		p.cal.expand(nil, nil)
		for _, a := range s.Activities {
			next := p.cal.upcoming(a.Slug, nextDates)
			got, want := string(p.eventsJSONLD(a, next)), refEvents(p, a, next)
			if got != want {
				t.Errorf("site %d, %s:\n got %s\nwant %s", site, a.Slug, got, want)
			}
			if !json.Valid([]byte(got)) {
				t.Errorf("site %d, %s: not JSON: %s", site, a.Slug, got)
			}
			events += len(next)
		}
		if got := p.eventsJSONLD(s.Activities[0], nil); got != "" {
			t.Errorf("no dates: %q, want none", got)
		}
	}
	if events < 6*8*5 {
		t.Errorf("only %d events compared", events)
	}
}
