package build

import (
	"io"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// The posters of the weeks: /agenda/week/YYYY-Www/poster/, the week's
// activities by day on one A4 sheet for the door, with a QR code to the
// agenda.
var _ = register(kind{name: "week-poster", routes: func(p *plan) []route {
	var rs []route
	for _, m := range p.weeks() {
		rs = append(rs, route{path: indexPath(p.weekPosterPath(m)), inputs: []input{anyActivity, fileInput(content.HoursFile)},
			make: func(w io.Writer) (diag.List, error) { return p.weekPoster(w, m) }})
	}
	return rs
}})

func (p *plan) weekPosterPath(monday schedule.Date) string { return p.weekPath(monday) + "poster/" }

// posterLines is how many lines of activities the week poster holds at
// its smallest type, in two columns; a busier week shows the first ones of
// each day and says how many more there are.
const posterLines = 60

// weekPoster is /agenda/week/YYYY-Www/poster/: the week's activities by
// day, with a code to the agenda.
func (p *plan) weekPoster(w io.Writer, monday schedule.Date) (diag.List, error) {
	_, n := isoWeek(monday)
	title := p.theme.T("week_title", n, schedule.FormatDayMonthYear(monday, p.cfg.Language), schedule.FormatDayMonthYear(monday.AddDays(6), p.cfg.Language))
	pg := p.page("week-poster", p.theme.T("poster_title", title), p.weekPosterPath(monday))
	v, err := p.posterView(p.weekPath(monday), p.sectionPath(p.words.Agenda))
	if err != nil {
		return nil, err
	}
	v.Title = title
	// The occurrences' views are made for those the poster shows only: a
	// busy week has thousands, of which it shows sixty.
	type day struct {
		title, closed string
		occs          []*schedule.Occurrence
	}
	var days []day
	for i := range 7 {
		d := monday.AddDays(i)
		dv := day{title: schedule.FormatDate(d, p.cfg.Language), closed: p.closedReason(d), occs: p.cal.byDate[d]}
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
		pd := &render.PosterDay{Title: d.title, Closed: d.closed}
		for _, o := range d.occs[:min(len(d.occs), per)] {
			pd.Items = append(pd.Items, p.occurrenceView(*o))
		}
		if n := len(d.occs) - per; n > 0 {
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
	return p.write(w, pg, nil)
}
