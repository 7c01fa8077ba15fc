package build

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
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

// Options are the inputs of one build.
type Options struct {
	Site   fs.FS         // the site folder: site.toml, content/, themes/
	Today  schedule.Date // the first day of the calendar; zero: the day of Now in the site's timezone
	Now    time.Time     // used only when Today is zero
	Out    Output
	Logger *slog.Logger // nil: no log
}

// Result tells what a build did.
type Result struct {
	Config *config.Config // nil when site.toml could not be read
	Files  int            // files written
	Pages  int            // HTML pages among them
	Diags  diag.List      // warnings (and the errors, when the build failed)
	Took   time.Duration
}

// Lang returns the site's language, "nl" when unknown.
func (r *Result) Lang() string {
	if r == nil || r.Config == nil {
		return "nl"
	}
	return r.Config.Language
}

// Build builds the site. Problems in what volunteers wrote come back in
// Result.Diags; the error is then that list. Other errors (a disk that is
// full) are returned wrapped.
func Build(ctx context.Context, o Options) (*Result, error) {
	start := time.Now()
	res := &Result{}
	var diags diag.List
	cfg := config.Load(o.Site, &diags)
	res.Config = cfg
	site, cdiags, err := content.Load(ctx, o.Site)
	if err != nil {
		return res, err
	}
	diags.Append(cdiags)
	var theme *render.Theme
	if cfg != nil {
		var tdiags diag.List
		theme, tdiags = render.LoadTheme(o.Site, cfg.Theme, cfg.Language)
		diags.Append(tdiags)
	}
	if cfg == nil || theme == nil || diags.HasErrors() {
		return fail(res, diags)
	}
	today := o.Today
	if today.IsZero() {
		today = schedule.DateOf(o.Now.In(cfg.Location))
	}
	p := newPlan(cfg, site, theme, today)
	p.cal.expand(nil, nil)
	p.checkSlugs(&diags)
	if diags.HasErrors() {
		return fail(res, diags)
	}
	jobs := p.jobs()
	results := make([]diag.List, len(jobs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			data, jd, err := j.make()
			if err != nil {
				return fmt.Errorf("building %s: %w", j.path, err)
			}
			results[i] = jd
			if jd.HasErrors() {
				return nil
			}
			return o.Out.WriteFile(j.path, data)
		})
	}
	if err := g.Wait(); err != nil {
		return res, err
	}
	for _, r := range results {
		diags.Append(r)
	}
	if diags.HasErrors() {
		return fail(res, diags)
	}
	for _, f := range site.Files {
		data, err := fs.ReadFile(o.Site, content.Dir+"/"+f)
		if err != nil {
			return res, fmt.Errorf("copying %s/%s: %w", content.Dir, f, err)
		}
		if err := o.Out.WriteFile(f, data); err != nil {
			return res, err
		}
	}
	for _, f := range theme.Static {
		if err := o.Out.WriteFile(f.Path, f.Data); err != nil {
			return res, err
		}
	}
	diags.Sort()
	res.Diags = diags
	res.Files = len(jobs) + len(site.Files) + len(theme.Static)
	for _, j := range jobs {
		if strings.HasSuffix(j.path, ".html") {
			res.Pages++
		}
	}
	res.Took = time.Since(start)
	if o.Logger != nil {
		o.Logger.Info("built", "pages", res.Pages, "files", res.Files, "ms", res.Took.Milliseconds())
	}
	return res, nil
}

func fail(res *Result, diags diag.List) (*Result, error) {
	diags.Sort()
	res.Diags = diags
	return res, diags
}

// job makes one output file.
type job struct {
	path string
	make func() ([]byte, diag.List, error)
	deps []string // the inputs it reads, for incremental rebuilds
}

func sortJobs(js []job) {
	slices.SortFunc(js, func(a, b job) int { return strings.Compare(a.path, b.path) })
}
