package render

import (
	"strings"
	"testing"

	"krachtpunt/generator/internal/content"
)

// links knows one image, tuin.jpg, with a version for phones.
type links struct{}

func (links) PageURL(string) (string, bool) { return "", false }
func (links) Withheld(string) (content.Withheld, bool) {
	return content.Withheld{}, false
}
func (links) FileURL(rel string) (string, bool) {
	return "/" + rel, rel == "tuin.jpg"
}
func (links) Image(rel string) (Image, bool) {
	if rel != "tuin.jpg" {
		return Image{}, false
	}
	return Image{URL: "/tuin.jpg", Width: 1600, Height: 1200, Srcset: "/tuin-800.jpg 800w, /tuin.jpg 1600w", Sizes: "100vw"}, true
}

func TestImageDescription(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		pos       string // of the warning; "" for none
	}{
		{"described", "![Fatima in de tuin](tuin.jpg)\n", ""},
		{"described with emphasis", "![*Fatima* in de tuin](tuin.jpg)\n", ""},
		{"empty", "![](tuin.jpg)\n", "content/x.md:4:1"},
		{"only spaces", "![  ](tuin.jpg)\n", "content/x.md:4:1"},
		{"in the middle of a paragraph", "Eerste regel,\nzie hiër: ![](tuin.jpg) mooi\n", "content/x.md:5:11"},
		{"second image on a line", "![Tuin](tuin.jpg) en ![](tuin.jpg)\n", "content/x.md:4:22"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			html, diags := NewMarkdown().Convert("content/x.md", tc.src, 4, links{})
			var got []string
			for _, d := range diags {
				if d.Code == "image-alt" {
					got = append(got, d.Pos.String())
				}
			}
			if tc.pos == "" && len(got) > 0 || tc.pos != "" && (len(got) != 1 || got[0] != tc.pos) {
				t.Errorf("warnings at %v, want %q", got, tc.pos)
			}
			if diags.HasErrors() {
				t.Errorf("a missing description stops the build: %v", diags)
			}
			want := `src="/tuin.jpg"`
			if !strings.Contains(string(html), want) || !strings.Contains(string(html), `width="1600" height="1200" srcset="/tuin-800.jpg 800w, /tuin.jpg 1600w" sizes="100vw" loading="lazy">`) {
				t.Errorf("html %s", html)
			}
		})
	}
}
