package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"runtime"
	"slices"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// Builder builds a site again and again, as the preview server does: it
// parses only the files that changed and renders only the outputs whose
// inputs changed, keeping the whole site in memory. The result is the same,
// byte for byte, as a full build.
//
// A Builder is not safe for concurrent use.
type Builder struct {
	site   fs.FS
	logger *slog.Logger
	last   *snapshot // the last good build; nil before the first
	// out, when set, receives every file as soon as it is made, and the
	// Builder keeps nothing for a next build: a one-off build of a large
	// site does not hold it in memory.
	out Output
	now time.Time // gives today when Build is given none
}

// snapshot is what a good build leaves for the next one.
type snapshot struct {
	items  map[string]*content.Item // parsed content files, by path under content/
	theme  *render.Theme
	global string // fingerprint of what every output depends on
	files  map[string][]byte
	cal    *calendar  // occurrences and iCalendar events, by activity
	frags  *fragments // pieces of pages shared between pages
}

// Update is the outcome of one Builder.Build.
type Update struct {
	Result   *Result
	Files    map[string][]byte // the whole site; do not modify
	Rendered []string          // the outputs made this time, sorted
	Parsed   []string          // the content files read this time, sorted
}

// NewBuilder returns a Builder for the site folder fsys that keeps the site
// in memory between builds.
func NewBuilder(site fs.FS, logger *slog.Logger) *Builder {
	return &Builder{site: site, logger: logger}
}

