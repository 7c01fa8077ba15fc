package build

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/schedule"
)

// A Preview is the site as the live preview shows it: read, parsed and
// planned, so that every path it publishes is known, but with nothing
// rendered. A file is made when it is asked for (Render) and kept, under
// its key (see keys.go), until its key changes: asking again is free, and
// after an edit exactly the files whose keys changed are made again.
//
// The problems of reading and planning are in Result, as a build gives
// them; a warning that only making a file finds comes with that file.
// A Preview is safe for concurrent use, also while its Builder plans the
// next one.
type Preview struct {
	Result *Result

	p      *plan
	r      *run                              // for the keys; its statics are its own
	static map[string]func() ([]byte, error) // the files copied, not made
	cache  *pageCache
	made   *atomic.Int64 // files made by the Builder's previews
	mu     sync.Mutex    // guards r.statics
}

// Made is one file of a Preview.
type Made struct {
	Data  []byte
	Diags diag.List // the problems making it found; the same again when it is taken from the cache
	Fresh bool      // made now, not taken from the cache
}

// NewPreviewBuilder returns a Builder for the live preview of the site
// folder fsys: call Plan, not Build.
func NewPreviewBuilder(site fs.FS, logger *slog.Logger) *Builder {
	return &Builder{site: site, logger: logger, lazy: true, pages: newPageCache(pageCacheBytes), made: &atomic.Int64{}}
}

// Plan reads what changed (see Build for changed and today) and plans the
// site without rendering it. When the content has problems the error is a
// diag.List, and the Result holds them.
func (b *Builder) Plan(ctx context.Context, changed []string, today schedule.Date) (*Preview, *Result, error) {
	if !b.lazy {
		panic("build: Plan on a Builder not made by NewPreviewBuilder")
	}
	up, err := b.Build(ctx, changed, today)
	if up == nil {
		return nil, &Result{}, err
	}
	return up.Preview, up.Result, err
}

// Made returns how many files the previews of b have made so far.
func (b *Builder) Made() int64 { return b.made.Load() }

// newPreview makes the Preview of a planned site.
func (r *run) newPreview(p *plan) *Preview {
	rc := *r
	rc.last, rc.full = nil, true // a static file not known yet is read
	rc.statics = maps.Clone(r.statics)
	pv := &Preview{Result: r.res, p: p, r: &rc, cache: r.b.pages, made: r.b.made, static: map[string]func() ([]byte, error){}}
	have := func(data []byte) func() ([]byte, error) { return func() ([]byte, error) { return data, nil } }
	for _, f := range p.site.Files {
		if pub := p.photos.byRel[f]; pub != nil {
			pv.static[pub.main] = have(pub.res.Main.Data)
			if pub.small != "" {
				pv.static[pub.small] = have(pub.res.Small.Data)
			}
			continue
		}
		pv.static[f] = func() ([]byte, error) {
			d, err := fs.ReadFile(r.b.site, content.Dir+"/"+f)
			if err != nil {
				return nil, fmt.Errorf("copying %s/%s: %w", content.Dir, f, err)
			}
			return d, nil
		}
	}
	for _, f := range p.theme.Static {
		pv.static[f.Path] = have(f.Data)
	}
	r.b.pages.keep(pv.route)
	return pv
}

// route returns the route of the path name, or nil.
func (pv *Preview) route(name string) *route {
	rs := pv.p.routes // sorted by path
	i, ok := slices.BinarySearchFunc(rs, name, func(r route, name string) int { return strings.Compare(r.path, name) })
	if !ok {
		return nil
	}
	return &rs[i]
}

