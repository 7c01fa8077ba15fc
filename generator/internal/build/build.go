package build

import (
	"context"
	"io/fs"
	"log/slog"
	"time"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/schedule"
)

// Options are the inputs of one build.
type Options struct {
	Site   fs.FS         // the site folder: site.toml, content/, themes/
	Today  schedule.Date // the first day of the calendar; zero: the day of Now in the site's timezone
	Now    time.Time     // used only when Today is zero
	Out    Output
	Logger *slog.Logger // nil: no log
	// Record, when set, is what the last build into Out parsed: the
	// build reads only the content files that changed since, and leaves
	// what it parsed in Record for Record.Save. Site must then be the
	// record's site folder on disk (os.DirFS).
	Record *Record
}

// Result tells what a build did.
type Result struct {
	Config *config.Config // nil when site.toml could not be read
	Files  int            // files written
	Kept   int            // files among them kept from the build in the output (see Keeper)
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

// Build builds the site once and writes every file through o.Out. Problems
// in what volunteers wrote come back in Result.Diags; the error is then that
// list. Other errors (a disk that is full) are returned wrapped.
func Build(ctx context.Context, o Options) (*Result, error) {
	b := &Builder{site: o.Site, logger: o.Logger, out: o.Out, now: o.Now, rec: o.Record}
	up, err := b.Build(ctx, nil, o.Today)
	if up == nil {
		return &Result{}, err
	}
	return up.Result, err
}
