// Package feed writes Atom 1.0 feeds (RFC 4287) from its own small types; the
// build turns stories into them.
package feed

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"time"
)

// Feed is an Atom feed.
type Feed struct {
	ID      string // a permanent IRI, e.g. the absolute address of the stories page
	Title   string
	Self    string // address of the feed itself
	Link    string // address of the page the feed belongs to
	Updated time.Time
	Author  string // used for entries without an author
	Entries []Entry
}

// Entry is one item of a feed.
type Entry struct {
	ID        string
	Title     string
	Link      string
	Published time.Time
	Updated   time.Time
	Author    string
	Summary   string
	Content   string // HTML
}

type xmlFeed struct {
	XMLName xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []xmlLink  `xml:"link"`
	Author  *xmlAuthor `xml:"author,omitempty"`
	Entries []xmlEntry `xml:"entry"`
}

type xmlLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type xmlAuthor struct {
	Name string `xml:"name"`
}

type xmlText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type xmlEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Link      xmlLink    `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Author    *xmlAuthor `xml:"author,omitempty"`
	Summary   *xmlText   `xml:"summary,omitempty"`
	Content   *xmlText   `xml:"content,omitempty"`
}

// Marshal returns f as an Atom document, as Encode writes it.
func (f *Feed) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	if err := f.Encode(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Encode writes f to w as an Atom document, entry by entry.
func (f *Feed) Encode(w io.Writer) error {
	x := xmlFeed{
		ID: f.ID, Title: f.Title, Updated: stamp(f.Updated),
		Links: []xmlLink{{Rel: "self", Type: "application/atom+xml", Href: f.Self}, {Rel: "alternate", Type: "text/html", Href: f.Link}},
	}
	if f.Author != "" {
		x.Author = &xmlAuthor{Name: f.Author}
	}
	for _, e := range f.Entries {
		xe := xmlEntry{
			ID: e.ID, Title: e.Title, Link: xmlLink{Rel: "alternate", Type: "text/html", Href: e.Link},
			Published: stamp(e.Published), Updated: stamp(e.Updated),
		}
		if e.Author != "" {
			xe.Author = &xmlAuthor{Name: e.Author}
		}
		if e.Summary != "" {
			xe.Summary = &xmlText{Type: "text", Body: e.Summary}
		}
		if e.Content != "" {
			xe.Content = &xmlText{Type: "html", Body: e.Content}
		}
		x.Entries = append(x.Entries, xe)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	if err := enc.Encode(x); err != nil {
		return err
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
