package ical

import (
	"io"
	"strings"
	"unicode/utf8"
)

// maxLineOctets is the longest a physical content line may be, not counting
// its CRLF (RFC 5545, section 3.1).
const maxLineOctets = 75

// lineWriter writes content lines: it folds them at 75 octets, ends them with
// CRLF and keeps the first write error, so the encoder can write on and check
// once at the end.
type lineWriter struct {
	w   io.Writer
	buf []byte // the unfolded line being built
	out []byte // the folded line, reused between lines
	err error
}

// line writes one content line, name and value already formatted: "name:value".
func (lw *lineWriter) line(name, value string) {
	lw.buf = lw.buf[:0]
	lw.buf = append(lw.buf, name...)
	lw.buf = append(lw.buf, ':')
	lw.buf = append(lw.buf, value...)
	lw.flush()
}

// text writes a content line whose value is TEXT, escaping it.
func (lw *lineWriter) text(name, value string) {
	lw.buf = lw.buf[:0]
	lw.buf = append(lw.buf, name...)
	lw.buf = append(lw.buf, ':')
	lw.buf = appendText(lw.buf, value)
	lw.flush()
}

// raw writes lines already folded.
func (lw *lineWriter) raw(lines []byte) {
	if lw.err == nil {
		_, lw.err = lw.w.Write(lines)
	}
}

// flush folds the line in lw.buf and writes it.
func (lw *lineWriter) flush() {
	if lw.err != nil {
		return
	}
	lw.out = fold(lw.out[:0], lw.buf)
	_, lw.err = lw.w.Write(lw.out)
}

// fold appends line to dst, folded so that no physical line is longer than
// 75 octets, each ending in CRLF. A fold never splits a UTF-8 sequence: it
// goes back to the start of the character that would straddle the limit.
// Continuation lines start with one space, which counts toward their length.
func fold(dst, line []byte) []byte {
	limit := maxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		if cut == 0 {
			// Cannot happen with valid UTF-8 (a character is at most 4
			// octets), but never loop forever on bad input.
			cut = limit
		}
		dst = append(dst, line[:cut]...)
		dst = append(dst, '\r', '\n', ' ')
		line = line[cut:]
		limit = maxLineOctets - 1
	}
	dst = append(dst, line...)
	return append(dst, '\r', '\n')
}

// appendText appends s escaped as an iCalendar TEXT value (RFC 5545, section
// 3.3.11): backslash, semicolon and comma get a backslash, a line break
// (CRLF, LF or CR) becomes \n. Other control characters, which TEXT may not
// hold, are dropped, except the tab; invalid UTF-8 becomes U+FFFD.
func appendText(dst []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == ';' || c == ',':
			dst = append(dst, '\\', c)
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			dst = append(dst, '\\', 'n')
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\t':
			dst = append(dst, c)
		case c < 0x20 || c == 0x7f:
			// Dropped: not allowed in TEXT.
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// escapeText returns s escaped as an iCalendar TEXT value.
func escapeText(s string) string {
	return string(appendText(nil, s))
}

// paramValue returns s as a parameter value, quoted when it holds a colon,
// semicolon or comma (RFC 5545, section 3.2). Double quotes and control
// characters cannot appear in a parameter value at all and are dropped.
func paramValue(s string) string {
	var b strings.Builder
	quote := false
	for _, r := range s {
		switch {
		case r == '"' || r < 0x20 || r == 0x7f:
			continue
		case r == ':' || r == ';' || r == ',':
			quote = true
		}
		b.WriteRune(r)
	}
	if quote {
		return `"` + b.String() + `"`
	}
	return b.String()
}
