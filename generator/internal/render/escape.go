package render

import "strings"

// The small pieces a calendar shows by the hundred thousand (an
// occurrence's list item) are written by hand when the theme's partial
// layout is the built-in one (see Theme.Builtin), with the escaping
// html/template gives a string in the same place, byte for byte.

// AppendText appends s as html/template writes a string in HTML text or
// in a quoted attribute value that is not a URL.
func AppendText(b []byte, s string) []byte {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var repl string
		switch c {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b = append(b, s[written:i]...)
		b = append(b, repl...)
		written = i + 1
	}
	return append(b, s[written:]...)
}

// textIn appends before, s as AppendText writes it, and after: a value
// in the text or a quoted attribute of a hand-written layout.
func textIn(b []byte, before, s, after string) []byte {
	b = append(b, before...)
	b = AppendText(b, s)
	return append(b, after...)
}

// urlIn appends before, s as AppendURL writes it, and after.
func urlIn(b []byte, before, s, after string) []byte {
	b = append(b, before...)
	b = AppendURL(b, s)
	return append(b, after...)
}

// EscapeText returns s as AppendText writes it.
func EscapeText(s string) string {
	if !strings.ContainsAny(s, "\x00\"&'+<>") {
		return s
	}
	return string(AppendText(nil, s))
}

// AppendURL appends s as html/template writes a string that is the whole
// value of a quoted URL attribute such as href: a link with a scheme other
// than http, https or mailto becomes "#ZgotmplZ", bytes a URL may not hold
// are percent-encoded, and what is left is escaped for the attribute.
func AppendURL(b []byte, s string) []byte {
	if !safeURL(s) {
		return append(b, "#ZgotmplZ"...)
	}
	return AppendTypedURL(b, s)
}

// AppendTypedURL appends s as html/template writes a template.URL that is
// the whole value of a quoted URL attribute: as AppendURL, but trusted
// with any scheme (webcal:, tel:).
func AppendTypedURL(b []byte, s string) []byte {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$*,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '&' || c == '+': // kept in the URL, escaped for the attribute
			b = append(b, s[written:i]...)
			if c == '&' {
				b = append(b, "&amp;"...)
			} else {
				b = append(b, "&#43;"...)
			}
			written = i + 1
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		b = append(b, s[written:i]...)
		b = append(b, '%', lowerHex[c>>4], lowerHex[c&15])
		written = i + 1
	}
	return append(b, s[written:]...)
}

// EscapeURL returns s as AppendURL writes it.
func EscapeURL(s string) string { return string(AppendURL(nil, s)) }

const lowerHex = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// safeURL reports whether s is a relative link or one with the scheme
// http, https or mailto, as html/template's URL filter does.
func safeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}
