package decode

import (
	"strings"
	"testing"

	"krachtpunt/generator/internal/diag"
)

// TestSyntaxSlips shows, for each slip a volunteer makes in TOML, where the
// problem is reported, which kind it is and the line as it should be
// written (in the English and the Dutch hint). The front matter starts on
// line 2 of the file, as after a +++ line.
func TestSyntaxSlips(t *testing.T) {
	for _, tc := range []struct {
		src, pos, code, fixed string
	}{
		{"title = “Koffie”\n", "c.md:2:9", "curly-quotes", `title = "Koffie"`},
		{"title = ”Koffie”\n", "c.md:2:9", "curly-quotes", `title = "Koffie"`},
		{"title = \"Koffie”\n", "c.md:2:16", "curly-quotes", `title = "Koffie"`},
		{"title = „Koffie“\n", "c.md:2:9", "curly-quotes", `title = "Koffie"`},
		{"title = ‘Koffie’\n", "c.md:2:9", "curly-quotes", `title = "Koffie"`},
		{"note = “Jan’s koffie”\n", "c.md:2:8", "curly-quotes", `note = "Jan’s koffie"`},
		{"draft = True\n", "c.md:2:9", "bad-bool", "draft = true"},
		{"draft = FALSE\n", "c.md:2:9", "bad-bool", "draft = false"},
		{"concept = waar\n", "c.md:2:11", "bad-bool", "concept = true"},
		{"toestemming = ja\n", "c.md:2:15", "bad-bool", "toestemming = true"},
		{"date = 12-10-2026\n", "c.md:2:8", "day-month-year", "date = 2026-10-12"},
		{"date = 1-2-2026\n", "c.md:2:8", "day-month-year", "date = 2026-02-01"},
		{"date = 12/10/2026\n", "c.md:2:8", "day-month-year", "date = 2026-10-12"},
		{"date = 12.10.2026 # kerst\n", "c.md:2:8", "day-month-year", "date = 2026-10-12 # kerst"},
		{"date = 2026-9-1\n", "c.md:2:8", "bad-date", "date = 2026-09-01"},
		{"date = 2026-02-30\n", "c.md:2:8", "bad-date", ""},
		{"date = 31-02-2026\n", "c.md:2:8", "bad-date", ""},
		{"room = Huiskamer\n", "c.md:2:8", "text-without-quotes", `room = "Huiskamer"`},
		{"  room = Grote zaal # boven\n", "c.md:2:10", "text-without-quotes", `room = "Grote zaal" # boven`},
		{"time = 14:00-16:00\n", "c.md:2:8", "text-without-quotes", `time = "14:00-16:00"`},
		{"cost = €2\n", "c.md:2:8", "text-without-quotes", `cost = "€2"`},
		{"title = \"Koffie\n", "c.md:2:9", "missing-quote", `title = "Koffie"`},
		{"title \"Koffie\"\n", "c.md:2:6", "missing-equals", `title = "Koffie"`},
		{"title: Koffie\n", "c.md:2:6", "colon", `title = "Koffie"`},
		{"datum: 2026-10-12\n", "c.md:2:6", "colon", `datum = 2026-10-12`},
		{"image alt = \"x\"\n", "c.md:2:6", "bad-key", `image_alt = "x"`},
		{"categorieën = [\"x\"]\n", "c.md:2:10", "bad-key", `categorieen = ["x"]`},
		{"summary =\n", "c.md:2:9", "empty-value", ""},
		{"when = \"a\", \"b\"\n", "c.md:2:11", "list-without-brackets", `when = ["a", "b"]`},
		{"title = \"Koffie\" ochtend\n", "c.md:2:18", "after-value", `title = "Koffie ochtend"`},
		{"note = 'Deze keer 's middags'\n", "c.md:2:8", "apostrophe", `note = "Deze keer 's middags"`},
		{"image = \"fotos\\koffie.jpg\"\n", "c.md:2:15", "backslash", `image = "fotos/koffie.jpg"`},
		{"menu = 1,5\n", "c.md:2:8", "decimal-comma", "menu = 1.5"},
		{"categorieen = [ontmoeten, \"eten\"]\n", "c.md:2:15", "list-without-quotes", `categorieen = ["ontmoeten", "eten"]`},
		{"[[wijziging]\n", "c.md:2:1", "bad-header", "[[wijziging]]"},
		{"[uren\n", "c.md:2:1", "bad-header", "[uren]"},
		{"Kom gezellig koffie drinken!\n", "c.md:2:1", "not-a-setting", ""},
		{"title = \"a\"\ntitle = \"b\"\n", "c.md:3:1", "key-twice", ""},
		{"[[cancel]]\ndate = 2026-01-01\ndate = 2026-01-02\n", "c.md:4:1", "key-twice", ""},
		{"[hours]\nmonday = \"x\"\n\n[hours]\n", "c.md:5:1", "key-twice", ""},
		{"[[cancel]]\ndate = 2026-01-01\n[cancel]\n", "c.md:4:1", "single-brackets", "[[cancel]]"},
		{"when = [\n  \"a\",\n  \"b\"\n", "c.md:2:8", "unclosed-list", ""},
		{"summary = \"\"\"\nx\n", "c.md:2:11", `unclosed-"""`, ""},
	} {
		var diags diag.List
		if Parse("c.md", tc.src, 1, &diags) != nil {
			t.Errorf("%q parsed", tc.src)
			continue
		}
		if len(diags) != 1 {
			t.Errorf("%q: %d problems", tc.src, len(diags))
			continue
		}
		d := diags[0]
		if d.Pos.String() != tc.pos || d.Code != tc.code {
			t.Errorf("%q: %s %s, want %s %s\n%s", tc.src, d.Pos, d.Code, tc.pos, tc.code, d.Format("en"))
		}
		for _, lang := range []string{"en", "nl"} {
			msg := d.Format(lang)
			if strings.Contains(msg, "toml") || strings.Contains(msg, "expected") {
				t.Errorf("%q: the parser's words are shown: %s", tc.src, msg)
			}
			if tc.fixed != "" && !strings.HasSuffix(d.Hint.In(lang), tc.fixed) {
				t.Errorf("%q (%s): hint %q, want it to end with %q", tc.src, lang, d.Hint.In(lang), tc.fixed)
			}
		}
		if d.Detail == "" {
			t.Errorf("%q: the parser's message is not kept for programmers", tc.src)
		}
	}
}

