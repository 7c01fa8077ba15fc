package build

import (
	"io"

	"krachtpunt/generator/internal/diag"
)

// The page a web server shows for an address the site does not have.
var _ = register(kind{name: "404", routes: func(p *plan) []route {
	return []route{{path: "404.html", make: p.notFound}}
}})

func (p *plan) notFound(w io.Writer) (diag.List, error) {
	pg := p.page("404", p.theme.T("not_found_title"), "/404.html")
	pg.Canonical = ""
	return p.write(w, pg, nil)
}
