package decode

import (
	"testing"
	"unicode/utf16"

	"krachtpunt/generator/internal/diag"
)

func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16BE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// TestText shows which files are read as text, and where and how the
// others are reported.
func TestText(t *testing.T) {
	const src = "+++\ntitel = \"Koffie in het café\"\n+++\n"
	cp1252 := []byte("+++\ntitel = \"Koffie in het caf\xe9\"\n+++\n")
	for _, tc := range []struct {
		name string
		data []byte
		pos  string // "" when the file is read
		code string
	}{
		{"UTF-8", []byte(src), "", ""},
		{"UTF-8 with BOM", append([]byte("\uFEFF"), src...), "", ""},
		{"UTF-16 LE with BOM", append([]byte{0xFF, 0xFE}, utf16LE(src)...), "koffie.md", "utf-16"},
		{"UTF-16 BE with BOM", append([]byte{0xFE, 0xFF}, utf16BE(src)...), "koffie.md", "utf-16"},
		{"UTF-16 LE without BOM", utf16LE(src), "koffie.md", "utf-16"},
		{"UTF-16 BE without BOM", utf16BE(src), "koffie.md", "utf-16"},
		{"Windows-1252", cp1252, "koffie.md:2:27", "not-utf-8"},
		{"Word document", []byte("PK\x03\x04\x14\x00word/document.xml"), "koffie.md", "word-document"},
		{"RTF", []byte(`{\rtf1\ansi Koffie}`), "koffie.md", "rtf"},
		{"binary", []byte("+++\x00\x01\x02 titel"), "koffie.md", "not-text"},
	} {
		var diags diag.List
		text, ok := Text("koffie.md", tc.data, &diags)
		if tc.pos == "" {
			if !ok || text != src || len(diags) != 0 {
				t.Errorf("%s: ok %v, %q, %v", tc.name, ok, text, diags)
			}
			continue
		}
		if ok || len(diags) != 1 || diags[0].Pos.String() != tc.pos || diags[0].Code != tc.code {
			t.Errorf("%s: ok %v, got %s, want %s %s", tc.name, ok, diags.Format("en"), tc.pos, tc.code)
		}
		if tc.code == "not-utf-8" && diags[0].Msg.In("nl") != `dit bestand is niet als UTF-8 opgeslagen, maar in een oude tekenset (Windows-1252); het teken hier is waarschijnlijk "é"` {
			t.Errorf("%s: %s", tc.name, diags[0].Msg.In("nl"))
		}
		if got := Decode(tc.data); tc.code == "utf-16" || tc.code == "not-utf-8" {
			if got != src {
				t.Errorf("%s: Decode gives %q", tc.name, got)
			}
		}
	}
}
