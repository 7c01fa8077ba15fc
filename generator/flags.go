package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/schedule"
)

// usageError is a mistake on the command line, said in plain words. It is
// errUsage.
type usageError struct {
	msg, hint diag.Text
}

func (e *usageError) Error() string        { return e.msg.EN }
func (e *usageError) Is(target error) bool { return target == errUsage }

func (e *usageError) format(lang string) string {
	d := diag.Diagnostic{Msg: e.msg, Hint: e.hint}
	return named(d.Format(lang) + "\n")
}

// devProgram is how the command line is started from the source code; the
// messages write it so.
const devProgram = "go run ./generator"

// program is how this program was started, for the commands that messages
// tell the volunteer to type: devProgram, or krachtpunt for the program
// itself. main sets it.
var program = devProgram

// named writes the commands in text as this program is started.
func named(text string) string { return strings.ReplaceAll(text, devProgram, program) }

// option is one flag of a command, as its help and its messages show it.
type option struct {
	name     string
	arg      diag.Text // what goes after it, e.g. MAP / DIR
	noun     diag.Text // the same in words, e.g. "een map" / "a folder"
	what     diag.Text // what it does
	bool     bool
	wantsArg bool
}

var (
	optSite     = option{name: "site", arg: diag.T("MAP", "DIR"), noun: diag.T("een map", "a folder"), what: diag.T("de map van de site, met site.toml en content/ (standaard: deze map)", "the site's folder, holding site.toml and content/ (default: this folder)")}
	optToday    = option{name: "today", arg: diag.T("JJJJ-MM-DD", "YYYY-MM-DD"), noun: diag.T("een datum als 2026-11-24", "a date such as 2026-11-24"), what: diag.T("de eerste dag van de agenda (standaard: vandaag)", "the first day of the calendar (default: today)")}
	optOut      = option{name: "out", arg: diag.T("MAP", "DIR"), noun: diag.T("een map", "a folder"), what: diag.T("waar de website komt (standaard: public/ in de map van de site)", "where the website goes (default: public/ in the site's folder)")}
	optPort     = option{name: "port", arg: diag.T("GETAL", "N"), noun: diag.T("een getal", "a number"), what: diag.T("de poort van de voorvertoning; is die bezet, dan de volgende vrije (standaard: 1313)", "the port of the preview; when it is taken, the next free one (default: 1313)")}
	optDryRun   = option{name: "dry-run", bool: true, what: diag.T("laat elk bestand zien dat gezet of weggehaald wordt, en verander niets", "show every upload and deletion, and change nothing")}
	optYes      = option{name: "yes", bool: true, what: diag.T("ga door, ook als er veel bestanden weggehaald of vervangen worden", "go on when many files would be deleted or replaced")}
	optNoBuild  = option{name: "no-build", bool: true, what: diag.T("zet public/ zoals het is, zonder eerst te bouwen", "publish public/ as it is, without building first")}
	optOpen     = option{name: "open", bool: true, what: diag.T("open de voorvertoning in de webbrowser zodra hij klaar is", "open the preview in the web browser once it is ready")}
	optLanguage = option{name: "language", arg: diag.T("nl|en", "nl|en"), noun: diag.T("nl of en", "nl or en"), what: diag.T("de taal van een nieuwe site (alleen bij new site; standaard nl)", "the language of a new site (new site only; default nl)")}
	optBind     = option{name: "bind", arg: diag.T("ADRES", "ADDR"), noun: diag.T("een adres", "an address"), what: diag.T("het adres waarop de voorvertoning luistert (standaard: 127.0.0.1, alleen deze computer)", "the address the preview listens on (default: 127.0.0.1, only this computer)")}
)

// spelled is the option as its usage line writes it: --site DIR, --yes.
func (o option) spelled(lang string) string {
	if o.bool {
		return "--" + o.name
	}
	return "--" + o.name + " " + o.arg.In(lang)
}

// command is what a subcommand's help and messages say about it.
type command struct {
	name    string
	args    string // after the name in the usage line, e.g. "activity|story|page NAME"
	about   diag.Text
	options []option
}

