package main

import (
	"context"
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
	"krachtpunt/generator/internal/serve"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer, lang string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var sf siteFlags
	sf.register(fs)
	port := fs.Int("port", 1313, "")
	bind := fs.String("bind", "127.0.0.1", "")
	open := fs.Bool("open", false, "")
	if err := parseSite(serveCommand, fs, &sf, args, stdout, lang); err != nil {
		return err
	}
	fixed, _ := today(sf.today)
	site, err := filepath.Abs(sf.site)
	if err != nil {
		return err
	}
	// The timezone as it is now, for the midnight rebuild. Problems are
	// reported by the first build.
	var ignore diag.List
	loc, home := time.UTC, "/"
	if c := config.Load(os.DirFS(site), &ignore); c != nil {
		loc, home = c.Location, c.Link("/")
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	// Without --today each build takes today in the timezone site.toml
	// gives then, which a save may have changed; the midnight rebuild
	// follows it too.
	b := build.NewPreviewBuilder(os.DirFS(site), nil)
	o := serve.Options{
		SiteDir:  site,
		Watch:    []string{config.File, "content", "themes"}, // every theme: site.toml may switch
		Bind:     *bind,
		Home:     home,
		Port:     *port,
		Location: loc,
		Logger:   logger,
		Stdout:   stdout,
		Clock:    time.Now,
		Build:    serve.Planned(b, fixed, stdout),
	}
	if fixed.IsZero() {
		o.Now = time.Now
	}
	if *open {
		o.OnReady = func(url string) {
			if err := openBrowser(url); err != nil {
				lang := "nl"
				if c := config.Load(os.DirFS(site), &ignore); c != nil {
					lang = c.Language
				}
				fmt.Fprintln(stderr, diag.T("De browser ging niet open (%v). Open %s zelf in je browser.", "The browser did not open (%v). Open %s in your browser yourself.", err, url).In(lang))
			}
		}
	}
	return serve.Run(ctx, o)
}
