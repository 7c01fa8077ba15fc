package build

import (
	"io"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
)

// The page of one story: /verhalen/<slug>/.
var _ = register(kind{name: "story", routes: func(p *plan) []route {
	var rs []route
	for _, s := range p.site.Stories {
		rs = append(rs, route{path: indexPath(p.storyPath(s)), inputs: []input{contentInput(s.File), fileInput(s.Image)},
			make: func(w io.Writer) (diag.List, error) { return p.story(w, s) }})
	}
	return rs
}})

func (p *plan) story(w io.Writer, s *content.Story) (diag.List, error) {
	pg := p.page("story", s.Title, p.storyPath(s))
	v, diags := p.storyView(s)
	pg.Story = v
	pg.Summary = v.Excerpt
	p.shareView(pg, p.pagePicture(s.Image, s.ImageAlt, p.storyPath(s)), true)
	return p.write(w, pg, diags)
}
