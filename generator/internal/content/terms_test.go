package content

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"krachtpunt/generator/internal/diag"
)

// acts returns activities named a, b, c, ... with the audiences given.
func acts(audiences ...[]string) []*Activity {
	out := make([]*Activity, len(audiences))
	for i, a := range audiences {
		out[i] = &Activity{Slug: string(rune('a' + i)), Audience: a}
	}
	return out
}

func summary(terms []*Term) string {
	var parts []string
	for _, t := range terms {
		var slugs []string
		for _, a := range t.Activities {
			slugs = append(slugs, a.Slug)
		}
		parts = append(parts, fmt.Sprintf("%s=%q:%s", t.Slug, t.Name, strings.Join(slugs, ",")))
	}
	return strings.Join(parts, " ")
}

// TestTerms groups spellings of terms by slug, as file names are slugged,
// and names each by the spelling most activities use.
func TestTerms(t *testing.T) {
	for _, c := range []struct {
		name string
		acts []*Activity
		want string
	}{
		{"case and spaces", acts([]string{"Kinderen"}, []string{"kinderen "}, []string{" kinderen"}),
			`kinderen="kinderen":a,b,c`},
		{"accents and signs", acts([]string{"Café-bezoekers"}, []string{"cafe bezoekers"}, []string{"café bezoekers!"}),
			`cafe-bezoekers="Café-bezoekers":a,b,c`},
		{"first spelling of a tie", acts([]string{"Ouderen"}, []string{"ouderen"}),
			`ouderen="Ouderen":a,b`},
		{"same term twice on one activity", acts([]string{"kinderen", "Kinderen"}, []string{"ouders"}),
			`kinderen="kinderen":a ouders="ouders":b`},
		{"sorted by slug", acts([]string{"volwassenen", "55-plussers"}, []string{"Iedereen"}),
			`55-plussers="55-plussers":a iedereen="Iedereen":b volwassenen="volwassenen":a`},
		{"no letters or digits", acts([]string{"!!", " "}, []string{"—"}), ``},
		{"none", acts(nil, nil), ``},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := summary(Terms(c.acts, Audiences)); got != c.want {
				t.Errorf("Terms = %s\nwant    %s", got, c.want)
			}
		})
	}
}

// TestVariants warns about a term on one activity that looks like a term
// of at least two others, in Dutch and English, and leaves words of their
// own alone.
func TestVariants(t *testing.T) {
	four := [][]string{{"kinderen"}, {"Kinderen"}, {"kinderen"}, {"kinderen"}}
	for _, c := range []struct {
		name string
		acts []*Activity
		want string // "written->term" of each variant
	}{
		{"doubled letter", acts(append(four, []string{"kinderren"})...), "kinderren->kinderen"},
		{"missing letter", acts([]string{"ouderen"}, []string{"ouderen"}, []string{"oudren"}), "oudren->ouderen"},
		{"verb and stem", acts([]string{"koken "}, []string{"koken"}, []string{"kook"}), "kook->koken"},
		{"english", acts([]string{"children"}, []string{"Children"}, []string{"chidlren"}), "chidlren->children"},
		{"words of their own", acts([]string{"ouderen"}, []string{"ouderen"}, []string{"ouders"}), ""},
		{"only one of each", acts([]string{"kinderen"}, []string{"kinderren"}), ""},
		{"two of the odd spelling", acts(append(four, []string{"kinderren"}, []string{"kinderren"})...), ""},
		{"both on one activity", acts([]string{"kinderen", "kinderren"}, []string{"kinderen"}, []string{"kinderen"}), ""},
		{"far apart", acts([]string{"iedereen"}, []string{"iedereen"}, []string{"ieder kind"}), ""},
		{"short words", acts([]string{"spel"}, []string{"spel"}, []string{"tuin"}), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, v := range Variants(Terms(c.acts, Audiences)) {
				got = append(got, v.Use.Name+"->"+v.Term.Name)
			}
			if s := strings.Join(got, " "); s != c.want {
				t.Errorf("Variants = %q, want %q", s, c.want)
			}
		})
	}
}

