package theme

import (
	"errors"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
)

// TestBuiltinHasEveryPart checks that the embedded theme holds the files
// the build needs, including the partials whose names start with "_",
// which go:embed leaves out unless told otherwise.
func TestBuiltinHasEveryPart(t *testing.T) {
	for _, name := range []string{"layouts/base.html", "layouts/home.html", "layouts/_day.html", "i18n/nl.toml", "i18n/en.toml", "static/style.css"} {
		if _, err := fs.Stat(Builtin(), name); err != nil {
			t.Errorf("built-in theme: %v", err)
		}
	}
}

func TestOverlay(t *testing.T) {
	site := fstest.MapFS{
		"themes/default/static/style.css":      {Data: []byte("body { color: navy }")},
		"themes/default/static/logo.svg":       {Data: []byte("<svg/>")},
		"themes/default/layouts/_extra.html":   {Data: []byte(`{{define "extra"}}x{{end}}`)},
		"themes/default/layouts/activity.html": {Data: []byte("own")},
	}
	th, err := Open(site, "default")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := fs.ReadFile(th, "static/style.css"); string(got) != "body { color: navy }" {
		t.Errorf("style.css = %q, want the site's own", got)
	}
	want, _ := fs.ReadFile(Builtin(), "layouts/home.html")
	if got, _ := fs.ReadFile(th, "layouts/home.html"); string(got) != string(want) || len(want) == 0 {
		t.Errorf("home.html does not come from the built-in theme")
	}
	if w := th.Where("static/style.css"); w != "themes/default/static/style.css" {
		t.Errorf("Where(style.css) = %q", w)
	}
	if w := th.Where("layouts/home.html"); w != "(default) layouts/home.html" {
		t.Errorf("Where(home.html) = %q", w)
	}
	partials, _ := fs.Glob(th, "layouts/_*.html")
	if !slices.Contains(partials, "layouts/_extra.html") || !slices.Contains(partials, "layouts/_day.html") {
		t.Errorf("partials = %v, want the site's and the built-in ones", partials)
	}
	// Every file of both layers, read through the overlay as io/fs expects.
	var expect []string
	_ = fs.WalkDir(Builtin(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			expect = append(expect, p)
		}
		return err
	})
	expect = append(expect, "static/logo.svg", "layouts/_extra.html")
	if err := fstest.TestFS(th, expect...); err != nil {
		t.Error(err)
	}
}

func TestOpenNames(t *testing.T) {
	site := fstest.MapFS{
		"themes/README.md":              {Data: []byte("# Thema's")},
		"themes/linde/static/style.css": {Data: []byte("body {}")},
	}
	th, err := Open(site, "linde")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(th, "layouts/base.html"); err != nil {
		t.Errorf("a site's own theme does not fall back to the built-in layouts: %v", err)
	}
	if th, err := Open(fstest.MapFS{}, "default"); err != nil || th.Own("static/style.css") {
		t.Errorf("default on a site without themes/: %v", err)
	}
	for _, name := range []string{"eik", "../x", "a/b", ".", ""} {
		if _, err := Open(site, name); !errors.Is(err, ErrNotFound) {
			t.Errorf("Open(%q) = %v, want ErrNotFound", name, err)
		}
	}
	if got := Names(site); !slices.Equal(got, []string{"default", "linde"}) {
		t.Errorf("Names = %v", got)
	}
}
