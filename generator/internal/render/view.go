package render

import "html/template"

// Page is what every layout is executed with. The build fills it; layouts
// only present it.
type Page struct {
	Site      *Site
	Kind      string // the layout: "home", "page", "activity", ...
	Title     string
	URL       string // link to this page, e.g. "/activiteiten/koffie/"
	Canonical string // absolute address when the site has one, else ""
	Summary   string // meta description
	Body      template.HTML
	NoTitle   bool // the body starts with the page's own heading

	Activity   *Activity
	Activities []*ActivityGroup
	Story      *Story
	Stories    []*Story
	JSONLD     template.JS // structured data for search engines; "" for none
	Calendar   *Calendar
	Script     template.JS // the page script that keeps dates true on later days; "" for none
	Pager      *Pager      // the links to the other pages of a list cut into pages; nil for none
	Changes    *Changes    // the changes page; nil on other pages
	Poster     *Poster     // a poster for the door; nil on other pages
	PosterLink string      // link to the poster of this page, "" for none
	Filter     *Filter     // a filter page; nil on other pages
	// Filters is the overview of the filter pages on the activities page.
	Filters []*FilterGroup
	// Feed is a feed of this page besides the stories feed, "" for none,
	// and FeedTitle its name.
	Feed, FeedTitle string
	Share           *Share // what a link preview shows; nil for nothing
}

// Changes is what the changes page shows: the coming cancellations,
// changes and closures by date.
type Changes struct {
	Days   []*ChangeDay
	Feed   string // link to the feed of the changes
	Agenda string // link to the agenda
}

// ChangeDay is one date with what is different on it.
type ChangeDay struct {
	ID    string // "d-2026-11-24"
	Title string // "dinsdag 24 november 2026"
	Items []*Change
}

// Change is one cancelled or changed occurrence, or a closure of the centre.
type Change struct {
	ID     string   // for the page's anchor and the feed entry: "koffie-2026-11-24"
	Title  string   // the activity's title
	URL    string   // link to the activity, "" for a closure
	Date   string   // the date it was planned on, or the period of a closure
	Time   string   // the time when it did not change: "10.00-12.00 uur"
	Status string   // "cancelled", "changed" or "closed"
	Label  string   // "Gaat niet door"
	Reason string   // the reason or note the volunteer wrote, "" for none
	What   []string // sentences saying what is different: "Andere zaal: Grote zaal."
}

// Pager links one page of a list to the pages before and after it.
type Pager struct {
	Number, Total int    // this page's number, from 1, and how many there are
	Prev, Next    string // links to the pages before and after, "" at the ends
	Label         string // "Pagina 2 van 3"
}

// Site is what every page shows of the site: header, menu and footer.
type Site struct {
	Title    string
	Tagline  string
	Lang     string
	Home     string // link to the home page
	CSS      string // link to the stylesheet, with a version for caches
	Menu     []Link
	Address  Address
	BuiltOn  string // "dinsdag 24 november 2026": the day the site was built for
	Today    string // the same day as YYYY-MM-DD
	Zone     string // the site's timezone, e.g. "Europe/Amsterdam"
	FeedURL  string
	Sections Sections
}

// Sections are the links to the site's fixed parts; Hours is "" when the
// site has no opening hours.
type Sections struct {
	Activities, Stories, Agenda, Hours string
	Changes                            string // the page of what is cancelled or changed
}

// Link is an entry of a menu or list.
type Link struct {
	Title   string
	URL     string
	Current bool
}

// Address is the centre's address as shown in the footer and on the home page.
type Address struct {
	Street, Postcode, City string
	Phone                  string
	PhoneURI               template.URL // "tel:0301234567"
	Email                  string
}

// Activity is one activity as pages show it.
type Activity struct {
	Title    string
	URL      string
	Summary  string
	When     []string // the rules written out
	Room     string
	Cost     string
	Free     bool
	WalkIn   bool
	Signup   string
	Contact  string
	Image    string // link to the image, "" for none
	ImageAlt string
	ImageW   int // the image's size in pixels, 0 when unknown
	ImageH   int
	// ImageSrcset and ImageSizes offer a smaller version for phones; ""
	// when there is none.
	ImageSrcset, ImageSizes string
	Tags                    []string
	ICS                     string        // link to the activity's calendar file, "" for none
	Card                    template.HTML // the activity as lists show it, made once
	// Audience and Categories link to the filter pages of its terms.
	Audience, Categories []Term
}

// ActivityGroup is a heading with activities under it (a weekday, or "once").
type ActivityGroup struct {
	ID         string // for the heading's id, e.g. "dinsdag"
	Title      string
	Activities []*Activity
}

// Story is one resident story as pages show it.
type Story struct {
	Title    string
	URL      string
	Date     string // written out: "12 oktober 2026"
	ISODate  string
	Author   string
	Image    string
	ImageAlt string
	ImageW   int
	ImageH   int
	// ImageSrcset and ImageSizes as for Activity.
	ImageSrcset, ImageSizes string
	Tags                    []string
	Excerpt                 string
	Body                    template.HTML
}

// Image is an image as a page shows it.
type Image struct {
	URL           string
	Width, Height int    // in pixels; 0 when unknown
	Srcset        string // the versions to choose from, "" for one
	Sizes         string // how wide the image is shown, for Srcset
}
