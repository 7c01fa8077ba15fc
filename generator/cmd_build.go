package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/outdir"
	"krachtpunt/generator/internal/schedule"
)

// siteFlags are the flags every command that reads a site shares.
type siteFlags struct {
	site  string
	today string
}

func (s *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.site, "site", ".", "the site `folder`, holding site.toml, content/ and themes/")
	fs.StringVar(&s.today, "today", "", "first day of the calendar, `YYYY-MM-DD` (default: today in the site's timezone)")
}

func (s *siteFlags) day() (schedule.Date, error) {
	if s.today == "" {
		return schedule.Date{}, nil
	}
	d, err := schedule.ParseDate(s.today)
	if err != nil {
		return d, fmt.Errorf("%w: --today %q is not a date like 2026-11-24", errUsage, s.today)
	}
	return d, nil
}

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer, write bool) error {
	name := "check"
	if write {
		name = "build"
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf siteFlags
	sf.register(fs)
	out := ""
	if write {
		fs.StringVar(&out, "out", "", "where to write the site `folder` (default: public/ in the site folder)")
		fs.Usage = func() {
			fmt.Fprint(fs.Output(), "Usage: go run ./generator build [--site DIR] [--out DIR] [--today YYYY-MM-DD]\n\nBuilds the site into public/. A build that fails leaves the previous public/ as it was.\nA second build into the same folder waits until the first is done.\n\n")
			fs.PrintDefaults()
		}
	} else {
		fs.Usage = func() {
			fmt.Fprint(fs.Output(), "Usage: go run ./generator check [--site DIR] [--today YYYY-MM-DD]\n\nChecks everything a build checks, and writes nothing.\n\n")
			fs.PrintDefaults()
		}
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected %q", errUsage, fs.Arg(0))
	}
	today, err := sf.day()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return err
	}
	if out == "" {
		out = filepath.Join(sf.site, "public")
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	var output build.Output = build.Discard{}
	var dir *outdir.Dir
	if write {
		if err := outdir.Check(sf.site, out); err != nil {
			fmt.Fprintln(stderr, "krachtpunt:", err)
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		// Builds into one folder take turns.
		waiting := func() {
			fmt.Fprintln(stderr, diag.T("er loopt al een build in %s; ik wacht tot die klaar is ...",
				"a build is already running in %s; waiting until it is done ...", out).In(siteLanguage(sf.site)))
		}
		if dir, err = outdir.Open(ctx, out, outdir.Options{Waiting: waiting, Logger: logger}); err != nil {
			return err
		}
		defer dir.Abort() // after Commit, nothing to do
		output = dir
	}
	res, err := build.Build(ctx, build.Options{Site: os.DirFS(sf.site), Today: today, Now: time.Now(), Out: output, Logger: logger})
	lang := res.Lang()
	if len(res.Diags) > 0 {
		fmt.Fprint(stderr, res.Diags.Format(lang))
	}
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			return errContent
		}
		return err
	}
	if dir != nil {
		if err := dir.Commit(ctx); err != nil {
			return err
		}
		fmt.Fprintln(stdout, diag.T("%d pagina's, %d bestanden in %s gezet in %d ms", "%d pages, %d files written to %s in %d ms",
			res.Pages, res.Files, out, res.Took.Milliseconds()).In(lang))
	} else {
		fmt.Fprintln(stdout, diag.T("Alles in orde: %d pagina's gecontroleerd.", "All good: %d pages checked.", res.Pages).In(lang))
	}
	return nil
}

// siteLanguage is the language of the site's messages before a build has
// read its settings: "nl" when site.toml cannot be read.
func siteLanguage(site string) string {
	var ignore diag.List
	if c := config.Load(os.DirFS(site), &ignore); c != nil {
		return c.Language
	}
	return "nl"
}
