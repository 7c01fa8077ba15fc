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
	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/scaffold"
	"krachtpunt/generator/internal/schedule"
)

// Dutch words a volunteer may type for a kind.
var dutchKinds = map[string]string{"activiteit": "activity", "verhaal": "story", "pagina": "page"}

func cmdNew(args []string, stdout, stderr io.Writer, lang string) error {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	site := fs.String("site", ".", "")
	language := fs.String("language", "", "")
	pos, err := newCommand.parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, newCommand.help(lang))
	}
	if err != nil {
		return err
	}
	example := diag.T(`Bijvoorbeeld: go run ./generator new activity "Koffieochtend"`, `For example: go run ./generator new activity "Coffee morning"`)
	if len(pos) > 0 && pos[0] == "site" {
		if len(pos) != 2 {
			return &usageError{diag.T("new site heeft één map nodig", "new site needs one folder"),
				diag.T("Bijvoorbeeld: go run ./generator new site ../mijn-buurthuis", "For example: go run ./generator new site ../my-centre")}
		}
		return newSite(pos[1], *language, stdout, stderr)
	}
	if *language != "" {
		return &usageError{diag.T("--language hoort alleen bij new site", "--language is for new site only"),
			diag.T("Een nieuw bestand komt in de taal uit site.toml.", "A new file is made in the language of site.toml.")}
	}
	if len(pos) > 0 && pos[0] != "hosting" {
		if _, ok := scaffold.Kinds[pos[0]]; !ok {
			hint := diag.T("Kies activity, story of page (of hosting). %s", "Choose activity, story or page (or hosting). %s", example)
			near := dutchKinds[strings.ToLower(pos[0])]
			if near == "" {
				near = diag.Closest(pos[0], []string{"activity", "story", "page"})
			}
			if near != "" {
				hint = diag.T("Bedoel je %s? Typ dan: go run ./generator new %s %s", "Did you mean %s? Then type: go run ./generator new %s %s", near, near, diag.Text{NL: quoteName(pos[1:], "NAAM"), EN: quoteName(pos[1:], "NAME")})
			}
			return &usageError{diag.T("%q kan Krachtpunt niet nieuw maken", "Krachtpunt cannot make a new %q", pos[0]), hint}
		}
	}
	if len(pos) < 2 {
		return &usageError{diag.T("new heeft een soort en een naam nodig", "new needs a kind and a name"), example}
	}
	if err := checkSite("new", *site); err != nil {
		return err
	}
	kind, name := pos[0], strings.Join(pos[1:], " ")
	if kind == "hosting" {
		return cmdNewHosting(*site, name, stdout, stderr)
	}
	if content.Slugify(name) == "" {
		return &usageError{
			diag.T("van de naam %q kan geen bestandsnaam gemaakt worden", "no file name can be made from the name %q", name),
			diag.T("Gebruik letters of cijfers in de naam. %s", "Use letters or digits in the name. %s", example)}
	}
	var diags diag.List
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

// quoteName shows the name words as one quoted argument, or placeholder.
func quoteName(words []string, placeholder string) string {
	if len(words) == 0 {
		return placeholder
	}
	return fmt.Sprintf("%q", strings.Join(words, " "))
}

// newSite makes a new site in dir, in lang ("" for Dutch).
func newSite(dir, lang string, stdout, stderr io.Writer) error {
	if lang == "" {
		lang = "nl"
	}
	if !slices.Contains(scaffold.Languages, lang) {
		return &usageError{diag.T("--language %s kent Krachtpunt niet", "Krachtpunt does not know --language %s", lang),
			diag.T("Kies nl of en.", "Choose nl or en.")}
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
