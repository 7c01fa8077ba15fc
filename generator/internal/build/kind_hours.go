package build

import (
	"io"
	"strings"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
)

// The opening hours: /openingstijden/, when the site has them.
var _ = register(kind{name: "hours", routes: func(p *plan) []route {
	if p.site.Hours == nil {
		return nil
	}
	return []route{{path: indexPath(p.sectionPath(p.words.Hours)), make: p.hoursPage, inputs: []input{fileInput(content.HoursFile)}}}
}})

// hoursPage is /openingstijden/.
func (p *plan) hoursPage(w io.Writer) (diag.List, error) {
	hp := p.site.Hours
	title := hp.Title
	if strings.TrimSpace(title) == "" {
		title = p.theme.T("opening_hours")
	}
	pg := p.page("hours", title, p.sectionPath(p.words.Hours))
	var diags diag.List
	pg.Body, diags = p.markdown(hp.Source)
	h := hp.Hours
	cal := &render.Calendar{Today: p.todayView(p.today), Data: p.scriptData()}
	for i := range 7 {
		wd := time.Weekday((i + 1) % 7)
		cal.HoursRows = append(cal.HoursRows, render.HoursRow{
			Day: p.theme.T("day." + itoa(int(wd))), Hours: p.hoursText(h.Week[wd]), Today: p.today.Weekday() == wd,
		})
	}
	for _, e := range h.Exceptions(p.cal.window) {
		cal.Coming = append(cal.Coming, p.exceptionView(e))
	}
	pg.Calendar = cal
	pg.Script = pageScript
	pg.JSONLD = p.placeJSONLD()
	return p.write(w, pg, diags)
}
