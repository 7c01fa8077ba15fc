package build

import (
	"encoding/json"
	"html/template"
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

type jsonEvent struct {
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

// eventsJSONLD describes the next occurrences of an activity as Events.
func (p *plan) eventsJSONLD(a *content.Activity, next []schedule.Occurrence) template.JS {
	var evs []jsonEvent
	for _, o := range next {
		status := "https://schema.org/EventScheduled"
		switch o.Status {
		case schedule.Cancelled:
			status = "https://schema.org/EventCancelled"
		case schedule.Changed:
			status = "https://schema.org/EventRescheduled"
		}
		loc := p.place(false)
		if room := a.Room; o.Room() != "" || room != "" {
			if o.Room() != "" {
				room = o.Room()
			}
			loc.Name = room + ", " + p.cfg.Title
		}
		ev := jsonEvent{Context: "https://schema.org", Type: "Event", Name: a.Title, Desc: a.Summary, URL: p.cfg.URL(p.activityPath(a)),
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
	return marshalJS(evs)
}

func marshalJS(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // our own plain types always marshal
	}
	return template.JS(b)
}
