package build

import (
	"html/template"
	"io"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// The home page: the welcome text, today's hours, what is on today and the
// rest of this week, the latest stories.
var _ = register(kind{name: "home", routes: func(p *plan) []route {
	return []route{{path: "index.html", make: p.home,
		inputs: append([]input{shows(fileInput("_index.md")), anyActivity, fileInput(content.HoursFile)}, storyInputs(p.newestStories(homeStories))...)}}
}})

// homeStories is how many of the newest stories the home page shows.
const homeStories = 3

func (p *plan) home(w io.Writer) (diag.List, error) {
	pg := p.page("home", p.cfg.Title, "/")
	pg.Summary = p.cfg.Tagline
	var diags diag.List
	if h := p.site.Home; h != nil {
		pg.Body, diags = p.markdown(h.Source)
	}
	pg.Stories = p.storyViews(homeStories)
	cal := &render.Calendar{Data: p.scriptData(), ICS: p.cfg.Link("/agenda.ics")}
	if p.cal.hours != nil {
		cal.Today = p.todayView(p.today)
	}
	// Today, and the rest of this week up to Sunday, as far as homeItems
	// reach; the week page has the rest.
	room, left := homeItems, 0
	for d := p.today; d == p.today || d.Weekday() != time.Monday; d = d.AddDays(1) {
		n := len(p.cal.byDate[d])
		if n == 0 && d != p.today {
			continue
		}
		if room == 0 {
			left += n
			continue
		}
		var h template.HTML
		var err error
		if n <= room {
			h, err = p.dayFragment("_home-day.html", d)
		} else {
			// The day cut short links to its own page for the rest.
			h, err = p.partDay(d, room)
			n = room
		}
		if err != nil {
			return nil, err
		}
		room -= n
		cal.ThisWeek = append(cal.ThisWeek, &render.Day{Date: d.String(), HTML: h})
	}
	if left > 0 {
		cal.More = p.cfg.Link(p.weekPath(mondayOf(p.today)))
		cal.MoreText = p.theme.T("more_this_week", left)
		if left == 1 {
			cal.MoreText = p.theme.T("more_this_week_one")
		}
	}
	pg.Calendar = cal
	pg.Script = pageScript
	pg.JSONLD = p.placeJSONLD()
	return p.write(w, pg, diags)
}

// homeItems is about how many activities the home page lists under "this
// week": enough for a few days on a small site, a page a phone loads
// quickly on a large one.
const homeItems = 30

// partDay returns day d as the home page shows it with only its first n
// occurrences, and a link to the date's page for the others.
func (p *plan) partDay(d schedule.Date, n int) (template.HTML, error) {
	v, err := p.dayPart(d, 0, n)
	if err != nil {
		return "", err
	}
	rest := p.cal.byDate[d][n:]
	v.More, v.MoreText = p.moreOn(d, len(rest))
	// The link goes when what it leads to is over, as the items do.
	var last time.Time
	for _, o := range rest {
		if o.End.After(last) {
			last = o.End
		}
	}
	v.MoreEnd = last.Format(time.RFC3339)
	return p.theme.Fragment("_home-day.html", v)
}
