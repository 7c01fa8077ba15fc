package build

import (
	"html/template"
	"net/url"
	"strings"

	"krachtpunt/generator/internal/render"
)

// subscribe returns the links that add the calendar at the site path ics,
// named name, to a calendar app; nil when baseURL is not absolute, because
// an app can only follow a feed at a full web address.
func (p *plan) subscribe(ics, name string) *render.Subscribe {
	if !p.cfg.Absolute() {
		return nil
	}
	feed := p.cfg.URL(ics)
	webcal := "webcal://" + feed[strings.Index(feed, "://")+len("://"):]
	return &render.Subscribe{
		Webcal:  template.URL(webcal),
		Google:  "https://calendar.google.com/calendar/render?cid=" + queryEscape(webcal),
		Outlook: "https://outlook.live.com/calendar/0/addfromweb?url=" + queryEscape(feed) + "&name=" + queryEscape(name),
	}
}

// queryEscape escapes s for a query value, writing a space as %20, which
// every calendar site reads as a space.
func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
