package content

import (
	"regexp"
	"strings"

	"krachtpunt/generator/internal/diag"
)

// Page is a plain page (content/<slug>.md) or the home text (_index.md).
type Page struct {
	Source
	Slug    string // "" for the home text
	Title   string
	Menu    int // place in the main menu
	InMenu  bool
	Draft   bool
	Heading bool // Title was taken from the body's first "# heading"
}

var firstHeading = regexp.MustCompile(`(?m)^#[ \t]+(.+?)[ \t#]*$`)

func parsePage(file, slug string, text string, diags *diag.List) *Page {
	t, src, ok := splitFrontMatter(file, text, diags)
	if !ok {
		return nil
	}
	p := &Page{Source: src, Slug: slug}
	if t != nil {
		p.Slug = slugField(t, slug)
		p.Title = strings.TrimSpace(t.String(fTitle))
		if m, set := t.Int(fMenu); set {
			p.Menu, p.InMenu = m, true
		}
		p.Draft = t.Bool(fDraft)
		t.Done()
	}
	if p.Title == "" {
		if m := firstHeading.FindStringSubmatch(src.Body); m != nil {
			p.Title, p.Heading = strings.TrimSpace(m[1]), true
		} else if slug != "" {
			p.Title = strings.ToUpper(slug[:1]) + strings.ReplaceAll(slug[1:], "-", " ")
		}
	}
	return p
}
