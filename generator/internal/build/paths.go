package build

import (
	"path"
	"strings"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
)

// Words are the path words of a site language: /activiteiten/ or
// /activities/. Page is the word before the number of the later pages of a
// list: /verhalen/pagina/2/. Changes is the page under the agenda that
// lists what is cancelled or changed: /agenda/wijzigingen/. Day is the
// word of the pages of one date: /agenda/dag/2026-12-01/. Filters are
// the words of the pages that pick activities: /activiteiten/voor/kinderen/.
type Words struct {
	Activities, Stories, Agenda, Hours, Page, Changes, Day string
	Filters                                                FilterWords
}

// PathWords holds the path words of every site language.
var PathWords = map[string]Words{
	"nl": {Activities: "activiteiten", Stories: "verhalen", Agenda: "agenda", Hours: "openingstijden", Page: "pagina", Changes: "wijzigingen", Day: "dag",
		Filters: FilterWords{For: "voor", Kind: "soort", On: "op", Free: "gratis", WalkIn: "vrije-inloop",
			Days: [7]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}}},
	"en": {Activities: "activities", Stories: "stories", Agenda: "calendar", Hours: "opening-hours", Page: "page", Changes: "changes", Day: "day",
		Filters: FilterWords{For: "for", Kind: "category", On: "on", Free: "free", WalkIn: "walk-in",
			Days: [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}}},
}

// checkGenerated reports static files under content/ that would take the
// place of a file the build writes: a page, a calendar or feed, a file of
// the theme. The paths come from what the build writes, so every new kind
// of output is covered. Names are compared without regard to case, as the
// folders of Windows and macOS do.
//
// Only the names the static files could meet are kept of what the build
// writes: a large site writes 22,000 files in 17,000 folders, and has a
// few dozen static files.
func checkGenerated(routes []route, theme []render.StaticFile, files []string, diags *diag.List) {
	if len(files) == 0 {
		return
	}
	asked := map[string]bool{} // the static files and their folders, lower case
	for _, f := range files {
		for d := f; d != "."; d = path.Dir(d) {
			asked[strings.ToLower(d)] = true
		}
	}
	made := map[string]string{} // lower case -> path, of those asked about
	dirs := map[string]string{} // the folders they are in, the same way
	add := func(p string) {
		if l := strings.ToLower(p); asked[l] {
			made[l] = p
		}
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if l := strings.ToLower(d); asked[l] {
				dirs[l] = d
			}
		}
	}
	for _, r := range routes {
		add(r.path)
	}
	for _, f := range theme {
		add(f.Path)
	}
	for _, f := range files {
		pos := diag.Pos{File: content.Dir + "/" + f}
		lower := strings.ToLower(f)
		if p, ok := made[lower]; ok {
			what := diag.T("het bestand %s, dat", "the file %s that", "/"+p)
			if dir, ok := strings.CutSuffix(p, "index.html"); ok && dir == "" {
				what = diag.T("de startpagina /, die", "the home page / that")
			} else if ok && strings.HasSuffix(dir, "/") {
				what = diag.T("de pagina %s, die", "the page %s that", "/"+dir)
			}
			hint := diag.T("Haal het weg uit content/, of geef het een andere naam.", "Remove it from content/, or give it another name.")
			if p == "index.html" {
				hint = diag.T("Haal het weg uit content/; de tekst van de startpagina schrijf je in content/_index.md.", "Remove it from content/; the text of the home page goes in content/_index.md.")
			}
			diags.Errorf(pos, "generated-path",
				diag.T("dit bestand zou %s Krachtpunt zelf maakt, vervangen", "this file would replace %s Krachtpunt makes itself", what), hint)
			continue
		}
		if d, ok := dirs[lower]; ok {
			diags.Errorf(pos, "generated-path",
				diag.T("dit bestand heeft dezelfde naam als de map /%s/, waarin Krachtpunt pagina's maakt", "this file has the same name as the folder /%s/ in which Krachtpunt makes pages", d),
				diag.T("Haal het weg uit content/, of geef het een andere naam.", "Remove it from content/, or give it another name."))
			continue
		}
		for d := path.Dir(f); d != "."; d = path.Dir(d) {
			if p, ok := made[strings.ToLower(d)]; ok {
				diags.Errorf(pos, "generated-path",
					diag.T("dit bestand staat in een map met de naam van het bestand /%s, dat Krachtpunt zelf maakt", "this file is in a folder named like the file /%s that Krachtpunt makes itself", p),
					diag.T("Geef de map een andere naam.", "Give the folder another name."))
				break
			}
		}
	}
}
