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
	out    Output
	now    time.Time  // gives today when Build is given none
	photos photoCache // processed photos, by the sha256 of their bytes
	shares pictures   // the pictures of link previews, by what they are made from
}

// snapshot is what a good build leaves for the next one.
type snapshot struct {
	items  map[string]*content.Item // parsed content files, by path under content/
	theme  *render.Theme
	global string // fingerprint of what every output depends on
	files  map[string][]byte
	cal    *calendar  // occurrences and iCalendar events, by activity
	frags  *fragments // pieces of pages shared between pages
	photos *photoSet
	bodies map[string][]string // the photos the Markdown of each content file shows
}

// Update is the outcome of one Builder.Build.
type Update struct {
	Result   *Result
	Files    map[string][]byte // the whole site; do not modify
	Rendered []string          // the outputs made this time, sorted
	Parsed   []string          // the content files read this time, sorted
	Photos   []string          // the photos processed this time (not taken over), sorted
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
	r := &run{b: b, last: b.last, res: &Result{}, changed: map[string]bool{}}
	r.full = r.last == nil || changed == nil
	for _, c := range changed {
		switch {
		case c == config.File, strings.HasPrefix(c, "themes/"):
			r.full = true
		case strings.HasPrefix(c, content.Dir+"/"):
			r.changed[strings.TrimPrefix(c, content.Dir+"/")] = true
		}
	}
	cfg, site, theme, err := r.load(ctx)
	if err != nil || r.diags.HasErrors() {
		return r.fail(err)
	}
	if today.IsZero() {
		today = schedule.DateOf(b.now.In(cfg.Location))
	}
	p := newPlan(b.site, cfg, site, theme, today)
	p.shares.last, p.shares.keep = b.shares, b.out == nil
	jobs := p.routes
	p.checkSlugs(&r.diags)
	p.checkFilters(&r.diags)
	checkGenerated(jobs, theme.Static, site.Files, &r.diags)
	if r.diags.HasErrors() {
		return r.fail(nil)
	}
	photos, err := r.processPhotos(ctx, site)
	if err != nil || r.diags.HasErrors() {
		return r.fail(err)
	}
	p.photos = photos
	global := p.fingerprint(b.site, jobs)
	if r.last != nil && global != r.last.global {
		r.full = true
	}
	dirty := r.dirty()
	var prevCal *calendar
	if !r.full {
		p.frags = newFragments(r.last.frags)
		if !dirty[fileInput(content.HoursFile)] {
			prevCal = r.last.cal
		}
	}
	p.cal.expand(prevCal, func(slug string) bool { return dirty[contentInput(p.cal.acts[slug].File)] })
	var todo []int
	for i, j := range jobs {
		if _, had := lastFile(r.last, j.path); r.full || !had || slices.ContainsFunc(j.inputs, func(in input) bool { return dirty[in] }) {
			todo = append(todo, i)
		}
	}
	made, err := r.render(ctx, jobs, todo)
	if err != nil || r.diags.HasErrors() {
		return r.fail(err)
	}
	files, statics, err := r.publish(jobs, made, site, theme, photos)
	if err != nil {
		return nil, err
	}
	// A site with an empty baseURL is fine while it is being made (new
	// site writes it so, with a comment); one whose baseURL is written but
	// not absolute was probably meant to be.
	if !cfg.Absolute() && cfg.BaseURLGiven {
		r.diags.Warnf(cfg.BaseURLPos, "relative-baseurl",
			diag.T("zonder volledig webadres in baseURL kan niemand de agenda abonneren (er staat alleen een downloadlink) en tonen gedeelde links geen voorbeeld met afbeelding",
				"without a complete web address in baseURL nobody can subscribe to the calendar (there is only a download link) and shared links show no preview with a picture"),
			diag.T(`Schrijf het adres van de site in site.toml, bijvoorbeeld baseURL = "https://www.delinde.nl/".`,
				`Write the site's address in site.toml, for example baseURL = "https://www.delinde.nl/".`))
	}
	res := r.res
	r.diags.Sort()
	res.Diags = r.diags
	res.Files = len(jobs) + statics
	for _, j := range jobs {
		if strings.HasSuffix(j.path, ".html") {
			res.Pages++
		}
	}
	if b.out == nil {
		byRel := make(map[string]*content.Item, len(r.items))
		for _, it := range r.items {
			byRel[it.Rel] = it
		}
		b.last = &snapshot{items: byRel, theme: theme, global: global, files: files, cal: p.cal, frags: p.frags,
			photos: photos, bodies: r.bodies(p.bodies, byRel)}
		b.keepPhotos(photos)
		b.shares = p.keepPictures()
	}
	rendered := make([]string, 0, len(todo))
	for _, i := range todo {
		rendered = append(rendered, jobs[i].path)
	}
	res.Took = time.Since(start)
	slices.Sort(r.parsed)
	slices.Sort(r.processed)
	if b.logger != nil {
		b.logger.Info("built", "pages", res.Pages, "rendered", len(rendered), "parsed", len(r.parsed), "photos", len(r.processed), "files", res.Files, "ms", res.Took.Milliseconds())
	}
	return &Update{Result: res, Files: files, Rendered: rendered, Parsed: r.parsed, Photos: r.processed}, nil
}

