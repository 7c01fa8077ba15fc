package build

import (
	"html/template"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/render"
)

// An activity card is an activity as the list of activities shows it; the
// activity view is its facts, as its page and its card show them.

func (p *plan) activityView(a *content.Activity) *render.Activity {
	lang := p.cfg.Language
	v := &render.Activity{
		Title: a.Title, URL: p.cfg.Link(p.activityPath(a)), Summary: a.Summary,
		Room: a.Room, Cost: a.Cost, Free: a.Free(), WalkIn: a.WalkIn(), Signup: a.Signup, Contact: a.Contact,
		ImageAlt: a.ImageAlt, Tags: a.Categories,
		ICS: p.cfg.Link(p.activityPath(a) + "agenda.ics"),
	}
	if img, ok := p.Image(a.Image); ok {
		v.Image, v.ImageW, v.ImageH, v.ImageSrcset, v.ImageSizes = img.URL, img.Width, img.Height, img.Srcset, img.Sizes
	}
	for _, r := range a.Rules {
		v.When = append(v.When, r.Describe(lang))
	}
	v.Audience, v.Categories = p.termLinks(a)
	return v
}

// activityCard returns an activity as the list of activities shows it.
func (p *plan) activityCard(a *content.Activity) (*render.Activity, error) {
	h, err := p.frags.cards.get(a, func() (template.HTML, error) {
		return p.theme.Fragment("_activity-card.html", p.activityView(a))
	})
	return &render.Activity{Card: h}, err
}
