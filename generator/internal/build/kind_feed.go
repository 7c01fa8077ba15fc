package build

import (
	"io"
	"time"

	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/feed"
)

// The Atom feed of the newest stories: /verhalen/feed.xml.
var _ = register(kind{name: "feed", routes: func(p *plan) []route {
	return []route{{path: p.words.Stories + "/feed.xml", inputs: storyInputs(p.newestStories(feedEntries)),
		make: p.atom}}
}})

// feedEntries is how many of the newest stories the feed carries: feed
// readers fetch it often, so it stays small.
const feedEntries = 20

// atom writes the stories feed into w. Entry ids are the stories' absolute
// addresses when the site has one, else stable "urn:" names.
func (p *plan) atom(w io.Writer) (diag.List, error) {
	section := p.sectionPath(p.words.Stories)
	f := &feed.Feed{
		ID:     p.id(section),
		Title:  p.theme.T("stories") + " – " + p.cfg.Title,
		Self:   p.cfg.URL(section + "feed.xml"),
		Link:   p.cfg.URL(section),
		Author: p.cfg.Title,
	}
	loc := p.cfg.Location
	for i, s := range p.newestStories(feedEntries) {
		v, _ := p.storyView(s)
		t := s.Date.In(loc)
		if i == 0 {
			f.Updated = t
		}
		f.Entries = append(f.Entries, feed.Entry{
			ID: p.id(p.storyPath(s)), Title: s.Title, Link: p.cfg.URL(p.storyPath(s)),
			Published: t, Updated: t, Author: v.Author, Summary: v.Excerpt, Content: string(v.Body),
		})
	}
	if f.Updated.IsZero() {
		f.Updated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return nil, f.Encode(w)
}
