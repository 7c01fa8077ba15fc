package build

import (
	"io"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
)

// The calendar file of the whole agenda: /agenda.ics.
var _ = register(kind{name: "agenda-ics", routes: func(p *plan) []route {
	return []route{{path: "agenda.ics", inputs: []input{anyActivity, fileInput(content.HoursFile)},
		make: func(w io.Writer) (diag.List, error) { return p.icsAll(w) }}}
}})
