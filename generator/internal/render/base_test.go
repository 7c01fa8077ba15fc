package render

import (
	"maps"
	"slices"
	"testing"
)

// TestWrapperByHand checks which page layouts are wrapped by hand: with
// the built-in theme every page layout is, in the base layout or, for the
// posters, in _poster.html. A theme whose base, poster wrapper or preview
// tags differ from the built-in ones, or a page layout that writes more
// than its wrapper, is executed by html/template as it stands. (That the
// hand-written wrapper writes what the templates write, byte for byte,
// is shown by build's TestHandWrittenItemsEqualTheLayouts.)
func TestWrapperByHand(t *testing.T) {
	builtin := partialTheme(t, map[string]string{"_unused.html": ""})
	if got, want := slices.Sorted(maps.Keys(builtin.wrapped)), slices.Sorted(maps.Keys(builtin.pages)); !slices.Equal(got, want) {
		t.Errorf("wrapped by hand: %q, want every layout %q", got, want)
	}
	for _, name := range []string{"poster", "week-poster"} {
		if w := builtin.wrapped[name].layout; w != posterLayout {
			t.Errorf("%s is wrapped in %q, want %q", name, w, posterLayout)
		}
	}
	if w := builtin.wrapped["activity"]; w.layout != baseLayout || w.tail != "\n" || !w.main {
		t.Errorf("activity is wrapped as %+v, want its main by hand too", w)
	}
	for _, name := range []string{"poster", "story", "stories", "day"} {
		if w := builtin.wrapped[name]; !w.main {
			t.Errorf("the main of %s is not written by hand: %+v", name, w)
		}
	}
	// A theme's own main of the stories list or of a day is executed.
	for _, name := range []string{"stories", "day"} {
		th := partialTheme(t, map[string]string{name + ".html": `{{define "main"}}<h1>{{.Title}}</h1>{{end}}{{template "base" .}}` + "\n"})
		if w, ok := th.wrapped[name]; !ok || w.main {
			t.Errorf("with its own %s.html the page is wrapped as %+v (%v), want by hand without its main", name, w, ok)
		}
	}
	for _, name := range []string{"week-poster", "home"} {
		if w := builtin.wrapped[name]; w.main {
			t.Errorf("%s's main is written by hand: %+v", name, w)
		}
	}
	// The activity's main is written by hand only with the built-in
	// main and partials it calls.
	for _, layouts := range []map[string]string{
		{"activity.html": `{{define "main"}}<h1>{{.Title}}</h1>{{end}}{{template "base" .}}` + "\n"},
		{"_subscribe.html": `<a href="{{.ICS}}">ics</a>`},
		{"_share.html": ``},
	} {
		th := partialTheme(t, layouts)
		if w, ok := th.wrapped["activity"]; !ok || w.main {
			t.Errorf("with %v the activity page is wrapped as %+v (%v), want by hand without its main", slices.Collect(maps.Keys(layouts)), w, ok)
		}
	}
	for _, c := range []struct {
		what    string
		layouts map[string]string
		not     []string // the layouts then executed by html/template
		still   string   // a layout still wrapped by hand
	}{
		{"own base", map[string]string{"base.html": `{{define "base"}}<!DOCTYPE html><title>{{.Title}}</title>{{template "main" .}}{{end}}`}, []string{"activity", "home", "story"}, "poster"},
		{"own poster wrapper", map[string]string{"_poster.html": `<!DOCTYPE html><title>{{.Title}}</title>{{template "main" .}}`}, []string{"poster", "week-poster"}, "activity"},
		{"own preview", map[string]string{"_preview.html": `{{with .Share}}<meta property="og:title" content="{{.Title}}">{{end}}`}, []string{"activity", "poster"}, ""},
		{"more after the call", map[string]string{"story.html": `{{define "main"}}<p>{{.Title}}</p>{{end}}{{template "base" .}}<!-- end -->`}, []string{"story"}, "activity"},
		{"another data", map[string]string{"story.html": `{{define "main"}}<p>{{.Title}}</p>{{end}}{{template "base" .Site}}`}, []string{"story"}, "activity"},
		{"base defined anew", map[string]string{"page.html": `{{define "main"}}{{.Body}}{{end}}{{define "base"}}<!DOCTYPE html>{{template "main" .}}{{end}}{{template "base" .}}`}, []string{"page"}, "activity"},
	} {
		th := partialTheme(t, c.layouts)
		for _, name := range c.not {
			if w, ok := th.wrapped[name]; ok {
				t.Errorf("%s: %s is wrapped by hand in %q", c.what, name, w.layout)
			}
		}
		if _, ok := th.wrapped[c.still]; c.still != "" && !ok {
			t.Errorf("%s: %s is no longer wrapped by hand", c.what, c.still)
		}
	}
}
