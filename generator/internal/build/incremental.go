package build

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// Builder builds a site again and again, as the preview server does. It
// keeps, for every output, its key (the hash of what it was made from, see
// keys.go) and, in memory, its bytes; an output is made again only when its
// key changed. Content files are parsed again only when their bytes
// changed. The result is the same, byte for byte, as a full build.
//
// A Builder is not safe for concurrent use.
type Builder struct {
	site   fs.FS
	logger *slog.Logger
	last   *snapshot // the last good build; nil before the first
	// out, when set, receives every file as soon as it is made, and the
	// Builder keeps nothing for a next build: a one-off build of a large
	// site does not hold it in memory. When out is a Keeper, the files
	// whose key did not change since the build in it are kept, not made.
	out    Output
	now    time.Time  // gives today when Build is given none; zero: the clock
	photos photoCache // processed photos, by the sha256 of their bytes
	shares pictures   // the pictures of link previews, by what they are made from
	// lazy is set for the preview (NewPreviewBuilder): a build plans the
	// site and makes no file; its Preview makes them when asked.
	lazy  bool
	pages *pageCache    // the files the previews made
	made  *atomic.Int64 // how many files the previews made
	prev  *Preview      // the last good preview
	// rec, when set, holds what the last build into the same output
	// folder parsed (see record.go); it is given what this one parsed.
	rec *Record
}

// snapshot is what a good build leaves for the next one.
type snapshot struct {
	files    []*parsedFile     // parsed content files, in the order of rels (see item)
	exists   map[string]bool   // the files of rels
	statics  map[string]string // hashes of the static files that are not photos
	theme    *render.Theme
	themeSum string
	global   string
	outputs  map[string]output // every file of the site, by path
	cal      *calendar         // occurrences and iCalendar events, by activity
	hashes   map[input]string  // the hashes of the inputs
	frags    *fragments        // pieces of pages shared between pages
	photos   *photoSet
	// recorded are the images a Markdown text showed when it was rendered
	// that the scan of its text (fileIndex.shows) did not find.
	recorded map[string][]string
	rels     []string  // the files under content/, sorted
	paths    pathCheck // what checkGenerated found
	// words and byItem are those of the plan (see makeRoutes).
	words  Words
	byItem [][]itemRoutes
	// filesSum is the hash of the static files' paths, groups the hashes
	// of the groups' members; usedRecorded is set when the hashes count
	// images that rendering found (recorded of the build before).
	filesSum     string
	groups       *groupSums
	usedRecorded bool
	asm          *content.Assembly // the content, assembled
	// pages, withheld and later are those of the plan.
	pages    map[string]string
	withheld map[string]content.Withheld
	later    int
	filters  *filterPages
}

// pathCheck is what checkGenerated found for a set of paths.
type pathCheck struct {
	routes, theme, files []string
	diags                diag.List
	order                routeOrder // of the routes but the later ones; routes is order.paths
	sum                  string     // the hash of routes
}

// checkPaths runs checkGenerated, or takes over what the last build found
// when the site has the same paths as then.
func (r *run) checkPaths(p *plan, theme *render.Theme, files []string) pathCheck {
	pc := pathCheck{routes: p.order.paths, theme: make([]string, len(theme.Static)), files: files, order: p.order}
	for i, f := range theme.Static {
		pc.theme[i] = f.Path
	}
	last := r.last
	if last != nil && slices.Equal(last.paths.routes, pc.routes) {
		pc.sum = last.paths.sum
	} else {
		h := newHasher()
		for _, rt := range pc.routes {
			h.add(rt)
		}
		pc.sum = h.sum()
	}
	if last != nil && slices.Equal(last.paths.routes, pc.routes) && slices.Equal(last.paths.theme, pc.theme) && slices.Equal(last.paths.files, pc.files) {
		pc.diags = last.paths.diags
	} else {
		checkGenerated(p.routes, theme.Static, files, &pc.diags)
	}
	r.diags.Append(pc.diags)
	return pc
}

// parsedFile is one content file as it was parsed.
type parsedFile struct {
	item *content.Item
	sum  string // sha256 of its bytes
	// asked are the files whose existence parsing asked about (the image
	// it names), with the answer: the item holds while they stay the same.
	asked map[string]bool
	// scan is what the scan of its text found (fileIndex.shows) among the
	// static files named by scanFor.
	scan    []string
	scanFor string
	// showsSum is the hash of the file with the images it shows, for the
	// files and hashes in showsOf; showsIn is the input it is the hash of.
	showsSum, showsOf string
	showsIn           input
}

func (pf *parsedFile) holds(exists map[string]bool) bool {
	for f, ok := range pf.asked {
		if exists[f] != ok {
			return false
		}
	}
	return true
}

// output is one file of the site: the key it was made with and, in a
// Builder that keeps the site, its bytes.
type output struct {
	key   string
	data  []byte
	diags diag.List // the warnings making it gave, repeated when it is taken over
}

// Update is the outcome of one Builder.Build.
type Update struct {
	Result   *Result
	Files    map[string][]byte // the whole site; do not modify
	Rendered []string          // the outputs made this time, sorted
	Parsed   []string          // the content files read this time, sorted
	Photos   []string          // the photos processed this time (not taken over), sorted
	Preview  *Preview          // the planned site, of a Builder made by NewPreviewBuilder
}

