package build

import (
	"encoding/json"
	"html/template"
	"strings"
	"time"

	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// scriptDays is how many days of opening hours and activities a page carries
// for its script, so it stays right when read up to that long after the build.
const scriptDays = 14

// hoursText writes intervals out, or "closed".
func (p *plan) hoursText(ivs []schedule.Interval) string {
	if len(ivs) == 0 {
		return p.theme.T("closed")
	}
	return schedule.FormatIntervals(ivs, p.cfg.Language)
}

// reason explains why a day differs from the normal week.
func (p *plan) reason(d schedule.Day) string {
	if d.Source == schedule.SourceHoliday && d.Holiday != nil && p.cfg.Language == "en" {
		return d.Holiday.NameEN
	}
	if d.Source == schedule.SourceRegular {
		return ""
	}
	return d.Reason
}

// todayView says whether the centre is open on day d, and else when it
// opens next.
func (p *plan) todayView(d schedule.Date) *render.Today {
	h := p.cal.hours
	day := h.On(d)
	t := &render.Today{Date: schedule.FormatDate(d, p.cfg.Language), Open: day.Open, Hours: p.hoursText(day.Hours), Reason: p.reason(day)}
	if !day.Open {
		if next, ok := h.NextOpening(d.In(p.cfg.Location), p.cfg.Location); ok {
			nd := schedule.DateOf(next)
			t.Next = p.theme.T("at_time", schedule.FormatDate(nd, p.cfg.Language), schedule.FormatTime(clockOf(next), p.cfg.Language))
		}
	}
	t.Text = p.todayText(t)
	return t
}

// hoursData is what the page script needs to say "open now" on a later day.
type hoursData struct {
	Zone string     `json:"zone"`
	Days []dayHours `json:"days"`
}

type dayHours struct {
	Date  string      `json:"date"`
	Open  [][2]string `json:"open"` // RFC 3339 start and end instants
	Text  string      `json:"text"` // the day's line, as the page shows it today
	Label string      `json:"label"`
}

func (p *plan) scriptData() template.JS {
	data := hoursData{Zone: p.cfg.Timezone}
	if h := p.cal.hours; h != nil {
		for i := range scriptDays {
			d := p.today.AddDays(i)
			t := p.todayView(d)
			dh := dayHours{Date: d.String(), Text: p.todayText(t), Label: t.Date}
			for _, iv := range h.On(d).Hours {
				start := wall(d, iv.Start, p.cfg.Location)
				end := wall(d, iv.End, p.cfg.Location)
				if iv.End <= iv.Start {
					end = wall(d.AddDays(1), iv.End, p.cfg.Location)
				}
				dh.Open = append(dh.Open, [2]string{start.Format(time.RFC3339), end.Format(time.RFC3339)})
			}
			data.Days = append(data.Days, dh)
		}
	}
	b, err := json.Marshal(data)
	if err != nil {
		panic(err) // plain strings always marshal
	}
	return template.JS(b)
}

// todayText is the sentence about the day's hours, as the home page and the
// opening hours page show it.
func (p *plan) todayText(t *render.Today) string {
	var s string
	if t.Open {
		s = p.theme.T("open_on", t.Hours)
	} else {
		s = p.theme.T("closed_on")
	}
	if t.Reason != "" {
		s += " (" + t.Reason + ")"
	}
	if !t.Open {
		s += "."
		if t.Next != "" {
			s += " " + p.theme.T("next_open", t.Next)
		}
	}
	return s
}

func (p *plan) exceptionView(e schedule.Exception) render.Exception {
	lang := p.cfg.Language
	when := schedule.FormatDate(e.From, lang)
	if e.Until != e.From {
		when = p.theme.T("from_until", schedule.FormatDayMonthYear(e.From, lang), schedule.FormatDayMonthYear(e.Until, lang))
	}
	v := render.Exception{When: when}
	reason := e.Reason
	switch e.Kind {
	case schedule.SourceClosed:
		v.Kind, v.What = "closed", p.theme.T("closed")
	case schedule.SourceHoliday:
		v.Kind, v.What = "holiday", p.theme.T("closed")
		if e.Holiday != nil && lang == "en" {
			reason = e.Holiday.NameEN
		}
	case schedule.SourceSpecial:
		v.Kind, v.What = "special", p.theme.T("open_hours", p.hoursText(e.Hours))
	case schedule.SourceSeason:
		v.Kind, v.What = "season", p.theme.T("other_hours")
		if e.Season != nil {
			var parts []string
			for i := range 7 {
				wd := time.Weekday((i + 1) % 7)
				if e.Season.Named[wd] {
					parts = append(parts, p.theme.T("day."+itoa(int(wd)))+" "+p.hoursText(e.Season.Week[wd]))
				}
			}
			v.What += ": " + strings.Join(parts, ", ")
		}
	}
	if reason != "" {
		v.What += " (" + reason + ")"
	}
	return v
}

// wall returns clock c on day d in loc. Opening hours never fall in the hour
// a clock change skips or repeats, so time.Date's choice there is harmless.
func wall(d schedule.Date, c schedule.Clock, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, c.Hour(), c.Minute(), 0, 0, loc)
}
