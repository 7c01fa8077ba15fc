package build

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"

	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/feed"
)

// feedEntries is how many of the newest stories the feed carries: feed
// readers fetch it often, so it stays small.
const feedEntries = 20

// atom writes the stories feed. Entry ids are the stories' absolute
// addresses when the site has one, else stable "urn:" names.
func (p *plan) atom() ([]byte, diag.List, error) {
	section := p.sectionPath(p.words.Stories)
	f := &feed.Feed{
		ID:     p.id(section),
		Title:  p.theme.T("stories") + " – " + p.cfg.Title,
		Self:   p.cfg.URL(section + "feed.xml"),
		Link:   p.cfg.URL(section),
		Author: p.cfg.Title,
	}
	loc := p.cfg.Location
	stories := p.site.Stories
	if len(stories) > feedEntries {
		stories = stories[:feedEntries]
	}
	for i, s := range stories {
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
	data, err := f.Marshal()
	return data, nil, err
}

// id returns a permanent identifier for a site path.
func (p *plan) id(sitePath string) string {
	if p.cfg.Absolute() {
		return p.cfg.URL(sitePath)
	}
	return "urn:krachtpunt:" + strings.Trim(strings.ReplaceAll(sitePath, "/", ":"), ":")
}

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL
}

type sitemapURL struct {
	XMLName xml.Name `xml:"url"`
	Loc     string   `xml:"loc"`
}

// sitemap lists every HTML page of the site, in the order of the plan
// (sorted by path).
func (p *plan) sitemap() ([]byte, diag.List, error) {
	var paths []string
	for _, j := range p.jobs() {
		if strings.HasSuffix(j.path, "index.html") {
			paths = append(paths, "/"+strings.TrimSuffix(j.path, "index.html"))
		}
	}
	u := urlset{}
	for _, s := range paths {
		u.URLs = append(u.URLs, sitemapURL{Loc: p.cfg.URL(s)})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(u); err != nil {
		return nil, nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil, nil
}

func (p *plan) robots() ([]byte, diag.List, error) {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	if p.cfg.Absolute() {
		b.WriteString("\nSitemap: " + p.cfg.URL("/sitemap.xml") + "\n")
	}
	return []byte(b.String()), nil, nil
}
