package content

import (
	"sync"
	"testing"
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