func (c *command) line(lang string) string {
	s := "go run ./generator " + c.name
	if c.args != "" {
		s += " " + c.args
	}
	for _, o := range c.options {
		s += " [" + o.spelled(lang) + "]"
	}
	return s
}

func (c *command) help(lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n\n%s\n\n", diag.Text{NL: "Gebruik:", EN: "Usage:"}.In(lang), c.line(lang), c.about.In(lang))
	for _, o := range c.options {
		fmt.Fprintf(&b, "  %s\n        %s\n", o.spelled(lang), o.what.In(lang))
	}
	return named(b.String())
}

func (c *command) optionList(lang string) string {
	var list []string
	for _, o := range c.options {
		list = append(list, o.spelled(lang))
	}
	return strings.Join(list, ", ")
}

// parseArgs sets the flags in fs from args, which may mix flags and other
// words; it returns the other words. It says every mistake in plain words
// instead of package flag's messages. -h and --help give flag.ErrHelp.
func (c *command) parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(words, args[i+1:]...), nil
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			words = append(words, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "h" || name == "help" {
			return nil, flag.ErrHelp
		}
		var opt *option
		for i := range c.options {
			if c.options[i].name == name {
				opt = &c.options[i]
			}
		}
		if opt == nil || fs.Lookup(name) == nil {
			var names []string
			for _, o := range c.options {
				names = append(names, o.name)
			}
			hint := diag.T("De opties van %s zijn: %s.", "The options of %s are: %s.", c.name, diag.Text{NL: c.optionList("nl"), EN: c.optionList("en")})
			if near := diag.Closest(name, names); near != "" {
				hint = diag.T("Bedoel je --%s? %s", "Did you mean --%s? %s", near, hint)
			}
			return nil, &usageError{diag.T("%s kent de optie --%s niet", "%s has no option --%s", c.name, name), hint}
		}
		switch {
		case hasValue:
		case opt.bool:
			value = "true"
		case i+1 < len(args) && !strings.HasPrefix(args[i+1], "--"):
			i++
			value = args[i]
		default:
			return nil, &usageError{
				diag.T("achter --%s hoort %s", "--%s needs %s after it", name, opt.noun),
				diag.T("Schrijf bijvoorbeeld: go run ./generator %s --%s %s", "Write for example: go run ./generator %s --%s %s", c.name, name, example(name))}
		}
		if err := fs.Set(name, value); err != nil {
			return nil, &usageError{
				diag.T("%q kan niet achter --%s; daar hoort %s", "%q cannot follow --%s; it needs %s", value, name, opt.noun),
				diag.T("Schrijf bijvoorbeeld: go run ./generator %s --%s %s", "Write for example: go run ./generator %s --%s %s", c.name, name, example(name))}
		}
	}
	return words, nil
}

func example(name string) diag.Text {
	switch name {
	case "site":
		return diag.T("../mijn-buurthuis", "../my-centre")
	case "out":
		return diag.T("../website", "../website")
	case "today":
		return diag.T("2026-11-24", "2026-11-24")
	case "port":
		return diag.T("8080", "8080")
	}
	return diag.T("127.0.0.1", "127.0.0.1")
}

// noWords refuses words where a command takes only options. A word that is
// a folder was probably meant as --site.
func (c *command) noWords(words []string) error {
	if len(words) == 0 {
		return nil
	}
	w := words[0]
	if info, err := os.Stat(w); err == nil && info.IsDir() {
		return &usageError{
			diag.T("%s kent geen losse woorden; een map geef je op met --site", "%s takes no words of its own; name a folder with --site", c.name),
			diag.T("Bedoel je: go run ./generator %s --site %s", "Did you mean: go run ./generator %s --site %s", c.name, w)}
	}
	return &usageError{
		diag.T("%s kent geen losse woorden, en %q is geen map", "%s takes no words of its own, and %q is not a folder", c.name, w),
		diag.T("De opties van %s zijn: %s. Typ: go run ./generator %s --help", "The options of %s are: %s. Type: go run ./generator %s --help", c.name, diag.Text{NL: c.optionList("nl"), EN: c.optionList("en")}, c.name)}
}

