package build

import (
	"io"
	"strings"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
)

// The calendar file of one activity: /activiteiten/<slug>/agenda.ics.
var _ = register(kind{name: "activity-ics", routes: func(p *plan) []route {
	var rs []route
	for _, a := range p.site.Activities {
		rs = append(rs, route{path: strings.TrimPrefix(p.activityPath(a), "/") + "agenda.ics",
			inputs: []input{contentInput(a.File), fileInput(content.HoursFile)},
			make:   func(w io.Writer) (diag.List, error) { return p.icsActivity(w, a) }})
	}
	return rs
}})
