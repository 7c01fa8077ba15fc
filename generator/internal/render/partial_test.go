package render

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"krachtpunt/generator/internal/diag"
)

// partialTheme loads the built-in theme with the given partial layouts
// laid over it.
func partialTheme(t *testing.T, layouts map[string]string) *Theme {
	t.Helper()
	site := fstest.MapFS{}
	for name, src := range layouts {
		site["themes/p/layouts/"+name] = &fstest.MapFile{Data: []byte(src)}
	}
	th, diags := LoadTheme(site, "p", "nl", diag.Pos{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return th
}

// TestPartialReads checks what a partial is found to read: the fields it
// names of its data (also through $ and the partials it calls with the
// same data), all of it when it uses the data itself, and nothing cached
// when it calls a function that may give something else each time.
func TestPartialReads(t *testing.T) {
	th := partialTheme(t, map[string]string{
		"_a.html":     `{{.Site.Title}}{{with .Story}}{{.Title}}{{$.Kind}}{{end}}{{range .Stories}}{{.URL}}{{end}}`,
		"_b.html":     `{{template "_a.html" .}}{{if .NoTitle}}{{.URL}}{{end}}`,
		"_dot.html":   `{{len .}}`,
		"_call.html":  `{{call .F}}`,
		"_sub.html":   `{{template "_call.html" .Site}}`,
		"_inner.html": `{{with .Site}}{{template "_a.html" .}}{{end}}`,
		"_const.html": `<p>{{t "today"}}</p>`,
		"_both.html":  `{{with .Site}}{{template "_a.html" .}}{{end}}{{template "_a.html" .}}`,
	})
	type reads struct {
		cacheable, whole bool
		fields           []string
	}
	for name, want := range map[string]reads{
		"_a.html":          {cacheable: true, fields: []string{"Kind", "Site", "Stories", "Story"}},
		"_b.html":          {cacheable: true, fields: []string{"Kind", "NoTitle", "Site", "Stories", "Story", "URL"}},
		"_dot.html":        {cacheable: true, whole: true},
		"_call.html":       {cacheable: false},
		"_sub.html":        {cacheable: false, fields: []string{"Site"}},
		"_inner.html":      {cacheable: true, fields: []string{"Site"}},
		"_const.html":      {cacheable: true},
		"_both.html":       {cacheable: true, fields: []string{"Kind", "Site", "Stories", "Story"}},
		"_header.html":     {cacheable: true, fields: []string{"Kind", "Site"}},
		"_footer.html":     {cacheable: true, fields: []string{"Site"}},
		"_occurrence.html": {cacheable: true, whole: false, fields: []string{"Cancelled", "Facts", "Label", "Moved", "Status", "End", "Time", "Title", "URL"}},
	} {
		got := th.cache.reads[name]
		if got == nil {
			t.Errorf("%s: not found", name)
			continue
		}
		slices.Sort(want.fields)
		if got.cacheable != want.cacheable || got.whole != want.whole || (want.cacheable && !slices.Equal(got.fields, want.fields)) {
			t.Errorf("%s: cacheable %v, whole %v, fields %q; want %v, %v, %q", name, got.cacheable, got.whole, got.fields, want.cacheable, want.whole, want.fields)
		}
	}
	// A partial that reads nothing of its data is made once.
	for i := range 3 {
		if got := mustPartial(t, th, "_const.html", &Page{Title: fmt.Sprint(i)}); got != "<p>vandaag</p>" {
			t.Errorf("_const.html gave %q", got)
		}
	}
	if n := len(th.cache.made); n != 1 {
		t.Errorf("%d results kept for a partial that reads nothing, want 1", n)
	}
}

// TestPartialEqualsTemplate renders the built-in header and footer, and a
// partial that reads more of a page, for random pages drawn from a few
// values each, so that most calls take over an earlier result: every
// result must be what executing the layout for that page gives.
func TestPartialEqualsTemplate(t *testing.T) {
	th := partialTheme(t, map[string]string{
		"_more.html": `{{.Title}}|{{with .Story}}{{.Title}} {{$.Site.BuiltOn}}{{end}}|{{range .Site.Menu}}{{if .Current}}[{{.Title}}]{{end}}{{end}}`,
	})
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	var sites []*Site
	for range 4 {
		sites = append(sites, &Site{
			Title:   pick("De Brug", "De Vlinder", "<b>&"),
			Tagline: pick("", "Een huiskamer"),
			Home:    "/",
			BuiltOn: pick("dinsdag 1 december 2026", "woensdag 2 december 2026"),
			Address: Address{Street: pick("", "Brugstraat 1"), City: pick("", "Utrecht"), Phone: pick("", "030 123"), PhoneURI: "tel:030123"},
			Menu:    []Link{{Title: "Agenda", URL: "/agenda/"}, {Title: pick("Verhalen", "Stories"), URL: "/verhalen/"}},
		})
	}
	hits := 0
	for i := range 2000 {
		v := *sites[r.IntN(len(sites))] // each page has its own copy, as in a build
		v.Menu = slices.Clone(v.Menu)
		site := &v
		site.Menu[r.IntN(2)].Current = r.IntN(3) > 0
		pg := &Page{Site: site, Kind: pick("home", "story", "page"), Title: pick("A", "B", "C"), URL: fmt.Sprint("/p", i, "/")}
		if r.IntN(2) == 0 {
			pg.Story = &Story{Title: pick("Een", "Twee")}
		}
		for _, name := range []string{"_header.html", "_footer.html", "_more.html"} {
			th.cache.mu.RLock()
			before := len(th.cache.made)
			th.cache.mu.RUnlock()
			got, err := th.partial(name, pg)
			if err != nil {
				t.Fatal(err)
			}
			want, err := th.Fragment(name, pg)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Fatalf("page %d, %s:\n%s\nwant\n%s", i, name, got, want)
			}
			th.cache.mu.RLock()
			if len(th.cache.made) == before {
				hits++
			}
			th.cache.mu.RUnlock()
		}
	}
	if hits < 5000 {
		t.Errorf("%d of 6000 calls took over an earlier result; want most", hits)
	}
	if !strings.Contains(string(mustPartial(t, th, "_header.html", &Page{Site: &Site{Title: "X"}, Kind: "home"})), `aria-current="page"`) {
		t.Error("the home page's header does not mark the site title as the current page")
	}
}

// TestPartialNotCompared checks that a partial whose data holds what
// cannot be compared in full is made on every call.
func TestPartialNotCompared(t *testing.T) {
	th := partialTheme(t, map[string]string{"_cal.html": `{{with .Calendar}}{{len .Days}}{{end}}`})
	for n := range 3 {
		days := make([]*Day, n)
		for i := range days {
			days[i] = MonthCell("2026-12-01", nil)
		}
		got := mustPartial(t, th, "_cal.html", &Page{Calendar: &Calendar{Days: days}})
		if string(got) != fmt.Sprint(n) {
			t.Errorf("call %d gave %q", n, got)
		}
	}
}

func mustPartial(t *testing.T, th *Theme, name string, data any) string {
	t.Helper()
	h, err := th.partial(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}
