package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/BurntSushi/toml"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/decode"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/theme"
)

// Layouts every theme must have; each is executed with a *Page.
var Layouts = []string{"home", "page", "activities", "activity", "stories", "story", "agenda", "week", "month", "hours", "changes", "poster", "week-poster", "filter", "404"}

// Theme is a loaded theme in one language.
type Theme struct {
	Name  string
	Lang  string
	words map[string]string
	pages map[string]*template.Template
	// wrapped are the page layouts whose wrapper (base.go) is written by
	// hand: the name of the wrapper by the layout's.
	wrapped map[string]wrapping
	parts   *template.Template // the partials, for fragments rendered on their own
	// builtin holds the partials written by hand (see HandWritten) that
	// are the built-in theme's.
	builtin map[string]bool
	Static  []StaticFile // files under static/, sorted by path
	cache   partials     // what partial made
}

// StaticFile is a theme file copied to the site as it is.
type StaticFile struct {
	Path string // slash path in the published site, e.g. "style.css"
	Data []byte
}

// LoadTheme loads the theme called name for the site folder site in the
// language lang: the site's themes/<name>/ laid over the built-in theme (see
// package theme for the order files are looked up in). at is the position of
// the theme's name in site.toml, for a name that is no theme.
func LoadTheme(site fs.FS, name, lang string, at diag.Pos) (*Theme, diag.List) {
	var diags diag.List
	fsys, err := theme.Open(site, name)
	if err != nil {
		var nl, en []string
		for _, n := range theme.Names(site) {
			if n == theme.Default {
				nl, en = append(nl, "“"+n+"” (ingebouwd)"), append(en, "“"+n+"” (built in)")
			} else {
				nl, en = append(nl, "“"+n+"”"), append(en, "“"+n+"”")
			}
		}
		diags.Errorf(at, "no-theme",
			diag.T("Er is geen thema “%s”: het is niet ingebouwd en staat niet in de map themes/.", "There is no theme “%s”: it is not built in and not in the themes/ folder.", name),
			diag.T("Deze thema's zijn er: %s. Schrijf er een van, of haal de regel weg voor het ingebouwde thema.", "These themes exist: %s. Write one of them, or remove the line for the built-in theme.",
				diag.Text{NL: strings.Join(nl, ", "), EN: strings.Join(en, ", ")}))
		return nil, diags
	}
	th := &Theme{Name: name, Lang: lang, pages: map[string]*template.Template{}, wrapped: map[string]wrapping{}}
	if !th.loadWords(fsys, &diags) {
		return nil, diags
	}
	funcs := template.FuncMap{
		"t": th.T,
		// weekday turns a row of a Monday-first week into the number of its
		// day, Sunday = 0, as the page script counts.
		"weekday": func(i int) int { return (i + 1) % 7 },
		"partial": th.partial,
	}
	layoutErr := func(file string, err error) {
		diags.Errorf(diag.Pos{File: fsys.Where(file)}, "bad-layout", diag.T("Fout in de layout: %v", "Error in the layout: %v", err),
			diag.T("Herstel de layout, of haal het bestand weg om die van het ingebouwde thema te gebruiken.", "Repair the layout, or remove the file to use the one of the built-in theme."))
	}
	// The base layout and the partials are parsed once; every page layout
	// gets its own copy to define "main" in.
	baseFile := path.Join("layouts", "base.html")
	base, err := fs.ReadFile(fsys, baseFile)
	if err != nil {
		readProblem(&diags, fsys, baseFile, err)
		return nil, diags
	}
	common := template.New("base").Funcs(funcs)
	if _, err := common.Parse(string(base)); err != nil {
		layoutErr(baseFile, err)
		return nil, diags
	}
	partials, _ := fs.Glob(fsys, path.Join("layouts", "_*.html"))
	for _, p := range partials {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			readProblem(&diags, fsys, p, err)
			return nil, diags
		}
		if _, err := common.New(path.Base(p)).Parse(string(b)); err != nil {
			layoutErr(p, err)
			return nil, diags
		}
	}
	th.parts = template.Must(common.Clone())
	th.builtin = map[string]bool{}
	for _, name := range HandWritten {
		if t := th.parts.Lookup(name); t != nil && t.Tree != nil {
			if want, ok := builtinTrees()[name]; ok && t.Tree.Root.String() == want {
				th.builtin[name] = true
			}
		}
	}
	// The layouts every theme has, and any other page layout: a kind of
	// output adds its layout file and nothing else.
	names := slices.Clone(Layouts)
	pages, _ := fs.Glob(fsys, path.Join("layouts", "*.html"))
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if name != "base" && !strings.HasPrefix(name, "_") && !content.Ignored(path.Base(p)) && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	for _, name := range names {
		file := path.Join("layouts", name+".html")
		body, err := fs.ReadFile(fsys, file)
		if err != nil {
			readProblem(&diags, fsys, file, err)
			continue
		}
		t := template.Must(common.Clone())
		if _, err = t.New(name).Parse(string(body)); err != nil {
			layoutErr(file, err)
			continue
		}
		th.pages[name] = t
		if wr, ok := th.wrapperOf(name, t); ok {
			wr.main = mainByHand(name, t)
			th.wrapped[name] = wr
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	for _, set := range append(slices.Collect(maps.Values(th.pages)), th.parts) {
		for _, t := range set.Templates() {
			if t.Tree != nil {
				th.foldWords(t.Tree.Root)
			}
		}
	}
	th.findPartials()
	err = fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case content.Ignored(d.Name()) && p != "static":
			// An editor's backup or lock file next to a theme file.
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case !d.Type().IsRegular():
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		th.Static = append(th.Static, StaticFile{Path: strings.TrimPrefix(p, "static/"), Data: data})
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		diags.Errorf(diag.Pos{File: fsys.Where("static")}, "bad-static", diag.T("De bestanden van het thema zijn niet te lezen: %v", "The theme's files cannot be read: %v", err), diag.Text{})
		return nil, diags
	}
	slices.SortFunc(th.Static, func(a, b StaticFile) int { return strings.Compare(a.Path, b.Path) })
	return th, diags
}

