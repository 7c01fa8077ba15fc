package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/serve"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf siteFlags
	sf.register(fs)
	port := fs.Int("port", 1313, "the `port` to serve on; the next free one is used when it is taken")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; only this computer by default")
	open := fs.Bool("open", false, "open the preview in the web browser once it is ready")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: go run ./generator serve [--site DIR] [--port N] [--bind ADDR] [--open] [--today YYYY-MM-DD]\n\nServes a preview of the site that rebuilds on every save and reloads the page.\nIt does not touch public/.\n\n")
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected %q", errUsage, fs.Arg(0))
	}
	fixed, err := sf.day()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return err
	}
	site, err := filepath.Abs(sf.site)
	if err != nil {
		return err
	}
	// The timezone and theme as they are now: for the midnight rebuild and
	// what to watch. Problems are reported by the first build.
	var ignore diag.List
	loc, theme, home := time.UTC, "default", "/"
	if c := config.Load(os.DirFS(site), &ignore); c != nil {
		loc, theme, home = c.Location, c.Theme, c.Link("/")
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	b := build.NewBuilder(os.DirFS(site), nil)
	lastWarnings := ""
	o := serve.Options{
		SiteDir:  site,
		Watch:    []string{config.File, "content", "themes/" + theme},
		Bind:     *bind,
		Home:     home,
		Port:     *port,
		Location: loc,
		Logger:   logger,
		Stdout:   stdout,
		Clock:    time.Now,
		Build: func(ctx context.Context, changed []string) (serve.Result, error) {
			today := fixed
			if today.IsZero() {
				today = schedule.DateOf(time.Now().In(loc))
			}
			up, err := b.Build(ctx, changed, today)
			if up == nil {
				return serve.Result{Lang: "nl"}, err
			}
			lang := up.Result.Lang()
			if err == nil {
				// Warnings do not stop the preview: say them once, when they change.
				if w := up.Result.Diags.Warnings().Format(lang); w != lastWarnings {
					fmt.Fprint(stdout, w)
					lastWarnings = w
				}
			}
			return serve.Result{Files: underBase(up), Lang: lang}, err
		},
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

// underBase places the files under the path of the site's baseURL, so that
// links of a site published at https://example.org/linde/ work in the
// preview at http://127.0.0.1:1313/linde/.
func underBase(up *build.Update) map[string][]byte {
	if up.Result.Config == nil || up.Files == nil {
		return up.Files
	}
	prefix := strings.TrimPrefix(up.Result.Config.Link("/"), "/")
	if prefix == "" {
		return up.Files
	}
	out := make(map[string][]byte, len(up.Files))
	for p, data := range up.Files {
		out[prefix+p] = data
	}
	return out
}
