package content

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"krachtpunt/generator/internal/decode"
	"krachtpunt/generator/internal/diag"
)

// Term is one audience or category of the site: the spellings of the
// activities that name it, taken together by slug, as file names are
// ("Kinderen" and "kinderen " are the term "kinderen").
type Term struct {
	Slug string
	// Name is the spelling most of its activities use; among spellings
	// used as often, the one of the first activity.
	Name       string
	Activities []*Activity // in the order of the site, each once
	Uses       []TermUse   // every place the term is written, in the order of the site
}

// TermUse is one place an activity names a term.
type TermUse struct {
	Activity *Activity
	Name     string   // as written
	Pos      diag.Pos // where it is written in the front matter
}

// Terms groups the terms that of gives for each activity by slug, and
// returns them sorted by slug. Terms without letters or digits, which have
// no slug, are left out.
func Terms(acts []*Activity, of func(*Activity) ([]string, []diag.Pos)) []*Term {
	bySlug := map[string]*Term{}
	slugs := map[string]string{} // Slugify of each name written, worked out once
	for _, a := range acts {
		names, pos := of(a)
		for i, name := range names {
			slug, ok := slugs[name]
			if !ok {
				slug = Slugify(name)
				slugs[name] = slug
			}
			if slug == "" {
				continue
			}
			t := bySlug[slug]
			if t == nil {
				t = &Term{Slug: slug}
				bySlug[slug] = t
			}
			var p diag.Pos
			if i < len(pos) {
				p = pos[i]
			}
			t.Uses = append(t.Uses, TermUse{Activity: a, Name: strings.TrimSpace(name), Pos: p})
			if n := len(t.Activities); n == 0 || t.Activities[n-1] != a { // the names of a come one after another
				t.Activities = append(t.Activities, a)
			}
		}
	}
	out := make([]*Term, 0, len(bySlug))
	for _, t := range bySlug {
		t.Name = commonName(t.Uses)
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b *Term) int { return strings.Compare(a.Slug, b.Slug) })
	return out
}

// commonName returns the spelling written most often, the first of those
// written as often.
func commonName(uses []TermUse) string {
	count := map[string]int{}
	best := ""
	for _, u := range uses {
		count[u.Name]++
		if count[u.Name] > count[best] {
			best = u.Name
		}
	}
	return best
}

// Audiences returns the activity's audience as written, with the position
// of each; for Terms.
func Audiences(a *Activity) ([]string, []diag.Pos) { return a.Audience, a.AudiencePos }

// Categories returns the activity's categories as written, with the
// position of each; for Terms.
func Categories(a *Activity) ([]string, []diag.Pos) { return a.Categories, a.CategoryPos }

// Variant is a term written on only one activity that looks like another
// term: probably the same word, spelt differently.
type Variant struct {
	Use  TermUse // where the odd spelling is written
	Term *Term   // the term it looks like
}

// Variants returns the terms that are probably misspellings of another,
// sorted by file and position. A term is one when it is written on only
// one activity, and another term, on at least two other activities, is
// near it: the slugs differ in one letter in four at most, and in one at
// least ("kinderren" and "kinderen"), or they are the same word once a
// Dutch "-en" ending is left out and doubled vowels are made single
// ("koken" and "kook"). Two terms each used once are both left alone:
// nothing tells which of them is meant.
func Variants(terms []*Term) []Variant {
	var out []Variant
	for _, t := range terms {
		if len(t.Activities) != 1 {
			continue
		}
		var cands []*Term
		for _, o := range terms {
			if o != t && len(o.Activities) >= 2 && !slices.Contains(o.Activities, t.Activities[0]) {
				cands = append(cands, o)
			}
		}
		near := nearTerm(t.Slug, cands)
		if near == nil {
			continue
		}
		for _, u := range t.Uses {
			out = append(out, Variant{Use: u, Term: near})
		}
	}
	slices.SortStableFunc(out, func(a, b Variant) int {
		return cmp.Or(strings.Compare(a.Use.Pos.File, b.Use.Pos.File), cmp.Compare(a.Use.Pos.Line, b.Use.Pos.Line), cmp.Compare(a.Use.Pos.Col, b.Use.Pos.Col))
	})
	return out
}

// nearTerm returns the candidate that slug is probably a misspelling of,
// or nil. diag.Closest finds the nearest slug; it counts here only when
// one letter in four differs at most, which keeps words of their own
// ("ouders" and "ouderen") apart.
func nearTerm(slug string, cands []*Term) *Term {
	slugs := make([]string, len(cands))
	for i, c := range cands {
		slugs[i] = c.Slug
	}
	if c := diag.Closest(slug, slugs); c != "" && levenshtein.ComputeDistance(slug, c) <= max(1, utf8.RuneCountInString(slug)/4) {
		return cands[slices.Index(slugs, c)]
	}
	s := stem(slug)
	for _, c := range cands {
		if stem(c.Slug) == s {
			return c
		}
	}
	return nil
}

// stem returns a slug without a Dutch "-en" ending and with doubled vowels
// single, so that the forms of one word meet: "koken" and "kook" give
// "kok", "bomen" and "boom" give "bom".
func stem(slug string) string {
	if s, ok := strings.CutSuffix(slug, "en"); ok && utf8.RuneCountInString(s) >= 3 {
		slug = s
	}
	for _, v := range []string{"aa", "ee", "oo", "uu"} {
		slug = strings.ReplaceAll(slug, v, v[:1])
	}
	return slug
}

// listPos returns where each entry of the list of texts f is written: the
// key's line and the entries after it, each found after the one before;
// the position of the value when an entry cannot be found as written
// (with escapes, or between single quotes).
func listPos(t *decode.Table, text string, f decode.Field, values []string) []diag.Pos {
	if len(values) == 0 {
		return nil
	}
	key := t.Pos(t.KeyName(f))
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	out := make([]diag.Pos, len(values))
	line, col := key.Line, key.Col // search from here: 1-based line, 1-based byte column
	for i, v := range values {
		out[i] = key
		quoted := `"` + v + `"`
		for ln := line; ln >= 1 && ln <= len(lines) && ln <= key.Line+50; ln++ {
			from := 0
			if ln == line && col > 1 {
				from = min(byteIndex(lines[ln-1], col-1), len(lines[ln-1]))
			}
			idx := strings.Index(lines[ln-1][from:], quoted)
			if idx < 0 {
				continue
			}
			idx += from
			out[i] = diag.Pos{File: key.File, Line: ln, Col: utf8.RuneCountInString(lines[ln-1][:idx+1]) + 1}
			line, col = ln, out[i].Col+utf8.RuneCountInString(v)
			break
		}
	}
	return out
}

// byteIndex returns the byte offset of rune n (from 0) of s.
func byteIndex(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
