package config

import (
	"testing"
	"testing/fstest"

	"krachtpunt/generator/internal/diag"
)

// TestLinkKeepsThePathOfBaseURL: links inside pages are root-relative
// under the path of baseURL, for a site.toml as Load reads it, for a
// Config made by hand and for one whose BaseURL changed after Load.
func TestLinkKeepsThePathOfBaseURL(t *testing.T) {
	for base, want := range map[string]string{
		"":                          "/agenda/",
		"/":                         "/agenda/",
		"https://www.delinde.nl/":   "/agenda/",
		"https://www.delinde.nl":    "/agenda/",
		"https://x.nl/linde/":       "/linde/agenda/",
		"https://x.nl/linde":        "/linde/agenda/",
		"http://x.nl/wijk/de-brug/": "/wijk/de-brug/agenda/",
	} {
		fsys := fstest.MapFS{File: {Data: []byte("title = \"De Linde\"\nbaseURL = \"" + base + "\"\n")}}
		var diags diag.List
		c := Load(fsys, &diags)
		if c == nil || diags.HasErrors() {
			t.Fatalf("baseURL %q: %v", base, diags)
		}
		if got := c.Link("/agenda/"); got != want {
			t.Errorf("baseURL %q: Link gives %q, want %q", base, got, want)
		}
		byHand := &Config{BaseURL: c.BaseURL}
		if got := byHand.Link("/agenda/"); got != want {
			t.Errorf("baseURL %q, Config made by hand: Link gives %q, want %q", base, got, want)
		}
	}
	var diags diag.List
	c := Load(fstest.MapFS{File: {Data: []byte("title = \"De Linde\"\nbaseURL = \"https://x.nl/linde/\"\n")}}, &diags)
	c.BaseURL = "https://x.nl/brug/"
	if got := c.Link("/"); got != "/brug/" {
		t.Errorf("after BaseURL changed, Link gives %q, want /brug/", got)
	}
}