// Build builds the site. changed lists the site-relative slash paths of the
// files that changed since the previous call; nil means anything may have
// changed. today is the first day of the calendar (zero: the day of the
// Builder's clock in the site's timezone). When the content has problems the
// error is a diag.List and the previous site stays.
func (b *Builder) Build(ctx context.Context, changed []string, today schedule.Date) (*Update, error) {
	start := time.Now()
	last := b.last
	full := last == nil || changed == nil
	changedContent := map[string]bool{}
	for _, c := range changed {
		switch {
		case c == config.File, strings.HasPrefix(c, "themes/"):
			full = true
		case strings.HasPrefix(c, content.Dir+"/"):
			changedContent[strings.TrimPrefix(c, content.Dir+"/")] = true
		}
	}
	res := &Result{}
	var diags diag.List
	cfg := config.Load(b.site, &diags)
	res.Config = cfg
	if cfg == nil {
		return b.fail(res, diags)
	}
	rels, err := content.List(b.site)
	if err != nil {
		return nil, err
	}
	// Which files to read again: the changed ones, and every Markdown file
	// when static files came or went (they may name them as images).
	statics := func(items map[string]*content.Item) []string {
		var out []string
		for rel, it := range items {
			if it.Kind == content.KindStatic {
				out = append(out, rel)
			}
		}
		slices.Sort(out)
		return out
	}
	var reuse func(string) *content.Item
	if !full {
		var now []string
		for _, r := range rels {
			if content.KindOf(r) == content.KindStatic {
				now = append(now, r)
			}
		}
		if slices.Equal(now, statics(last.items)) {
			reuse = func(rel string) *content.Item {
				if changedContent[rel] {
					return nil
				}
				return last.items[rel]
			}
		}
	}
	var parsed []string
	items, err := content.Parse(ctx, b.site, rels, func(rel string) *content.Item {
		if reuse != nil {
			if it := reuse(rel); it != nil {
				return it
			}
		}
		parsed = append(parsed, rel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	site, cdiags := content.Assemble(items)
	diags.Append(cdiags)
	theme := (*render.Theme)(nil)
	if !full && last.theme.Lang == cfg.Language && last.theme.Name == cfg.Theme {
		theme = last.theme
	} else {
		var tdiags diag.List
		theme, tdiags = render.LoadTheme(b.site, cfg.Theme, cfg.Language)
		diags.Append(tdiags)
	}
	if theme == nil || diags.HasErrors() {
		return b.fail(res, diags)
	}
	if today.IsZero() {
		today = schedule.DateOf(b.now.In(cfg.Location))
	}
	p := newPlan(b.site, cfg, site, theme, today)
	p.checkSlugs(&diags)
	if diags.HasErrors() {
		return b.fail(res, diags)
	}
	jobs := p.jobs()
	global := p.fingerprint(b.site, jobs)
	if last != nil && global != last.global {
		full = true
	}
	dirty := map[string]bool{}
	if !full {
		for rel := range changedContent {
			for _, it := range []*content.Item{last.items[rel], findItem(items, rel)} {
				for _, k := range depsOf(it) {
					dirty[k] = true
				}
			}
		}
	}
	var prevCal *calendar
	if !full && !dirty[depHours] {
		prevCal = last.cal
	}
	p.cal.expand(prevCal, func(slug string) bool { return dirty[depActivity(slug)] })
	if !full {
		p.frags = newFragments(last.frags)
	}
	var todo []int
	for i, j := range jobs {
		if _, had := lastFile(last, j.path); full || !had || slices.ContainsFunc(j.deps, func(d string) bool { return dirty[d] }) {
			todo = append(todo, i)
		}
	}
	made := make([][]byte, len(jobs))
	results := make([]diag.List, len(jobs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, i := range todo {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			data, jd, err := jobs[i].make()
			if err != nil {
				return fmt.Errorf("building %s: %w", jobs[i].path, err)
			}
			results[i] = jd
			if b.out != nil {
				if jd.HasErrors() {
					return nil
				}
				return b.out.WriteFile(jobs[i].path, data)
			}
			made[i] = data
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for _, r := range results {
		diags.Append(r)
	}
	if diags.HasErrors() {
		return b.fail(res, diags)
	}
	files := make(map[string][]byte, len(jobs)+len(site.Files)+len(theme.Static))
	put := func(path string, data []byte) error {
		if b.out != nil {
			return b.out.WriteFile(path, data)
		}
		files[path] = data
		return nil
	}
	rendered := make([]string, 0, len(todo))
	for _, i := range todo {
		rendered = append(rendered, jobs[i].path)
	}
	if b.out == nil {
		for i, j := range jobs {
			if made[i] != nil {
				files[j.path] = made[i]
			} else {
				files[j.path], _ = lastFile(last, j.path)
			}
		}
	}
	for _, f := range site.Files {
		data, ok := lastFile(last, f)
		if full || !ok || changedContent[f] {
			if data, err = fs.ReadFile(b.site, content.Dir+"/"+f); err != nil {
				return nil, fmt.Errorf("copying %s/%s: %w", content.Dir, f, err)
			}
		}
		if err := put(f, data); err != nil {
			return nil, err
		}
	}
	for _, f := range theme.Static {
		if err := put(f.Path, f.Data); err != nil {
			return nil, err
		}
	}
	diags.Sort()
	res.Diags = diags
	res.Files = len(jobs) + len(site.Files) + len(theme.Static)
	if b.out == nil {
		byRel := make(map[string]*content.Item, len(items))
		for _, it := range items {
			byRel[it.Rel] = it
		}
		b.last = &snapshot{items: byRel, theme: theme, global: global, files: files, cal: p.cal, frags: p.frags}
	}
	for _, j := range jobs {
		if strings.HasSuffix(j.path, ".html") {
			res.Pages++
		}
	}
	res.Took = time.Since(start)
	slices.Sort(parsed)
	if b.logger != nil {
		b.logger.Info("built", "pages", res.Pages, "rendered", len(rendered), "parsed", len(parsed), "files", res.Files, "ms", res.Took.Milliseconds())
	}
	if b.out != nil {
		files = nil
	}
	return &Update{Result: res, Files: files, Rendered: rendered, Parsed: parsed}, nil
}

func (b *Builder) fail(res *Result, diags diag.List) (*Update, error) {
	diags.Sort()
	res.Diags = diags
	return &Update{Result: res}, diags
}

func lastFile(last *snapshot, p string) ([]byte, bool) {
	if last == nil {
		return nil, false
	}
	d, ok := last.files[p]
	return d, ok
}

func findItem(items []*content.Item, rel string) *content.Item {
	i, ok := slices.BinarySearchFunc(items, rel, func(it *content.Item, r string) int { return strings.Compare(it.Rel, r) })
	if !ok {
		return nil
	}
	return items[i]
}

// depsOf returns the inputs a content file stands for.
func depsOf(it *content.Item) []string {
	if it == nil {
		return nil
	}
	switch {
	case it.Kind == content.KindIntro:
		return []string{depIntro(it.Rel)}
	case it.Home != nil:
		return []string{depHome}
	case it.Hours != nil:
		return []string{depHours}
	case it.Activity != nil:
		return []string{depActivities, depActivity(it.Activity.Slug)}
	case it.Story != nil:
		return []string{depStories, depStory(it.Story.Slug)}
	case it.Page != nil:
		return []string{depPage(it.Page.Slug)}
	case it.Kind == content.KindStatic:
		return []string{depFile(it.Rel)}
	}
	return nil
}

// fingerprint sums up what every output depends on: the settings, the
// theme's translations and layouts (by their files), the menu, the set of
// outputs and static files (links point at them), and the day.
func (p *plan) fingerprint(site fs.FS, jobs []job) string {
	h := sha256.New()
	src, _ := fs.ReadFile(site, config.File)
	h.Write(src)
	fmt.Fprintf(h, "\x00%s\x00%s\x00%s\x00", p.cfg.Language, p.cfg.Theme, p.today)
	for _, l := range p.view.Menu {
		fmt.Fprintf(h, "%s\x00%s\x00", l.Title, l.URL)
	}
	for _, j := range jobs {
		fmt.Fprintf(h, "%s\x00", j.path)
	}
	for _, f := range slices.Sorted(maps.Keys(p.files)) {
		fmt.Fprintf(h, "%s\x00", f)
	}
	var buf bytes.Buffer
	for _, f := range p.theme.Static {
		buf.WriteString(f.Path)
	}
	h.Write(buf.Bytes())
	return hex.EncodeToString(h.Sum(nil))
}
