package content

import (
	"strings"

	"krachtpunt/generator/internal/decode"
	"krachtpunt/generator/internal/diag"
)

// Source is where an item was read from and its Markdown body.
type Source struct {
	File     string // slash path from the site folder, e.g. "content/activities/koffie.md"
	Body     string // Markdown after the front matter
	BodyLine int    // line of the file on which Body starts
}

// splitFrontMatter separates the TOML front matter between two lines of
// exactly "+++" from the body. It returns the front matter table (nil when
// the file has none or it cannot be read) and the source of the body.
func splitFrontMatter(file string, data []byte, diags *diag.List) (*decode.Table, Source, bool) {
	s := strings.TrimPrefix(string(data), "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	src := Source{File: file, Body: s, BodyLine: 1}
	first, rest, _ := strings.Cut(s, "\n")
	switch strings.TrimRight(first, " \t") {
	case "+++":
	case "---":
		diags.Errorf(diag.Pos{File: file, Line: 1}, "yaml-front-matter",
			diag.T("de gegevens bovenaan staan tussen --- regels; Krachtpunt verwacht +++", "the settings at the top are between --- lines; Krachtpunt expects +++"),
			diag.T("Zet een regel met alleen +++ boven en onder de gegevens, en schrijf ze als titel = \"...\".", "Put a line with only +++ above and below the settings, and write them as title = \"...\"."))
		return nil, src, false
	default:
		return nil, src, true
	}
	lines := strings.SplitAfter(rest, "\n")
	for i, l := range lines {
		if strings.TrimRight(l, " \t\n") == "+++" {
			fm := strings.Join(lines[:i], "")
			src.Body = strings.Join(lines[i+1:], "")
			src.BodyLine = i + 3
			t := decode.Parse(file, fm, 1, diags)
			return t, src, t != nil
		}
	}
	diags.Errorf(diag.Pos{File: file, Line: 1}, "front-matter-open",
		diag.T("de gegevens bovenaan beginnen met +++ maar worden niet afgesloten", "the settings at the top start with +++ but are never closed"),
		diag.T("Zet onder de laatste gegevensregel een regel met alleen +++.", "Put a line with only +++ below the last settings line."))
	return nil, src, false
}
