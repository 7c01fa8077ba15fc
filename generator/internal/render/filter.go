package render

// Filter is what a filter page shows: the activities of one audience,
// category or day of the week, or those that are free or walk-in. The
// page's Calendar holds its calendar file and the links to subscribe.
type Filter struct {
	Count      string      // "3 activiteiten"
	Days       []*Day      // the coming two weeks, with only these activities
	More       bool        // the two weeks have more dates than Days shows
	Activities []*Activity // the activities, as cards
	Overview   string      // link to the overview of every filter
}

// FilterGroup is one kind of filter in the overview on the activities
// page: "Voor wie", with a link to the page of each audience.
type FilterGroup struct {
	ID    string // for the heading's id: "filter-voor"
	Title string
	Links []Link
}

// Term is an audience or category of an activity, linked to its page.
type Term struct {
	Name string
	URL  string
}