// run is the state of one Builder.Build.
type run struct {
	b         *Builder
	last      *snapshot       // the last good build, or nil
	full      bool            // everything is read and rendered again
	changed   map[string]bool // changed files, by path under content/
	res       *Result
	diags     diag.List
	items     []*content.Item // every content file, parsed or taken over
	parsed    []string        // the content files read this time
	processed []string        // the photos processed this time
}

// fail ends the run with err, or else with the problems found.
func (r *run) fail(err error) (*Update, error) {
	if err != nil {
		return nil, err
	}
	r.diags.Sort()
	r.res.Diags = r.diags
	return &Update{Result: r.res}, r.diags
}

// load reads the settings, the content files that changed (or all of
// them) and the theme.
func (r *run) load(ctx context.Context) (*config.Config, *content.Site, *render.Theme, error) {
	b, last := r.b, r.last
	cfg := config.Load(b.site, &r.diags)
	r.res.Config = cfg
	if cfg == nil {
		return nil, nil, nil, nil
	}
	rels, err := content.List(b.site)
	if err != nil {
		return nil, nil, nil, err
	}
	// Which files to read again: the changed ones, and every Markdown file
	// when static files came or went (they may name them as images).
	reuse := !r.full && slices.Equal(statics(rels), statics(slices.Collect(maps.Keys(last.items))))
	r.items, err = content.Parse(ctx, b.site, rels, func(rel string) *content.Item {
		if reuse && !r.changed[rel] {
			if it := last.items[rel]; it != nil {
				return it
			}
		}
		r.parsed = append(r.parsed, rel)
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	site, cdiags := content.Assemble(r.items)
	r.diags.Append(cdiags)
	if !r.full && last.theme.Lang == cfg.Language && last.theme.Name == cfg.Theme {
		return cfg, site, last.theme, nil
	}
	theme, tdiags := render.LoadTheme(b.site, cfg.Theme, cfg.Language, cfg.ThemePos)
	r.diags.Append(tdiags)
	if theme == nil && !r.diags.HasErrors() {
		return nil, nil, nil, fmt.Errorf("loading the theme %s", cfg.Theme)
	}
	return cfg, site, theme, nil
}

// statics returns the static files among rels, sorted.
func statics(rels []string) []string {
	var out []string
	for _, r := range rels {
		if content.KindOf(r) == content.KindStatic {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// dirty returns the inputs the changed content files stand for; none on
// a full build, which renders everything.
func (r *run) dirty() map[input]bool {
	dirty := map[input]bool{}
	if r.full {
		return dirty
	}
	mark := func(rel string) {
		for _, in := range inputsOf(rel) {
			dirty[in] = true
		}
	}
	for rel := range r.changed {
		mark(rel)
		// The texts that show a changed photo show its new size.
		for file, photos := range r.last.bodies {
			if slices.Contains(photos, rel) {
				mark(file)
			}
		}
	}
	return dirty
}

// bodies returns which photos the Markdown of every content file shows:
// as rendered now, or as the last build rendered it.
func (r *run) bodies(now *bodyPhotos, items map[string]*content.Item) map[string][]string {
	out := make(map[string][]string, len(items))
	for rel := range items {
		if ph, ok := now.byFile[rel]; ok {
			out[rel] = ph
		} else if r.last != nil {
			if ph, ok := r.last.bodies[rel]; ok {
				out[rel] = ph
			}
		}
	}
	return out
}

// render makes the jobs todo in parallel. With an Output each file is
// written as soon as it is made; else the files are returned by index.
func (r *run) render(ctx context.Context, jobs []route, todo []int) ([][]byte, error) {
	made := make([][]byte, len(jobs))
	results := make([]diag.List, len(jobs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, i := range todo {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			var buf bytes.Buffer
			jd, err := jobs[i].make(&buf)
			data := buf.Bytes()
			if err != nil {
				return fmt.Errorf("building %s: %w", jobs[i].path, err)
			}
			results[i] = jd
			if r.b.out != nil {
				if jd.HasErrors() {
					return nil
				}
				return r.b.out.WriteFile(jobs[i].path, data)
			}
			made[i] = data
			return nil
		})
	}
	err := g.Wait()
	for _, d := range results {
		r.diags.Append(d)
	}
	return made, err
}

// publish copies the static files of the content and the theme, and
// returns the whole site (nil when files go to an Output): the files made
// now, and those of the last build that did not need making again.
func (r *run) publish(jobs []route, made [][]byte, site *content.Site, theme *render.Theme, photos *photoSet) (map[string][]byte, int, error) {
	out := r.b.out
	var files map[string][]byte
	if out == nil {
		files = make(map[string][]byte, len(jobs)+len(site.Files)+len(theme.Static))
		for i, j := range jobs {
			if made[i] != nil {
				files[j.path] = made[i]
			} else {
				files[j.path], _ = lastFile(r.last, j.path)
			}
		}
	}
	n := 0
	put := func(path string, data []byte) error {
		n++
		if out != nil {
			return out.WriteFile(path, data)
		}
		files[path] = data
		return nil
	}
	for _, f := range site.Files {
		if pub := photos.byRel[f]; pub != nil {
			if err := put(pub.main, pub.res.Main.Data); err != nil {
				return nil, 0, err
			}
			if pub.small != "" {
				if err := put(pub.small, pub.res.Small.Data); err != nil {
					return nil, 0, err
				}
			}
			continue
		}
		data, ok := lastFile(r.last, f)
		if r.full || !ok || r.changed[f] {
			var err error
			if data, err = fs.ReadFile(r.b.site, content.Dir+"/"+f); err != nil {
				return nil, 0, fmt.Errorf("copying %s/%s: %w", content.Dir, f, err)
			}
		}
		if err := put(f, data); err != nil {
			return nil, 0, err
		}
	}
	for _, f := range theme.Static {
		if err := put(f.Path, f.Data); err != nil {
			return nil, 0, err
		}
	}
	return files, n, nil
}

func lastFile(last *snapshot, p string) ([]byte, bool) {
	if last == nil {
		return nil, false
	}
	d, ok := last.files[p]
	return d, ok
}

// fingerprint sums up what every output depends on: the settings, the
// theme's translations and layouts (by their files), the menu, the set of
// outputs, static files and pages withheld (links point at them), and the day.
func (p *plan) fingerprint(site fs.FS, jobs []route) string {
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
	for _, w := range slices.Sorted(maps.Keys(p.withheld)) { // links to them are plain text
		fmt.Fprintf(h, "-%s\x00%v\x00", w, p.withheld[w].Draft)
	}
	var buf bytes.Buffer
	for _, f := range p.theme.Static {
		buf.WriteString(f.Path)
	}
	h.Write(buf.Bytes())
	h.Write([]byte(p.shareFingerprint()))
	return hex.EncodeToString(h.Sum(nil))
}
