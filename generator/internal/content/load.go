package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"krachtpunt/generator/internal/decode"
	"krachtpunt/generator/internal/diag"
)

// Dir is the folder under the site folder that holds the content.
const Dir = "content"

// Site is everything under content/, parsed. Drafts and stories without
// consent are left out (with a warning for the latter).
type Site struct {
	Home *Page // _index.md; nil when absent
	// Intros are the texts above the list of activities and the list of
	// stories: activities/_index.md and stories/_index.md; nil when absent.
	ActivitiesIntro, StoriesIntro *Page
	Hours                         *HoursPage
	Activities                    []*Activity // sorted by slug
	Stories                       []*Story    // newest first, then by slug
	Pages                         []*Page     // sorted by slug
	Files                         []string    // static files: slash paths under content/, sorted
	// Withheld are the activities, stories and pages left out: drafts and
	// stories without consent, by slash path under content/. Links to them
	// become plain text.
	Withheld map[string]Withheld
}

// Withheld is a page that is not published.
type Withheld struct {
	Kind  Kind // KindActivity, KindStory or KindPage
	Slug  string
	Title string
	Draft bool // a draft; else a story without consent
}

// Kind says what a file under content/ is.
type Kind int

// The kinds of file under content/.
const (
	KindIgnored Kind = iota
	KindHome
	KindIntro // activities/_index.md or stories/_index.md
	KindHours
	KindActivity
	KindStory
	KindPage
	KindStatic
	KindStrayMarkdown
	KindMisnamed // Markdown under another extension: koffie.md.txt, koffie.markdown
)

// KindOf classifies rel, a slash path under content/.
func KindOf(rel string) Kind {
	for _, el := range strings.Split(rel, "/") {
		if Ignored(el) {
			return KindIgnored
		}
	}
	dir, name := path.Split(rel)
	if !strings.HasSuffix(strings.ToLower(name), ".md") {
		if MarkdownName(name) != "" {
			return KindMisnamed
		}
		return KindStatic
	}
	switch {
	case rel == "_index.md":
		return KindHome
	case rel == "activities/_index.md", rel == "stories/_index.md":
		return KindIntro
	case rel == HoursFile:
		return KindHours
	case dir == "activities/":
		return KindActivity
	case dir == "stories/":
		return KindStory
	case dir == "":
		return KindPage
	}
	return KindStrayMarkdown
}

// markdownExts are the other extensions Markdown files are saved with.
var markdownExts = []string{".markdown", ".mdown", ".mkd", ".mkdn"}

// MarkdownName returns the name a misnamed Markdown file should have
// ("koffie.md" for "koffie.md.txt", "koffie.md.docx" or "koffie.markdown"),
// or "" when name is not one. Names that end in .md are not misnamed.
func MarkdownName(name string) string {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".md") {
		return ""
	}
	if i := strings.LastIndex(lower, ".md."); i > 0 {
		return name[:i+len(".md")]
	}
	ext := path.Ext(lower)
	if ext != "" && len(ext) < len(lower) && slices.Contains(markdownExts, ext) {
		return name[:len(name)-len(ext)] + ".md"
	}
	return ""
}

// Item is one parsed content file.
type Item struct {
	Rel      string // slash path under content/
	Kind     Kind
	Home     *Page
	Hours    *HoursPage
	Activity *Activity
	Story    *Story
	Page     *Page
	Diags    diag.List
}

// Source returns the source of the item's text, or nil for a file that
// has none (a static file, one that could not be read as text).
func (it *Item) Source() *Source {
	switch {
	case it.Home != nil:
		return &it.Home.Source
	case it.Hours != nil:
		return &it.Hours.Source
	case it.Activity != nil:
		return &it.Activity.Source
	case it.Story != nil:
		return &it.Story.Source
	case it.Page != nil:
		return &it.Page.Source
	}
	return nil
}

