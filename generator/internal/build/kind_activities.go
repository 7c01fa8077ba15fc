package build

import (
	"io"
	"slices"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// The list of activities: /activiteiten/.
var _ = register(kind{name: "activities", routes: func(p *plan) []route {
	return []route{{path: indexPath(p.sectionPath(p.words.Activities)), make: p.activities,
		inputs: []input{shows(anyActivity), fileInput(content.HoursFile), shows(fileInput("activities/_index.md"))}}}
}})

// intro returns the title and text a volunteer wrote for a list page, or
// the default title.
func (p *plan) intro(pg *render.Page, intro *content.Page) diag.List {
	if intro == nil {
		return nil
	}
	if intro.Title != "" {
		pg.Title = intro.Title
	}
	pg.NoTitle = intro.Heading
	var diags diag.List
	pg.Body, diags = p.markdown(intro.Source)
	return diags
}

// activities lists every activity that has a date to come, grouped by the
// day of the week it is on, Monday first; activities that happen once come
// last, by date.
func (p *plan) activities(w io.Writer) (diag.List, error) {
	pg := p.page("activities", p.theme.T("activities"), p.sectionPath(p.words.Activities))
	diags := p.intro(pg, p.site.ActivitiesIntro)
	pg.Filters = p.filterOverview()
	var byDay [7][]*render.Activity
	type dated struct {
		d schedule.Date
		v *render.Activity
	}
	var once []dated
	for _, a := range p.site.Activities {
		if len(p.cal.upcoming(a.Slug, 1)) == 0 {
			continue // over, or not yet planned: its page says so
		}
		v, err := p.activityCard(a)
		if err != nil {
			return nil, err
		}
		var days [7]bool
		for _, r := range a.Rules {
			if r.Kind == schedule.Once {
				once = append(once, dated{r.Date, v})
				continue
			}
			for _, d := range r.Days {
				days[d] = true
			}
		}
		for d, on := range days {
			if on {
				byDay[d] = append(byDay[d], v)
			}
		}
	}
	for i := range 7 {
		d := (i + 1) % 7 // Monday first
		if len(byDay[d]) == 0 {
			continue
		}
		pg.Activities = append(pg.Activities, &render.ActivityGroup{
			ID: "day-" + time.Weekday(d).String(), Title: p.theme.T("day." + string(rune('0'+d))), Activities: byDay[d],
		})
	}
	if len(once) > 0 {
		slices.SortStableFunc(once, func(a, b dated) int { return a.d.Compare(b.d) })
		g := &render.ActivityGroup{ID: "once", Title: p.theme.T("once")}
		for _, o := range once {
			if !slices.Contains(g.Activities, o.v) {
				g.Activities = append(g.Activities, o.v)
			}
		}
		pg.Activities = append(pg.Activities, g)
	}
	return p.write(w, pg, diags)
}
