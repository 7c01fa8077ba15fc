package build

import (
	"io"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
)

// The list of stories, newest first, 20 a page: /verhalen/, then
// /verhalen/pagina/2/.
var _ = register(kind{name: "stories", routes: func(p *plan) []route {
	var rs []route
	for n := 1; n <= p.storyPages(); n++ {
		rs = append(rs, route{path: indexPath(p.storiesPath(n)), inputs: append(storyInputs(p.storiesOn(n)), shows(fileInput("stories/_index.md"))),
			make: func(w io.Writer) (diag.List, error) { return p.stories(w, n) }})
	}
	return rs
}})

// storyInputs returns the inputs of an output that shows the stories of
// list, in that order: their files, with the photos they show. Which stories an output
// lists, and in what order, is part of its key that way; the number of
// stories is in every key already, as a part of the site's shape.
func storyInputs(list []*content.Story) []input {
	in := make([]input, len(list))
	for i, s := range list {
		in[i] = shows(contentInput(s.File))
	}
	return in
}

// newestStories returns the n newest stories, or every story when there
// are fewer.
func (p *plan) newestStories(n int) []*content.Story {
	return p.site.Stories[:min(n, len(p.site.Stories))]
}

// storiesOn returns the stories page n of the list shows, newest first.
func (p *plan) storiesOn(n int) []*content.Story {
	all := p.site.Stories
	return all[min((n-1)*storiesPerPage, len(all)):min(n*storiesPerPage, len(all))]
}

// storyPageOf returns the page of the list of stories that shows s.
func (p *plan) storyPageOf(s *content.Story) int {
	p.storyPlaces.once.Do(func() {
		p.storyPlaces.of = make(map[*content.Story]int, len(p.site.Stories))
		for i, s := range p.site.Stories {
			p.storyPlaces.of[s] = i
		}
	})
	return p.storyPlaces.of[s]/storiesPerPage + 1
}

// storiesPerPage is how many stories one page of the list of stories
// shows, newest first.
const storiesPerPage = 20

// storyPages returns how many pages the list of stories has: one at least,
// which says when there are no stories yet.
func (p *plan) storyPages() int {
	return max(1, (len(p.site.Stories)+storiesPerPage-1)/storiesPerPage)
}

// storiesPath returns the path of page n (from 1) of the list of stories:
// /verhalen/, then /verhalen/pagina/2/.
func (p *plan) storiesPath(n int) string {
	if n == 1 {
		return p.sectionPath(p.words.Stories)
	}
	return p.sectionPath(p.words.Stories) + p.words.Page + "/" + itoa(n) + "/"
}

// stories is page n of the list of stories. The first page has the text a
// volunteer wrote above the list; every page links to the pages before
// and after it.
func (p *plan) stories(w io.Writer, n int) (diag.List, error) {
	total := p.storyPages()
	pg := p.page("stories", p.theme.T("stories"), p.storiesPath(n))
	diags := p.intro(pg, p.site.StoriesIntro)
	if n > 1 {
		pg.Title = p.theme.T("title_page", pg.Title, n)
		pg.Body, pg.NoTitle = "", false
		// The menu leads to the first page, not to this one.
		for i := range pg.Site.Menu {
			pg.Site.Menu[i].Current = false
		}
	}
	for _, s := range p.storiesOn(n) {
		v, _ := p.storyView(s)
		pg.Stories = append(pg.Stories, v)
	}
	if total > 1 {
		pager := &render.Pager{Number: n, Total: total, Label: p.theme.T("page_of", n, total)}
		if n > 1 {
			pager.Prev = p.cfg.Link(p.storiesPath(n - 1))
		}
		if n < total {
			pager.Next = p.cfg.Link(p.storiesPath(n + 1))
		}
		pg.Pager = pager
	}
	return p.write(w, pg, diags)
}
