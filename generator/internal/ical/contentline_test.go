package ical

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// physicalLines splits folded output into its lines, checking that every
// line ends in CRLF and that no bare CR or LF is left inside one.
func physicalLines(t *testing.T, out []byte) []string {
	t.Helper()
	if !bytes.HasSuffix(out, []byte("\r\n")) {
		t.Fatalf("output does not end in CRLF: %q", out)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n")
	for _, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("bare CR or LF in line %q", l)
		}
	}
	return lines
}

// checkFolded asserts the rules of RFC 5545, section 3.1 on every physical
// line: at most 75 octets, valid UTF-8 on its own, continuations starting
// with one space.
func checkFolded(t *testing.T, out []byte) {
	t.Helper()
	for i, l := range physicalLines(t, out) {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i, l)
		}
	}
}

// unfold undoes folding: it removes every CRLF followed by one space.
func unfold(s string) string {
	return strings.ReplaceAll(s, "\r\n ", "")
}

func TestFold(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []string // physical lines without CRLF
	}{
		{
			name: "short line stays whole",
			line: "SUMMARY:Koffieochtend",
			want: []string{"SUMMARY:Koffieochtend"},
		},
		{
			name: "exactly 75 octets stays whole",
			line: strings.Repeat("a", 75),
			want: []string{strings.Repeat("a", 75)},
		},
		{
			name: "76 ASCII octets fold after 75",
			line: strings.Repeat("a", 75) + "b",
			want: []string{strings.Repeat("a", 75), " b"},
		},
		{
			name: "continuation holds 74 octets after its space",
			line: strings.Repeat("a", 75) + strings.Repeat("b", 74) + "c",
			want: []string{strings.Repeat("a", 75), " " + strings.Repeat("b", 74), " c"},
		},
		{
			// é is 2 octets; at 74+2 it would straddle octet 75.
			name: "two-octet character straddling octet 75 moves down",
			line: strings.Repeat("a", 74) + "é" + "z",
			want: []string{strings.Repeat("a", 74), " éz"},
		},
		{
			// € is 3 octets: 73 + 3 = 76.
			name: "three-octet character straddling octet 75 moves down",
			line: strings.Repeat("a", 73) + "€",
			want: []string{strings.Repeat("a", 73), " €"},
		},
		{
			// 🎉 is 4 octets: 72 + 4 = 76.
			name: "four-octet character straddling octet 75 moves down",
			line: strings.Repeat("a", 72) + "🎉",
			want: []string{strings.Repeat("a", 72), " 🎉"},
		},
		{
			name: "character ending exactly at octet 75 stays",
			line: strings.Repeat("a", 73) + "é" + "z",
			want: []string{strings.Repeat("a", 73) + "é", " z"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := fold(nil, []byte(tt.line))
			got := physicalLines(t, out)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("fold(%q)\n got %q\nwant %q", tt.line, got, tt.want)
			}
			if u := unfold(string(out)); u != tt.line+"\r\n" {
				t.Errorf("unfolded %q, want %q", u, tt.line)
			}
		})
	}
}

func TestFoldVeryLongLine(t *testing.T) {
	// A long Dutch description mixing one-, two- and three-octet
	// characters, so folds land on every kind of boundary.
	line := "DESCRIPTION:" + strings.Repeat("Café ‘De Linde’ — koffie, thee & één koekje. ", 200)
	out := fold(nil, []byte(line))
	checkFolded(t, out)
	if got := unfold(string(out)); got != line+"\r\n" {
		t.Errorf("unfolding does not give the line back")
	}
	lines := physicalLines(t, out)
	if len(lines) < 100 {
		t.Errorf("a %d-octet line folded into only %d lines", len(line), len(lines))
	}
	for i, l := range lines[1:] {
		if !strings.HasPrefix(l, " ") {
			t.Errorf("continuation line %d does not start with one space: %q", i+1, l)
		}
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Koffieochtend", "Koffieochtend"},
		{`C:\map`, `C:\\map`},
		{"thee; koffie", `thee\; koffie`},
		{"thee, koffie", `thee\, koffie`},
		{"regel 1\nregel 2", `regel 1\nregel 2`},
		{"regel 1\r\nregel 2", `regel 1\nregel 2`},
		{"regel 1\rregel 2", `regel 1\nregel 2`},
		{"tab\there", "tab\there"},
		{"bel\x07 en nul\x00", "bel en nul"},
		{`"aanhalingstekens" en: dubbele punt`, `"aanhalingstekens" en: dubbele punt`},
		{"ongeldig \xff", "ongeldig \uFFFD"},
		{`\,;`, `\\\,\;`},
		{"café één", "café één"},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParamValue(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Europe/Amsterdam", "Europe/Amsterdam"},
		{"Etc/GMT+1", "Etc/GMT+1"},
		{"a:b", `"a:b"`},
		{"a;b", `"a;b"`},
		{`a"b`, "ab"},
	}
	for _, tt := range tests {
		if got := paramValue(tt.in); got != tt.want {
			t.Errorf("paramValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// unescapeText undoes escapeText for the round-trip fuzz test.
func unescapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == 'n' || s[i] == 'N' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// sanitize is what a TEXT value can carry of s: valid UTF-8, line breaks as
// LF, no control characters but tab and LF.
func sanitize(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

func FuzzTextLine(f *testing.F) {
	for _, s := range []string{
		"Koffieochtend",
		"Kom gezellig koffie drinken; iedereen is welkom, ook met kinderen.",
		strings.Repeat("é", 80),
		strings.Repeat("a€", 60),
		"regel\r\nregel\rregel\n",
		`\\;,:"`,
		"\xff\xfe",
		strings.Repeat("🎉", 40),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		lw := &lineWriter{w: &buf}
		lw.text("DESCRIPTION", s)
		if lw.err != nil {
			t.Fatal(lw.err)
		}
		checkFolded(t, buf.Bytes())
		value, ok := strings.CutPrefix(strings.TrimSuffix(unfold(buf.String()), "\r\n"), "DESCRIPTION:")
		if !ok {
			t.Fatalf("line does not start with its name: %q", buf.String())
		}
		if got, want := unescapeText(value), sanitize(s); got != want {
			t.Errorf("round trip of %q gave %q, want %q", s, got, want)
		}
	})
}
