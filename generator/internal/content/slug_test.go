package content

import (
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/transform"
)

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"koffieochtend":       "koffieochtend",
		"Creatief Café!":      "creatief-cafe",
		"Één keer koken":      "een-keer-koken",
		"naïef":               "naief",
		"  --a__b--  ":        "a-b",
		"Über uns":            "uber-uns",
		"2026 jaarverslag":    "2026-jaarverslag",
		"€":                   "",
		"crème brûlée":        "creme-brulee",
		"Repair café (Noord)": "repair-cafe-noord",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSlugifyConcurrently guards against sharing a transformer between
// goroutines: content files are parsed in parallel.
func TestSlugifyConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 500 {
				if got := Slugify("Creatief Café"); got != "creatief-cafe" {
					t.Errorf("got %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"koffieochtend", "café", "creatief-café", "Über uns", "", "-", "a--b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slugify(s)
		if got != "" && !ValidSlug(got) {
			t.Fatalf("Slugify(%q) = %q is not a valid slug", s, got)
		}
		if Slugify(got) != got {
			t.Fatalf("Slugify is not idempotent on %q", got)
		}
	})
}

// FuzzSlugifyFoldsOnlyWhatNeedsIt compares Slugify with folding every
// name, plain ASCII ones too, before slugging it: the result is the same.
func FuzzSlugifyFoldsOnlyWhatNeedsIt(f *testing.F) {
	for _, s := range []string{"Creatief Café!", "Koffie-ochtend 2", "  --a--b  ", "Één", "naïeve ŉ", "ÀB\u0301c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slugify(s)
		folded, _, err := transform.String(fold(), s)
		if err != nil {
			folded = s
		}
		var want strings.Builder
		dash := false
		for _, r := range strings.ToLower(folded) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				if dash && want.Len() > 0 {
					want.WriteByte('-')
				}
				dash = false
				want.WriteRune(r)
			} else {
				dash = true
			}
		}
		if got != want.String() {
			t.Fatalf("Slugify(%q) = %q, want %q", s, got, want.String())
		}
	})
}

func BenchmarkSlugify(b *testing.B) {
	for _, name := range []string{"Koffieochtend voor buurtbewoners", "Creatief Café"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Slugify(name)
			}
		})
	}
}
