package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/term"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/outdir"
	"krachtpunt/generator/internal/publish"
	"krachtpunt/generator/internal/publish/ftp"
	"krachtpunt/generator/internal/publish/residents"
	"krachtpunt/generator/internal/publish/sftp"
)

// publishEnv is what cmdPublish takes from its surroundings, so tests can
// give their own.
type publishEnv struct {
	getenv   func(string) string
	home     string
	terminal bool // stdin and stderr are a terminal: ask for the password there
	access   func(*publish.Access)
	backoff  time.Duration // first wait before a retry; 0 for the default
}

func osPublishEnv() publishEnv {
	home, _ := os.UserHomeDir()
	return publishEnv{
		getenv:   os.Getenv,
		home:     home,
		terminal: term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stderr.Fd())),
	}
}

func cmdPublish(ctx context.Context, args []string, stdout, stderr io.Writer, env publishEnv, lang string) error {
	fs := flag.NewFlagSet("publish", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	site := fs.String("site", ".", "")
	dry := fs.Bool("dry-run", false, "")
	yes := fs.Bool("yes", false, "")
	noBuild := fs.Bool("no-build", false, "")
	words, err := publishCommand.parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, publishCommand.help(lang))
	}
	if err != nil {
		return err
	}
	if err := publishCommand.noWords(words); err != nil {
		return err
	}
	if err := checkSite(publishCommand.name, *site); err != nil {
		return err
	}
	var diags diag.List
	cfg := config.Load(os.DirFS(*site), &diags)
	if cfg != nil {
		lang = cfg.Language
	}
	if diags.HasErrors() || cfg == nil {
		diags.Sort()
		fmt.Fprint(stderr, diags.Format(lang))
		return errContent
	}
	p := cfg.Publish
	if p == nil {
		fmt.Fprintln(stderr, diag.T("site.toml zegt niet waar de site heen moet.\n    Voeg een blok [publish] toe met method, host, user en path; zie docs/handleiding.md.",
			"site.toml does not say where the site goes.\n    Add a [publish] table with method, host, user and path; see docs/handleiding.md.").In(lang))
		return errContent
	}
	if !*noBuild {
		if err := cmdBuild(ctx, []string{"--site", *site}, stdout, stderr, true, lang); err != nil {
			return err
		}
	}
	dir := filepath.Join(*site, "public")
	// No build may swap public/ while it is read and uploaded.
	release, err := outdir.Hold(ctx, dir, func() {
		fmt.Fprintln(stderr, diag.T("er loopt een build in %s; ik wacht tot die klaar is ...", "a build is running in %s; waiting until it is done ...", dir).In(lang))
	})
	if err != nil {
		return err
	}
	defer release()
	files, err := publish.ScanDir(dir)
	if err != nil {
		fmt.Fprintln(stderr, diag.T("public/ kan niet gelezen worden: %v\n    Bouw de site eerst (laat --no-build weg).", "public/ cannot be read: %v\n    Build the site first (leave out --no-build).", err).In(lang))
		return errContent
	}
	say := func(t diag.Text) { fmt.Fprintln(stderr, t.In(lang)) }
	access := publish.Access{
		Password: func() (string, error) {
			if pw := env.getenv("KRACHTPUNT_PASSWORD"); pw != "" {
				return pw, nil
			}
			if !env.terminal {
				return "", publish.ErrNoPassword
			}
			fmt.Fprint(stderr, diag.T("Wachtwoord voor %s: ", "Password for %s: ", publish.Address(p)).In(lang))
			b, err := term.ReadPassword(int(os.Stdin.Fd()))
			fmt.Fprintln(stderr)
			return string(b), err
		},
		Warn: say,
	}
	if sock := env.getenv("SSH_AUTH_SOCK"); sock != "" {
		access.AgentSocket = sock
	}
	if p.Key != "" {
		access.KeyFiles = append(access.KeyFiles, expandHome(p.Key, env.home, *site))
	}
	if env.home != "" {
		access.KnownHosts = filepath.Join(env.home, ".ssh", "known_hosts")
		for _, k := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
			access.KeyFiles = append(access.KeyFiles, filepath.Join(env.home, ".ssh", k))
		}
	}
	if env.access != nil {
		env.access(&access)
	}
	var connect publish.Connector
	switch p.Method {
	case "sftp":
		connect = sftp.Connect(p, access)
	case "ftps", "ftp":
		connect = ftp.Connect(p, access)
	default:
		connect = publish.ConnectFolder(p.Path)
	}
	fmt.Fprintln(stdout, diag.T("Naar %s", "To %s", publish.Address(p)).In(lang))
	opts := publish.Options{Connect: connect, Dir: dir, Files: files, Log: say, Backoff: env.backoff, Now: time.Now, Owner: owner(env),
		Progress: &publish.Progress{W: stderr, Terminal: env.terminal, Lang: lang, Now: time.Now}}
	s, err := publish.Prepare(ctx, opts)
	if err != nil {
		return publishFailed(stderr, lang, err)
	}
	defer s.Close()
	if s.StateErr != nil {
		say(diag.T("waarschuwing: het overzicht %s op de server is onleesbaar; het wordt opnieuw gemaakt en er wordt niets weggehaald.",
			"warning: the record %s on the server is unreadable; it is made anew and nothing is deleted.", publish.StateFile))
	}
	s.Plan.Describe(stdout, lang, *dry)
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, diag.T("Wat bewoners zien veranderen:", "What residents will see change:").In(lang))
	oldFiles := map[string]bool{}
	for name := range s.Listing.Files {
		oldFiles[name] = true
	}
	newFiles := map[string]bool{}
	for name := range files {
		newFiles[name] = true
	}
	changes := residents.Changes(
		residents.Snapshot{Files: oldFiles, Read: func(name string) ([]byte, error) { return s.Read(ctx, name) }},
		residents.Snapshot{Files: newFiles, Read: func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))) }},
		lang)
	if len(changes) == 0 {
		fmt.Fprintln(stdout, diag.T("  niets in de agenda, activiteiten, verhalen of openingstijden", "  nothing in the calendar, activities, stories or opening hours").In(lang))
	}
	for _, c := range changes {
		fmt.Fprintln(stdout, "  "+c.In(lang))
	}
	if *dry {
		if since := s.Busy(ctx); !since.IsZero() {
			say(diag.T("waarschuwing: er is al een publish bezig op deze server, sinds %s UTC.", "warning: another publish is at work on this server, since %s UTC.", since.UTC().Format("2006-01-02 15:04")))
		}
		if why, risky := s.Plan.Risky(); risky {
			fmt.Fprintln(stdout, diag.T("Let op: %s Dat gaat alleen met --yes.", "Note: %s That needs --yes.", why).In(lang))
		}
		fmt.Fprintln(stdout, diag.T("Proefrit (--dry-run): er is niets veranderd op de server.", "Dry run (--dry-run): nothing was changed on the server.").In(lang))
		return nil
	}
	if why, risky := s.Plan.Risky(); risky && !*yes {
		fmt.Fprintln(stderr, why.In(lang))
		say(diag.T("    Er is niets veranderd. Klopt path in site.toml? Bekijk de lijst met --dry-run, en geef --yes als het zo goed is.",
			"    Nothing was changed. Is path in site.toml right? See the list with --dry-run, and add --yes when it is as it should be."))
		return errContent
	}
	if s.Plan.Empty() {
		return nil
	}
	res, err := s.Apply(ctx)
	if err != nil {
		fmt.Fprintln(stdout, res.Describe(lang))
		return publishFailed(stderr, lang, err)
	}
	fmt.Fprintln(stdout, res.Describe(lang))
	return nil
}

