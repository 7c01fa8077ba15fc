package diag

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// Closest returns the candidate nearest to word by edit distance, ignoring case,
// or "" when none is near enough to be a likely typo (about a third of the
// word's letters differ at most, and at least one).
func Closest(word string, candidates []string) string {
	w := strings.ToLower(word)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := levenshtein.ComputeDistance(w, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(1, (len([]rune(w))+1)/3)
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}
