package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"krachtpunt/generator/internal/diag"
)

// Layouts every theme must have; each is executed with a *Page.
var Layouts = []string{"home", "page", "activities", "activity", "stories", "story", "agenda", "week", "month", "hours", "404"}

// Theme is a loaded theme in one language.
type Theme struct {
	Name   string
	Lang   string
	words  map[string]string
	pages  map[string]*template.Template
	parts  *template.Template // the partials, for fragments rendered on their own
	Static []StaticFile       // files under static/, sorted by path
}

// StaticFile is a theme file copied to the site as it is.
type StaticFile struct {
	Path string // slash path in the published site, e.g. "style.css"
	Data []byte
}

// LoadTheme reads themes/<name> from the site folder fsys.
func LoadTheme(fsys fs.FS, name, lang string) (*Theme, diag.List) {
	var diags diag.List
	root := path.Join("themes", name)
	pos := diag.Pos{File: root}
	if _, err := fs.Stat(fsys, root); err != nil {
		diags.Errorf(diag.Pos{File: "site.toml"}, "no-theme",
			diag.T("het thema %q is niet gevonden in de map themes/", "the theme %q was not found in the themes/ folder", name),
			diag.T(`Kies een thema dat in themes/ staat, bijvoorbeeld: theme = "default"`, `Choose a theme that is in themes/, for example: theme = "default"`))
		return nil, diags
	}
	th := &Theme{Name: name, Lang: lang, pages: map[string]*template.Template{}}
	i18n := path.Join(root, "i18n", lang+".toml")
	src, err := fs.ReadFile(fsys, i18n)
	if err != nil {
		diags.Errorf(diag.Pos{File: i18n}, "no-translation",
			diag.T("het thema heeft geen vertaling voor taal %q", "the theme has no translation for language %q", lang),
			diag.T("Voeg "+i18n+" toe, of kies een andere taal in site.toml.", "Add "+i18n+", or choose another language in site.toml."))
		return nil, diags
	}
	if _, err := toml.Decode(string(src), &th.words); err != nil {
		diags.Errorf(diag.Pos{File: i18n}, "bad-translation", diag.T("vertaling onleesbaar: %v", "translation cannot be read: %v", err), diag.Text{})
		return nil, diags
	}
	funcs := template.FuncMap{
		"t": th.T,
		// weekday turns a row of a Monday-first week into the number of its
		// day, Sunday = 0, as the page script counts.
		"weekday": func(i int) int { return (i + 1) % 7 },
	}
	base, err := fs.ReadFile(fsys, path.Join(root, "layouts", "base.html"))
	if err != nil {
		diags.Errorf(pos, "no-layout", diag.T("layouts/base.html ontbreekt", "layouts/base.html is missing"), diag.Text{})
		return nil, diags
	}
	// The base layout and the partials are parsed once; every page layout
	// gets its own copy to define "main" in.
	partials, _ := fs.Glob(fsys, path.Join(root, "layouts", "_*.html"))
	common := template.New("base").Funcs(funcs)
	if _, err := common.Parse(string(base)); err != nil {
		diags.Errorf(diag.Pos{File: path.Join(root, "layouts", "base.html")}, "bad-layout", diag.T("fout in de layout: %v", "error in the layout: %v", err), diag.Text{})
		return nil, diags
	}
	for _, p := range partials {
		b, _ := fs.ReadFile(fsys, p)
		if _, err := common.New(path.Base(p)).Parse(string(b)); err != nil {
			diags.Errorf(diag.Pos{File: p}, "bad-layout", diag.T("fout in de layout: %v", "error in the layout: %v", err), diag.Text{})
			return nil, diags
		}
	}
	th.parts = template.Must(common.Clone())
	for _, name := range Layouts {
		file := path.Join(root, "layouts", name+".html")
		body, err := fs.ReadFile(fsys, file)
		if err != nil {
			diags.Errorf(diag.Pos{File: file}, "no-layout", diag.T("deze layout ontbreekt in het thema", "this layout is missing from the theme"), diag.Text{})
			continue
		}
		t := template.Must(common.Clone())
		if _, err = t.New(name).Parse(string(body)); err != nil {
			diags.Errorf(diag.Pos{File: file}, "bad-layout", diag.T("fout in de layout: %v", "error in the layout: %v", err), diag.Text{})
			continue
		}
		th.pages[name] = t
	}
	staticRoot := path.Join(root, "static")
	_ = fs.WalkDir(fsys, staticRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("reading %s: %w", p, err)
		}
		th.Static = append(th.Static, StaticFile{Path: strings.TrimPrefix(p, staticRoot+"/"), Data: data})
		return nil
	})
	slices.SortFunc(th.Static, func(a, b StaticFile) int { return strings.Compare(a.Path, b.Path) })
	return th, diags
}

// T returns the translation of key, formatted with args like fmt.Sprintf.
// A missing key shows as [key] so it is noticed.
func (th *Theme) T(key string, args ...any) string {
	w, ok := th.words[key]
	if !ok {
		return "[" + key + "]"
	}
	if len(args) == 0 {
		return w
	}
	return fmt.Sprintf(w, args...)
}

// Has reports whether the theme has a translation for key.
func (th *Theme) Has(key string) bool { _, ok := th.words[key]; return ok }

// Fragment executes the partial layout name (such as "_day.html") with data,
// for a piece of a page that is made once and used on several pages.
func (th *Theme) Fragment(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := th.parts.ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("rendering %s: %w", name, err)
	}
	return template.HTML(buf.String()), nil // #nosec: output of html/template
}

// Render executes the layout for p.Kind and returns the page.
func (th *Theme) Render(p *Page) ([]byte, error) {
	t, ok := th.pages[p.Kind]
	if !ok {
		return nil, fmt.Errorf("theme %s has no layout %q", th.Name, p.Kind)
	}
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := t.ExecuteTemplate(&buf, p.Kind, p); err != nil {
		return nil, fmt.Errorf("rendering %s with layout %s: %w", p.URL, p.Kind, err)
	}
	return buf.Bytes(), nil
}
