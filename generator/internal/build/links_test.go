package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"krachtpunt/generator/internal/config"
)

// crawlSite is what the link checker knows of a built site.
type crawlSite struct {
	files map[string][]byte
	host  string // the host of the site's absolute address; "" when it has none
	base  string // the path every link starts with: "/" or "/linde/"
	ids   map[string]map[string]bool
}

// brokenLinks returns every internal link or source of the site's HTML
// pages, sitemap, feeds and agenda.json that leads to no published file, or
// to an id that the target page does not have, as "file: link (why)", sorted. Links to other hosts and
// mailto:, tel: and webcal: links are not followed.
func brokenLinks(files map[string][]byte, cfg *config.Config) ([]string, error) {
	c := &crawlSite{files: files, base: cfg.Link("/"), ids: map[string]map[string]bool{}}
	if cfg.Absolute() {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil {
			return nil, err
		}
		c.host = u.Host
	}
	type link struct{ page, ref string }
	var links []link
	for p, data := range files {
		var refs []string
		var err error
		switch {
		case strings.HasSuffix(p, ".html"):
			c.ids[p], refs, err = parsePage(data)
		case strings.HasSuffix(p, ".xml"):
			refs, err = xmlLinks(data)
		case p == "agenda.json":
			var a struct{ Occurrences []struct{ URL string } }
			err = json.Unmarshal(data, &a)
			for _, o := range a.Occurrences {
				refs = append(refs, o.URL)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		for _, r := range refs {
			links = append(links, link{p, r})
		}
	}
	var broken []string
	for _, l := range links {
		if why := c.check(l.page, l.ref); why != "" {
			broken = append(broken, fmt.Sprintf("%s: %s (%s)", l.page, l.ref, why))
		}
	}
	slices.Sort(broken)
	return slices.Compact(broken), nil
}

// parsePage returns the ids of an HTML page and the addresses in its href
// and src attributes (and in srcset).
func parsePage(data []byte) (ids map[string]bool, refs []string, err error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	ids = map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch {
				case a.Key == "id", a.Key == "name" && n.Data == "a":
					ids[a.Val] = true
				case a.Key == "href", a.Key == "src":
					refs = append(refs, a.Val)
				case a.Key == "srcset":
					for _, cand := range strings.Split(a.Val, ",") {
						if f := strings.Fields(cand); len(f) > 0 {
							refs = append(refs, f[0])
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return ids, refs, nil
}

// xmlLinks returns the addresses in a sitemap (<loc>) or an Atom feed
// (href attributes).
func xmlLinks(data []byte) ([]string, error) {
	var refs []string
	d := xml.NewDecoder(bytes.NewReader(data))
	inLoc := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return refs, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inLoc = tok.Name.Local == "loc"
			for _, a := range tok.Attr {
				if a.Name.Local == "href" {
					refs = append(refs, a.Value)
				}
			}
		case xml.CharData:
			if inLoc {
				refs = append(refs, strings.TrimSpace(string(tok)))
			}
		case xml.EndElement:
			inLoc = false
		}
	}
}

// check returns why ref, found on page, is broken, or "".
func (c *crawlSite) check(page, ref string) string {
	if strings.TrimSpace(ref) == "" {
		return "empty address"
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "not an address: " + err.Error()
	}
	switch u.Scheme {
	case "mailto", "tel", "webcal":
		return ""
	case "http", "https":
		if u.Host != c.host {
			return "" // another website
		}
	case "":
		if u.Host != "" {
			return "" // //host/path
		}
	default:
		return "unexpected scheme " + u.Scheme
	}
	from := &url.URL{Path: c.base + page}
	target := from.ResolveReference(&url.URL{Path: u.Path, RawPath: u.RawPath, Fragment: u.Fragment})
	if u.Scheme != "" {
		target = &url.URL{Path: u.Path, Fragment: u.Fragment}
	}
	if u.Path == "" && u.Scheme == "" {
		target.Path = from.Path // "#fragment" or "?query": this page
	}
	p, ok := strings.CutPrefix(target.Path, c.base)
	if !ok && target.Path+"/" != c.base {
		return "outside the site's path " + c.base
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	p = path.Clean(p)
	if _, ok := c.files[p]; !ok {
		return "no file " + p
	}
	if target.Fragment != "" && strings.HasSuffix(p, ".html") && !c.ids[p][target.Fragment] {
		return "no id " + target.Fragment + " on " + p
	}
	return ""
}

// checkLinks fails the test for every broken internal link of a site.
func checkLinks(t *testing.T, files map[string][]byte, cfg *config.Config) {
	t.Helper()
	broken, err := brokenLinks(files, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		t.Errorf("broken link: %s", b)
	}
}

// TestLinkCheckerFindsBrokenLinks shows that the link checker sees what it
// must: a missing page, a missing file, a missing id, a folder without its
// trailing slash, an absolute link to the site itself, and a link outside
// the site's path; and that it lets good links, other websites and
// mailto:, tel: and webcal: links be.
func TestLinkCheckerFindsBrokenLinks(t *testing.T) {
	files := map[string][]byte{
		"index.html": []byte(`<!DOCTYPE html><title>x</title><h1 id="top">Home</h1>
<a href="/linde/">home</a> <a href="/linde/over/">over</a> <a href="over/#wie">wie</a> <a href="#top">top</a>
<a href="/linde/style.css?v=1">css</a> <img src="foto.jpg" alt=""> <a href="https://www.linde.example/linde/over/">abs</a>
<a href="https://example.org/nergens/">other site</a> <a href="mailto:a@b.nl">mail</a> <a href="tel:+31301234567">tel</a> <a href="webcal://www.linde.example/linde/agenda.ics">cal</a>
<a href="/linde/weg/">missing page</a> <a href="/linde/over/#niemand">missing id</a> <a href="/linde/over">no slash</a>
<img src="/linde/geen.jpg" alt=""> <a href="https://www.linde.example/linde/kwijt/">abs missing</a> <a href="/elders/">outside</a> <a href="#nergens">missing here</a> <a href="">empty</a>`),
		"over/index.html": []byte(`<!DOCTYPE html><title>over</title><h2 id="wie">Wie</h2><a href="../">terug</a> <a href="../../">te ver</a>`),
		"style.css":       []byte(`body{}`),
		"sitemap.xml":     []byte(`<?xml version="1.0"?><urlset><url><loc>https://www.linde.example/linde/over/</loc></url><url><loc>https://www.linde.example/linde/oud/</loc></url></urlset>`),
		"feed.xml":        []byte(`<feed><link href="https://www.linde.example/linde/"></link><entry><link href="https://www.linde.example/linde/verhaal/"></link></entry></feed>`),
		"agenda.json":     []byte(`{"occurrences":[{"url":"/linde/over/"},{"url":"/linde/koffie/"}]}`),
		"foto.jpg":        []byte(`jpg`),
	}
	cfg := &config.Config{BaseURL: "https://www.linde.example/linde/"}
	got, err := brokenLinks(files, cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"agenda.json: /linde/koffie/ (no file koffie/index.html)",
		"feed.xml: https://www.linde.example/linde/verhaal/ (no file verhaal/index.html)",
		"index.html:  (empty address)",
		"index.html: #nergens (no id nergens on index.html)",
		"index.html: /elders/ (outside the site's path /linde/)",
		"index.html: /linde/geen.jpg (no file geen.jpg)",
		"index.html: /linde/over (no file over)",
		"index.html: /linde/over/#niemand (no id niemand on over/index.html)",
		"index.html: /linde/weg/ (no file weg/index.html)",
		"index.html: https://www.linde.example/linde/kwijt/ (no file kwijt/index.html)",
		"over/index.html: ../../ (outside the site's path /linde/)",
		"sitemap.xml: https://www.linde.example/linde/oud/ (no file oud/index.html)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("broken links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNoBrokenLinks crawls the example centre and a small English site;
// TestSites crawls every whole-site archive.
func TestNoBrokenLinks(t *testing.T) {
	example := buildExampleFiles(t)
	out, res, err := buildFiles(t, example, "2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("example", func(t *testing.T) { checkLinks(t, out.Files, res.Config) })
	// The example centre in English, under a sub-path, without opening hours
	// and without stories.
	en := map[string][]byte{}
	for p, data := range example {
		switch {
		case p == "site.toml":
			data = bytes.Replace(data, []byte(`language = "nl"`), []byte(`language = "en"`), 1)
			data = append([]byte("baseURL = \"https://www.linde.example/buurthuis/\"\n"), stripBaseURL(data)...)
		case p == "content/opening-hours.md", strings.HasPrefix(p, "content/stories/"):
			continue
		}
		en[p] = data
	}
	out, res, err = buildFiles(t, en, "2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	if res.Config.Language != "en" || res.Config.Link("/") != "/buurthuis/" {
		t.Fatalf("the English site has language %q and path %q", res.Config.Language, res.Config.Link("/"))
	}
	if _, ok := out.Files["opening-hours/index.html"]; ok {
		t.Fatal("the English site has opening hours")
	}
	t.Run("english", func(t *testing.T) { checkLinks(t, out.Files, res.Config) })
}

// stripBaseURL removes the baseURL line of a site.toml.
func stripBaseURL(toml []byte) []byte {
	var out [][]byte
	for _, l := range bytes.Split(toml, []byte("\n")) {
		if !bytes.HasPrefix(bytes.TrimSpace(l), []byte("baseURL")) {
			out = append(out, l)
		}
	}
	return bytes.Join(out, []byte("\n"))
}
