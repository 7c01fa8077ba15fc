package render

import "html/template"

// Poster is what a poster for the door shows besides the activity it is
// of (Page.Activity): an A4 sheet in big type with a QR code to the page
// it stands for.
type Poster struct {
	CSS  string // link to the posters' style sheet, with a version for caches
	Page string // link to the page the poster is of: the activity or the week
	// Size is the type size that lets everything fit on one A4: "l", "m",
	// "s" or "xs", from the length of what it shows.
	Size string
	// QR is the code as inline SVG, and QRURL the absolute address it
	// leads to; both "" when the site has no absolute baseURL.
	QR    template.HTML
	QRURL string
	Where []string // the room, then the centre's address, line by line
	// When holds the activity's rules written out, the first few of them,
	// and WhenMore says how many more there are ("" for none).
	When     []string
	WhenMore string
	Title    string       // the week poster's heading
	Days     []*PosterDay // the week poster's days with something on them
	Empty    bool         // the week has nothing on it
}

// PosterDay is one day of a week poster.
type PosterDay struct {
	Title  string // "maandag 30 november"
	Closed string // why the centre is closed, "" when it is open
	Items  []*Occurrence
	More   string // "En nog 3 activiteiten: zie de agenda.", "" when all are shown
}
