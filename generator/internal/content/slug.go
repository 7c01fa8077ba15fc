package content

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// fold returns a transformer that removes accents: "café" -> "cafe",
// "Één" -> "Een". A chain keeps state, so every call gets its own.
func fold() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// Slugify turns a name into a slug: lower case ASCII letters, digits and
// single dashes, accents folded ("Creatief Café!" -> "creatief-cafe").
func Slugify(name string) string {
	folded := name
	if !ascii(name) { // plain ASCII has no accents to fold
		f, _, err := transform.String(fold(), name)
		if err == nil {
			folded = f
		}
	}
	var b strings.Builder
	b.Grow(len(folded))
	dash := false
	for _, r := range strings.ToLower(folded) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

// ascii reports whether s is plain ASCII.
func ascii(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// ValidSlug reports whether s is already a slug.
func ValidSlug(s string) bool { return s != "" && Slugify(s) == s }
