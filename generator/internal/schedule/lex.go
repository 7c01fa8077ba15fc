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
	tokDate                    // three digit groups joined by '-', '/' or '.': "2026-12-12", "12/10/2026"; or the placeholder "YYYY-MM-DD"
	tokDash                    // '-', en dash, em dash
	tokOther                   // any other character
)

// token is one lexeme with its 1-based rune column in the input.
type token struct {
	kind tokenKind
	text string // as written
	low  string // lower case, for matching words
	col  int    // 1-based rune column
	off  int    // byte offset in the input
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
	toks := make([]token, 0, len(s)/4+1)
	col := 1
	var i int
	emit := func(kind tokenKind, text string) {
		toks = append(toks, token{kind: kind, text: text, low: strings.ToLower(text), col: col, off: i})
		col += utf8.RuneCountInString(text)
	}
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSeparator(r):
			col++
		case isPlaceholder(s[i:]):
			emit(tokDate, s[i:i+len(placeholder)])
			toks[len(toks)-1].low = placeholder
			size = len(placeholder)
		case (r == '\'' || r == '\u2019') && i+size < len(s) && (s[i+size] == 's' || s[i+size] == 'S') &&
			(i+size+1 == len(s) || !isWordRune(rune(s[i+size+1]))):
			// "'s ochtends", "’s avonds": the Dutch article belongs to the
			// next word; it is one token so that the parser sees it.
			emit(tokWord, s[i:i+size+1])
			toks[len(toks)-1].low = "'s"
			size++
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

// placeholder is the date a suggestion leaves for the volunteer to fill in;
// Dutch messages show it as "JJJJ-MM-DD".
const placeholder = "yyyy-mm-dd"

func isPlaceholder(s string) bool {
	if len(s) < len(placeholder) {
		return false
	}
	w := strings.ToLower(s[:len(placeholder)])
	if w != placeholder && w != "jjjj-mm-dd" {
		return false
	}
	if len(s) > len(placeholder) {
		r, _ := utf8.DecodeRuneInString(s[len(placeholder):])
		return !isWordRune(r) && !unicode.IsDigit(r)
	}
	return true
}

// lexNumeric scans a token that starts with a digit at s[i] and returns its
// kind and end. "10:00", "9.30" and "12u30" are times, three digit groups
// joined by dashes or slashes ("2026-12-12", "12/10/2026") or by dots with a
// year at the end ("12.10.2026") are dates (checked later), digits followed
// by letters are words ("1st", "3e", "10u", "2pm"), anything else is a
// number.
func lexNumeric(s string, i int) (tokenKind, int) {
	j := skipDigits(s, i)
	switch {
	case j+2 < len(s) && (s[j] == 'u' || s[j] == 'h' || s[j] == 'U' || s[j] == 'H') && isDigit(s[j+1]) && isDigit(s[j+2]) &&
		(j+3 == len(s) || !isDigit(s[j+3]) && !unicode.IsLetter(rune(s[j+3]))):
		// "12u30", "10h15": hours and minutes with the Dutch or French
		// hour letter between them.
		return tokTime, j + 3
	case j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]):
		k := skipDigits(s, j+1)
		if k+1 < len(s) && s[k] == '.' && isDigit(s[k+1]) {
			if e := skipDigits(s, k+1); e-k-1 == 4 {
				return tokDate, e
			}
		}
		fallthrough
	case j+1 < len(s) && s[j] == ':' && isDigit(s[j+1]):
		k := skipDigits(s, j+1)
		// Seconds ("10:00:00") stay part of the token so that it is
		// reported as one bad time.
		for k+1 < len(s) && (s[k] == ':' || s[k] == '.') && isDigit(s[k+1]) {
			k = skipDigits(s, k+1)
		}
		return tokTime, k
	case j+1 < len(s) && (s[j] == '-' || s[j] == '/') && isDigit(s[j+1]):
		k := skipDigits(s, j+1)
		if k+1 < len(s) && s[k] == s[j] && isDigit(s[k+1]) {
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
