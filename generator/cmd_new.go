package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
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
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: go run ./generator new activity|story|page NAME [--site DIR]\n       go run ./generator new hosting github|netlify|cloudflare [--site DIR]\n\nCreates a new content file from a template with explanations, in the site's language,\nor the settings a host that builds from git needs.\nAn existing file is never overwritten.\n\n")
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
	if kind == "hosting" {
		return cmdNewHosting(*site, name, stdout, stderr)
	}
	if _, ok := scaffold.Kinds[kind]; !ok {
		fmt.Fprintf(stderr, "krachtpunt: unknown kind %q: use activity, story or page\n", kind)
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