// Paths returns every path of the site, sorted: the files a build
// publishes.
func (pv *Preview) Paths() []string {
	out := make([]string, 0, len(pv.p.routes)+len(pv.static))
	for _, rt := range pv.p.routes {
		out = append(out, rt.path)
	}
	for p := range pv.static {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Has reports whether the site publishes the file at the slash path name
// ("agenda/index.html").
func (pv *Preview) Has(name string) bool {
	ok := pv.route(name) != nil
	if !ok {
		_, ok = pv.static[name]
	}
	return ok
}

// Key returns the key of the file name: equal keys, equal bytes. Files
// copied as they are have no key ("").
func (pv *Preview) Key(name string) (string, error) {
	rt := pv.route(name)
	if rt == nil {
		return "", nil
	}
	pv.mu.Lock()
	defer pv.mu.Unlock()
	return pv.r.key(pv.p, rt)
}

// Render returns the file name, made now or taken from the cache when its
// key did not change. A name the site does not publish is fs.ErrNotExist.
func (pv *Preview) Render(ctx context.Context, name string) (Made, error) {
	if err := ctx.Err(); err != nil {
		return Made{}, err
	}
	if get := pv.static[name]; get != nil {
		data, err := get()
		return Made{Data: data}, err
	}
	rt := pv.route(name)
	if rt == nil {
		return Made{}, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	key, err := pv.Key(name)
	if err != nil {
		return Made{}, err
	}
	if m, ok := pv.cache.get(name, key); ok {
		return m, nil
	}
	var buf bytes.Buffer
	diags, err := rt.write(pv.p, &buf)
	if err != nil {
		return Made{}, fmt.Errorf("building %s: %w", name, err)
	}
	diags.Sort()
	pv.made.Add(1)
	m := Made{Data: buf.Bytes(), Diags: diags, Fresh: true}
	pv.cache.put(name, key, m)
	return m, nil
}

// pageCacheBytes is how much of made files a preview keeps: a few
// thousand pages, far more than a volunteer looks at.
const pageCacheBytes = 64 << 20

// pageCache keeps the files the previews made, by path, with the key they
// were made with. It holds at most max bytes of them; beyond that the
// files asked for least recently go.
type pageCache struct {
	mu    sync.Mutex
	max   int
	size  int
	tick  uint64
	files map[string]*cached
}

type cached struct {
	key  string
	m    Made
	used uint64
}

func newPageCache(max int) *pageCache { return &pageCache{max: max, files: map[string]*cached{}} }

func (c *pageCache) get(name, key string) (Made, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.files[name]
	if e == nil || e.key != key {
		return Made{}, false
	}
	c.tick++
	e.used = c.tick
	m := e.m
	m.Fresh = false
	return m, true
}

func (c *pageCache) put(name, key string, m Made) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.files[name]; e != nil {
		c.size -= len(e.m.Data)
	}
	c.tick++
	c.files[name] = &cached{key: key, m: m, used: c.tick}
	c.size += len(m.Data)
	if c.size <= c.max {
		return
	}
	// Drop the least recently used until a quarter is free.
	es := slices.Collect(maps.Keys(c.files))
	slices.SortFunc(es, func(a, b string) int { return cmp.Compare(c.files[a].used, c.files[b].used) })
	for _, n := range es {
		if c.size <= c.max*3/4 {
			break
		}
		c.size -= len(c.files[n].m.Data)
		delete(c.files, n)
	}
}

// keep drops the files of paths the site no longer has.
func (c *pageCache) keep(route func(name string) *route) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for n, e := range c.files {
		if route(n) == nil {
			c.size -= len(e.m.Data)
			delete(c.files, n)
		}
	}
}

// settled returns what a preview's pieces hold now, for the next plan to
// take over: the preview may still be making files with them.
func (f *fragments) settled() *fragments {
	return &fragments{html: f.html.settled(), cards: f.cards.settled(), stories: f.stories.settled(), occ: f.occ.settled()}
}

func (c *carry[K, V]) settled() *carry[K, V] {
	c.mu.Lock()
	defer c.mu.Unlock()
	return &carry[K, V]{made: maps.Clone(c.made)}
}

// settled returns the pictures a preview made or used so far.
func (s *shareSet) settled() pictures {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.made)
}
