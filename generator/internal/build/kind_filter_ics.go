package build

import (
	"io"
	"strings"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
)

// The calendar file of a filter page: /activiteiten/voor/kinderen/agenda.ics,
// with the activities the page lists.
var _ = register(kind{name: "filter-ics", routes: func(p *plan) []route {
	var rs []route
	for _, f := range p.filters() {
		rs = append(rs, route{path: strings.TrimPrefix(f.path, "/") + "agenda.ics", inputs: []input{anyActivity, fileInput(content.HoursFile)},
			make: func(w io.Writer) (diag.List, error) {
				return p.ics(w, p.filterFeedName(f), p.coming(f.acts))
			}})
	}
	return rs
}})
