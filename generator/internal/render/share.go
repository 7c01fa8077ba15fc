package render

import "html/template"

// Share is what a link preview (WhatsApp, Signal, Facebook, Mastodon)
// shows of a page, as OpenGraph tags, and the link that shares the page.
type Share struct {
	Title       string // the page's own title, without the site's name
	Description string // "" for none
	URL         string // the page's full address; "" without an absolute baseURL
	Type        string // "website", or "article" for a story
	Locale      string // "nl_NL"
	SiteName    string
	Published   string      // a story's date, YYYY-MM-DD; "" on other pages
	Image       *ShareImage // nil without an absolute baseURL
	// WhatsApp is a link that opens WhatsApp with the title and address
	// of the page to send; "" on pages that do not offer it.
	WhatsApp template.URL
}

// ShareImage is the picture of a link preview.
type ShareImage struct {
	URL           string // full address
	Type          string // "image/jpeg"
	Width, Height int
	Alt           string
}
