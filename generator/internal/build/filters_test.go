package build

import (
	"errors"
	"testing"

	"krachtpunt/generator/internal/diag"
)

// TestActivitySlugsTakenByFilters gives activities the addresses of the
// pages of free and walk-in activities, which are taken in the site's
// language only.
func TestActivitySlugsTakenByFilters(t *testing.T) {
	for _, c := range []struct {
		lang, slug string
		taken      bool
	}{
		{"nl", "gratis", true},
		{"nl", "vrije-inloop", true},
		{"nl", "free", false},
		{"nl", "voor", false}, // a folder of filter pages, not a page
		{"en", "free", true},
		{"en", "walk-in", true},
		{"en", "gratis", false},
	} {
		t.Run(c.lang+"/"+c.slug, func(t *testing.T) {
			file := "content/activities/" + c.slug + ".md"
			out, res, err := buildFiles(t, map[string][]byte{
				"site.toml": []byte("title = \"De Linde\"\nlanguage = \"" + c.lang + "\"\n"),
				file:        []byte("+++\ntitle = \"Eigen activiteit\"\nwhen = \"elke dinsdag 10:00-12:00\"\ncost = \"gratis\"\naudience = [\"kinderen\"]\n+++\n"),
			}, "2026-11-25")
			if !c.taken {
				if err != nil {
					t.Fatalf("build failed:\n%s", res.Diags.Format("en"))
				}
				words := PathWords[c.lang]
				if _, ok := out.Files[words.Activities+"/"+c.slug+"/index.html"]; !ok {
					t.Errorf("the activity's page is not published")
				}
				return
			}
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("err = %v, want one problem", err)
			}
			want := file + ": the address /" + PathWords[c.lang].Activities + "/" + c.slug + "/ is already used by Krachtpunt"
			if got := list[0].Pos.String() + ": " + list[0].Msg.EN; got != want {
				t.Errorf("problem %q, want %q", got, want)
			}
		})
	}
}
