package content

import (
	"strings"
	"testing"
)

// FuzzParseFile feeds any bytes to the parser of every kind of content
// file: it must never panic, and every problem must name the file and a
// line inside it; a body left out (Source.LeaveOut) comes back from the
// file's bytes as it was.
func FuzzParseFile(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"Koffieochtend\"\nwhen = \"every tuesday 10:00-12:00\"\nroom = \"Huiskamer\"\ncost = \"gratis\"\n\n[[cancel]]\ndate = 2026-12-29\nreason = \"Kerstvakantie\"\n\n[[change]]\ndate = 2026-12-08\nnew_date = 2026-12-09\ntime = \"14:00-16:00\"\nroom = \"Grote zaal\"\nnote = \"Deze keer 's middags\"\n+++\nMarkdown description.\n",
		"+++\ntitel = \"Mijn eerste repair café\"\ndatum = 2026-10-12\nauteur = \"Fatima\"\ntoestemming = true\n+++\n",
		"+++\npublic_holidays = \"nl\"\n[hours]\nmonday = \"09:00-12:30, 13:30-17:00\"\nsunday = \"closed\"\n[[season]]\nfrom = 2027-07-12\nuntil = 2027-08-22\n[season.hours]\nmonday = \"10:00-14:00\"\n[[closed]]\nfrom = 2026-12-24\nuntil = 2027-01-01\n[[special]]\ndate = 2026-12-05\nhours = \"09:00-15:00\"\n+++\n",
		"# Privacy\n\nTekst.\n",
		"---\ntitle: x\n---\n",
		"+++\n",
		"\uFEFF+++\r\ntitle = \"x\"\r\n+++\r\n",
		"\uFEFF+++\r\ntitel = \"x\"\r\ndatum = 2026-10-12\r\ntoestemming = true\r\n+++\r\nEen verhaal\r\nover \r\r\n\r\nde wijk.\n",
		"# Kop\r\n\r\nTekst\r\n",
	} {
		f.Add("activities/koffie.md", []byte(s))
		f.Add("stories/verhaal.md", []byte(s))
		f.Add(HoursFile, []byte(s))
		f.Add("over-ons.md", []byte(s))
	}
	f.Fuzz(func(t *testing.T, rel string, data []byte) {
		if rel == "" || strings.Contains(rel, "..") || strings.HasPrefix(rel, "/") {
			return
		}
		it := ParseFile(rel, data, func(string) bool { return false })
		lines := strings.Count(string(data), "\n") + 2
		for _, d := range it.Diags {
			if d.File != Dir+"/"+rel {
				t.Fatalf("problem names %q, want %q", d.File, Dir+"/"+rel)
			}
			if d.Line < 0 || d.Line > lines {
				t.Fatalf("problem on line %d of a %d-line file: %s", d.Line, lines, d.Error())
			}
		}
		if src := it.Source(); src != nil {
			if body, line, ok := splitByLines(data); ok && (src.Body != body || src.BodyLine != line) {
				t.Fatalf("body %q from line %d, want %q from line %d", src.Body, src.BodyLine, body, line)
			}
			want := src.Body
			src.LeaveOut()
			if src.Body != "" {
				t.Fatal("the body is still there after LeaveOut")
			}
			if got, ok := src.BodyIn(data); !ok || got != want {
				t.Fatalf("body from the file's bytes = %q, %v; want %q", got, ok, want)
			}
		}
	})
}

// splitByLines finds the body after front matter between lines of "+++"
// as plainly as it can be done, to check splitFrontMatter against.
func splitByLines(data []byte) (body string, line int, ok bool) {
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\uFEFF"), "\r\n", "\n")
	lines := strings.SplitAfter(text, "\n")
	if strings.TrimSpace(lines[0]) != "+++" {
		return "", 0, false
	}
	for i := 1; i < len(lines); i++ {
		switch l := strings.TrimSpace(lines[i]); {
		case l == "+++":
			return strings.Join(lines[i+1:], ""), i + 2, true
		case fence.MatchString(l):
			return "", 0, false
		}
	}
	return "", 0, false
}