// ParseFile parses one file under content/. It reads nothing but data and,
// through images, whether an image exists; so a changed file can be parsed
// again on its own.
func ParseFile(rel string, data []byte, images func(rel string) bool) *Item {
	it := &Item{Rel: rel, Kind: KindOf(rel)}
	file := Dir + "/" + rel
	find := func(dir, name string) string {
		name = strings.TrimPrefix(path.Clean("/"+name), "/")
		for _, cand := range []string{path.Join(dir, name), name} {
			if images(cand) {
				return cand
			}
		}
		return ""
	}
	base := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	slug := Slugify(base)
	if slug == "" && (it.Kind == KindActivity || it.Kind == KindStory || it.Kind == KindPage) {
		it.Diags.Errorf(diag.Pos{File: file}, "empty-slug",
			diag.T("van de bestandsnaam %q kan geen webadres gemaakt worden", "no web address can be made from the file name %q", path.Base(rel)),
			diag.T("Geef het bestand een naam met letters of cijfers, zoals koffieochtend.md.", "Give the file a name with letters or digits, such as coffee-morning.md."))
		return it
	}
	var text string
	switch it.Kind {
	case KindHome, KindIntro, KindHours, KindActivity, KindStory, KindPage:
		var ok bool
		if text, ok = decode.Text(file, data, &it.Diags); !ok {
			return it
		}
		if strings.TrimSpace(text) == "" && empty(file, it.Kind, &it.Diags) {
			return it
		}
	}
	switch it.Kind {
	case KindHome, KindIntro:
		it.Home = parsePage(file, "", text, &it.Diags)
	case KindHours:
		it.Hours = parseHours(file, text, &it.Diags)
	case KindActivity:
		it.Activity = parseActivity(file, slug, text, find, &it.Diags)
	case KindStory:
		it.Story = parseStory(file, slug, text, find, &it.Diags)
	case KindPage:
		it.Page = parsePage(file, slug, text, &it.Diags)
	case KindMisnamed:
		want := path.Join(path.Dir(file), MarkdownName(path.Base(rel)))
		if strings.Contains(strings.ToLower(path.Base(rel)), ".md.") {
			it.Diags.Warnf(diag.Pos{File: file}, "misnamed-markdown",
				diag.T("dit bestand wordt niet gepubliceerd: de naam eindigt op %q in plaats van op .md", "this file is not published: its name ends in %q instead of .md", path.Ext(rel)),
				diag.T(`Hernoem het naar %s. Toont de Verkenner alleen %q, zet dan bij Beeld "Bestandsnaamextensies" aan.`, `Rename it to %s. If Explorer shows only %q, turn on "File name extensions" under View.`, want, strings.TrimSuffix(path.Base(rel), path.Ext(rel))))
		} else {
			it.Diags.Warnf(diag.Pos{File: file}, "misnamed-markdown",
				diag.T("dit bestand wordt niet gepubliceerd: Krachtpunt leest alleen tekstbestanden die op .md eindigen", "this file is not published: Krachtpunt reads only text files whose name ends in .md"),
				diag.T("Hernoem het naar %s.", "Rename it to %s.", want))
		}
	case KindStrayMarkdown:
		it.Diags.Warnf(diag.Pos{File: file}, "stray-markdown",
			diag.T("dit bestand wordt niet gepubliceerd: Krachtpunt kent de map %q niet", "this file is not published: Krachtpunt does not know the folder %q", path.Dir(rel)),
			diag.T("Zet activiteiten in content/activities/, verhalen in content/stories/ en gewone pagina's direct in content/.", "Put activities in content/activities/, stories in content/stories/ and plain pages directly in content/."))
	}
	if ext := path.Ext(base); slices.Contains(documentExts, strings.ToLower(ext)) && slugOf(it) == slug {
		it.Diags.Warnf(diag.Pos{File: file}, "double-extension",
			diag.T("de naam van dit bestand heeft twee extensies, daarom eindigt het webadres op /%s/", "the name of this file has two extensions, so its web address ends in /%s/", slug),
			diag.T("Hernoem het naar %s.", "Rename it to %s.", path.Join(path.Dir(file), strings.TrimSuffix(base, ext)+path.Ext(rel))))
	}
	return it
}

