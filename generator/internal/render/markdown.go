package render

import (
	"bufio"
	"bytes"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
)

// Markdown turns the Markdown that volunteers write into HTML: GitHub
// Flavored Markdown (tables, strikethrough, autolinks, task lists), ids on
// headings, raw HTML left out, and javascript:, vbscript:, file: and data:
// addresses made harmless. Links to other content files ("route.md") become
// links to their pages; links to pages that are withheld (drafts, stories
// without consent) and to files that are not there become their text, with
// a warning. It is safe for concurrent use.
type Markdown struct {
	md goldmark.Markdown
}

// NewMarkdown returns a Markdown converter.
func NewMarkdown() *Markdown {
	return &Markdown{md: goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)}
}

// Links tells Markdown where content files and static files are published.
type Links interface {
	// PageURL returns the link to the page made from rel, a slash path of a
	// Markdown file under content/, and whether there is such a page.
	PageURL(rel string) (string, bool)
	// FileURL returns the link to the static file rel under content/, and
	// whether it exists.
	FileURL(rel string) (string, bool)
	// Withheld returns the page that target would link to when that page is
	// not published (a draft, a story without consent), and whether it is
	// one. target is a slash path of a Markdown file under content/, or a
	// root-relative address as a volunteer wrote it ("/verhalen/tuin/").
	Withheld(target string) (content.Withheld, bool)
	// Image returns how to show the image rel under content/, and whether
	// it exists.
	Image(rel string) (Image, bool)
}

// Convert renders src, the body of file (a slash path from the site folder,
// "content/..."), whose first line is line firstLine of the file.
func (m *Markdown) Convert(file string, src string, firstLine int, links Links) ([]byte, diag.List) {
	var diags diag.List
	source := []byte(src)
	doc := m.md.Parser().Parse(text.NewReader(source), parser.WithContext(parser.NewContext(parser.WithIDs(&headingIDs{seen: map[string]bool{}}))))
	dir := path.Dir(strings.TrimPrefix(file, "content/"))
	if !strings.HasPrefix(file, "content/") {
		dir = "."
	}
	var unlink []*ast.Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			pos := posOf(n, source, file, firstLine)
			if w, ok := withheld(l.Destination, dir, links); ok {
				warnWithheld(&diags, pos, string(l.Destination), w)
				unlink = append(unlink, l)
				break
			}
			if missingFile(l.Destination, dir, links) {
				diags.Warnf(pos, "link-to-missing-file",
					diag.T("de link naar %q is gewone tekst geworden: dat bestand staat niet in content/", "the link to %q became plain text: that file is not in content/", string(l.Destination)),
					diag.T("Controleer de bestandsnaam (hoofdletters tellen mee) en zet het bestand naast dit bestand.", "Check the file name (capitals count) and put the file next to this file."))
				unlink = append(unlink, l)
				break
			}
			l.Destination = m.rewrite(l.Destination, false, file, dir, lineOf(n, source, firstLine), links, &diags)
		case *ast.Image:
			pos := posOf(n, source, file, firstLine)
			if strings.TrimSpace(altText(l, source)) == "" {
				// A warning: the content format allows any Markdown, and a
				// missing description must not hold back the rest of the site.
				diags.Warnf(pos, "image-alt",
					diag.T("bij de afbeelding %q hoort een beschrijving tussen de haken", "the image %q needs a description between the brackets", string(l.Destination)),
					diag.T("Beschrijf in een korte zin wat er op de foto staat, voor wie hem niet kan zien: ![Twee buren aan de koffietafel](%s)", "Describe in a short sentence what the photo shows, for people who cannot see it: ![Two neighbours at the coffee table](%s)", string(l.Destination)))
			}
			img, ok := m.image(l.Destination, dir, links)
			if !ok {
				l.Destination = m.rewrite(l.Destination, true, file, dir, pos.Line, links, &diags)
				break
			}
			l.Destination = []byte(img.URL)
			if img.Width > 0 {
				l.SetAttributeString("width", strconv.Itoa(img.Width))
				l.SetAttributeString("height", strconv.Itoa(img.Height))
			}
			if img.Srcset != "" {
				l.SetAttributeString("srcset", img.Srcset)
				l.SetAttributeString("sizes", img.Sizes)
			}
			l.SetAttributeString("loading", "lazy")
		case *ast.AutoLink:
			if dangerous(string(l.URL(source))) {
				n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(l.Label(source)))
			}
		}
		return ast.WalkContinue, nil
	})
	for _, l := range unlink {
		plain(l)
	}
	var buf bytes.Buffer
	// goldmark gathers what it writes in a bufio.Writer, a new one for
	// every text unless it is given one.
	bw := renderBuffers.Get().(*bufio.Writer)
	bw.Reset(&buf)
	err := m.md.Renderer().Render(bw, source, doc)
	if err == nil {
		err = bw.Flush()
	}
	bw.Reset(nil)
	renderBuffers.Put(bw)
	if err != nil {
		diags.Errorf(diag.Pos{File: file, Line: firstLine}, "markdown",
			diag.T("de tekst kon niet omgezet worden: %v", "the text could not be converted: %v", err), diag.Text{})
	}
	return buf.Bytes(), diags
}

