package scaffold

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/rhysd/actionlint"
)

// TestHostingFilesLint writes the files of every host in both languages and
// checks each with a reader that is not ours: the workflows with actionlint,
// the TOML files with a TOML parser and the keys each host reads.
func TestHostingFilesLint(t *testing.T) {
	for host := range Hosts {
		for _, lang := range []string{"nl", "en"} {
			t.Run(host+"-"+lang, func(t *testing.T) {
				dir := t.TempDir()
				os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module krachtpunt\n\ngo 1.26.0\n"), 0o644)
				paths, err := Hosting(dir, host, "Buurthuis De Vlinder", lang)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range paths {
					b, err := os.ReadFile(p)
					if err != nil {
						t.Fatal(err)
					}
					switch {
					case strings.HasSuffix(p, ".yml"):
						l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
						if err != nil {
							t.Fatal(err)
						}
						errs, err := l.Lint(p, b, nil)
						if err != nil {
							t.Fatal(err)
						}
						for _, e := range errs {
							t.Errorf("%s:%d:%d: %s", filepath.Base(p), e.Line, e.Column, e.Message)
						}
						if !strings.Contains(string(b), "schedule:\n    - cron: \"17 3 * * *\"") {
							t.Errorf("%s has no daily rebuild", p)
						}
					case strings.HasSuffix(p, ".toml"):
						var m map[string]any
						if _, err := toml.Decode(string(b), &m); err != nil {
							t.Fatalf("%s: %v", p, err)
						}
						checkHostTOML(t, host, m)
					}
				}
				if _, err := Hosting(dir, host, "x", lang); !errors.Is(err, ErrExists) {
					t.Errorf("writing %s twice: %v, want ErrExists", host, err)
				}
			})
		}
	}
}

func checkHostTOML(t *testing.T, host string, m map[string]any) {
	t.Helper()
	switch host {
	case "netlify":
		b, _ := m["build"].(map[string]any)
		env, _ := b["environment"].(map[string]any)
		if b["command"] != "go run ./generator build" || b["publish"] != "public" || env["GO_VERSION"] != "1.26" {
			t.Errorf("netlify.toml: %v", m)
		}
	case "cloudflare":
		if m["pages_build_output_dir"] != "public" || m["name"] != "buurthuis-de-vlinder" {
			t.Errorf("wrangler.toml: %v", m)
		}
	}
}
