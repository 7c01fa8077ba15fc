// Command krachtpunt builds the website of a neighbourhood centre from the
// Markdown that its volunteers write.
//
//	go run ./generator build [--site DIR] [--out DIR] [--today YYYY-MM-DD]
//	go run ./generator check [--site DIR] [--today YYYY-MM-DD]
//	go run ./generator new activity|story|page NAME [--site DIR]
//	go run ./generator new site DIR [--language nl|en]
//	go run ./generator new hosting github|netlify|cloudflare [--site DIR]
//	go run ./generator serve [--site DIR] [--port N] [--bind ADDR] [--open] [--today YYYY-MM-DD]
//	go run ./generator publish [--site DIR] [--dry-run] [--yes] [--no-build]
//	go run ./generator version
//
// Started without arguments (a double-click), it shows the preview of the
// site in the current folder in the browser, or offers to make a new site.
//
// Exit codes: 0 when all went well, 1 when the content has problems, 2 for
// wrong usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"krachtpunt/generator/internal/diag"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

// errUsage marks a mistake on the command line.
var errUsage = errors.New("usage")

// errContent marks a build that stopped on problems in the content; they
// have been printed already.
var errContent = errors.New("content problems")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	program = programName(os.Args[0])
	if len(os.Args) == 1 {
		os.Exit(start(ctx, ".", os.Stdin, os.Stdout, os.Stderr, interactive(os.Stdin)))
	}
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// The commands, for their help and for did-you-mean.
var (
	buildCommand = &command{name: "build", options: []option{optSite, optOut, optToday},
		about: diag.T("Maakt de website in public/. Gaat er iets mis, dan blijft de vorige public/ zoals hij was.", "Builds the site into public/. A build that fails leaves the previous public/ as it was.")}
	checkCommand = &command{name: "check", options: []option{optSite, optToday},
		about: diag.T("Kijkt alles na wat build nakijkt, en schrijft niets.", "Checks everything a build checks, and writes nothing.")}
	newCommand = &command{name: "new", args: "activity|story|page|site|hosting NAME", options: []option{optSite, optLanguage},
		about: diag.T("Maakt een nieuw bestand met uitleg erin, in de taal van de site. Een bestaand bestand wordt nooit overschreven.", "Creates a new content file from a template with explanations, in the site's language. An existing file is never overwritten.")}
	serveCommand = &command{name: "serve", options: []option{optSite, optPort, optBind, optOpen, optToday},
		about: diag.T("Laat een voorvertoning zien die bij elke wijziging opnieuw wordt gemaakt. public/ blijft zoals hij is.", "Serves a preview of the site that rebuilds on every save and reloads the page. It does not touch public/.")}
	publishCommand = &command{name: "publish", options: []option{optSite, optDryRun, optYes, optNoBuild},
		about: diag.T("Bouwt de site en zet wat veranderd is op de server uit [publish] in site.toml. Het wachtwoord komt uit KRACHTPUNT_PASSWORD of wordt gevraagd.",
			"Builds the site and uploads what changed to the server in [publish] in site.toml. The password comes from KRACHTPUNT_PASSWORD or is asked for.")}
	versionCommand = &command{name: "version",
		about: diag.T("Zegt welke versie van Krachtpunt dit is.", "Says which version of Krachtpunt this is.")}
	commands = []*command{buildCommand, checkCommand, newCommand, serveCommand, publishCommand, versionCommand}
)

// Dutch words a volunteer may type for a command.
var dutchCommands = map[string]string{
	"bouw": "build", "bouwen": "build", "maak": "build", "maken": "build", "publiceer": "publish", "publiceren": "publish",
	"controleer": "check", "controleren": "check", "nakijken": "check", "test": "check",
	"nieuw": "new", "maak-nieuw": "new", "zet": "publish", "uploaden": "publish", "upload": "publish",
	"bekijk": "serve", "bekijken": "serve", "voorbeeld": "serve", "toon": "serve", "preview": "serve",
}

