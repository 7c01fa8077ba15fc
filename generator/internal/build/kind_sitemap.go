package build

import (
	"bufio"
	"encoding/xml"
	"io"
	"strings"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
)

// The list of every page for search engines: /sitemap.xml. It lists the
// further pages of busy dates too, which the activities and the opening
// hours decide (see kind.later).
var _ = register(kind{name: "sitemap", routes: func(p *plan) []route {
	return []route{{path: "sitemap.xml", make: p.sitemap, inputs: []input{anyActivity, fileInput(content.HoursFile)}}}
}})

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
func (p *plan) sitemap(w io.Writer) (diag.List, error) {
	u := urlset{}
	for _, r := range p.routes {
		if s, ok := strings.CutSuffix(r.path, "index.html"); ok {
			u.URLs = append(u.URLs, sitemapURL{Loc: p.cfg.URL("/" + s)})
		}
	}
	buf := bufio.NewWriter(w)
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(u); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return nil, buf.Flush()
}