// today reads --today.
func today(s string) (schedule.Date, error) {
	if s == "" {
		return schedule.Date{}, nil
	}
	d, err := schedule.ParseDate(s)
	if err == nil {
		return d, nil
	}
	e := &usageError{
		diag.T("--today %s is geen datum in de vorm jaar-maand-dag", "--today %s is not a date of the form year-month-day", s),
		diag.T("Schrijf bijvoorbeeld: --today 2026-11-24", "Write for example: --today 2026-11-24")}
	var day, month, year int
	if n, _ := fmt.Sscanf(strings.NewReplacer("/", "-", ".", "-").Replace(s), "%d-%d-%d", &day, &month, &year); n == 3 && year > 31 {
		if d, err := schedule.ParseDate(fmt.Sprintf("%04d-%02d-%02d", year, month, day)); err == nil {
			e.hint = diag.T("Bedoel je --today %s?", "Did you mean --today %s?", d.String())
		}
	}
	return schedule.Date{}, e
}

// checkSite refuses a site folder without site.toml, saying where it looked
// and where a site.toml is near.
func checkSite(cmd, site string) error {
	info, err := os.Stat(site)
	if err != nil || !info.IsDir() {
		return &usageError{
			diag.T("de map %s bestaat niet", "the folder %s does not exist", site),
			diag.T("Kijk de naam na. Geef de map met site.toml op met --site MAP.", "Check the name. Name the folder with site.toml with --site DIR.")}
	}
	if _, err := os.Stat(filepath.Join(site, config.File)); err == nil {
		return nil
	}
	e := &usageError{
		diag.T("in %s staat geen site.toml; Krachtpunt weet dus niet welke site het is", "there is no site.toml in %s, so Krachtpunt does not know which site this is", folder(site)),
		diag.T("Start Krachtpunt in de map met site.toml, of geef die map op met --site MAP. Een nieuwe site maken kan nog niet met Krachtpunt zelf: kopieer site.toml van een bestaande site.",
			"Run Krachtpunt in the folder with site.toml, or name that folder with --site DIR. Krachtpunt cannot make a new site itself yet: copy site.toml from an existing site.")}
	if near := nearSite(site); near != "" {
		e.hint = diag.T("Er staat wel een site.toml in %s. Typ dan: go run ./generator %s --site %s", "There is a site.toml in %s. Then type: go run ./generator %s --site %s", near, cmd, near)
	}
	return e
}

func folder(dir string) diag.Text {
	if dir == "." {
		return diag.T("deze map", "this folder")
	}
	return diag.T("de map %s", "the folder %s", dir)
}

// nearSite finds a folder with site.toml above site (up to three levels) or
// right below it.
func nearSite(site string) string {
	dir := site
	for range 3 {
		dir = filepath.Join(dir, "..")
		if _, err := os.Stat(filepath.Join(dir, config.File)); err == nil {
			return filepath.Clean(dir)
		}
	}
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(site, e.Name(), config.File)); e.IsDir() && err == nil {
			return filepath.Join(site, e.Name())
		}
	}
	return ""
}

// siteArg returns the value of --site in args; without one, a word that is
// a site folder (given without --site), else ".".
func siteArg(args []string) string {
	site := "."
	for _, a := range args {
		if !strings.HasPrefix(a, "-") && isDir(a) {
			if _, err := os.Stat(filepath.Join(a, config.File)); err == nil {
				site = a
				break
			}
		}
	}
	for i, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "site" {
			continue
		}
		if hasValue {
			return value
		}
		if i+1 < len(args) {
			return args[i+1]
		}
	}
	return site
}

// language returns the language for messages about the command line: the
// site's when its site.toml (or one near it) can be read, else locale.
func language(site, locale string) string {
	if l, ok := config.Language(os.DirFS(site)); ok {
		return l
	}
	if near := nearSite(site); near != "" {
		if l, ok := config.Language(os.DirFS(near)); ok {
			return l
		}
	}
	return locale
}

// localeLanguage returns "nl" when the environment's locale is Dutch, else
// "en". LC_ALL goes before LC_MESSAGES, which goes before LANG.
func localeLanguage(getenv func(string) string) string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := getenv(v); l != "" {
			if strings.HasPrefix(strings.ToLower(l), "nl") {
				return "nl"
			}
			return "en"
		}
	}
	return "en"
}
