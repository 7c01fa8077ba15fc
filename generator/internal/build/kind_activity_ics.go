package build

import (
	"io"
	"strings"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
)

// The calendar file of one activity: /activiteiten/<slug>/agenda.ics.
var _ = register(kind{name: "activity-ics", activity: func(p *plan, a *content.Activity) []route {
	return []route{{path: strings.TrimPrefix(p.activityPath(a), "/") + "agenda.ics",
		inputs: []input{contentInput(a.File), fileInput(content.HoursFile)},
		draw:   func(p *plan, w io.Writer) (diag.List, error) { return p.icsActivity(w, a) }}}
}})
