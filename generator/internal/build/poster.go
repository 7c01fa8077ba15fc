package build

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"unicode/utf8"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/qr"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// Posters are A4 sheets for the door, each under the page it stands for:
// /activiteiten/<slug>/poster/ and /agenda/week/YYYY-Www/poster/. They
// have a style sheet of their own, so the pages residents open most stay
// light.

const posterCSS = "poster.css"

func (p *plan) activityPosterPath(a *content.Activity) string { return p.activityPath(a) + "poster/" }
func (p *plan) weekPosterPath(monday schedule.Date) string    { return p.weekPath(monday) + "poster/" }

// posterRules is how many of an activity's rules its poster writes out;
// the website has the rest.
const posterRules = 4

// posterLines is how many lines of activities the week poster holds at
// its smallest type, in two columns; a busier week shows the first ones of
// each day and says how many more there are.
const posterLines = 72

// posterView starts the view of a poster of the page at site path page,
// whose code leads to the page at site path target.
func (p *plan) posterView(page, target string) (*render.Poster, error) {
	v := &render.Poster{Page: p.cfg.Link(page)}
	for _, f := range p.theme.Static {
		if f.Path == posterCSS {
			sum := sha256.Sum256(f.Data)
			v.CSS = p.cfg.Link("/"+posterCSS) + "?v=" + hex.EncodeToString(sum[:4])
		}
	}
	// A phone can only open a full address: without one the poster has no
	// code, and says so on the screen (the build warns about baseURL).
	if p.cfg.Absolute() {
		v.QRURL = p.cfg.URL(target)
		c, err := qr.Encode(v.QRURL)
		if err != nil {
			return nil, err
		}
		v.QR = template.HTML(c.SVG("qr", p.theme.T("poster_qr_title", v.QRURL))) // #nosec: escaped by package qr
	}
	return v, nil
}

// activityPoster is /activiteiten/<slug>/poster/.
func (p *plan) activityPoster(a *content.Activity) ([]byte, diag.List, error) {
	pg := p.page("poster", p.theme.T("poster_title", a.Title), p.activityPosterPath(a))
	pg.Summary = a.Summary
	pg.Activity = p.activityView(a)
	v, err := p.posterView(p.activityPath(a), p.activityPath(a))
	if err != nil {
		return nil, nil, err
	}
	v.When = pg.Activity.When
	if n := len(v.When) - posterRules; n > 0 {
		v.When = v.When[:posterRules]
		v.WhenMore = p.theme.T("poster_more_when", n)
		if n == 1 {
			v.WhenMore = p.theme.T("poster_more_when_one")
		}
	}
	if a.Room != "" {
		v.Where = append(v.Where, a.Room)
	}
	v.Where = append(v.Where, p.addressLines()...)
	switch n := utf8.RuneCountInString(a.Title); {
	case n <= 24:
		v.Size = "l"
	case n <= 48:
		v.Size = "m"
	default:
		v.Size = "s"
	}
	pg.Poster = v
	return p.render(pg, nil)
}

// addressLines are the centre's street and town.
func (p *plan) addressLines() []string {
	a := p.cfg.Address
	var out []string
	if a.Street != "" {
		out = append(out, a.Street)
	}
	town := a.Postcode
	if a.City != "" {
		if town != "" {
			town += " "
		}
		town += a.City
	}
	if town != "" {
		out = append(out, town)
	}
	return out
}

// weekPoster is /agenda/week/YYYY-Www/poster/: the week's activities by
// day, with a code to the agenda.
func (p *plan) weekPoster(monday schedule.Date) ([]byte, diag.List, error) {
	_, n := isoWeek(monday)
	title := p.theme.T("week_title", n, schedule.FormatDayMonthYear(monday, p.cfg.Language), schedule.FormatDayMonthYear(monday.AddDays(6), p.cfg.Language))
	pg := p.page("week-poster", p.theme.T("poster_title", title), p.weekPosterPath(monday))
	v, err := p.posterView(p.weekPath(monday), p.sectionPath(p.words.Agenda))
	if err != nil {
		return nil, nil, err
	}
	v.Title = title
	type day struct {
		title, closed string
		occs          []*render.Occurrence
	}
	var days []day
	for i := range 7 {
		d := monday.AddDays(i)
		dv := day{title: schedule.FormatDate(d, p.cfg.Language), closed: p.closedReason(d)}
		for _, o := range p.cal.byDate[d] {
			dv.occs = append(dv.occs, p.occurrenceView(o))
		}
		if len(dv.occs) > 0 || dv.closed != "" {
			days = append(days, dv)
		}
	}
	v.Empty = len(days) == 0
	lines := func(per int) int {
		n := 0
		for _, d := range days {
			n++ // the day's heading
			if d.closed != "" {
				n++
			}
			n += min(len(d.occs), per)
			if len(d.occs) > per {
				n++ // "and 3 more"
			}
		}
		return n
	}
	per := 1 << 30
	switch all := lines(per); {
	case all <= 18:
		v.Size = "l"
	case all <= 24:
		v.Size = "m"
	case all <= 28:
		v.Size = "s"
	case all <= 52:
		v.Size = "xs" // two columns from here on
	default:
		v.Size = "xxs"
		if all > posterLines {
			per = 1
			for lines(per+1) <= posterLines {
				per++
			}
		}
	}
	for _, d := range days {
		pd := &render.PosterDay{Title: d.title, Closed: d.closed, Items: d.occs}
		if n := len(d.occs) - per; n > 0 {
			pd.Items = d.occs[:per]
			pd.More = p.theme.T("poster_more_day", n)
			if n == 1 {
				pd.More = p.theme.T("poster_more_day_one")
			}
		}
		v.Days = append(v.Days, pd)
	}
	v.Where = p.addressLines()
	if ph := p.cfg.Address.Phone; ph != "" {
		v.Where = append(v.Where, p.theme.T("phone")+": "+ph)
	}
	pg.Poster = v
	return p.render(pg, nil)
}
