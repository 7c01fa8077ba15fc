package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/scaffold"
)

// cmdNewHosting writes the settings for a host that builds the site from git.
func cmdNewHosting(site, host string, stdout, stderr io.Writer) error {
	var diags diag.List
	lang, title := "nl", ""
	if c := config.Load(os.DirFS(site), &diags); c != nil {
		lang, title = c.Language, c.Title
	}
	if _, ok := scaffold.Hosts[host]; !ok {
		fmt.Fprintln(stderr, diag.T("krachtpunt: %q kennen we niet als host: kies github, netlify of cloudflare", "krachtpunt: %q is not a host we know: choose github, netlify or cloudflare", host).In(lang))
		return errUsage
	}
	paths, err := scaffold.Hosting(site, host, title, lang)
	if errors.Is(err, scaffold.ErrExists) {
		fmt.Fprintln(stderr, diag.T("%s bestaat al; er is niets veranderd.", "%s already exists; nothing was changed.", paths[0]).In(lang))
		return errContent
	}
	if err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Fprintln(stdout, diag.T("Nieuw bestand: %s", "New file: %s", p).In(lang))
	}
	fmt.Fprintln(stdout, diag.T("Lees in docs/handleiding.md (Publiceren) wat je bij de host nog moet instellen.", "See docs/handleiding.md (Publiceren) for what to set up at the host.").In(lang))
	return nil
}