// loadWords reads the translations of th.Lang: the built-in theme's, then
// the site's own file on top, key by key.
func (th *Theme) loadWords(fsys *theme.FS, diags *diag.List) bool {
	file := path.Join("i18n", th.Lang+".toml")
	layers, err := fsys.ReadLayers(file)
	if err != nil {
		readProblem(diags, fsys, file, err)
		return false
	}
	if len(layers) == 0 {
		diags.Errorf(diag.Pos{File: path.Join(theme.Dir, th.Name, file)}, "no-translation",
			diag.T("Het thema heeft geen vertaling voor de taal “%s”.", "The theme has no translation for the language “%s”.", th.Lang),
			diag.T("Voeg dit bestand toe, of kies een andere taal in site.toml.", "Add this file, or choose another language in site.toml."))
		return false
	}
	th.words = map[string]string{}
	for i, src := range layers {
		var words map[string]string
		_, err := toml.Decode(string(src), &words)
		where := fsys.Where(file)
		if i == 0 && len(layers) > 1 {
			where = "(" + theme.Default + ") " + file
		}
		if err != nil {
			pos := diag.Pos{File: where}
			var perr toml.ParseError
			if errors.As(err, &perr) {
				pos.Line, pos.Col = perr.Position.Line, perr.Position.Col
			}
			diags.Errorf(pos, "bad-translation", diag.T("De vertaling is niet te lezen: %v", "The translation cannot be read: %v", err),
				diag.T(`Schrijf elke vertaling als: sleutel = "tekst"`, `Write every translation as: key = "text"`))
			return false
		}
		if i > 0 && !fsys.Own("layouts") {
			th.unknownWords(src, where, words, diags)
		}
		maps.Copy(th.words, words)
	}
	return true
}

// unknownWords warns about the keys of a site's own translation file that
// the built-in layouts never use, such as a misspelt key, which would
// otherwise change nothing without a word. th.words holds the built-in
// translations still.
func (th *Theme) unknownWords(src []byte, file string, words map[string]string, diags *diag.List) {
	var unknown []string
	for k := range words {
		if _, ok := th.words[k]; !ok {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return
	}
	slices.Sort(unknown)
	known := slices.Sorted(maps.Keys(th.words))
	t := decode.Parse(file, string(src), 0, diags) // positions of the keys
	for _, k := range unknown {
		pos := diag.Pos{File: file}
		if t != nil {
			pos = t.Pos(k)
		}
		hint := diag.T("Alleen de sleutels van het ingebouwde thema doen iets, zoals skip_to_content.", "Only the keys of the built-in theme do anything, such as skip_to_content.")
		if c := diag.Closest(k, known); c != "" {
			hint = diag.T("Bedoel je “%s”?", "Did you mean “%s”?", c)
		}
		diags.Warnf(pos, "unknown-translation",
			diag.T("Het thema gebruikt geen vertaling “%s”; deze regel verandert niets.", "The theme uses no translation “%s”; this line changes nothing.", k), hint)
	}
}

// readProblem reports a theme file that cannot be read.
func readProblem(l *diag.List, fsys *theme.FS, file string, err error) {
	if errors.Is(err, fs.ErrNotExist) {
		l.Errorf(diag.Pos{File: fsys.Where(file)}, "no-layout", diag.T("Dit bestand ontbreekt in het thema.", "This file is missing from the theme."), diag.Text{})
	} else {
		l.Errorf(diag.Pos{File: fsys.Where(file)}, "bad-theme-file", diag.T("Dit bestand van het thema is niet te lezen: %v", "This file of the theme cannot be read: %v", err), diag.Text{})
	}
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

// foldWords replaces each call of t with a quoted key and nothing more,
// such as {{t "when"}}, by the word itself, {{"Wanneer"}}: the same string
// for html/template to escape where it stands, without calling t through
// reflection on every page. A call with arguments is left as it is, and so
// is one that is not first in its pipeline (it is passed the value before
// it). The trees are shared by the theme's template sets, so a tree may be
// walked twice; a folded call is no longer a call of t.
func (th *Theme) foldWords(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			th.foldWords(c)
		}
	case *parse.ActionNode:
		th.foldPipe(n.Pipe)
	case *parse.IfNode:
		th.foldBranch(&n.BranchNode)
	case *parse.RangeNode:
		th.foldBranch(&n.BranchNode)
	case *parse.WithNode:
		th.foldBranch(&n.BranchNode)
	case *parse.TemplateNode:
		th.foldPipe(n.Pipe)
	}
}

