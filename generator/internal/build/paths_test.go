package build

import (
	"errors"
	"strings"
	"testing"

	"krachtpunt/generator/internal/diag"
)

// TestContentCannotReplaceGeneratedFiles puts files under content/ at the
// paths of files the build writes: each is an error naming the file and
// what it would replace. Files next to generated ones are published.
func TestContentCannotReplaceGeneratedFiles(t *testing.T) {
	site := map[string][]byte{
		"site.toml":                    []byte("title = \"De Linde\"\n"),
		"content/activities/koffie.md": []byte("+++\ntitle = \"Koffie\"\nwhen = \"elke dinsdag 10:00-12:00\"\n+++\n"),
		"content/stories/tuin.md":      []byte("+++\ntitle = \"Tuin\"\ndate = 2026-10-01\nconsent = true\n+++\n"),
		"content/over-ons.md":          []byte("# Over ons\n"),
	}
	for file, want := range map[string]string{
		"content/INDEX.HTML":                          "this file would replace the home page / that Krachtpunt makes itself",
		"content/404.html":                            "this file would replace the file /404.html that Krachtpunt makes itself",
		"content/agenda.json":                         "this file would replace the file /agenda.json that Krachtpunt makes itself",
		"content/activiteiten/index.html":             "this file would replace the page /activiteiten/ that Krachtpunt makes itself",
		"content/activiteiten/koffie/agenda.ics":      "this file would replace the file /activiteiten/koffie/agenda.ics that Krachtpunt makes itself",
		"content/verhalen/feed.xml":                   "this file would replace the file /verhalen/feed.xml that Krachtpunt makes itself",
		"content/verhalen/tuin/index.html":            "this file would replace the page /verhalen/tuin/ that Krachtpunt makes itself",
		"content/over-ons/Index.html":                 "this file would replace the page /over-ons/ that Krachtpunt makes itself",
		"content/openingstijden/index.html":           "", // the site has no opening hours
		"content/agenda/2026-12/index.html":           "this file would replace the page /agenda/2026-12/ that Krachtpunt makes itself",
		"content/agenda/week/2026-W49/index.html":     "this file would replace the page /agenda/week/2026-W49/ that Krachtpunt makes itself",
		"content/agenda":                              "this file has the same name as the folder /agenda/ in which Krachtpunt makes pages",
		"content/robots.txt/oud.txt":                  "this file is in a folder named like the file /robots.txt that Krachtpunt makes itself",
		"content/agenda/flyer.pdf":                    "",
		"content/activiteiten/koffie/rooster.pdf":     "",
		"content/style.css.bak":                       "",
		"content/verhalen/tuin/foto.jpg":              "",
		"content/activiteiten/koffie/agenda.ics.html": "",
	} {
		t.Run(file, func(t *testing.T) {
			files := map[string][]byte{file: []byte("x")}
			for k, v := range site {
				files[k] = v
			}
			out, res, err := buildFiles(t, files, "2026-11-25")
			if want == "" {
				if err != nil {
					t.Fatalf("build failed:\n%s", res.Diags.Format("en"))
				}
				if _, ok := out.Files[strings.TrimPrefix(file, "content/")]; !ok {
					t.Errorf("%s is not published", file)
				}
				return
			}
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("err = %v, want one problem", err)
			}
			if d := list[0]; d.File != file || d.Msg.EN != want || d.Code != "generated-path" {
				t.Errorf("problem:\n%s: %s\nwant:\n%s: %s", d.File, d.Msg.EN, file, want)
			}
		})
	}
}

// TestPageSlugsTakenByTheSite gives plain pages the addresses of parts of
// the site, which are taken in the site's language only.
func TestPageSlugsTakenByTheSite(t *testing.T) {
	for _, c := range []struct {
		lang, slug string
		taken      bool
	}{
		{"nl", "agenda", true},
		{"nl", "activiteiten", true},
		{"nl", "verhalen", true},
		{"nl", "openingstijden", true},
		{"nl", "calendar", false},
		{"nl", "404", false},
		{"nl", "over-ons", false},
		{"en", "calendar", true},
		{"en", "activities", true},
		{"en", "stories", true},
		{"en", "opening-hours", true},
		{"en", "agenda", false},
	} {
		t.Run(c.lang+"/"+c.slug, func(t *testing.T) {
			out, res, err := buildFiles(t, map[string][]byte{
				"site.toml":                []byte("title = \"De Linde\"\nlanguage = \"" + c.lang + "\"\n"),
				"content/opening-hours.md": []byte("+++\n[hours]\nmonday = \"09:00-17:00\"\n+++\n"),
				"content/eigen.md":         []byte("+++\nslug = \"" + c.slug + "\"\n+++\n# Eigen pagina\n"),
			}, "2026-11-25")
			if !c.taken {
				if err != nil {
					t.Fatalf("build failed:\n%s", res.Diags.Format("en"))
				}
				if !strings.Contains(string(out.Files[c.slug+"/index.html"]), "Eigen pagina") {
					t.Errorf("the page /%s/ is not published", c.slug)
				}
				return
			}
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("err = %v, want one problem", err)
			}
			want := "content/eigen.md: the address /" + c.slug + "/ is already used by Krachtpunt"
			if got := list[0].Pos.String() + ": " + list[0].Msg.EN; got != want {
				t.Errorf("problem %q, want %q", got, want)
			}
		})
	}
}