// NewBuilder returns a Builder for the site folder fsys that keeps the site
// in memory between builds.
func NewBuilder(site fs.FS, logger *slog.Logger) *Builder {
	return &Builder{site: site, logger: logger}
}

// Build builds the site. changed lists the site-relative slash paths of the
// files that changed since the previous call; files not in it are taken to
// have their bytes of the previous call. nil means anything may have
// changed: every file is read again. today is the first day of the calendar
// (zero: the day of the Builder's clock in the site's timezone, as
// site.toml gives it now). When the content has problems the error is a
// diag.List and the previous site stays.
func (b *Builder) Build(ctx context.Context, changed []string, today schedule.Date) (*Update, error) {
	start := time.Now()
	r := &run{b: b, last: b.last, res: &Result{}, changed: map[string]bool{}}
	r.full = r.last == nil || changed == nil
	reloadTheme := r.full
	for _, c := range changed {
		switch {
		case c == config.File, strings.HasPrefix(c, "themes/"):
			reloadTheme = true
		case strings.HasPrefix(c, content.Dir+"/"):
			r.changed[strings.TrimPrefix(c, content.Dir+"/")] = true
		}
	}
	cfgSrc, _ := fs.ReadFile(b.site, config.File) // config.Load reports a missing file
	cfg := config.Load(b.site, &r.diags)
	r.res.Config = cfg
	if cfg == nil {
		return r.fail(nil)
	}
	rels, err := r.listContent()
	if err != nil {
		return r.fail(err)
	}
	if err := r.parse(ctx, rels); err != nil {
		return r.fail(err)
	}
	items := make([]*content.Item, len(r.files))
	for i, pf := range r.files {
		items[i] = pf.item
	}
	if r.last != nil {
		r.asm = r.last.asm.Reassemble(items)
	} else {
		r.asm = content.NewAssembly(items)
	}
	site := r.asm.Site
	r.diags.Append(r.asm.Diags)
	theme, themeSum, err := r.loadTheme(cfg, reloadTheme)
	if err != nil || r.diags.HasErrors() {
		return r.fail(err)
	}
	if today.IsZero() {
		now := b.now
		if now.IsZero() {
			now = time.Now()
		}
		today = schedule.DateOf(now.In(cfg.Location))
	}
	var made *planned
	if r.last != nil {
		made = &planned{words: r.last.words, order: r.last.paths.order, byItem: r.last.byItem,
			cal:   &lastCalendar{cal: r.last.cal, activities: r.last.asm.Site.Activities},
			pages: r.last.pages, withheld: r.last.withheld, siteWithheld: r.last.asm.Site.Withheld, later: r.last.later,
			filters: r.last.filters, activities: r.last.asm.Site.Activities, theme: r.last.theme,
			item: func(rel string) *content.Item {
				if i, ok := slices.BinarySearch(r.rels, rel); ok {
					return r.files[i].item
				}
				return nil
			}}
		if r.sameRels {
			made.changed = slices.Sorted(maps.Keys(r.changed))
		}
	}
	p := newPlanAfter(b.site, cfg, site, theme, today, made)
	if b.lazy && b.prev != nil {
		b.shares = b.prev.p.shares.settled()
	}
	p.shares.last, p.shares.keep = b.shares, b.out == nil
	p.shares.memo, _ = b.out.(pictureMemo)
	p.checkSlugs(&r.diags)
	p.checkFilters(&r.diags)
	r.paths = r.checkPaths(p, theme, site.Files)
	if r.diags.HasErrors() {
		return r.fail(nil)
	}
	photos, err := r.processPhotos(ctx, site)
	if err != nil || r.diags.HasErrors() {
		return r.fail(err)
	}
	p.photos = photos
	keeper, _ := b.out.(Keeper)
	global := newHasher().add("global", string(cfgSrc), themeSum, cfg.Language, cfg.Theme, today.String(), p.fingerprint(r.paths.sum))
	if keeper != nil {
		r.program = programSum()
		global.add(r.program)
	}
	r.global = global.sum()
	if err := r.hashInputs(p); err != nil {
		return r.fail(err)
	}
	var prevCal *calendar
	p.frags = newFragments(nil)
	if last := r.last; last != nil && last.global == r.global {
		if b.lazy {
			p.frags = newFragments(last.frags.settled())
		} else {
			p.frags = newFragments(last.frags)
		}
		if last.hashes[fileInput(content.HoursFile)] == p.hashes[fileInput(content.HoursFile)] {
			prevCal = last.cal
		}
	}
	if b.out != nil { // no next build takes pieces over
		p.frags.bound()
		r.leaveOutBodies()
	}
	if prevCal != nil {
		prevCal.mu.Lock() // a preview may still be making its files
	}
	p.cal.expandAfter(prevCal, p.calDiff)
	if prevCal != nil {
		prevCal.mu.Unlock()
	}
	checkGenerated(p.addLaterRoutes(), nil, site.Files, &r.diags)
	if r.diags.HasErrors() {
		return r.fail(nil)
	}
	if b.lazy {
		return r.plan(p, start, photos, theme, themeSum)
	}
	outputs, err := r.render(ctx, p, keeper)
	if err != nil || r.diags.HasErrors() {
		return r.fail(err)
	}
	statics, err := r.publish(outputs, site, theme, photos, keeper)
	if err != nil {
		return r.fail(err)
	}
	baseURLWarning(cfg, &r.diags)
	res := r.res
	r.diags.Sort()
	res.Diags = r.diags
	res.Files = len(p.routes) + statics
	for _, rt := range p.routes {
		if strings.HasSuffix(rt.path, ".html") {
			res.Pages++
		}
	}
	recorded := r.checkRecorded(p)
	if b.rec != nil {
		b.rec.keep(r.files, r.stats)
		b.rec.keepPhotos(photos)
	}
	var files map[string][]byte
	if b.out == nil {
		b.last = &snapshot{files: r.files, exists: r.exists, statics: r.statics, theme: theme, themeSum: themeSum, global: r.global,
			outputs: outputs, cal: p.cal, hashes: p.hashes, frags: p.frags, photos: photos, recorded: recorded, rels: r.rels, paths: r.paths, words: p.words, byItem: p.byItem,
			filesSum: r.filesSum, groups: r.groups, usedRecorded: r.usedRecorded, asm: r.asm, pages: p.pages, withheld: p.withheld, later: p.later, filters: p.keptFilters()}
		b.keepPhotos(photos)
		b.shares = p.keepPictures()
		files = make(map[string][]byte, len(outputs))
		for path, o := range outputs {
			files[path] = o.data
		}
	}
	slices.Sort(r.rendered)
	slices.Sort(r.parsed)
	slices.Sort(r.processed)
	res.Took = time.Since(start)
	if b.logger != nil {
		b.logger.Info("built", "pages", res.Pages, "rendered", len(r.rendered), "kept", res.Kept, "parsed", len(r.parsed), "photos", len(r.processed), "files", res.Files, "ms", res.Took.Milliseconds())
	}
	return &Update{Result: res, Files: files, Rendered: r.rendered, Parsed: r.parsed, Photos: r.processed}, nil
}

