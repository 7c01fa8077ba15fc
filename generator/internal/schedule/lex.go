package schedule

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind classifies the tokens of a when phrase or an hours value.
type tokenKind int

const (
	tokWord   tokenKind = iota // letters, "t/m", ordinals such as "1st"
	tokNumber                  // a run of digits
	tokTime                    // digits, ':' or '.', digits: "10:00", "9.30"
	tokDate                    // three digit groups joined by '-': "2026-12-12"
	tokDash                    // '-', en dash, em dash
	tokOther                   // any other character
)

// token is one lexeme with its 1-based rune column in the input.
type token struct {
	kind tokenKind
	text string // as written
	low  string // lower case, for matching words
	col  int
}

// isDash reports whether r joins two times: hyphen, en dash, em dash and
// the typographic hyphens.
func isDash(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return true
	}
	return false
}

// isSeparator reports whether r only separates tokens. Commas and
// semicolons carry no meaning in a phrase: "monday, thursday" lists days
// and "10:00-12:00, from ..." starts a clause either way.
func isSeparator(r rune) bool {
	return unicode.IsSpace(r) || r == ',' || r == ';'
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || r == '\'' || r == '\u2019' }

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// lex splits s into tokens. It never fails: characters it does not know
// become tokOther tokens, which the parser reports with their column.
func lex(s string) []token {
	var toks []token
	col := 1
	emit := func(kind tokenKind, text string) {
		toks = append(toks, token{kind: kind, text: text, low: strings.ToLower(text), col: col})
		col += utf8.RuneCountInString(text)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSeparator(r):
			col++
		case isDash(r):
			emit(tokDash, s[i:i+size])
			toks[len(toks)-1].low = "-"
		case isDigit(s[i]):
			kind, end := lexNumeric(s, i)
			emit(kind, s[i:end])
			size = end - i
		case unicode.IsLetter(r) || r == '&':
			end := i + size
			for end < len(s) {
				r2, n := utf8.DecodeRuneInString(s[end:])
				// "t/m": a slash between letters belongs to the word.
				if isWordRune(r2) || (r2 == '/' && end+1 < len(s) && unicode.IsLetter(rune(s[end+1]))) {
					end += n
					continue
				}
				break
			}
			if r == '&' {
				end = i + 1
			}
			emit(tokWord, s[i:end])
			size = end - i
		default:
			emit(tokOther, s[i:i+size])
		}
		i += size
	}
	return toks
}

// lexNumeric scans a token that starts with a digit at s[i] and returns its
// kind and end. "10:00" and "9.30" are times, digit groups joined by two
// dashes are dates (checked later), digits followed by letters are ordinals
// ("1st", "3e"), anything else is a number.
func lexNumeric(s string, i int) (tokenKind, int) {
	j := skipDigits(s, i)
	switch {
	case j+1 < len(s) && (s[j] == ':' || s[j] == '.') && isDigit(s[j+1]):
		k := skipDigits(s, j+1)
		// Seconds ("10:00:00") stay part of the token so that it is
		// reported as one bad time.
		for k+1 < len(s) && (s[k] == ':' || s[k] == '.') && isDigit(s[k+1]) {
			k = skipDigits(s, k+1)
		}
		return tokTime, k
	case j+1 < len(s) && s[j] == '-' && isDigit(s[j+1]):
		k := skipDigits(s, j+1)
		if k+1 < len(s) && s[k] == '-' && isDigit(s[k+1]) {
			return tokDate, skipDigits(s, k+1)
		}
	case j < len(s):
		r, _ := utf8.DecodeRuneInString(s[j:])
		if unicode.IsLetter(r) {
			end := j
			for end < len(s) {
				r, n := utf8.DecodeRuneInString(s[end:])
				if !unicode.IsLetter(r) {
					break
				}
				end += n
			}
			return tokWord, end
		}
	}
	return tokNumber, j
}

func skipDigits(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}
