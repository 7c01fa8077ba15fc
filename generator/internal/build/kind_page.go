package build

import (
	"io"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
)

// Plain pages: /<slug>/, one for every Markdown file at the top of
// content/.
var _ = register(kind{name: "page", routes: func(p *plan) []route {
	var rs []route
	for _, pg := range p.site.Pages {
		rs = append(rs, route{path: indexPath("/" + pg.Slug + "/"), inputs: []input{contentInput(pg.File)},
			make: func(w io.Writer) (diag.List, error) { return p.plainPage(w, pg) }})
	}
	return rs
}})

func (p *plan) plainPage(w io.Writer, c *content.Page) (diag.List, error) {
	pg := p.page("page", c.Title, "/"+c.Slug+"/")
	pg.NoTitle = c.Heading
	var diags diag.List
	pg.Body, diags = p.markdown(c.Source)
	return p.write(w, pg, diags)
}
