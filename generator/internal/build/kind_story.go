package build

import (
	"io"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
)

// The page of one story: /verhalen/<slug>/.
// It is made right after the page of the list of stories that shows it,
// which made its view already.
var _ = register(kind{name: "story", story: func(p *plan, s *content.Story) []route {
	return []route{{path: indexPath(p.storyPath(s)), inputs: []input{shows(contentInput(s.File))},
		draw:  func(p *plan, w io.Writer) (diag.List, error) { return p.story(w, s) },
		after: indexPath(p.storiesPath(p.storyPageOf(s)))}}
}})

func (p *plan) story(w io.Writer, s *content.Story) (diag.List, error) {
	pg := p.page("story", s.Title, p.storyPath(s))
	v, diags := p.storyView(s)
	pg.Story = v
	pg.Summary = v.Excerpt
	p.shareView(pg, p.pagePicture(s.Image, s.ImageAlt, p.storyPath(s)), true)
	return p.write(w, pg, diags)
}
