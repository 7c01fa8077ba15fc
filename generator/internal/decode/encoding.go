package decode

import (
	"bytes"
	"path"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"krachtpunt/generator/internal/diag"
)

// Text returns the contents of file as text. Volunteers' files must be
// UTF-8; a UTF-8 byte order mark is dropped. A file saved as UTF-16, in an
// old character set such as Windows-1252, or as a word processor's document
// is reported, saying how to save it as UTF-8; ok is false then. The file
// itself is never changed.
func Text(file string, data []byte, diags *diag.List) (text string, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	save := saveHint(path.Base(file))
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}), utf16Like(data):
		diags.Errorf(diag.Pos{File: file}, "utf-16",
			diag.T("dit bestand is opgeslagen als UTF-16 (Unicode); Krachtpunt leest alleen UTF-8", "this file is saved as UTF-16 (Unicode); Krachtpunt only reads UTF-8"), save)
		return "", false
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		diags.Errorf(diag.Pos{File: file}, "word-document",
			diag.T("dit is een Word-document, geen platte tekst", "this is a Word document, not plain text"), save)
		return "", false
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		diags.Errorf(diag.Pos{File: file}, "rtf",
			diag.T("dit is opgemaakte tekst (RTF, uit WordPad of TextEdit), geen platte tekst", "this is formatted text (RTF, from WordPad or TextEdit), not plain text"), save)
		return "", false
	case bytes.IndexByte(data, 0) >= 0:
		diags.Errorf(diag.Pos{File: file}, "not-text",
			diag.T("dit bestand is geen tekstbestand", "this file is not a text file"), save)
		return "", false
	}
	if utf8.Valid(data) {
		return string(data), true
	}
	i := 0
	for i < len(data) {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		i += n
	}
	lineStart := bytes.LastIndexByte(data[:i], '\n') + 1
	pos := diag.Pos{File: file, Line: bytes.Count(data[:i], []byte("\n")) + 1, Col: utf8.RuneCount(data[lineStart:i]) + 1}
	guess, _ := charmap.Windows1252.NewDecoder().Bytes(data[i : i+1])
	diags.Errorf(pos, "not-utf-8",
		diag.T("dit bestand is niet als UTF-8 opgeslagen, maar in een oude tekenset (Windows-1252); het teken hier is waarschijnlijk %q",
			"this file is not saved as UTF-8 but in an old character set (Windows-1252); the character here is probably %q", string(guess)), save)
	return "", false
}

func saveHint(name string) diag.Text {
	return diag.T("Sla het bestand op als UTF-8. Kladblok: Bestand > Opslaan als, kies bij Codering: UTF-8. Word: Opslaan als > Platte tekst, kies Unicode (UTF-8) en noem het bestand weer %s.",
		"Save the file as UTF-8. Notepad: File > Save as, choose Encoding: UTF-8. Word: Save as > Plain Text, choose Unicode (UTF-8) and name the file %s again.", name)
}

// utf16Like reports text saved as UTF-16 without a byte order mark: a zero
// byte next to most of the (ASCII) characters.
func utf16Like(data []byte) bool {
	n := min(len(data), 512) &^ 1
	if n < 4 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return even*2 > half || odd*2 > half
}

// Decode returns the text of data, leniently: UTF-8, UTF-16 with a byte
// order mark or without, or else Windows-1252. It is for reading what a
// file probably says (such as the site's language) when Text refused it.
func Decode(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || (utf16Like(data) && len(data) > 1 && data[1] == 0):
		return fromUTF16(bytes.TrimPrefix(data, []byte{0xFF, 0xFE}), func(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 })
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || utf16Like(data):
		return fromUTF16(bytes.TrimPrefix(data, []byte{0xFE, 0xFF}), func(b []byte) uint16 { return uint16(b[1]) | uint16(b[0])<<8 })
	case utf8.Valid(data):
		return string(data)
	}
	s, _ := charmap.Windows1252.NewDecoder().Bytes(data)
	return string(s)
}

func fromUTF16(data []byte, unit func([]byte) uint16) string {
	units := make([]uint16, 0, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		units = append(units, unit(data[i:]))
	}
	return string(utf16.Decode(units))
}