// baseURLWarning warns of a baseURL that is not a full address. A site
// with an empty baseURL is fine while it is being made (new site writes it
// so, with a comment); one whose baseURL is written but not absolute was
// probably meant to be.
func baseURLWarning(cfg *config.Config, diags *diag.List) {
	if !cfg.Absolute() && cfg.BaseURLGiven {
		diags.Warnf(cfg.BaseURLPos, "relative-baseurl",
			diag.T("zonder volledig webadres in baseURL kan niemand de agenda abonneren (er staat alleen een downloadlink) en tonen gedeelde links geen voorbeeld met afbeelding",
				"without a complete web address in baseURL nobody can subscribe to the calendar (there is only a download link) and shared links show no preview with a picture"),
			diag.T(`Schrijf het adres van de site in site.toml, bijvoorbeeld baseURL = "https://www.delinde.nl/".`,
				`Write the site's address in site.toml, for example baseURL = "https://www.delinde.nl/".`))
	}
}

// plan ends a build of a Builder for the preview: the site is planned,
// and its Preview makes the files when they are asked for.
func (r *run) plan(p *plan, start time.Time, photos *photoSet, theme *render.Theme, themeSum string) (*Update, error) {
	b := r.b
	baseURLWarning(p.cfg, &r.diags)
	res := r.res
	r.diags.Sort()
	res.Diags = r.diags
	for _, rt := range p.routes {
		if strings.HasSuffix(rt.path, ".html") {
			res.Pages++
		}
	}
	recorded := r.checkRecorded(p)
	b.last = &snapshot{files: r.files, exists: r.exists, statics: r.statics, theme: theme, themeSum: themeSum, global: r.global,
		cal: p.cal, hashes: p.hashes, frags: p.frags, photos: photos, recorded: recorded, rels: r.rels, paths: r.paths, words: p.words, byItem: p.byItem,
		filesSum: r.filesSum, groups: r.groups, usedRecorded: r.usedRecorded, asm: r.asm, pages: p.pages, withheld: p.withheld, later: p.later, filters: p.keptFilters()}
	b.keepPhotos(photos)
	pv := r.newPreview(p)
	res.Files = len(pv.static) + len(p.routes)
	b.prev = pv
	slices.Sort(r.parsed)
	slices.Sort(r.processed)
	res.Took = time.Since(start)
	if b.logger != nil {
		b.logger.Info("planned", "pages", res.Pages, "parsed", len(r.parsed), "photos", len(r.processed), "files", res.Files, "ms", res.Took.Milliseconds())
	}
	return &Update{Result: res, Parsed: r.parsed, Photos: r.processed, Preview: pv}, nil
}

