package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/scaffold"
	"krachtpunt/generator/internal/schedule"
)

// start is what Krachtpunt does when it is started without arguments, as
// with a double-click: in a folder with site.toml it shows the preview in
// the browser; in a folder without one it offers to make a new site there.
// When wait is set (stdin is a terminal), a problem stays on screen until
// Enter is pressed, so that the window a double-click opened does not close
// before the message is read.
func start(ctx context.Context, dir string, stdin io.Reader, stdout, stderr io.Writer, wait bool) int {
	in := bufio.NewReader(stdin)
	code, lang := startSite(ctx, dir, in, stdout, stderr, wait)
	if code != exitOK && wait {
		both := diag.Text{NL: "Druk op Enter om dit venster te sluiten.", EN: "Press Enter to close this window."}
		if lang == "" {
			lang = siteLanguage(dir)
		}
		if lang != "" {
			fmt.Fprintln(stderr, "\n"+both.In(lang))
		} else {
			fmt.Fprintln(stderr, "\n"+both.NL+" / "+both.EN)
		}
		_, _ = in.ReadString('\n')
	}
	return code
}

// startSite shows the preview or makes a new site; it returns the exit code
// and the language chosen for a new site, if one was.
func startSite(ctx context.Context, dir string, in *bufio.Reader, stdout, stderr io.Writer, ask bool) (int, string) {
	preview := []string{"serve", "--open", "--site", dir}
	if _, err := os.Stat(filepath.Join(dir, config.File)); err == nil {
		return run(ctx, preview, stdout, stderr), ""
	}
	if !ask {
		// No one to ask: say how Krachtpunt is used.
		return run(ctx, nil, stdout, stderr), ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	fmt.Fprintf(stdout, `Krachtpunt maakt de website van een buurthuis.
In de map %s staat nog geen site.
(No site in this folder yet.)

Een nieuwe site maken in deze map? / Make a new site in this folder?
  j  ja, een Nederlandse site
  e  yes, an English site
Typ j of e en druk op Enter. Alleen Enter: stoppen. / Just Enter: stop.
> `, abs)
	answer, _ := in.ReadString('\n')
	lang := ""
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "j", "ja", "nl":
		lang = "nl"
	case "e", "en", "y", "yes":
		lang = "en"
	default:
		fmt.Fprintln(stdout, "Er is niets gemaakt. / Nothing was made.")
		return exitOK, ""
	}
	files, err := scaffold.NewSite(dir, lang, schedule.DateOf(time.Now()).String(), cameWithProgram)
	switch {
	case errors.Is(err, scaffold.ErrNotEmpty):
		fmt.Fprintln(stderr, diag.T("In de map %s staan al andere bestanden; er is niets gemaakt.\nMaak een nieuwe, lege map, zet Krachtpunt daarin en start het daar.",
			"The folder %s already holds other files; nothing was made.\nMake a new, empty folder, put Krachtpunt in it and start it there.", abs).In(lang))
		return exitContent, lang
	case err != nil:
		fmt.Fprintln(stderr, "krachtpunt:", err)
		return exitContent, lang
	}
	fmt.Fprintln(stdout, diag.T("Nieuwe site gemaakt:", "New site made:").In(lang))
	for _, f := range files {
		fmt.Fprintln(stdout, "  "+filepath.FromSlash(f))
	}
	fmt.Fprintln(stdout, diag.T("Pas deze bestanden aan met een teksteditor; de preview laat elke wijziging meteen zien.\nStoppen: sluit dit venster of druk op Ctrl+C.",
		"Change these files with a text editor; the preview shows every change at once.\nTo stop: close this window or press Ctrl+C.").In(lang))
	return run(ctx, preview, stdout, stderr), lang
}

// cameWithProgram reports whether a file may stay in the folder a new site
// is made in by a double-click: the program itself and the files of its
// download, and the files the system keeps there.
func cameWithProgram(name string) bool {
	if exe, err := os.Executable(); err == nil && strings.EqualFold(name, filepath.Base(exe)) {
		return true
	}
	upper := strings.ToUpper(name)
	switch {
	case upper == "KRACHTPUNT", upper == "KRACHTPUNT.EXE":
		return true
	case strings.HasPrefix(upper, "README"), strings.HasPrefix(upper, "LICENSE"), strings.HasPrefix(upper, "LEESMIJ"):
		return true
	case strings.HasPrefix(name, "."), upper == "DESKTOP.INI", upper == "THUMBS.DB":
		return true
	}
	return false
}

// siteLanguage returns the language of the site in dir, or "" when there is
// no readable site.toml.
func siteLanguage(dir string) string {
	var ignore diag.List
	if c := config.Load(os.DirFS(dir), &ignore); c != nil && c.Language != "" {
		return c.Language
	}
	return ""
}

// interactive reports whether f is a terminal, where someone can answer a
// question and press Enter.
func interactive(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
