package outdir

import (
	"context"
	"os"
	"testing"
	"time"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/sitegen"
)

// writeSite writes the files of a site into the folder dir; it uses the
// built-in theme.
func writeSite(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	if err := sitegen.Write(dir, files); err != nil {
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
	if _, err := build.Build(ctx, build.Options{Site: os.DirFS(site), Today: today, Now: time.Now(), Out: build.WriteFiles(d)}); err != nil {
		return err
	}
	return d.Commit(ctx)
}
