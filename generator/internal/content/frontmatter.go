package content

import (
	"regexp"
	"strings"

	"krachtpunt/generator/internal/decode"
	"krachtpunt/generator/internal/diag"
)

// Source is where an item was read from and its Markdown body.
type Source struct {
	File     string // slash path from the site folder, e.g. "content/activities/koffie.md"
	Body     string // Markdown after the front matter ("" once left out, see LeaveOut)
	BodyLine int    // line of the file on which Body starts
	// BodyAt is where Body starts in the file's text with its line ends
	// made "\n", in bytes.
	BodyAt int
	// Left says that Body was left out (LeaveOut) and is read again from
	// the file when it is needed (BodyIn).
	Left bool
}

// LeaveOut drops the body: a build that makes each page once needs it
// only while it makes the pages of the item, and holding the Markdown
// of thousands of stories all the while makes its garbage collector
// work harder. BodyIn gets it back from the file.
func (s *Source) LeaveOut() { s.Body, s.Left = "", true }

// BodyIn returns the body as it stands in data, the bytes of the file the
// source was read from; false when data is too short to be that file.
func (s Source) BodyIn(data []byte) (string, bool) {
	if !s.Left {
		return s.Body, true
	}
	// As ParseFile read it: without a byte order mark (decode.Text),
	// with "\n" line ends (splitFrontMatter).
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\uFEFF"), "\r\n", "\n")
	if s.BodyAt < 0 || s.BodyAt > len(text) {
		return "", false
	}
	return text[s.BodyAt:], true
}

// fence matches a line that was meant to open or close the front matter.
var fence = regexp.MustCompile(`^\s*(\+{2,}|-{3})\s*$`)

// splitFrontMatter separates the TOML front matter between two lines of
// exactly "+++" from the body. It returns the front matter table (nil when
// the file has none or it cannot be read) and the source of the body.
func splitFrontMatter(file string, text string, diags *diag.List) (*decode.Table, Source, bool) {
	s := strings.ReplaceAll(text, "\r\n", "\n")
	src := Source{File: file, Body: s, BodyLine: 1}
	// The lines are sliced out of s as they are looked at: the front
	// matter and the body are pieces of s, not copies.
	firstEnd := lineEnd(s, 0)
	first := strings.TrimSpace(s[:firstEnd])
	switch {
	case first == "+++":
	case first == "---":
		return nil, src, yamlFences(file, strings.SplitAfter(s, "\n"), diags)
	case fence.MatchString(first):
		diags.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "bad-fence",
			diag.T("op de eerste regel staan %d plustekens; het moeten er precies drie zijn: +++", "the first line has %d plus signs; it must be exactly three: +++", len(first)),
			diag.T("Schrijf op de eerste regel alleen +++.", "Write only +++ on the first line."))
		return nil, src, false
	default:
		if n := settingsLines(strings.SplitAfter(s, "\n"), 0); n > 0 {
			hint := diag.T("Zet een regel met alleen +++ boven regel 1 en onder regel %d.", "Put a line with only +++ above line 1 and below line %d.", n)
			if n == 1 {
				hint = diag.T("Zet een regel met alleen +++ boven en onder regel 1.", "Put a line with only +++ above and below line 1.")
			}
			diags.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "no-fences",
				diag.T("de gegevens bovenaan staan niet tussen twee regels +++", "the settings at the top are not between two lines of +++"), hint)
			return nil, src, false
		}
		return nil, src, true
	}
	for i, at := 1, firstEnd; at < len(s); i++ {
		end := lineEnd(s, at)
		l := strings.TrimSpace(s[at:end])
		switch {
		case l == "+++":
			src.Body = s[end:]
			src.BodyLine = i + 2
			src.BodyAt = end
			t := decode.Parse(file, s[firstEnd:at], 1, diags)
			return t, src, t != nil
		case l == "---":
			diags.Errorf(diag.Pos{File: file, Line: i + 1, Col: 1}, "fences-differ",
				diag.T("de gegevens beginnen op regel 1 met +++ maar eindigen hier met ---", "the settings start with +++ on line 1 but end here with ---"),
				diag.T("Schrijf ook hier +++.", "Write +++ here too."))
			return nil, src, false
		case fence.MatchString(l):
			diags.Errorf(diag.Pos{File: file, Line: i + 1, Col: 1}, "bad-fence",
				diag.T("hier staan %d plustekens; het moeten er precies drie zijn: +++", "this line has %d plus signs; it must be exactly three: +++", len(l)),
				diag.T("Schrijf op deze regel alleen +++.", "Write only +++ on this line."))
			return nil, src, false
		}
		at = end
	}
	hint := diag.T("Zet onder de laatste gegevensregel een regel met alleen +++.", "Put a line with only +++ below the last settings line.")
	if n := settingsLines(strings.SplitAfter(s, "\n"), 1); n > 1 {
		hint = diag.T("Zet onder de laatste gegevensregel (regel %d) een regel met alleen +++.", "Put a line with only +++ below the last settings line (line %d).", n)
	}
	diags.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "front-matter-open",
		diag.T("de gegevens bovenaan beginnen met +++ maar worden niet afgesloten", "the settings at the top start with +++ but are never closed"), hint)
	return nil, src, false
}