// publishFailed prints a failed publish for the volunteer.
func publishFailed(stderr io.Writer, lang string, err error) error {
	var e *publish.Error
	if errors.As(err, &e) {
		fmt.Fprintln(stderr, diag.T("publish is gestopt: %s", "publish stopped: %s", e.Text()).In(lang))
		return errContent
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, diag.T("publish is onderbroken; de volgende keer gaat het verder waar het stopte.", "publish was interrupted; next time it carries on where it stopped.").In(lang))
		return errContent
	}
	return err
}

// expandHome resolves "~/" and a path relative to the site folder.
func expandHome(p, home, site string) string {
	if rest, ok := cutHome(p); ok && home != "" {
		return filepath.Join(home, rest)
	}
	if !filepath.IsAbs(p) {
		return filepath.Join(site, p)
	}
	return p
}

func cutHome(p string) (string, bool) {
	if len(p) >= 2 && p[0] == '~' && (p[1] == '/' || p[1] == '\\') {
		return p[2:], true
	}
	return "", false
}

// owner names this computer and user in the lock file on the server, as a
// hash: the file can be read on the web.
func owner(env publishEnv) string {
	host, _ := os.Hostname()
	sum := sha256.Sum256([]byte(env.getenv("USER") + "@" + host + ":" + env.home))
	return hex.EncodeToString(sum[:8])
}