// run is the state of one Builder.Build.
type run struct {
	b         *Builder
	last      *snapshot       // the last good build, or nil
	full      bool            // every file is read again
	changed   map[string]bool // changed files, by path under content/
	res       *Result
	diags     diag.List
	files     []*parsedFile     // every content file, parsed or taken over, sorted by path
	statics   map[string]string // hashes of the static files that are not photos, as far as known
	global    string
	program   string   // programSum in a build into a folder (a Keeper), else ""
	parsed    []string // the content files read this time
	processed []string // the photos processed this time
	rendered  []string // the outputs made this time
	rels      []string
	paths     pathCheck
	// stats are, with a Record, the state of each file of rels when it
	// was read or taken over from the record.
	stats []fileStat
	// sameRels is set when the site has the files of the last build
	// (rels is the last's); exists are the files of rels.
	sameRels bool
	exists   map[string]bool
	// filesSum, groups, usedRecorded and asm are those of the snapshot.
	filesSum     string
	groups       *groupSums
	usedRecorded bool
	asm          *content.Assembly
}

// listContent returns the files under content/, sorted: those of the last
// build when every changed file is still there, or still not, as a file;
// else it reads every folder.
func (r *run) listContent() ([]string, error) {
	if r.full || r.last == nil || r.last.rels == nil {
		rels, err := content.List(r.b.site)
		r.rels = rels
		return rels, err
	}
	for c := range r.changed {
		fi, err := fs.Lstat(r.b.site, content.Dir+"/"+c)
		had := r.last.item(c) != nil
		if (err == nil && fi.Mode().IsRegular()) != had || ignoredPath(c) {
			rels, err := content.List(r.b.site)
			r.rels = rels
			return rels, err
		}
	}
	r.rels = r.last.rels
	return r.rels, nil
}

// ignoredPath reports whether an element of the path rel is a name the
// build leaves out.
func ignoredPath(rel string) bool {
	for _, el := range strings.Split(rel, "/") {
		if content.Ignored(el) {
			return true
		}
	}
	return false
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

// parse parses the content files rels: each file that changed, or all of
// them; a file whose bytes are those of the last build, and whose image
// names still find the same files, is taken over.
func (r *run) parse(ctx context.Context, rels []string) error {
	last := r.last
	// The same files as in the last build: what parsing asked about still
	// holds for every file, and only the changed ones need a look.
	r.sameRels = !r.full && last != nil && last.files != nil && len(rels) == len(last.rels) && (len(rels) == 0 || &rels[0] == &last.rels[0])
	var exists map[string]bool
	var todo []int
	if r.sameRels {
		exists = last.exists
		r.files = slices.Clone(last.files)
		for c := range r.changed {
			if i, ok := slices.BinarySearch(rels, c); ok {
				todo = append(todo, i)
			}
		}
		slices.Sort(todo)
	} else {
		exists = make(map[string]bool, len(rels))
		for _, rel := range rels {
			exists[rel] = true
		}
		r.files = make([]*parsedFile, len(rels))
		todo = make([]int, len(rels))
		for i := range todo {
			todo[i] = i
		}
	}
	r.exists = exists
	has := func(rel string) bool { return exists[rel] }
	rec := r.b.rec
	var fis []fs.FileInfo
	if rec != nil {
		// The files are looked at while the record is still being read.
		fis = r.statFiles(rels, todo)
		rec.load()
		r.stats = make([]fileStat, len(rels))
	}
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, i := range todo {
		rel := rels[i]
		switch content.KindOf(rel) {
		case content.KindStatic:
			r.files[i] = &parsedFile{item: &content.Item{Rel: rel, Kind: content.KindStatic}}
			continue
		case content.KindMisnamed, content.KindStrayMarkdown: // reported by name, never read
			r.files[i] = &parsedFile{item: content.ParseFile(rel, nil, has)}
			continue
		}
		var prev *parsedFile
		if last != nil {
			if prev = last.item(rel); prev != nil && !prev.holds(exists) {
				prev = nil
			}
		}
		if prev != nil && !r.full && !r.changed[rel] {
			r.files[i] = prev
			continue
		}
		if rec != nil && fis[i] != nil {
			if pf := rec.lookup(rel, fis[i], exists); pf != nil {
				r.files[i], r.stats[i] = pf, statOf(fis[i])
				continue
			}
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			var data []byte
			var err error
			if rec == nil {
				data, err = fs.ReadFile(r.b.site, content.Dir+"/"+rel)
			} else {
				var fi fs.FileInfo
				if data, fi, err = readStat(r.b.site, content.Dir+"/"+rel); err == nil {
					r.stats[i] = statOf(fi)
				}
			}
			if err != nil {
				return fmt.Errorf("reading %s/%s: %w", content.Dir, rel, err)
			}
			sum := sumBytes(data)
			if prev != nil && prev.sum == sum {
				r.files[i] = prev
				return nil
			}
			pf := &parsedFile{sum: sum, asked: map[string]bool{}}
			var amu sync.Mutex
			pf.item = content.ParseFile(rel, data, func(f string) bool {
				amu.Lock()
				defer amu.Unlock()
				pf.asked[f] = exists[f]
				return exists[f]
			})
			r.files[i] = pf
			mu.Lock()
			r.parsed = append(r.parsed, rel)
			mu.Unlock()
			return nil
		})
	}
	return g.Wait()
}

// leaveOutBodies drops the Markdown of every parsed file once the hashes
// are known, in a build that makes each page once: the pages that show it
// read it again from the file (readBody), and the record of the parsed
// files (record.go) keeps only where each body starts. On a site with
// thousands of stories, the Markdown is most of what the build holds
// from start to end, and the garbage collector goes over it each time it
// runs.
func (r *run) leaveOutBodies() {
	for _, pf := range r.files {
		if pf == nil || pf.sum == "" {
			continue
		}
		if src := pf.item.Source(); src != nil {
			src.LeaveOut()
		}
	}
}