// TestSyntaxSlipsInBothLanguages shows one message whole, in Dutch and in
// English.
func TestSyntaxSlipsInBothLanguages(t *testing.T) {
	var diags diag.List
	Parse("content/activities/koffie.md", "titel = “Koffie”\n", 1, &diags)
	for lang, want := range map[string]string{
		"nl": "content/activities/koffie.md:2:9: hier staat een krom aanhalingsteken (“) uit een tekstverwerker; Krachtpunt begrijpt alleen rechte aanhalingstekens (\")\n    Schrijf de regel zo: titel = \"Koffie\"",
		"en": "content/activities/koffie.md:2:9: this is a curly quote (“) from a word processor; Krachtpunt only understands straight quotes (\")\n    Write the line like this: titel = \"Koffie\"",
	} {
		if got := diags[0].Format(lang); got != want {
			t.Errorf("%s:\n got %q\nwant %q", lang, got, want)
		}
	}
}

// TestValuePositions shows that a problem about a value points at the
// value, also inside arrays of tables and tables within them, and that a
// problem about a key points at the key.
func TestValuePositions(t *testing.T) {
	src := "title = 12\n\n[[cancel]]\nreason = \"Kerst\"\n  date = \"morgen\"\n\n[[season]]\nfrom = 2027-07-12\n[season.hours]\nmonday = 10\n"
	var diags diag.List
	tab := Parse("c.md", src, 1, &diags)
	tab.String(F("title", ""))
	c := tab.Tables(F("cancel", ""))[0]
	c.String(F("reason", ""))
	c.Date(F("date", ""))
	c.Done()
	s := tab.Tables(F("season", ""))[0]
	s.Date(F("from", ""))
	s.Table(F("hours", "")).String(F("monday", ""))
	s.Done()
	tab.Done()
	diags.Sort()
	var got []string
	for _, d := range diags {
		got = append(got, d.Pos.String()+" "+d.Code)
	}
	want := "c.md:2:9 wrong-type c.md:6:10 bad-date c.md:11:10 wrong-type"
	if strings.Join(got, " ") != want {
		t.Errorf("got %s\nwant %s", strings.Join(got, " "), want)
	}
}

// TestKeyBelowTable shows a key that belongs to the file, written below a
// [[change]]: one problem, on that key, saying where to move it, and not
// also "title is missing".
func TestKeyBelowTable(t *testing.T) {
	var diags diag.List
	tab := Parse("c.md", "when = \"x\"\n\n[[change]]\ndate = 2026-12-08\ntitle = \"Koffie\"\n", 1, &diags)
	if tab.String(F("title", "titel")) == "" {
		tab.Missing(F("title", "titel"), `"Koffie"`)
	}
	tab.String(F("when", ""))
	for _, c := range tab.Tables(F("change", "")) {
		c.Date(F("date", ""))
		c.Done()
	}
	tab.Done()
	if len(diags) != 1 || diags[0].Code != "key-below-table" || diags[0].Pos.String() != "c.md:6:1" {
		t.Fatalf("got %s", diags.Format("en"))
	}
	if h := diags[0].Hint.In("en"); !strings.Contains(h, "above line 4, which has [[change]]") {
		t.Errorf("hint %q", h)
	}
}

// TestUnknownHeading shows a misspelt [[heading]] with the closest known one.
func TestUnknownHeading(t *testing.T) {
	var diags diag.List
	tab := Parse("c.md", "title = \"x\"\n[[cancle]]\ndate = 2026-12-08\n", 1, &diags)
	tab.String(F("title", ""))
	tab.Tables(F("cancel", "vervalt"))
	tab.Tables(F("change", "wijziging"))
	tab.Done()
	if len(diags) != 1 || diags[0].Format("en") != "c.md:3:1: Krachtpunt does not know the heading [[cancle]]\n    Did you mean [[cancel]]?" {
		t.Fatalf("got %s", diags.Format("en"))
	}
}
