package render

import "html/template"

// Occurrence is one time an activity takes place, as the calendar shows it.
type Occurrence struct {
	Title     string
	URL       string
	Time      string // "10.00-12.00"
	Start     string // RFC 3339 instants, for the page script
	End       string
	Room      string
	Free      bool
	Cost      string
	WalkIn    bool
	Status    string // "scheduled", "changed" or "cancelled"
	Cancelled bool   // the occurrence does not take place
	Changed   bool   // the occurrence differs from the usual
	Note      string // the change's note or the cancel's reason
	Date      string // "dinsdag 8 december", for lists of dates
	// MovedFrom is the date the occurrence was moved from, "" when it was not.
	MovedFrom string
	// Label says in words what is different: "Gaat niet door: Kerst".
	Label string
	// Moved says where a moved occurrence came from: "(verplaatst van ...)".
	Moved string
	// Facts are the room, walk-in or sign-up, and the cost, in one line.
	Facts string
	HTML  template.HTML // the occurrence as a list item of the agenda, week and home pages
	Cell  template.HTML // the occurrence as a list item of a month cell
	// NextItem is the occurrence as a list item of its activity's coming
	// dates (_next-date.html), on the activity's page.
	NextItem template.HTML
}

// Day is one date with what happens on it.
type Day struct {
	Date        string // YYYY-MM-DD
	Title       string // "woensdag 25 november 2026"
	Short       string // "25"
	Today       bool
	InWindow    bool   // the day lies in the calendar's window
	Closed      string // the reason the centre is closed, "" when it is not
	Occurrences []*Occurrence
	Items       template.HTML // the occurrences as list items, for the agenda, week and home pages
	CellItems   template.HTML // the occurrences as list items of a month cell
	HTML        template.HTML // the day as a section of the agenda and week pages
	cell        func() (template.HTML, error)
	// More is the link to the day's own page when a week page or the home
	// page lists only its first occurrences, and MoreText says how many it
	// leaves out. MoreEnd is when the last of those ends (RFC 3339), for
	// the page script of the home page; "" on a week page.
	More, MoreText, MoreEnd string
}

// MonthCell returns the day of date as a cell of a month table, which
// make makes only when the page is written: a month page then holds one
// cell at a time, not a month of them.
func MonthCell(date string, make func() (template.HTML, error)) *Day {
	return &Day{Date: date, cell: make}
}

// Cell returns the day as a cell of a month table.
func (d *Day) Cell() (template.HTML, error) {
	if d.cell == nil {
		return "", nil
	}
	return d.cell()
}

// DayPage is the page of one date: every occurrence on it, a page of
// them at a time on a busy day.
type DayPage struct {
	Day      *Day   // the date, with the occurrences of this page
	Week     string // link to the week page the date is on
	WeekName string // "De hele week 49"
	Prev     string // link to the day before, "" at the start of the calendar
	Next     string
	PrevName string
	NextName string
}

// Week is one ISO week of the calendar.
type Week struct {
	ID       string // "2026-W48"
	Title    string // "Week 48: 23 tot en met 29 november 2026"
	Days     []*Day
	Prev     string // link to the previous week, "" at the start
	Next     string
	PrevName string
	NextName string
}

// Month is one month of the calendar as a grid of weeks, Monday first.
type Month struct {
	ID       string   // "2026-12"
	Title    string   // "december 2026"
	Heads    []string // the names of the days, Monday first
	Weeks    [][]*Day // seven entries each; nil where the day belongs to another month
	Prev     string
	Next     string
	PrevName string
	NextName string
}

// HoursRow is one day of the normal week.
type HoursRow struct {
	Day   string // "Maandag"
	Hours string // "09.00-12.30 en 13.30-17.00", or "gesloten"
	Today bool
}

// Exception is a coming departure from the normal week.
type Exception struct {
	When string // "24 december 2026 tot en met 1 januari 2027"
	What string // "Gesloten: Kerstsluiting"
	Kind string // "closed", "special", "holiday", "season"
}

// Today is what the home page says about today.
type Today struct {
	Date   string // "woensdag 25 november 2026"
	Open   bool
	Hours  string // "09.00-17.00"
	Reason string // why the day differs from the normal week
	Next   string // when closed: "donderdag 26 november om 09.00 uur"
	Text   string // the whole sentence after the date
}

// Calendar is what the calendar pages, the opening hours page and the home
// page show beyond the common Page fields.
type Calendar struct {
	Days      []*Day // the agenda, or the days of a week
	Week      *Week
	Day       *DayPage // the page of one date
	Month     *Month
	Weeks     []Link // every week page
	Months    []Link // every month page
	HoursRows []HoursRow
	Coming    []Exception
	Today     *Today
	ThisWeek  []*Day
	// More is the link to this week's page when the home page shows only
	// part of the week, and MoreText says how much it leaves out.
	More, MoreText string
	Next           []*Occurrence // an activity's next dates
	ICS            string        // link to the calendar file
	// Subscribe holds the links that add the calendar to a phone or a
	// calendar on the web; nil when the site has no absolute baseURL.
	Subscribe *Subscribe
	// Data is the JSON the page script reads to stay true on a later day.
	Data template.JS
}

// Subscribe is how to add a calendar feed to a calendar app: webcal:// for
// Apple and Outlook on a computer, and the pages of Google Calendar and
// Outlook.com that take the feed's address.
type Subscribe struct {
	Webcal          template.URL // the webcal: scheme, which templates would otherwise refuse
	Google, Outlook string
}
