package outdir

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckRefusesTheSite(t *testing.T) {
	site := t.TempDir()
	for _, out := range []string{site, filepath.Dir(site), filepath.Join(site, "content"), filepath.Join(site, "content", "x"), filepath.Join(site, "themes", "default")} {
		if err := Check(site, out); err == nil {
			t.Errorf("Check(%s) = nil, want refusal", out)
		}
	}
	for _, out := range []string{filepath.Join(site, "public"), filepath.Join(t.TempDir(), "www"), t.TempDir()} {
		if err := Check(site, out); err != nil {
			t.Errorf("Check(%s) = %v, want nil", out, err)
		}
	}
	// A folder of someone's own files is never replaced; an earlier build is.
	docs := t.TempDir()
	if err := os.WriteFile(filepath.Join(docs, "brief.txt"), []byte("mijn brief"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Check(site, docs); err == nil || !strings.Contains(err.Error(), "did not make") {
		t.Errorf("Check(folder with a letter) = %v, want a refusal", err)
	}
}

// TestCheckAcceptsEarlierBuilds builds a site twice into its public/: the
// lock file next to public/ is in neither build and Check accepts both.
func TestCheckAcceptsEarlierBuilds(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, map[string][]byte{
		"site.toml":                    []byte("title = \"De Linde\"\n"),
		"content/activities/koffie.md": []byte("+++\ntitle = \"Koffie\"\nwhen = \"elke dinsdag 10:00-12:00\"\n+++\n"),
	})
	out := filepath.Join(site, "public")
	for i := range 2 {
		if err := Check(site, out); err != nil {
			t.Fatalf("Check before build %d: %v", i+1, err)
		}
		if err := buildInto(context.Background(), site, out, nil); err != nil {
			t.Fatal(err)
		}
		for p := range files(t, out) {
			if strings.Contains(p, "krachtpunt") {
				t.Errorf("build %d published %s", i+1, p)
			}
		}
		onlyOutputIn(t, site, out)
	}
}

// onlyOutputIn checks that the site folder holds its own files, the output
// folder, the lock file, the manifest and the retained site with its
// record, and nothing else.
func onlyOutputIn(t *testing.T, site, out string) {
	t.Helper()
	entries, err := os.ReadDir(site)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch e.Name() {
		case "site.toml", "content", "themes", filepath.Base(out), lockPrefix + filepath.Base(out), manifestPrefix + filepath.Base(out),
			retainedPrefix + filepath.Base(out), retainedRecPrefix + filepath.Base(out):
		default:
			t.Errorf("left in the site folder: %s", e.Name())
		}
	}
}