// dangerous reports addresses that run code or carry their own content.
func dangerous(dest string) bool {
	s := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToLower(dest))
	for _, scheme := range []string{"javascript:", "vbscript:", "file:", "data:"} {
		if strings.HasPrefix(s, scheme) {
			return true
		}
	}
	return false
}

func (m *Markdown) rewrite(dest []byte, image bool, file, dir string, line int, links Links, diags *diag.List) []byte {
	d := string(dest)
	if dangerous(d) {
		return []byte("#")
	}
	u, err := url.Parse(d)
	if err != nil {
		return dest
	}
	if u.Scheme != "" || u.Host != "" {
		if image {
			diags.Errorf(diag.Pos{File: file, Line: line}, "remote-image",
				diag.T("de afbeelding %q staat op een andere website", "the image %q is on another website", d),
				diag.T("Bezoekers laden dan iets van een andere website. Zet de foto in content/ en schrijf alleen de bestandsnaam.", "Visitors would then load something from another website. Put the photo in content/ and write only its file name."))
			return []byte("#")
		}
		return dest
	}
	if u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return dest
	}
	p, err := url.PathUnescape(u.Path)
	if err != nil {
		p = u.Path
	}
	rel := path.Clean(path.Join(dir, p))
	if strings.HasSuffix(strings.ToLower(rel), ".md") {
		target, ok := links.PageURL(rel)
		if !ok {
			diags.Errorf(diag.Pos{File: file, Line: line}, "broken-link",
				diag.T("de link naar %q gaat naar een pagina die niet bestaat", "the link to %q points to a page that does not exist", d),
				diag.T("Controleer de bestandsnaam; een link naar een ander bestand schrijf je als [Route](route.md).", "Check the file name; a link to another file is written as [Route](route.md)."))
			return dest
		}
		if u.Fragment != "" {
			target += "#" + u.Fragment
		}
		return []byte(target)
	}
	if target, ok := links.FileURL(rel); ok {
		return []byte(target)
	}
	if image {
		diags.Errorf(diag.Pos{File: file, Line: line}, "image-missing",
			diag.T("de afbeelding %q is niet gevonden", "the image %q was not found", d),
			diag.T("Zet het bestand naast dit bestand of in content/, en controleer de schrijfwijze (hoofdletters tellen mee).", "Put the file next to this file or in content/, and check the spelling (capitals count)."))
	}
	return dest
}