// statFiles looks at the content files rels[i] of todo that are read, on
// every core; a file it cannot look at is nil.
func (r *run) statFiles(rels []string, todo []int) []fs.FileInfo {
	fis := make([]fs.FileInfo, len(rels))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), 1+len(todo)/256) {
		wg.Go(func() {
			for n := int(next.Add(1) - 1); n < len(todo); n = int(next.Add(1) - 1) {
				i := todo[n]
				switch content.KindOf(rels[i]) {
				case content.KindStatic, content.KindMisnamed, content.KindStrayMarkdown:
					continue
				}
				if fi, err := fs.Stat(r.b.site, content.Dir+"/"+rels[i]); err == nil {
					fis[i] = fi
				}
			}
		})
	}
	wg.Wait()
	return fis
}

// item returns the parsed file at the path rel under content/, or nil.
// The files are sorted by path: a lookup needs no map of its own, which
// would have to be copied for every save.
func (s *snapshot) item(rel string) *parsedFile {
	if i, ok := slices.BinarySearch(s.rels, rel); ok {
		return s.files[i]
	}
	return nil
}

// item returns the parsed file of this run at the path rel, or nil.
func (r *run) item(rel string) *parsedFile {
	if i, ok := slices.BinarySearch(r.rels, rel); ok {
		return r.files[i]
	}
	return nil
}

// wasLast reports whether the i-th file is the last build's, taken over.
func (r *run) wasLast(i int, pf *parsedFile) bool {
	if r.last == nil {
		return false
	}
	if r.sameRels {
		return r.last.files[i] == pf
	}
	return r.last.item(pf.item.Rel) == pf
}

// loadTheme loads the theme, or takes over the last build's when neither
// site.toml nor a theme file changed and the theme and language are the
// same.
func (r *run) loadTheme(cfg *config.Config, reload bool) (*render.Theme, string, error) {
	if last := r.last; !reload && last.theme.Lang == cfg.Language && last.theme.Name == cfg.Theme {
		return last.theme, last.themeSum, nil
	}
	theme, tdiags := render.LoadTheme(r.b.site, cfg.Theme, cfg.Language, cfg.ThemePos)
	r.diags.Append(tdiags)
	if theme == nil {
		if !r.diags.HasErrors() {
			return nil, "", fmt.Errorf("loading the theme %s", cfg.Theme)
		}
		return nil, "", nil
	}
	return theme, themeSum(r.b.site, cfg.Theme), nil
}

// staticSum returns the hash of the static file rel under content/: of the
// original's bytes for a photo.
func (r *run) staticSum(p *plan, rel string) (string, error) {
	if pub := p.photos.byRel[rel]; pub != nil {
		return fmt.Sprintf("%x", pub.sum), nil
	}
	if s, ok := r.statics[rel]; ok {
		return s, nil
	}
	if r.last != nil && !r.full && !r.changed[rel] {
		if s, ok := r.last.statics[rel]; ok {
			r.statics[rel] = s
			return s, nil
		}
	}
	data, err := fs.ReadFile(r.b.site, content.Dir+"/"+rel)
	if err != nil {
		return "", fmt.Errorf("reading %s/%s: %w", content.Dir, rel, err)
	}
	s := sumBytes(data)
	r.statics[rel] = s
	return s, nil
}

// hashInputs works out the hash of every input (see kind.go and keys.go).
func (r *run) hashInputs(p *plan) error {
	filesSum := newHasher().add(p.site.Files...).sum()
	last := r.last
	r.filesSum = filesSum
	// The same files as in the last build, with the same static files
	// and no images found only while rendering: only the hashes of the
	// content files that changed can differ.
	same := r.sameRels && last.filesSum == filesSum && !last.usedRecorded && len(last.recorded) == 0
	for c := range r.changed {
		if i, ok := slices.BinarySearch(r.rels, c); same && ok && r.files[i].sum == "" {
			same = false // a static file
		}
	}
	r.usedRecorded = last != nil && len(last.recorded) > 0
	var ix *fileIndex
	if same {
		r.statics = maps.Clone(last.statics)
		p.hashes = maps.Clone(last.hashes)
		r.groups = last.groups.clone()
		dirty := [4]bool{}
		for c := range r.changed {
			i, ok := slices.BinarySearch(r.rels, c)
			if !ok {
				continue
			}
			changed, err := r.hashFile(p, i, r.files[i], filesSum, &ix)
			if err != nil {
				return err
			}
			for g, ch := range changed {
				dirty[g] = dirty[g] || ch
			}
		}
		for g, d := range dirty {
			if d {
				p.hashes[groupInputs[g]] = r.groups.sum(g)
			}
		}
		return nil
	}
	r.statics = map[string]string{}
	p.hashes = make(map[input]string, 2*len(r.files)+4)
	r.groups = newGroupSums(len(r.files))
	for i, pf := range r.files {
		if _, err := r.hashFile(p, i, pf, filesSum, &ix); err != nil {
			return err
		}
	}
	for g, in := range groupInputs {
		p.hashes[in] = r.groups.sum(g)
	}
	return nil
}

