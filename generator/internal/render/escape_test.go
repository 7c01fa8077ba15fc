package render

import (
	"html/template"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/theme"
)

// TestEscapersEqualHTMLTemplate checks, for random strings full of what
// needs escaping (quotes, ampersands, plus signs, tags, NUL, percent
// signs, schemes, broken UTF-8), that the hand-written escapers give the
// bytes html/template gives the same string in text, in a quoted
// attribute, as a link and as a link the build trusts (template.URL).
func TestEscapersEqualHTMLTemplate(t *testing.T) {
	tmpl := template.Must(template.New("x").Parse(`{{.S}}|<b class="c {{.S}}">|<a href="{{.S}}">|<a href="{{.U}}">`))
	parts := []string{"a", "Z", "9", " ", "&", "<", ">", `"`, "'", "+", "\x00", "%", "%4", "%41", "%zz", "é", "€", "\xff", "\xe2\x82", "/", "?", "#", "=", ":", "javascript:", "HTTP:", "https://x.example/", "mailto:", "data:", "webcal://", "tel:", "a/b:", "\t", "\n", "(", ")", "!", "$", "*", ",", ";", "@", "[", "]", "-", ".", "_", "~", "`", "{", "}", "|", "\\", "^", "\u00a0", "\ufdd0", "\ufffe"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		if i == 0 {
			s = ""
		}
		var want strings.Builder
		if err := tmpl.Execute(&want, struct {
			S string
			U template.URL
		}{s, template.URL(s)}); err != nil { // #nosec: a test of the escaping
			t.Fatal(err)
		}
		got := EscapeText(s) + `|<b class="c ` + EscapeText(s) + `">|<a href="` + EscapeURL(s) + `">|<a href="` + string(AppendTypedURL(nil, s)) + `">`
		if got != want.String() {
			t.Fatalf("for %q the escapers give\n%s\nhtml/template gives\n%s", s, got, want.String())
		}
	}
}

// TestBuiltinPartials checks that only a partial that is the built-in
// theme's counts as built in: a theme with its own file of that name, even
// one that prints the same, has its own, which is then rendered.
func TestBuiltinPartials(t *testing.T) {
	site := fstest.MapFS{
		"themes/eigen/layouts/_occurrence.html":        {Data: []byte(`<li>{{.Title}}</li>`)},
		"themes/zelfde/layouts/_month-occurrence.html": {Data: []byte(`{{""}}` + builtinSource(t, "_month-occurrence.html"))},
		"themes/kopie/layouts/_occurrence.html":        {Data: []byte(builtinSource(t, "_occurrence.html"))},
	}
	for name, want := range map[string][2]bool{
		"default": {true, true},
		"eigen":   {false, true},
		"zelfde":  {true, false},
		"kopie":   {true, true}, // a copy of the built-in file
	} {
		th, diags := LoadTheme(site, name, "nl", diag.Pos{})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", name, diags)
		}
		if got := [2]bool{th.Builtin("_occurrence.html"), th.Builtin("_month-occurrence.html")}; got != want {
			t.Errorf("theme %s: built in %v, want %v", name, got, want)
		}
	}
}

func builtinSource(t *testing.T, name string) string {
	b, err := fs.ReadFile(theme.Builtin(), "layouts/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
