package build

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"io"
	"unicode/utf8"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/qr"
	"krachtpunt/generator/internal/render"
)

// The posters of the activities: /activiteiten/<slug>/poster/, an A4 sheet
// for the door in big type with a QR code to the activity's page. Posters
// (these and the week's, kind_week_poster.go) have a style sheet of their
// own, so the pages residents open most stay light.
var _ = register(kind{name: "poster", activity: func(p *plan, a *content.Activity) []route {
	return []route{{path: indexPath(p.activityPosterPath(a)),
		inputs: []input{contentInput(a.File), fileInput(a.Image)},
		draw:   func(p *plan, w io.Writer) (diag.List, error) { return p.activityPoster(w, a) }}}
}})

const posterCSS = "poster.css"

func (p *plan) activityPosterPath(a *content.Activity) string { return p.activityPath(a) + "poster/" }

// posterRules is how many of an activity's rules its poster writes out;
// the website has the rest.
const posterRules = 4

// posterView starts the view of a poster of the page at site path page,
// whose code leads to the page at site path target.
func (p *plan) posterView(page, target string) (*render.Poster, error) {
	v := &render.Poster{Page: p.cfg.Link(page)}
	for _, f := range p.theme.Static {
		if f.Path == posterCSS {
			sum := sha256.Sum256(f.Data)
			v.CSS = p.cfg.Link("/"+posterCSS) + "?v=" + hex.EncodeToString(sum[:4])
		}
	}
	// A phone can only open a full address: without one the poster has no
	// code, and says so on the screen (the build warns about baseURL).
	if p.cfg.Absolute() {
		v.QRURL = p.cfg.URL(target)
		c, err := qr.Encode(v.QRURL)
		if err != nil {
			return nil, err
		}
		v.QR = template.HTML(c.SVG("qr", p.theme.T("poster_qr_title", v.QRURL))) // #nosec: escaped by package qr
	}
	return v, nil
}

// activityPoster is /activiteiten/<slug>/poster/.
func (p *plan) activityPoster(w io.Writer, a *content.Activity) (diag.List, error) {
	pg := p.page("poster", p.theme.T("poster_title", a.Title), p.activityPosterPath(a))
	pg.Summary = a.Summary
	pg.Activity = p.activityView(a)
	v, err := p.posterView(p.activityPath(a), p.activityPath(a))
	if err != nil {
		return nil, err
	}
	v.When = pg.Activity.When
	if n := len(v.When) - posterRules; n > 0 {
		v.When = v.When[:posterRules]
		v.WhenMore = p.theme.T("poster_more_when", n)
		if n == 1 {
			v.WhenMore = p.theme.T("poster_more_when_one")
		}
	}
	if a.Room != "" {
		v.Where = append(v.Where, a.Room)
	}
	v.Where = append(v.Where, p.addressLines()...)
	switch n := utf8.RuneCountInString(a.Title); {
	case n <= 24:
		v.Size = "l"
	case n <= 48:
		v.Size = "m"
	default:
		v.Size = "s"
	}
	pg.Poster = v
	p.shareView(pg, p.pagePicture(a.Image, a.ImageAlt, p.activityPath(a)), false)
	return p.write(w, pg, nil)
}

// addressLines are the centre's street and town.
func (p *plan) addressLines() []string {
	a := p.cfg.Address
	var out []string
	if a.Street != "" {
		out = append(out, a.Street)
	}
	town := a.Postcode
	if a.City != "" {
		if town != "" {
			town += " "
		}
		town += a.City
	}
	if town != "" {
		out = append(out, town)
	}
	return out
}