// hashFile works out the hashes of the i-th content file, pf, and its
// part of the hashes of its kind's group; changed says which parts
// changed.
func (r *run) hashFile(p *plan, i int, pf *parsedFile, filesSum string, ix **fileIndex) (changed [4]bool, err error) {
	it := pf.item
	if pf.sum == "" {
		return changed, nil // a static file, or one never read
	}
	last := r.wasLast(i, pf)
	in := fileInput(it.Rel)
	// p.hashes are the last build's in the fast path of hashInputs.
	kept := r.groups.kept && last
	if !kept {
		p.hashes[in] = pf.sum
	}
	image := imageOf(it)
	if pf.scanFor != filesSum {
		body := ""
		if src := it.Source(); src != nil {
			var d *diag.Diagnostic
			if body, d = readBody(r.b.site, *src, pf.sum); d != nil {
				r.diags = append(r.diags, d) // the build stops after the hashes
				return changed, nil
			}
		}
		if *ix == nil {
			*ix = newFileIndex(p.site.Files)
		}
		pf.scan, pf.scanFor = (*ix).shows(body), filesSum
	}
	shown := pf.scan
	if image != "" && p.files[image] || last && len(r.last.recorded[it.Rel]) > 0 {
		shown = slices.Clone(pf.scan)
		if image != "" && p.files[image] {
			shown = append(shown, image)
		}
		if last {
			shown = append(shown, r.last.recorded[it.Rel]...)
		}
		slices.Sort(shown)
		shown = slices.Compact(shown)
	}
	of := "shows"
	for _, f := range shown {
		s, err := r.staticSum(p, f)
		if err != nil {
			return changed, err
		}
		of += "\x00" + f + "\x00" + s
	}
	if pf.showsOf != of || pf.showsIn != shows(in) {
		h := newHasher().add(pf.sum)
		for _, part := range strings.Split(of, "\x00")[1:] {
			h.add(part)
		}
		pf.showsSum, pf.showsOf, pf.showsIn = h.sum(), of, shows(in)
	}
	if !kept || p.hashes[pf.showsIn] != pf.showsSum {
		p.hashes[pf.showsIn] = pf.showsSum
	}
	g := -1
	switch it.Kind {
	case content.KindActivity:
		g = 0
	case content.KindStory:
		g = 2
	default:
		return changed, nil
	}
	changed[g] = r.groups.set(g, i, it.Rel, pf.sum)
	changed[g+1] = r.groups.set(g+1, i, it.Rel, pf.showsSum)
	return changed, nil
}

// groupInputs are the inputs that stand for every file of a kind, in the
// order of groupSums.
var groupInputs = [4]input{anyActivity, shows(anyActivity), anyStory, shows(anyStory)}

// groupSums hold, for each of groupInputs, the hash of each member's path
// and hash, by the member's place among the content files (sorted by
// path); the group's hash is the hash of those, in that order.
type groupSums struct {
	of  [4][][sha256.Size]byte
	has [4][]bool
	own [4]bool // of and has are this one's, not shared with a clone
	// kept is set for a clone: the hashes of the plan are those of the
	// last build, with the files that changed worked out again.
	kept bool
}

func newGroupSums(n int) *groupSums {
	g := &groupSums{}
	for i := range g.of {
		g.of[i] = make([][sha256.Size]byte, n)
		g.has[i] = make([]bool, n)
		g.own[i] = true
	}
	return g
}

// clone returns a copy whose groups are copied when they are set.
func (g *groupSums) clone() *groupSums {
	c := *g
	c.own, c.kept = [4]bool{}, true
	return &c
}

// set makes the file at i, rel with hash sum, a member of group k and
// reports whether that changed the group.
func (g *groupSums) set(k, i int, rel, sum string) bool {
	d := sha256.Sum256([]byte(rel + "\x00" + sum))
	if g.has[k][i] && g.of[k][i] == d {
		return false
	}
	if !g.own[k] {
		g.of[k] = slices.Clone(g.of[k]) // the last build's stay as they were
		g.has[k] = slices.Clone(g.has[k])
		g.own[k] = true
	}
	g.of[k][i], g.has[k][i] = d, true
	return true
}

