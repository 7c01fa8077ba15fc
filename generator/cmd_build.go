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
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/outdir"
)

// siteFlags are the flags every command that reads a site shares.
type siteFlags struct {
	site  string
	today string
}

func (s *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.site, "site", ".", "")
	fs.StringVar(&s.today, "today", "", "")
}

// parseSite parses the arguments of a command that reads a site and takes
// no other words, and checks that the site folder holds a site.toml.
func parseSite(c *command, fs *flag.FlagSet, sf *siteFlags, args []string, stdout io.Writer, lang string) error {
	fs.SetOutput(io.Discard)
	words, err := c.parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, c.help(lang))
	}
	if err != nil {
		return err
	}
	if err := c.noWords(words); err != nil {
		return err
	}
	if _, err := today(sf.today); err != nil {
		return err
	}
	return checkSite(c.name, sf.site)
}

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer, write bool, lang string) error {
	c := checkCommand
	if write {
		c = buildCommand
	}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	var sf siteFlags
	sf.register(fs)
	out := ""
	if write {
		fs.StringVar(&out, "out", "", "")
	}
	if err := parseSite(c, fs, &sf, args, stdout, lang); err != nil {
		return err
	}
	day, _ := today(sf.today)
	if out == "" {
		out = filepath.Join(sf.site, "public")
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	var output build.Output = build.Discard{}
	var dir *outdir.Dir
	var record *build.Record
	if write {
		defer build.LimitMemory()()
		if err := outdir.Check(sf.site, out); err != nil {
			return refused(err)
		}
		// Builds into one folder take turns.
		waiting := func() {
			fmt.Fprintln(stderr, diag.T("er loopt al een build in %s; ik wacht tot die klaar is ...",
				"a build is already running in %s; waiting until it is done ...", out).In(lang))
		}
		var err error
		if dir, err = outdir.Open(ctx, out, outdir.Options{Waiting: waiting, Logger: logger}); err != nil {
			return err
		}
		defer dir.Abort() // after Commit, nothing to do
		// The folder's own Create and Keep when it has them, else WriteFile.
		output = build.WriteFiles(dir)
		// What this build parses, the next one into the folder need not.
		record = build.NewRecord(dir.RecordPath(), sf.site)
	}
	res, err := build.Build(ctx, build.Options{Site: os.DirFS(sf.site), Today: day, Now: time.Now(), Out: output, Logger: logger, Record: record})
	if res != nil && res.Config != nil {
		lang = res.Lang()
	}
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
		// The record is written while the site is put in place.
		record.Write()
		defer record.Discard()
		if err := dir.Commit(ctx); err != nil {
			return err
		}
		if err := record.Save(); err != nil { // only a next build is slower
			logger.Warn("the next build reads every file again", "err", err)
		}
		fmt.Fprintln(stdout, diag.T("%d pagina's, %d bestanden in %s gezet in %d ms", "%d pages, %d files written to %s in %d ms",
			res.Pages, res.Files, out, res.Took.Milliseconds()).In(lang))
	} else {
		fmt.Fprintln(stdout, diag.T("Alles in orde: %d pagina's gecontroleerd.", "All good: %d pages checked.", res.Pages).In(lang))
	}
	return nil
}

// refused says in plain words why an output folder is refused.
func refused(err error) error {
	var r *outdir.Refusal
	if !errors.As(err, &r) {
		return err
	}
	hint := diag.T("Kies een andere map met --out, bijvoorbeeld --out public, of laat --out weg.",
		"Choose another folder with --out, for example --out public, or leave out --out.")
	switch r.Reason {
	case outdir.IsSite:
		return &usageError{diag.T("de map %s is de map van de site zelf; bouwen daar zou de site wissen", "the folder %s is the site's own folder; building there would delete the site", r.Folder), hint}
	case outdir.HoldsSite:
		return &usageError{diag.T("de map %s bevat de map van de site; bouwen daar zou de site wissen", "the folder %s contains the site's folder; building there would delete the site", r.Folder), hint}
	case outdir.InsideSite:
		return &usageError{diag.T("de map %s ligt in content/ of themes/; daar staat wat vrijwilligers schrijven", "the folder %s lies inside content/ or themes/, where volunteers' files are", r.Folder), hint}
	}
	return &usageError{diag.T("in de map %s staan bestanden die Krachtpunt niet gemaakt heeft; bouwen daar zou ze wissen", "the folder %s holds files that Krachtpunt did not make; building there would delete them", r.Folder),
		diag.T("Kies een nieuwe of lege map met --out, of laat --out weg voor public/.", "Choose a new or empty folder with --out, or leave out --out for public/.")}
}