// lineEnd returns where the line of s that starts at at ends: after its
// "\n", or at the end of s.
func lineEnd(s string, at int) int {
	if i := strings.IndexByte(s[at:], '\n'); i >= 0 {
		return at + i + 1
	}
	return len(s)
}

// yamlFences reports front matter that starts with "---".
func yamlFences(file string, lines []string, diags *diag.List) bool {
	closing := 0
	for i := 1; i < len(lines); i++ {
		if l := strings.TrimSpace(lines[i]); l == "---" || l == "+++" {
			closing = i + 1
			break
		}
	}
	pos := diag.Pos{File: file, Line: 1, Col: 1}
	switch {
	case closing > 0 && strings.TrimSpace(lines[closing-1]) == "+++":
		diags.Errorf(pos, "fences-differ",
			diag.T("de gegevens beginnen hier met --- maar eindigen op regel %d met +++", "the settings start here with --- but end with +++ on line %d", closing),
			diag.T("Schrijf ook hier +++.", "Write +++ here too."))
	case closing > 0 && settingsLines(lines[:closing-1], 1) > 1:
		diags.Errorf(pos, "yaml-fences",
			diag.T("de gegevens bovenaan staan tussen --- regels; Krachtpunt verwacht +++", "the settings at the top are between --- lines; Krachtpunt expects +++"),
			diag.T("Maak van regel 1 en regel %d allebei +++.", "Change line 1 and line %d into +++.", closing))
	default:
		diags.Errorf(pos, "yaml-front-matter",
			diag.T("de gegevens bovenaan staan tussen --- regels; Krachtpunt verwacht +++", "the settings at the top are between --- lines; Krachtpunt expects +++"),
			diag.T("Zet een regel met alleen +++ boven en onder de gegevens, en schrijf ze als titel = \"...\".", "Put a line with only +++ above and below the settings, and write them as title = \"...\"."))
	}
	return false
}

// settingsLines returns the number of the last line, from line from+1 on,
// in the run of lines that look like TOML settings (key = value, [table],
// comments and blank lines); 0 when the first such line is not one.
func settingsLines(lines []string, from int) int {
	last := 0
	for i := from; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		switch {
		case l == "":
			continue
		case decode.IsSetting(l), strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]") && last > 0, strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "# "):
			last = i + 1
		case strings.HasPrefix(l, "# ") && last > 0:
			// A comment among the settings, or a Markdown heading after them.
			if i+1 < len(lines) && decode.IsSetting(strings.TrimSpace(lines[i+1])) {
				continue
			}
			return last
		default:
			return last
		}
	}
	return last
}