func (g *groupSums) sum(k int) string {
	h := sha256.New()
	for i, d := range g.of[k] {
		if g.has[k][i] {
			h.Write(d[:])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// key returns the key of a route.
func (r *run) key(p *plan, rt *route) (string, error) {
	if rt.own != nil {
		return newHasher().add("own", rt.kind, rt.path, r.program, rt.own()).sum(), nil
	}
	return routeKey(rt.kind, rt.path, r.global, rt.inputs, func(in input) (string, error) { return r.hashOf(p, in) })
}

// routeKey hashes what newHasher().add("route", kind, path, global) and
// then add(input, hash) for each input would, gathered first and hashed
// at once: a build works out tens of thousands of keys.
func routeKey(kind, path, global string, inputs []input, hashOf func(input) (string, error)) (string, error) {
	bp := keyBytes.Get().(*[]byte)
	defer keyBytes.Put(bp)
	b := (*bp)[:0]
	for _, s := range [...]string{"route", kind, path, global} {
		b = append(append(b, s...), 0)
	}
	for _, in := range inputs {
		s, err := hashOf(in)
		if err != nil {
			return "", err
		}
		b = append(append(b, in...), 0)
		b = append(append(b, s...), 0)
	}
	*bp = b
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// keyBytes hold what a key is the hash of while it is gathered.
var keyBytes = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// hashOf returns the hash of an input: a content file's, or a static
// file's bytes ("" for a file the site does not have).
func (r *run) hashOf(p *plan, in input) (string, error) {
	if s, ok := p.hashes[in]; ok {
		return s, nil
	}
	if rel := string(in); p.files[rel] {
		return r.staticSum(p, rel)
	}
	return "", nil
}

// fileBuffers gather what a template writes into a file.
var fileBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 32<<10) }}

// rekeyer is a file of an Output whose key can still change before it is
// closed. A file whose making gave warnings is recorded without a key, so
// that the next build makes it again and says them again.
type rekeyer interface{ SetKey(key string) }

// render makes every route whose key changed, in parallel, and returns the
// outputs. With an Output each file is written as it is made (or kept);
// else the outputs hold the bytes.
func (r *run) render(ctx context.Context, p *plan, keeper Keeper) (map[string]output, error) {
	out := r.b.out
	made := make([]output, len(p.routes))
	rendered := make([]bool, len(p.routes))
	results := make([]diag.List, len(p.routes))
	var kept atomic.Int64
	// The static files' hashes first, as they are read once: then the
	// workers only read them.
	for i := range p.routes {
		for _, in := range p.routes[i].inputs {
			if _, err := r.hashOf(p, in); err != nil {
				return nil, err
			}
		}
	}
	// A worker a core, each taking the next route: a later build keeps
	// almost every file, which is a key and a lookup or two.
	order := workOrder(p.routes)
	var next atomic.Int64
	g, gctx := errgroup.WithContext(ctx)
	for range min(runtime.GOMAXPROCS(0), len(p.routes)) {
		g.Go(func() error {
			for {
				n := int(next.Add(1) - 1)
				if n >= len(order) {
					return nil
				}
				i := order[n]
				if err := gctx.Err(); err != nil {
					return err
				}
				rt := &p.routes[i]
				key, err := r.key(p, rt)
				if err != nil {
					return err
				}
				if out == nil && r.last != nil {
					if o, ok := r.last.outputs[rt.path]; ok && o.key == key {
						made[i] = o
						results[i] = o.diags
						continue
					}
				}
				if keeper != nil && keeper.PreviousKey(rt.path) == key {
					if err := keeper.Keep(rt.path, key); err != nil {
						return err
					}
					made[i] = output{key: key}
					kept.Add(1)
					continue
				}
				jd, data, err := r.make(p, rt, key)
				if err != nil {
					return err
				}
				results[i] = jd
				rendered[i] = true
				made[i] = output{key: key, diags: jd, data: data}
			}
		})
	}
	err := g.Wait()
	for _, d := range results {
		r.diags.Append(d)
	}
	if err != nil {
		return nil, err
	}
	outputs := make(map[string]output, len(p.routes))
	for i, rt := range p.routes {
		outputs[rt.path] = made[i]
		if rendered[i] {
			r.rendered = append(r.rendered, rt.path)
		}
	}
	r.res.Kept += int(kept.Load())
	return outputs, nil
}

// workOrder returns the order in which to make routes (sorted by path):
// by path, but a route with after set right after the route at that path,
// when there is one, so that what the two share is still at hand.
func workOrder(routes []route) []int {
	followers := map[int][]int{}
	for i := range routes {
		if a := routes[i].after; a != "" {
			if j, ok := slices.BinarySearchFunc(routes, a, func(r route, p string) int { return strings.Compare(r.path, p) }); ok && j != i {
				followers[j] = append(followers[j], i)
			}
		}
	}
	order := make([]int, 0, len(routes))
	placed := make([]bool, len(routes))
	var place func(i int)
	place = func(i int) {
		if placed[i] {
			return
		}
		placed[i] = true
		order = append(order, i)
		for _, f := range followers[i] {
			place(f)
		}
	}
	for i := range routes {
		if a := routes[i].after; a == "" || !hasPath(routes, a) {
			place(i)
		}
	}
	for i := range routes { // after a route that follows another: a loop
		place(i)
	}
	return order
}

// hasPath says whether routes (sorted by path) has one at p.
func hasPath(routes []route, p string) bool {
	_, ok := slices.BinarySearchFunc(routes, p, func(r route, p string) int { return strings.Compare(r.path, p) })
	return ok
}

// make writes the route rt with key: into the Output, or, without one,
// into the bytes it returns.
func (r *run) make(p *plan, rt *route, key string) (diag.List, []byte, error) {
	out := r.b.out
	var buf bytes.Buffer
	var w io.Writer = &buf
	var file io.WriteCloser
	var bw *bufio.Writer
	if out != nil {
		f, err := out.Create(rt.path, key)
		if err != nil {
			return nil, nil, err
		}
		// Templates write in small pieces: gather them, so that a file
		// takes a few writes rather than thousands.
		bw = fileBuffers.Get().(*bufio.Writer)
		bw.Reset(f)
		defer fileBuffers.Put(bw)
		file, w = f, bw
	}
	jd, err := rt.write(p, w)
	if rk, ok := file.(rekeyer); ok && len(jd) > 0 {
		rk.SetKey("") // made again next time, to say its warnings again
	}
	if file != nil {
		if err == nil {
			err = bw.Flush()
		}
		bw.Reset(nil)
		err = errors.Join(err, file.Close())
	}
	if err != nil {
		return nil, nil, fmt.Errorf("building %s: %w", rt.path, err)
	}
	if out != nil {
		return jd, nil, nil
	}
	return jd, buf.Bytes(), nil
}

// publish copies the static files of the content and the theme, adding
// them to outputs, and returns how many there are.
func (r *run) publish(outputs map[string]output, site *content.Site, theme *render.Theme, photos *photoSet, keeper Keeper) (int, error) {
	out := r.b.out
	n := 0
	// put publishes data (read by get when needed) under path with key.
	put := func(path, key string, get func() ([]byte, error)) error {
		n++
		if out == nil && r.last != nil {
			if o, ok := r.last.outputs[path]; ok && o.key == key {
				outputs[path] = o
				return nil
			}
		}
		if keeper != nil && keeper.PreviousKey(path) == key {
			r.res.Kept++
			outputs[path] = output{key: key}
			return keeper.Keep(path, key)
		}
		data, err := get()
		if err != nil {
			return err
		}
		if out != nil {
			outputs[path] = output{key: key}
			return writeTo(out, path, key, data)
		}
		outputs[path] = output{key: key, data: data}
		return nil
	}
	have := func(data []byte) func() ([]byte, error) { return func() ([]byte, error) { return data, nil } }
	for _, f := range site.Files {
		if pub := photos.byRel[f]; pub != nil {
			sum := fmt.Sprintf("%x", pub.sum)
			if err := put(pub.main, newHasher().add("photo", pub.main, sum).sum(), pub.mainData); err != nil {
				return 0, err
			}
			if pub.small != "" {
				if err := put(pub.small, newHasher().add("photo", pub.small, sum).sum(), pub.smallData); err != nil {
					return 0, err
				}
			}
			continue
		}
		var data []byte
		sum, known := r.statics[f]
		if !known && r.last != nil && !r.full && !r.changed[f] {
			sum, known = r.last.statics[f]
		}
		if !known {
			var err error
			if data, err = fs.ReadFile(r.b.site, content.Dir+"/"+f); err != nil {
				return 0, fmt.Errorf("copying %s/%s: %w", content.Dir, f, err)
			}
			sum = sumBytes(data)
		}
		r.statics[f] = sum
		err := put(f, newHasher().add("static", f, sum).sum(), func() ([]byte, error) {
			if data != nil {
				return data, nil
			}
			d, err := fs.ReadFile(r.b.site, content.Dir+"/"+f)
			if err != nil {
				return nil, fmt.Errorf("copying %s/%s: %w", content.Dir, f, err)
			}
			if sumBytes(d) != sum {
				return nil, fmt.Errorf("copying %s/%s: the file changed during the build", content.Dir, f)
			}
			return d, nil
		})
		if err != nil {
			return 0, err
		}
	}
	for _, f := range theme.Static {
		if err := put(f.Path, newHasher().add("theme-file", f.Path, sumBytes(f.Data)).sum(), have(f.Data)); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// checkRecorded compares the images each Markdown text showed when it was
// rendered with those the scan of its text found (fileIndex.shows), and
// returns those it did not find, to count them in the next build's keys.
// The scan finds more than a text shows, never less; a text that showed
// more is logged.
func (r *run) checkRecorded(p *plan) map[string][]string {
	out := map[string][]string{}
	// What the last build found of a file that did not change still holds.
	if r.last != nil {
		for rel, files := range r.last.recorded {
			if pf := r.item(rel); pf != nil && r.last.item(rel) == pf {
				out[rel] = slices.Clone(files)
			}
		}
	}
	for _, rel := range slices.Sorted(maps.Keys(p.bodies.byFile)) {
		pf := r.item(rel)
		if pf == nil {
			continue
		}
		image := imageOf(pf.item)
		for _, f := range p.bodies.byFile[rel] {
			if f != image && !slices.Contains(pf.scan, f) && !slices.Contains(out[rel], f) {
				out[rel] = append(out[rel], f)
				if r.b.logger != nil {
					r.b.logger.Warn("a text shows a file the scan of its text did not find", "file", rel, "shows", f)
				}
			}
		}
	}
	return out
}

// fingerprint sums up the shape of the site, which every output may show:
// the menu, the set of outputs (routes is the hash of their paths), the
// static files and the pages withheld (links to them are plain text).
func (p *plan) fingerprint(routes string) string {
	h := newHasher().add("shape")
	for _, l := range p.view.Menu {
		h.add(l.Title, l.URL)
	}
	h.add(routes)
	for _, f := range slices.Sorted(maps.Keys(p.files)) {
		h.add(f)
	}
	for _, w := range slices.Sorted(maps.Keys(p.withheld)) {
		h.add("-"+w, fmt.Sprint(p.withheld[w].Draft))
	}
	h.add(p.shareFingerprint())
	return h.sum()
}