func usage(lang string) string {
	var b strings.Builder
	b.WriteString(diag.Text{NL: "Krachtpunt maakt de website van een buurthuis.\n\nGebruik:\n", EN: "Krachtpunt builds the website of a neighbourhood centre.\n\nUsage:\n"}.In(lang))
	for _, c := range commands {
		b.WriteString("  " + c.line(lang) + "\n")
	}
	b.WriteString(diag.Text{NL: "\nTyp \"go run ./generator OPDRACHT --help\" voor de opties van een opdracht.\n", EN: "\nRun \"go run ./generator COMMAND --help\" for the options of a command.\n"}.In(lang))
	return named(b.String())
}

// run executes one command and maps its outcome to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	lang := language(siteArg(args), localeLanguage(os.Getenv))
	if len(args) == 0 {
		fmt.Fprint(stderr, usage(lang))
		return exitUsage
	}
	var err error
	switch args[0] {
	case "build":
		err = cmdBuild(ctx, args[1:], stdout, stderr, true, lang)
	case "check":
		err = cmdBuild(ctx, args[1:], stdout, stderr, false, lang)
	case "new":
		err = cmdNew(args[1:], stdout, stderr, lang)
	case "serve":
		err = cmdServe(ctx, args[1:], stdout, stderr, lang)
	case "version":
		err = cmdVersion(args[1:], stdout)
	case "publish":
		err = cmdPublish(ctx, args[1:], stdout, stderr, osPublishEnv(), lang)
	case "-h", "--help", "-help", "help":
		fmt.Fprint(stdout, usage(lang))
		return exitOK
	default:
		err = unknownCommand(args[0], args[1:])
	}
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprint(stderr, ue.format(lang))
		return exitUsage
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.Is(err, errContent):
		return exitContent
	}
	fmt.Fprintln(stderr, "krachtpunt:", err)
	return exitContent
}

// unknownCommand explains a first word that is not a command.
func unknownCommand(word string, rest []string) error {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	list := diag.T("De opdrachten zijn: build (de website maken), check (alles nakijken), new (een nieuw bestand), serve (voorvertoning) en publish (op de server zetten).",
		"The commands are: build (make the website), check (check everything), new (a new file), serve (preview) and publish (put it on the server).")
	switch {
	case strings.HasPrefix(word, "-"):
		cmd, others := "build", append([]string{word}, rest...)
		for i, a := range others {
			if slices.Contains(names, a) {
				cmd, others = a, slices.Delete(slices.Clone(others), i, i+1)
				break
			}
		}
		return &usageError{
			diag.T("eerst komt de opdracht, dan de opties", "the command comes first, then the options"),
			diag.T("Bijvoorbeeld: go run ./generator %s", "For example: go run ./generator %s", strings.Join(append([]string{cmd}, others...), " "))}
	case isDir(word):
		return &usageError{
			diag.T("%q is een map, geen opdracht; een map geef je op met --site", "%q is a folder, not a command; name a folder with --site", word),
			diag.T("Bedoel je: go run ./generator build --site %s", "Did you mean: go run ./generator build --site %s", word)}
	}
	near := dutchCommands[strings.ToLower(word)]
	if near == "" {
		near = diag.Closest(word, names)
	}
	hint := diag.T("%s Typ: go run ./generator help", "%s Type: go run ./generator help", list)
	if near != "" {
		hint = diag.T("Bedoel je %s? Typ dan: go run ./generator %s", "Did you mean %s? Then type: go run ./generator %s", near, strings.Join(append([]string{near}, rest...), " "))
	}
	return &usageError{diag.T("%q is geen opdracht van Krachtpunt", "%q is not a Krachtpunt command", word), hint}
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// programName is how messages name the program started as arg0: as `go run`
// started it when it was built in Go's temporary folder, else krachtpunt.
func programName(arg0 string) string {
	if strings.Contains(strings.ReplaceAll(arg0, `\`, "/"), "/go-build") {
		return devProgram
	}
	return "krachtpunt"
}
