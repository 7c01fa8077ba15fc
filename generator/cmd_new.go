package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/scaffold"
	"krachtpunt/generator/internal/schedule"
)

func cmdNew(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	site := fs.String("site", ".", "the site `folder`")
	language := fs.String("language", "", "the language of a new site: nl or en (default nl)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: go run ./generator new activity|story|page NAME [--site DIR]\n       go run ./generator new site DIR [--language nl|en]\n       go run ./generator new hosting github|netlify|cloudflare [--site DIR]\n\nCreates a new content file from a template with explanations, in the site's language,\na new site in a new or empty folder, or the settings a host that builds from git needs.\nAn existing file is never overwritten.\n\n")
		fs.PrintDefaults()
	}
	// Allow flags after the positional arguments: new activity "Koffie" --site x
	var pos []string
	for len(args) > 0 {
		if err := parse(fs, args); err != nil {
			return err
		}
		args = fs.Args()
		if len(args) > 0 {
			pos = append(pos, args[0])
			args = args[1:]
		}
	}
	if len(pos) < 2 {
		fs.Usage()
		return fmt.Errorf("%w: new needs a kind and a name", errUsage)
	}
	kind, name := pos[0], strings.Join(pos[1:], " ")
	if kind == "site" {
		if len(pos) != 2 {
			fs.Usage()
			return fmt.Errorf("%w: new site needs one folder", errUsage)
		}
		return newSite(pos[1], *language, stdout, stderr)
	}
	if *language != "" {
		return fmt.Errorf("%w: --language is for new site only; a file is made in the language of site.toml", errUsage)
	}
	if kind == "hosting" {
		return cmdNewHosting(*site, name, stdout, stderr)
	}
	if _, ok := scaffold.Kinds[kind]; !ok {
		fmt.Fprintf(stderr, "krachtpunt: unknown kind %q: use activity, story, page or site\n", kind)
		return errUsage
	}
	var diags diag.List
	lang := "nl"
	loc := time.UTC
	if c := config.Load(os.DirFS(*site), &diags); c != nil {
		lang, loc = c.Language, c.Location
	}
	file, err := scaffold.New(*site, kind, name, lang, schedule.DateOf(time.Now().In(loc)).String())
	if errors.Is(err, scaffold.ErrExists) {
		fmt.Fprintln(stderr, diag.T("%s bestaat al; er is niets veranderd. Kies een andere naam.", "%s already exists; nothing was changed. Choose another name.", file).In(lang))
		return errContent
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, diag.T("Nieuw bestand: %s", "New file: %s", file).In(lang))
	return nil
}

// newSite makes a new site in dir, in lang ("" for Dutch).
func newSite(dir, lang string, stdout, stderr io.Writer) error {
	if lang == "" {
		lang = "nl"
	}
	if !slices.Contains(scaffold.Languages, lang) {
		fmt.Fprintf(stderr, "krachtpunt: --language %q: use nl or en\n", lang)
		return errUsage
	}
	files, err := scaffold.NewSite(dir, lang, schedule.DateOf(time.Now()).String(), nil)
	switch {
	case errors.Is(err, scaffold.ErrNotEmpty):
		fmt.Fprintln(stderr, diag.T("De map %s is niet leeg; er is niets veranderd. Kies een nieuwe of lege map.",
			"The folder %s is not empty; nothing was changed. Choose a new or empty folder.", dir).In(lang))
		return errContent
	case err != nil:
		return err
	}
	fmt.Fprintln(stdout, diag.T("Nieuwe site in %s:", "New site in %s:", dir).In(lang))
	for _, f := range files {
		fmt.Fprintln(stdout, "  "+filepath.Join(dir, filepath.FromSlash(f)))
	}
	fmt.Fprintln(stdout, diag.T("Bekijk de site met: krachtpunt serve --open --site %s", "See the site with: krachtpunt serve --open --site %s", dir).In(lang))
	return nil
}
