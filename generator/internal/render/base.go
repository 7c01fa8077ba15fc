package render

import (
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
)

// Every page is wrapped in the base layout (base.html, or _poster.html for
// a poster), which prints the head with its link-preview tags
// (_preview.html), the header, the footer and the page's scripts: about
// thirty actions on each of thousands of pages. While those three layouts
// are the built-in ones and a page's layout only fills in "main" and calls
// its wrapper, the wrapper is written here by hand, byte for byte as
// html/template writes it (see AppendText and AppendURL); "main" is
// executed as the layout says.

// wrapperOf returns how a page layout t, of kind name, is wrapped by hand:
// in "base" or "_poster.html", followed by the white space after the call
// in the layout's file; ok is false when the theme's layouts differ from
// the built-in ones there.
func (th *Theme) wrapperOf(name string, t *template.Template) (wrapping, bool) {
	root := t.Lookup(name)
	if root == nil || root.Tree == nil || len(root.Tree.Root.Nodes) == 0 {
		return wrapping{}, false
	}
	call, ok := root.Tree.Root.Nodes[0].(*parse.TemplateNode)
	if !ok || call.Pipe == nil || call.Pipe.String() != "." || (call.Name != baseLayout && call.Name != posterLayout) {
		return wrapping{}, false
	}
	wr := wrapping{layout: call.Name}
	for _, n := range root.Tree.Root.Nodes[1:] {
		text, ok := n.(*parse.TextNode)
		if !ok || strings.TrimSpace(string(text.Text)) != "" {
			return wrapping{}, false
		}
		wr.tail += string(text.Text)
	}
	// The page's own copy of the wrapper and of the preview: a page
	// layout may define them anew.
	if !sameTree(t.Lookup(call.Name), call.Name) || !sameTree(t.Lookup(previewLayout), previewLayout) {
		return wrapping{}, false
	}
	return wr, true
}

// wrapping is how a page layout is wrapped: the wrapper's name, and the
// white space the page's layout writes after it.
type wrapping struct {
	layout, tail string
	main         bool // the layout's main is written by hand too (main_activity.go)
}

// The layouts written by hand here.
const (
	baseLayout    = "base"
	posterLayout  = "_poster.html"
	previewLayout = "_preview.html"
)

// sameTree reports whether t is the built-in layout name, as parsed.
func sameTree(t *template.Template, name string) bool {
	want, ok := builtinTrees()[name]
	return ok && t != nil && t.Tree != nil && t.Tree.Root.String() == want
}

// wrapBuffers hold the head and the end of a page while it is written.
var wrapBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 4<<10); return &b }}

// renderWrapped writes the page p of the layout t as its wrapper would,
// executing the layout's "main" in its place.
func (th *Theme) renderWrapped(w io.Writer, t *template.Template, wr wrapping, p *Page) error {
	bp := wrapBuffers.Get().(*[]byte)
	defer wrapBuffers.Put(bp)
	var b []byte
	var err error
	if wr.layout == posterLayout {
		b, err = th.appendPosterHead((*bp)[:0], p)
	} else {
		b, err = th.appendBaseHead((*bp)[:0], p)
	}
	if err != nil {
		return err
	}
	byHand := false
	if wr.main {
		b, byHand = th.appendMain(b, p)
	}
	if !byHand {
		if _, err := w.Write(b); err != nil {
			return err
		}
		if err := t.ExecuteTemplate(w, "main", p); err != nil {
			return err
		}
		b = b[:0]
	}
	if wr.layout == posterLayout {
		b = append(b, "\n</main>\n</body>\n</html>\n"...)
	} else if b, err = th.appendBaseEnd(b, p); err != nil {
		return err
	}
	b = append(b, wr.tail...)
	*bp = b
	_, err = w.Write(b)
	return err
}