// empty reports a file that holds nothing, and whether it stops the file
// from being read: an empty activity, story or opening hours file is an
// error, an empty page a warning (it is published with only its title).
func empty(file string, kind Kind, diags *diag.List) bool {
	pos := diag.Pos{File: file, Line: 1}
	switch kind {
	case KindActivity:
		diags.Errorf(pos, "empty-file", diag.T("dit bestand is leeg", "this file is empty"),
			diag.T("Maak een activiteit met: go run ./generator new activity NAAM, of haal het lege bestand weg.", "Start an activity with: go run ./generator new activity NAME, or remove the empty file."))
	case KindStory:
		diags.Errorf(pos, "empty-file", diag.T("dit bestand is leeg", "this file is empty"),
			diag.T("Maak een verhaal met: go run ./generator new story NAAM, of haal het lege bestand weg.", "Start a story with: go run ./generator new story NAME, or remove the empty file."))
	case KindHours:
		diags.Errorf(pos, "empty-file", diag.T("dit bestand is leeg", "this file is empty"),
			diag.T("Zie docs/handleiding.md voor een voorbeeld van de openingstijden, of haal het lege bestand weg.", "See docs/handleiding.md for an example of opening hours, or remove the empty file."))
	case KindPage:
		diags.Warnf(pos, "empty-file", diag.T("deze pagina is leeg; hij komt op de website met alleen een titel", "this page is empty; it is published with only a title"),
			diag.T("Schrijf er tekst in, of haal het bestand weg.", "Write some text in it, or remove the file."))
		return false
	default:
		return false
	}
	return true
}

// documentExts are extensions that end up before ".md" when a file saved as
// text or a document is renamed: koffie.txt.md.
var documentExts = []string{".txt", ".text", ".doc", ".docx", ".odt", ".rtf", ".htm", ".html"}

// slugOf returns the slug of a parsed activity, story or page, or "".
func slugOf(it *Item) string {
	switch {
	case it.Activity != nil:
		return it.Activity.Slug
	case it.Story != nil:
		return it.Story.Slug
	case it.Page != nil:
		return it.Page.Slug
	}
	return ""
}

// List returns the slash paths under content/ of every file of the site,
// sorted, leaving out what Ignored names.
func List(fsys fs.FS) ([]string, error) {
	var rels []string
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == Dir {
			return nil
		}
		if Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			rels = append(rels, strings.TrimPrefix(p, Dir+"/"))
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %w", Dir, err)
	}
	slices.Sort(rels)
	return rels, nil
}

// Load reads and parses every file under content/ in fsys (the site folder).
// The problems of all files are returned together, sorted.
func Load(ctx context.Context, fsys fs.FS) (*Site, diag.List, error) {
	rels, err := List(fsys)
	if err != nil {
		return nil, nil, err
	}
	items, err := Parse(ctx, fsys, rels, nil)
	if err != nil {
		return nil, nil, err
	}
	site, diags := Assemble(items)
	return site, diags, nil
}

// Parse parses the files rels (from List), in parallel. A file for which
// reuse returns an item is not read again: an incremental build passes the
// items of the files that did not change.
func Parse(ctx context.Context, fsys fs.FS, rels []string, reuse func(rel string) *Item) ([]*Item, error) {
	exists := make(map[string]bool, len(rels))
	for _, r := range rels {
		exists[r] = true
	}
	has := func(rel string) bool { return exists[rel] }
	items := make([]*Item, len(rels))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, rel := range rels {
		switch KindOf(rel) {
		case KindStatic:
			items[i] = &Item{Rel: rel, Kind: KindStatic}
			continue
		case KindMisnamed, KindStrayMarkdown: // reported by name, never read
			items[i] = ParseFile(rel, nil, has)
			continue
		}
		if reuse != nil {
			if it := reuse(rel); it != nil {
				items[i] = it
				continue
			}
		}
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			data, err := fs.ReadFile(fsys, Dir+"/"+rel)
			if err != nil {
				return fmt.Errorf("reading %s/%s: %w", Dir, rel, err)
			}
			items[i] = ParseFile(rel, data, has)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return items, nil
}