func (th *Theme) foldBranch(b *parse.BranchNode) {
	th.foldPipe(b.Pipe)
	th.foldWords(b.List)
	th.foldWords(b.ElseList)
}

func (th *Theme) foldPipe(p *parse.PipeNode) {
	if p == nil {
		return
	}
	for i, c := range p.Cmds {
		for _, a := range c.Args {
			if sub, ok := a.(*parse.PipeNode); ok {
				th.foldPipe(sub)
			}
		}
		if i > 0 || len(c.Args) != 2 {
			continue
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		key, isString := c.Args[1].(*parse.StringNode)
		if !ok || id.Ident != "t" || !isString {
			continue
		}
		word := th.T(key.Text)
		c.Args = []parse.Node{&parse.StringNode{NodeType: parse.NodeString, Pos: key.Pos, Quoted: strconv.Quote(word), Text: word}}
	}
}

// HandWritten are the partial layouts that package build writes by hand
// when a theme has the built-in one (see Builtin): an occurrence's list
// item, which a calendar shows by the hundred thousand, and the coming
// dates of an activity's page.
var HandWritten = []string{"_occurrence.html", "_month-occurrence.html", "_next-date.html"}

// Builtin reports whether the theme's partial layout name, one of
// HandWritten, is the built-in theme's, so that writing it by hand gives
// the same bytes. A theme with its own file of that name, or one that
// defines the name elsewhere, has its own.
func (th *Theme) Builtin(name string) bool { return th.builtin[name] }

// builtinTrees returns the parse trees of the built-in HandWritten
// partials, printed, for comparing a theme's with.
var builtinTrees = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	noop := template.FuncMap{"t": func(string, ...any) string { return "" }, "weekday": func(int) int { return 0 }, "partial": func(string, any) (template.HTML, error) { return "", nil }}
	files := append(slices.Clone(HandWritten), "base.html", posterLayout, previewLayout)
	for name, partials := range handMains {
		files = append(files, name+".html")
		files = append(files, partials...)
	}
	for _, name := range files {
		src, err := fs.ReadFile(theme.Builtin(), path.Join("layouts", name))
		if err != nil {
			continue
		}
		t, err := template.New(name).Funcs(noop).Parse(string(src))
		if err != nil {
			continue
		}
		for _, d := range t.Templates() { // base.html defines "base"
			if d.Tree == nil {
				continue
			}
			key := d.Name()
			if key == "main" { // a page layout's: "activity.html:main"
				key = name + ":main"
			}
			m[key] = d.Tree.Root.String()
		}
	}
	return m
})

// Has reports whether the theme has a translation for key.
func (th *Theme) Has(key string) bool { _, ok := th.words[key]; return ok }

// Fragment executes the partial layout name (such as "_day.html") with data,
// for a piece of a page that is made once and used on several pages.
func (th *Theme) Fragment(name string, data any) (template.HTML, error) {
	buf := fragmentBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	err := th.parts.ExecuteTemplate(buf, name, data)
	h := template.HTML(buf.String())    // #nosec: output of html/template
	if buf.Cap() <= maxFragmentBuffer { // the pool keeps no buffer of a rare large piece
		fragmentBuffers.Put(buf)
	}
	if err != nil {
		return "", fmt.Errorf("rendering %s: %w", name, err)
	}
	return h, nil
}

// fragmentBuffers hold what a fragment's template writes, until it is
// copied into the fragment: most fragments are small and made by the
// thousand, so each would otherwise grow a buffer of its own.
var fragmentBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxFragmentBuffer is the largest buffer fragmentBuffers keep.
const maxFragmentBuffer = 64 << 10

// Render executes the layout for p.Kind and returns the page.
func (th *Theme) Render(p *Page) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := th.RenderTo(&buf, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RenderTo executes the layout for p.Kind, writing the page into w as it
// is made.
func (th *Theme) RenderTo(w io.Writer, p *Page) error {
	t, ok := th.pages[p.Kind]
	if !ok {
		return fmt.Errorf("theme %s has no layout %q", th.Name, p.Kind)
	}
	var err error
	if wr, ok := th.wrapped[p.Kind]; ok {
		err = th.renderWrapped(w, t, wr, p)
	} else {
		err = t.ExecuteTemplate(w, p.Kind, p)
	}
	if err != nil {
		return fmt.Errorf("rendering %s with layout %s: %w", p.URL, p.Kind, err)
	}
	return nil
}
