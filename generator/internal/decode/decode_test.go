package decode

import (
	"strings"
	"testing"

	"krachtpunt/generator/internal/diag"
)

// TestLinesOfKeys checks that every key is found on its own line, through
// the TOML that volunteers write: comments, quotes, multi-line strings and
// arrays, arrays of tables and tables inside them.
func TestLinesOfKeys(t *testing.T) {
	src := `title = "Koffie # geen commentaar"   # commentaar
when = [
  "elke dinsdag 10:00-12:00",
  "eerste zaterdag van de maand 10:00-12:00",
]
summary = """
Een tekst
met = tekens erin
"""
"room" = 'Huis = kamer'

[[cancel]]
date = 2026-12-29

[[cancel]]
date = 2026-12-30
reason = "Kerst"

[[season]]
from = 2027-07-12
[season.hours]
monday = "10:00-14:00"
`
	var diags diag.List
	tab := Parse("content/activities/koffie.md", src, 1, &diags)
	if tab == nil {
		t.Fatalf("parse: %v", diags)
	}
	want := map[string]int{
		"title": 2, "when": 3, "summary": 7, "room": 11,
		"cancel#0": 13, "cancel#0.date": 14, "cancel#1": 16, "cancel#1.date": 17, "cancel#1.reason": 18,
		"season#0": 20, "season#0.from": 21, "season#0.hours": 22, "season#0.hours.monday": 23,
	}
	for key, line := range want {
		if got := tab.doc.lines[key].line; got+1 != line {
			t.Errorf("%s: line %d, want %d", key, got+1, line)
		}
	}
	cancels := tab.Tables(F("cancel", "vervalt"))
	if len(cancels) != 2 || cancels[1].Pos("reason").Line != 18 || cancels[0].Pos("").Line != 13 {
		t.Errorf("positions in [[cancel]]: %d entries", len(cancels))
	}
	hours := tab.Tables(F("season", ""))[0].Table(F("hours", ""))
	if p := hours.Pos("monday"); p.Line != 23 {
		t.Errorf("season hours monday at line %d, want 23", p.Line)
	}
	if p := tab.Pos("missing"); p.Line != 1 {
		t.Errorf("a key that is not there points at line %d, want the front matter's first line", p.Line)
	}
}

func TestSyntaxErrorLineIsTheFileLine(t *testing.T) {
	var diags diag.List
	if Parse("content/x.md", "title = \"x\"\nroom = Huiskamer\n", 1, &diags) != nil {
		t.Fatal("parse of broken TOML succeeded")
	}
	if len(diags) != 1 || diags[0].Pos.String() != "content/x.md:3:8" {
		t.Fatalf("got %v, want one problem at content/x.md:3:8", diags)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"title = \"Koffie\"\nwhen = \"elke dinsdag 10:00-12:00\"\n",
		"[[cancel]]\ndate = 2026-12-29\nreason = \"Kerst\"\n",
		"[hours]\nmonday = \"09:00-17:00\"\n[[season]]\nfrom = 2027-07-12\n[season.hours]\nmonday = \"10:00-14:00\"\n",
		"summary = \"\"\"\nx\n\"\"\"\n",
		"a = [\n1,\n2]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		tab := Parse("x.md", src, 1, &diags)
		if tab == nil {
			if len(diags) != 1 {
				t.Fatalf("no table and %d problems", len(diags))
			}
			// A syntax error is on a line of the document, in plain words.
			d := diags[0]
			if d.Line < 2 || d.Line > strings.Count(src, "\n")+2 || d.Col < 1 {
				t.Fatalf("problem at %s in a document of %d lines", d.Pos, strings.Count(src, "\n")+1)
			}
			for _, lang := range []string{"nl", "en"} {
				if f := d.Format(lang); strings.Contains(f, "toml:") || strings.Contains(f, "expected") {
					t.Fatalf("the parser's words are shown: %s", f)
				}
			}
			return
		}
		for _, k := range tab.Keys() {
			if p := tab.Pos(k); p.Line < 1 {
				t.Fatalf("key %q has no line", k)
			}
		}
	})
}

// TestMisspeltRequiredKeyIsOneProblem shows that "tittel" instead of
// "titel" gives one problem, on the misspelt key, and not also "titel is
// missing"; a required key that is simply absent is still reported.
func TestMisspeltRequiredKeyIsOneProblem(t *testing.T) {
	var diags diag.List
	tab := Parse("content/a.md", "tittel = \"Koffie\"\n", 1, &diags)
	if tab.String(F("title", "titel")) == "" {
		tab.Missing(F("title", "titel"), `"Koffie"`)
	}
	tab.Done()
	if len(diags) != 1 || diags[0].Code != "unknown-key" || diags[0].Pos.Line != 2 {
		t.Fatalf("got %v, want one unknown-key problem on line 2", diags.Format("en"))
	}
	diags = nil
	tab = Parse("content/a.md", "kleur = \"rood\"\n", 1, &diags)
	tab.Missing(F("title", "titel"), `"Koffie"`)
	tab.Done()
	if len(diags) != 2 {
		t.Fatalf("got %v, want an unknown key and a missing title", diags.Format("en"))
	}
}
