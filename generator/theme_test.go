package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"krachtpunt/generator/internal/theme"
)

// TestSiteOutsideRepository builds a centre's own site in a folder of its
// own, started in that folder as a volunteer would: first without themes/,
// with the built-in theme, then with an own layout, CSS and translation that
// replace just those and leave the rest to the built-in theme.
func TestSiteOutsideRepository(t *testing.T) {
	site := t.TempDir()
	t.Chdir(site)
	writeFile(t, "site.toml", []byte("title = \"De Linde\"\nbaseURL = \"https://www.delinde.nl/\"\nlanguage = \"nl\"\n"))
	writeFile(t, "content/over-ons.md", []byte("+++\ntitle = \"Over ons\"\nmenu = 1\n+++\nWij zijn een buurthuis.\n"))
	read := func(name string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join("public", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	buildHere := func() {
		t.Helper()
		if code, out, errOut := runCmd(t, "build", "--today", "2026-11-25"); code != exitOK || errOut != "" {
			t.Fatalf("build: exit %d\n%s%s", code, out, errOut)
		}
	}

	buildHere()
	css, err := fs.ReadFile(theme.Builtin(), "static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	if got := read("style.css"); got != string(css) {
		t.Errorf("style.css is not the built-in theme's")
	}
	for _, name := range []string{"index.html", "over-ons/index.html"} {
		if page := read(name); !strings.Contains(page, ">Naar de inhoud<") || !strings.Contains(page, `aria-label="Hoofdmenu"`) {
			t.Errorf("%s lacks the words of the built-in theme:\n%s", name, page)
		}
	}

	writeFile(t, "themes/default/layouts/page.html", []byte(`{{define "main"}}<h1 class="eigen">{{.Title}}</h1>{{.Body}}{{end}}{{template "base" .}}`))
	writeFile(t, "themes/default/static/style.css", []byte("body { color: navy }\n"))
	writeFile(t, "themes/default/i18n/nl.toml", []byte("skip_to_content = \"Direct naar de tekst\"\n"))
	buildHere()
	if got := read("style.css"); got != "body { color: navy }\n" {
		t.Errorf("style.css = %q, want the site's own", got)
	}
	about, home := read("over-ons/index.html"), read("index.html")
	if !strings.Contains(about, `<h1 class="eigen">Over ons</h1>`) {
		t.Errorf("the page does not use the site's own layout:\n%s", about)
	}
	if strings.Contains(home, `class="eigen"`) || !strings.Contains(home, "<h1>De Linde</h1>") {
		t.Errorf("the home page does not use the built-in layout:\n%s", home)
	}
	for name, page := range map[string]string{"index.html": home, "over-ons/index.html": about} {
		if !strings.Contains(page, ">Direct naar de tekst<") || strings.Contains(page, "Naar de inhoud") {
			t.Errorf("%s does not use the site's own translation", name)
		}
		if !strings.Contains(page, `aria-label="Hoofdmenu"`) {
			t.Errorf("%s lost the translations the site does not change", name)
		}
	}
}