// TestTermsRandom writes random spellings of a few words on random
// activities and checks what must hold for every site: one term per slug,
// each activity once under each of its terms, a name one of its spellings,
// and variants only of terms on one activity, pointing to a term on more.
func TestTermsRandom(t *testing.T) {
	words := []string{"kinderen", "ouderen", "ouders", "koken", "kook", "Café", "55-plussers", "iedereen", "kinderren", "nieuwkomers"}
	respell := func(r *rand.Rand, w string) string {
		switch r.IntN(5) {
		case 0:
			return strings.ToUpper(w[:1]) + w[1:]
		case 1:
			return " " + w + " "
		case 2:
			return strings.ReplaceAll(strings.ToLower(w), "é", "e")
		case 3:
			return strings.ToUpper(w)
		}
		return w
	}
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 12))
		var as []*Activity
		for i := range 1 + r.IntN(12) {
			var aud []string
			for range r.IntN(4) {
				aud = append(aud, respell(r, words[r.IntN(len(words))]))
			}
			as = append(as, &Activity{Slug: fmt.Sprintf("a%02d", i), Audience: aud})
		}
		terms := Terms(as, Audiences)
		if !slices.IsSortedFunc(terms, func(a, b *Term) int { return strings.Compare(a.Slug, b.Slug) }) {
			t.Fatalf("seed %d: terms not sorted by slug: %s", seed, summary(terms))
		}
		for i, term := range terms {
			if i > 0 && terms[i-1].Slug == term.Slug {
				t.Fatalf("seed %d: slug %q twice", seed, term.Slug)
			}
			if Slugify(term.Name) != term.Slug || !slices.ContainsFunc(term.Uses, func(u TermUse) bool { return u.Name == term.Name }) {
				t.Fatalf("seed %d: term %q named %q", seed, term.Slug, term.Name)
			}
		}
		for _, a := range as {
			for _, name := range a.Audience {
				i := slices.IndexFunc(terms, func(term *Term) bool { return term.Slug == Slugify(name) })
				if i < 0 {
					t.Fatalf("seed %d: %q of %s in no term", seed, name, a.Slug)
				}
				if n := len(slices.DeleteFunc(slices.Clone(terms[i].Activities), func(b *Activity) bool { return b != a })); n != 1 {
					t.Fatalf("seed %d: %s is %d times under %q", seed, a.Slug, n, terms[i].Slug)
				}
			}
		}
		for _, v := range Variants(terms) {
			odd := terms[slices.IndexFunc(terms, func(term *Term) bool { return term.Slug == Slugify(v.Use.Name) })]
			if len(odd.Activities) != 1 || len(v.Term.Activities) < 2 || v.Term == odd || slices.Contains(v.Term.Activities, odd.Activities[0]) {
				t.Fatalf("seed %d: variant %q -> %q: %s", seed, v.Use.Name, v.Term.Name, summary(terms))
			}
		}
	}
}

// TestTermPositions finds each audience and category where it is written,
// one a line or several on one, also a term written twice.
func TestTermPositions(t *testing.T) {
	const file = "content/activities/club.md"
	text := "+++\n" +
		"title = \"Club\"\n" +
		"when = \"elke woensdag 14:00-16:00\"\n" +
		"doelgroep = [\"kinderen\", \"ouders\", \"kinderen\"]\n" +
		"categories = [\n" +
		"  \"spel\",\n" +
		"  \"knutselen \", # met lijm\n" +
		"]\n" +
		"+++\n"
	var diags diag.List
	a := parseActivity(file, "club", text, nil, &diags)
	if a == nil || len(diags) > 0 {
		t.Fatalf("parse: %s", diags.Format("en"))
	}
	got := func(ps []diag.Pos) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.String())
		}
		return out
	}
	want := []string{file + ":4:15", file + ":4:27", file + ":4:37"}
	if g := got(a.AudiencePos); !slices.Equal(g, want) {
		t.Errorf("audience at %v, want %v", g, want)
	}
	want = []string{file + ":6:4", file + ":7:4"}
	if g := got(a.CategoryPos); !slices.Equal(g, want) {
		t.Errorf("categories at %v, want %v", g, want)
	}
}