// withheld reports whether dest, the address of a link in a file in the
// folder dir under content/, points at a page that is not published.
func withheld(dest []byte, dir string, links Links) (content.Withheld, bool) {
	u, err := url.Parse(string(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return content.Withheld{}, false
	}
	p, err := url.PathUnescape(u.Path)
	if err != nil {
		p = u.Path
	}
	if !strings.HasPrefix(p, "/") {
		p = path.Clean(path.Join(dir, p))
	}
	return links.Withheld(p)
}

// missingFile reports whether dest, the address of a link in a file in the
// folder dir under content/, is a relative link to a file ("folder.pdf")
// that is not under content/: as it stands, it would lead nowhere.
// Markdown files are left to rewrite, which knows about pages.
func missingFile(dest []byte, dir string, links Links) bool {
	u, err := url.Parse(string(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") || strings.HasSuffix(u.Path, "/") {
		return false
	}
	p, err := url.PathUnescape(u.Path)
	if err != nil {
		p = u.Path
	}
	if path.Ext(p) == "" || strings.HasSuffix(strings.ToLower(p), ".md") || dangerous(p) {
		return false
	}
	_, ok := links.FileURL(path.Clean(path.Join(dir, p)))
	return !ok
}

// warnWithheld says that a link to a page that is not published was left out.
func warnWithheld(diags *diag.List, pos diag.Pos, dest string, w content.Withheld) {
	what := map[content.Kind]diag.Text{
		content.KindActivity: {NL: "die activiteit", EN: "that activity"},
		content.KindStory:    {NL: "dat verhaal", EN: "that story"},
		content.KindPage:     {NL: "die pagina", EN: "that page"},
	}[w.Kind]
	if what == (diag.Text{}) {
		what = diag.Text{NL: "die pagina", EN: "that page"}
	}
	if w.Draft {
		diags.Warnf(pos, "link-to-draft",
			diag.T("de link naar %q is gewone tekst geworden: %s is een concept (concept = true) en staat niet op de site", "the link to %q became plain text: %s is a draft (draft = true) and is not on the site", dest, what),
			diag.T("Haal de link weg, of zet concept = false als het klaar is.", "Remove the link, or set draft = false when it is ready."))
		return
	}
	diags.Warnf(pos, "link-without-consent",
		diag.T("de link naar %q is gewone tekst geworden: %s staat niet op de site, want er staat geen toestemming = true in", "the link to %q became plain text: %s is not on the site, because it has no consent = true", dest, what),
		diag.T("Haal de link weg, of zet toestemming = true in het verhaal als de bewoner schriftelijk toestemming gaf.", "Remove the link, or set consent = true in the story once the resident agreed in writing."))
}

// plain replaces a link by its text.
func plain(l *ast.Link) {
	parent := l.Parent()
	for c := l.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, l, c)
		c = next
	}
	parent.RemoveChild(parent, l)
}

// image returns how to show the image at dest, written in a file of dir,
// when it is a file under content/.
func (m *Markdown) image(dest []byte, dir string, links Links) (Image, bool) {
	u, err := url.Parse(string(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return Image{}, false
	}
	p, err := url.PathUnescape(u.Path)
	if err != nil {
		p = u.Path
	}
	return links.Image(path.Clean(path.Join(dir, p)))
}

// altText returns the text between the brackets of an image.
func altText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(source))
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// posOf returns the place in the file of an inline node: its line, and its
// column when the parser kept its offset.
func posOf(n ast.Node, source []byte, file string, firstLine int) diag.Pos {
	at := n.Pos()
	if at < 0 || at > len(source) {
		return diag.Pos{File: file, Line: lineOf(n, source, firstLine)}
	}
	start := bytes.LastIndexByte(source[:at], '\n') + 1
	return diag.Pos{
		File: file,
		Line: firstLine + bytes.Count(source[:at], []byte("\n")),
		Col:  utf8.RuneCount(source[start:at]) + 1,
	}
}

// lineOf returns the line in the file of an inline node, from the nearest
// block that knows its lines.
func lineOf(n ast.Node, source []byte, firstLine int) int {
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return firstLine + bytes.Count(source[:p.Lines().At(0).Start], []byte("\n"))
		}
	}
	return firstLine
}

// headingIDs gives headings ids made like slugs ("Naïef" -> "naief"), made
// unique within a page with a number.
type headingIDs struct {
	seen map[string]bool
}

// Generate implements parser.IDs.
func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	id := content.Slugify(string(value))
	if id == "" {
		id = "kop"
	}
	base := id
	for i := 1; h.seen[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	h.seen[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (h *headingIDs) Put(value []byte) { h.seen[string(value)] = true }

// renderBuffers are the bufio.Writers that goldmark writes a text through.
var renderBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4<<10) }}