// appendBaseHead appends base.html up to the page's "main".
func (th *Theme) appendBaseHead(b []byte, p *Page) ([]byte, error) {
	b = textIn(b, "<!DOCTYPE html>\n<html lang=\"", p.Site.Lang, "\" data-built=\"")
	b = AppendText(b, p.Site.Today)
	b = textIn(b, "\" data-zone=\"", p.Site.Zone, "\" data-today=\"")
	b = AppendText(b, th.T("today"))
	b = append(b, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"...)
	if p.Kind == "home" {
		b = AppendText(b, p.Site.Title)
	} else {
		b = AppendText(b, p.Title)
		b = append(b, " – "...)
		b = AppendText(b, p.Site.Title)
	}
	b = append(b, "</title>"...)
	b = appendDescription(b, p)
	b = appendPreview(b, p.Share)
	b = appendCanonical(b, p)
	if pg := p.Pager; pg != nil {
		if pg.Prev != "" {
			b = urlIn(b, "\n<link rel=\"prev\" href=\"", pg.Prev, "\">")
		}
		if pg.Next != "" {
			b = urlIn(b, "\n<link rel=\"next\" href=\"", pg.Next, "\">")
		}
	}
	b = urlIn(b, "\n<link rel=\"stylesheet\" href=\"", p.Site.CSS, "\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
	b = AppendText(b, th.T("stories"))
	b = textIn(b, " – ", p.Site.Title, "\" href=\"")
	b = AppendURL(b, p.Site.FeedURL)
	b = append(b, "\">"...)
	if p.Feed != "" {
		b = textIn(b, "\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"", p.FeedTitle, "\" href=\"")
		b = AppendURL(b, p.Feed)
		b = append(b, "\">"...)
	}
	if p.JSONLD != "" {
		b = append(b, "\n<script type=\"application/ld+json\">"...)
		b = append(b, p.JSONLD...)
		b = append(b, "</script>"...)
	}
	b = textIn(b, "\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">", th.T("skip_to_content"), "</a>\n")
	header, err := th.partial("_header.html", p)
	if err != nil {
		return nil, err
	}
	b = append(b, header...)
	return append(b, "\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n"...), nil
}

// appendBaseEnd appends base.html after the page's "main".
func (th *Theme) appendBaseEnd(b []byte, p *Page) ([]byte, error) {
	b = append(b, "\n</main>\n"...)
	footer, err := th.partial("_footer.html", p)
	if err != nil {
		return nil, err
	}
	b = append(b, footer...)
	if c := p.Calendar; c != nil && c.Data != "" {
		b = append(b, "\n<script type=\"application/json\" id=\"kp-data\">"...)
		b = append(b, c.Data...)
		b = append(b, "</script>"...)
	}
	if p.Script != "" {
		b = append(b, "\n<script>"...)
		b = append(b, p.Script...)
		b = append(b, "</script>"...)
	}
	return append(b, "\n</body>\n</html>\n"...), nil
}

// appendPosterHead appends _poster.html up to the page's "main".
func (th *Theme) appendPosterHead(b []byte, p *Page) ([]byte, error) {
	if p.Poster == nil {
		return nil, fmt.Errorf("the poster layout needs .Poster")
	}
	b = textIn(b, "<!DOCTYPE html>\n<html lang=\"", p.Site.Lang, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	b = AppendText(b, p.Title)
	b = textIn(b, " – ", p.Site.Title, "</title>")
	b = appendDescription(b, p)
	b = appendPreview(b, p.Share)
	b = appendCanonical(b, p)
	b = urlIn(b, "\n<link rel=\"stylesheet\" href=\"", p.Poster.CSS, "\">\n</head>\n<body>\n<nav class=\"poster-bar\" aria-label=\"")
	b = AppendText(b, th.T("poster_nav"))
	b = urlIn(b, "\">\n<p><a href=\"", p.Poster.Page, "\">← ")
	if p.Kind == "poster" {
		b = AppendText(b, th.T("poster_back"))
	} else {
		b = AppendText(b, th.T("poster_back_week"))
	}
	b = textIn(b, "</a></p>\n<p>", th.T("poster_print"), "</p>\n</nav>\n<main class=\"poster poster-")
	b = AppendText(b, p.Kind)
	return textIn(b, " poster-", p.Poster.Size, "\">\n"), nil
}

func appendDescription(b []byte, p *Page) []byte {
	if p.Summary == "" {
		return b
	}
	return textIn(b, "\n<meta name=\"description\" content=\"", p.Summary, "\">")
}

func appendCanonical(b []byte, p *Page) []byte {
	if p.Canonical == "" {
		return b
	}
	return urlIn(b, "\n<link rel=\"canonical\" href=\"", p.Canonical, "\">")
}

// appendPreview appends _preview.html, the tags link previews read.
func appendPreview(b []byte, s *Share) []byte {
	if s == nil {
		return b
	}
	meta := func(b []byte, property, content string) []byte {
		b = append(b, "\n<meta property=\""...)
		b = append(b, property...)
		return textIn(b, "\" content=\"", content, "\">")
	}
	b = meta(b, "og:title", s.Title)
	if s.Description != "" {
		b = meta(b, "og:description", s.Description)
	}
	b = meta(b, "og:type", s.Type)
	if s.URL != "" {
		b = meta(b, "og:url", s.URL)
	}
	b = meta(b, "og:locale", s.Locale)
	b = meta(b, "og:site_name", s.SiteName)
	if im := s.Image; im != nil {
		b = meta(b, "og:image", im.URL)
		b = meta(b, "og:image:type", im.Type)
		b = meta(b, "og:image:width", strconv.Itoa(im.Width))
		b = meta(b, "og:image:height", strconv.Itoa(im.Height))
		b = meta(b, "og:image:alt", im.Alt)
	}
	if s.Published != "" {
		b = meta(b, "article:published_time", s.Published)
	}
	if s.Image != nil {
		return append(b, "\n<meta name=\"twitter:card\" content=\"summary_large_image\">"...)
	}
	return append(b, "\n<meta name=\"twitter:card\" content=\"summary\">"...)
}
