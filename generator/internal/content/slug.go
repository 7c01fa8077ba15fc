package content

import (
	"strings"
	"unicode"

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
	if !ascii(name) { // ASCII has no accents to fold
		var err error
		if folded, _, err = transform.String(fold(), name); err != nil {
			folded = name
		}
	}
	var b strings.Builder
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

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// ValidSlug reports whether s is already a slug.
func ValidSlug(s string) bool { return s != "" && Slugify(s) == s }
