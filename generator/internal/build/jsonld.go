package build

import (
	"encoding/json"
	"html/template"
	"strings"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/schedule"
)

// schema.org structured data, so search engines and assistants can tell
// residents where the centre is, when it is open and when an activity is.

type jsonPlace struct {
	Context string          `json:"@context,omitempty"`
	Type    string          `json:"@type"`
	Name    string          `json:"name"`
	URL     string          `json:"url,omitempty"`
	Phone   string          `json:"telephone,omitempty"`
	Email   string          `json:"email,omitempty"`
	Address *jsonAddress    `json:"address,omitempty"`
	Geo     *jsonGeo        `json:"geo,omitempty"`
	Hours   []jsonHoursSpec `json:"openingHoursSpecification,omitempty"`
}

type jsonAddress struct {
	Type     string `json:"@type"`
	Street   string `json:"streetAddress,omitempty"`
	Postcode string `json:"postalCode,omitempty"`
	City     string `json:"addressLocality,omitempty"`
	Country  string `json:"addressCountry,omitempty"`
}

type jsonGeo struct {
	Type      string  `json:"@type"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type jsonHoursSpec struct {
	Type      string   `json:"@type"`
	DayOfWeek []string `json:"dayOfWeek,omitempty"`
	Opens     string   `json:"opens"`
	Closes    string   `json:"closes"`
	From      string   `json:"validFrom,omitempty"`
	Through   string   `json:"validThrough,omitempty"`
}

func (p *plan) place(withContext bool) *jsonPlace {
	a := p.cfg.Address
	pl := &jsonPlace{Type: "Place", Name: p.cfg.Title, URL: p.cfg.URL("/"), Phone: a.Phone, Email: a.Email}
	if withContext {
		pl.Context = "https://schema.org"
	}
	if a.Street != "" || a.City != "" {
		pl.Address = &jsonAddress{Type: "PostalAddress", Street: a.Street, Postcode: a.Postcode, City: a.City}
		if p.cfg.Language == "nl" {
			pl.Address.Country = "NL"
		}
	}
	if a.HasGeo {
		pl.Geo = &jsonGeo{Type: "GeoCoordinates", Latitude: a.Latitude, Longitude: a.Longitude}
	}
	return pl
}

// placeJSONLD describes the centre with its weekly hours and the coming
// special days and closures.
func (p *plan) placeJSONLD() template.JS {
	pl := p.place(true)
	if h := p.cal.hours; h != nil {
		for i := range 7 {
			wd := time.Weekday((i + 1) % 7)
			for _, iv := range h.Week[wd] {
				pl.Hours = append(pl.Hours, jsonHoursSpec{Type: "OpeningHoursSpecification", DayOfWeek: []string{"https://schema.org/" + wd.String()},
					Opens: clockText(iv.Start), Closes: clockText(iv.End)})
			}
		}
		for d := p.cal.window.From; !d.After(p.cal.window.Until); d = d.AddDays(1) {
			day := h.On(d)
			if day.Source == schedule.SourceRegular || day.Source == schedule.SourceSeason {
				continue
			}
			if !day.Open {
				pl.Hours = append(pl.Hours, jsonHoursSpec{Type: "OpeningHoursSpecification", Opens: "00:00", Closes: "00:00", From: d.String(), Through: d.String()})
			}
			for _, iv := range day.Hours {
				pl.Hours = append(pl.Hours, jsonHoursSpec{Type: "OpeningHoursSpecification", Opens: clockText(iv.Start), Closes: clockText(iv.End), From: d.String(), Through: d.String()})
			}
		}
	}
	return marshalJS(pl)
}

func clockText(c schedule.Clock) string {
	return time.Date(2000, 1, 1, c.Hour(), c.Minute(), 0, 0, time.UTC).Format("15:04")
}

// eventsJSONLD describes the next occurrences of an activity as Events:
// a list of objects as encoding/json writes them, with the fields in the
// order of schema.org's examples (see jsonld_test.go). What every event of
// the activity shares (its name, description, address and image, the
// place of each room) is encoded once, not once an occurrence: 5,000
// activities with their next dates were 25,000 events by reflection.
func (p *plan) eventsJSONLD(a *content.Activity, next []schedule.Occurrence) template.JS {
	if len(next) == 0 {
		return ""
	}
	head := `{"@context":"https://schema.org","@type":"Event","name":` + jsonString(a.Title)
	if a.Summary != "" {
		head += `,"description":` + jsonString(a.Summary)
	}
	head += `,"url":` + jsonString(p.cfg.URL(p.activityPath(a))) + `,"startDate":"`
	tail := `,"eventAttendanceMode":"https://schema.org/OfflineEventAttendanceMode"`
	if a.Free() {
		tail += `,"isAccessibleForFree":true`
	}
	tail += `,"location":`
	var image string
	if a.Image != "" {
		image = `,"image":` + jsonString(p.cfg.URL("/"+p.publishedPath(a.Image)))
	}
	places := map[string]string{} // by room
	var b strings.Builder
	b.Grow(len(next) * (len(head) + len(tail) + len(image) + 450))
	var stamp [40]byte
	b.WriteByte('[')
	for i, o := range next {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(head)
		b.Write(o.Start.AppendFormat(stamp[:0], time.RFC3339))
		b.WriteString(`","endDate":"`)
		b.Write(o.End.AppendFormat(stamp[:0], time.RFC3339))
		b.WriteString(`","eventStatus":"https://schema.org/`)
		switch o.Status {
		case schedule.Cancelled:
			b.WriteString("EventCancelled")
		case schedule.Changed:
			b.WriteString("EventRescheduled")
		default:
			b.WriteString("EventScheduled")
		}
		b.WriteByte('"')
		b.WriteString(tail)
		room := a.Room
		if o.Room() != "" {
			room = o.Room()
		}
		place, ok := places[room]
		if !ok {
			loc := p.place(false)
			if room != "" {
				loc.Name = room + ", " + p.cfg.Title
			}
			place = string(marshalJS(loc))
			places[room] = place
		}
		b.WriteString(place)
		b.WriteString(image)
		b.WriteByte('}')
	}
	b.WriteByte(']')
	return template.JS(b.String())
}

// jsonString is s as a JSON string, as encoding/json writes it.
func jsonString(s string) string { return string(marshalJS(s)) }

func marshalJS(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // our own plain types always marshal
	}
	return template.JS(b)
}
