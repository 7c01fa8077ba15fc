package outdir

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/sitegen"
)

// repoRoot is the folder with go.mod, for the default theme.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test folder")
		}
		dir = parent
	}
}

// writeSite writes files and the repository's themes into the folder dir.
func writeSite(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	if err := sitegen.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "themes"), os.DirFS(filepath.Join(repoRoot(t), "themes"))); err != nil {
		t.Fatal(err)
	}
}

var today, _ = schedule.ParseDate("2026-11-25")

// buildInto builds the site folder site into out as `build` does, letting
// prepare adjust the Dir first.
func buildInto(ctx context.Context, site, out string, prepare func(*Dir)) error {
	d, err := Open(ctx, out, Options{})
	if err != nil {
		return err
	}
	defer d.Abort()
	if prepare != nil {
		prepare(d)
	}
	if _, err := build.Build(ctx, build.Options{Site: os.DirFS(site), Today: today, Now: time.Now(), Out: d}); err != nil {
		return err
	}
	return d.Commit(ctx)
}
