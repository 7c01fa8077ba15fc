package build

import (
	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// A story view is a story as its page, the list of stories, the home page
// and the feed show it.

// storyView returns a story's view, made once and taken over by the next
// build while the story does not change.
func (p *plan) storyView(s *content.Story) (*render.Story, diag.List) {
	r, _ := p.frags.stories.get(storyKey{s, p.photos.sum}, func() (storyResult, error) {
		v, d := p.makeStoryView(s)
		return storyResult{v, d}, nil
	})
	return r.view, r.diags
}

func (p *plan) makeStoryView(s *content.Story) (*render.Story, diag.List) {
	body, diags := p.markdown(s.Source)
	author := s.Author
	if author == "" {
		author = p.theme.T("a_resident")
	}
	v := &render.Story{
		Title: s.Title, URL: p.cfg.Link(p.storyPath(s)),
		Date: schedule.FormatDayMonthYear(s.Date, p.cfg.Language), ISODate: s.Date.String(),
		Author: author, ImageAlt: s.ImageAlt, Tags: s.Tags,
		Excerpt: excerpt(string(body), 200), Body: body,
	}
	if img, ok := p.Image(s.Image); ok {
		v.Image, v.ImageW, v.ImageH, v.ImageSrcset, v.ImageSizes = img.URL, img.Width, img.Height, img.Srcset, img.Sizes
	}
	return v, diags
}

// storyViews returns the newest n stories (all when n < 0). Problems in a
// story are reported once, by the story's own page.
func (p *plan) storyViews(n int) []*render.Story {
	list := p.site.Stories
	if n >= 0 && len(list) > n {
		list = list[:n]
	}
	out := make([]*render.Story, 0, len(list))
	for _, s := range list {
		v, _ := p.storyView(s)
		out = append(out, v)
	}
	return out
}
