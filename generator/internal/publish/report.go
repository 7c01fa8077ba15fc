package publish

import (
	"fmt"
	"io"

	"krachtpunt/generator/internal/diag"
)

// Describe writes what the plan does for a volunteer in lang: warnings about
// the state, with all one line for every upload and deletion, and a count.
func (p *Plan) Describe(w io.Writer, lang string, all bool) {
	say := func(t diag.Text) { fmt.Fprintln(w, t.In(lang)) }
	if p.NoState && p.Count(Replace) > 0 {
		say(diag.T("Op de server staan al bestanden, maar geen overzicht van wat Krachtpunt daar zette (%s). Er wordt niets weggehaald; bestanden met dezelfde naam worden vervangen.",
			"The server holds files already, but no record of what Krachtpunt put there (%s). Nothing is deleted; files of the same name are replaced.", StateFile))
	}
	if n := len(p.Stale); n > 0 {
		say(diag.T("%d bestanden op de server kloppen niet (meer) met het overzicht van Krachtpunt; die worden opnieuw gezet als ze bij de site horen, en niet weggehaald.",
			"%d files on the server do not match Krachtpunt's record (any more); they are uploaded again when they belong to the site, and not deleted.", n))
	}
	for _, name := range p.Kept {
		say(diag.T("%s is op de server veranderd door iemand anders; het blijft staan.", "%s was changed on the server by someone else; it stays.", name))
	}
	if all {
		for _, name := range p.Leftovers {
			say(diag.T("  opruimen  %s (half gezet bij een eerdere keer)", "  clean up %s (half uploaded earlier)", name))
		}
		for _, u := range p.Uploads {
			switch u.Reason {
			case New:
				say(diag.T("  nieuw     %s", "  new      %s", u.Name))
			case Changed:
				say(diag.T("  gewijzigd %s", "  changed  %s", u.Name))
			case Replace:
				say(diag.T("  vervangt  %s (niet door Krachtpunt gezet)", "  replaces %s (not put there by Krachtpunt)", u.Name))
			}
		}
		for _, name := range p.Deletes {
			say(diag.T("  weghalen  %s", "  delete   %s", name))
		}
	}
	if p.Empty() {
		say(diag.T("De server is al bij: %s, niets te doen.", "The server is up to date: %s, nothing to do.", files(p.Unchanged)))
		return
	}
	say(diag.T("%d nieuw, %d gewijzigd, %d vervangen, %d weghalen, %d ongewijzigd (%s te versturen).",
		"%d new, %d changed, %d replaced, %d to delete, %d unchanged (%s to send).",
		p.Count(New), p.Count(Changed), p.Count(Replace), len(p.Deletes), p.Unchanged, diag.Text{NL: size(p.Bytes(), "nl"), EN: size(p.Bytes(), "en")}))
}

// Describe writes the result for a volunteer in lang.
func (r Result) Describe(lang string) string {
	return diag.T("Klaar: %s gezet, %d weggehaald (%s).", "Done: %s uploaded, %d deleted (%s).",
		files(r.Uploaded), r.Deleted, diag.Text{NL: size(r.Bytes, "nl"), EN: size(r.Bytes, "en")}).In(lang)
}

// files is "1 bestand", "2 bestanden".
func files(n int) diag.Text {
	if n == 1 {
		return diag.T("1 bestand", "1 file")
	}
	return diag.T("%d bestanden", "%d files", n)
}
