package serve_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/serve"
	"krachtpunt/generator/internal/sitegen"
)

// BenchmarkSaveToReloadRealSite measures, on a generated site of about 1,000 pages
// served by the real builder, the time from saving a file to the moment the
// open pages are told to reload: file watching, debounce, incremental build
// and the event. It reports the median and the 99th percentile.
func BenchmarkSaveToReloadRealSite(b *testing.B) {
	for _, tc := range []struct{ name, file, a, c string }{
		{"story", "content/stories/verhaal-00007.md",
			"+++\ntitle = \"Verhaal 7\"\ndate = 2026-08-08\nconsent = true\n+++\nEen nieuwe zin.\n",
			"+++\ntitle = \"Verhaal 7\"\ndate = 2026-08-08\nconsent = true\n+++\nNog een nieuwe zin.\n"},
		{"activity", "content/activities/activiteit-00006.md",
			"+++\ntitle = \"Activiteit 6\"\nwhen = \"elke zondag 10:00-12:00\"\n+++\nNieuw.\n",
			"+++\ntitle = \"Activiteit 6\"\nwhen = \"elke zondag 10:00-12:30\"\n+++\nNieuw.\n"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			dir := b.TempDir()
			if err := sitegen.Write(dir, sitegen.Site(900)); err != nil {
				b.Fatal(err)
			}
			today, _ := schedule.ParseDate("2026-11-25")
			_, res, err := build.NewPreviewBuilder(os.DirFS(dir), nil).Plan(context.Background(), nil, today)
			if err != nil {
				b.Fatal(err)
			}
			pages := res.Pages
			planned := serve.Planned(build.NewPreviewBuilder(os.DirFS(dir), nil), today, io.Discard)
			events := make(chan serve.EventKind, 16)
			ready := make(chan string, 1)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				done <- serve.Run(ctx, serve.Options{
					SiteDir: dir, Watch: []string{"site.toml", "content", "themes/default"}, Port: 21313,
					Build: func(ctx context.Context, changed []string) (serve.Result, error) {
						return planned(ctx, changed)
					},
					OnReady: func(url string) { ready <- url },
					OnEvent: func(k serve.EventKind) { events <- k },
				})
			}()
			select {
			case <-ready:
			case err := <-done:
				b.Fatal(err)
			}
			if pages < 1000 {
				b.Fatalf("only %d pages", pages)
			}
			var took []time.Duration
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				src := tc.a
				if i%2 == 1 {
					src = tc.c
				}
				start := time.Now()
				if err := os.WriteFile(filepath.Join(dir, tc.file), []byte(src), 0o644); err != nil {
					b.Fatal(err)
				}
				select {
				case k := <-events:
					if k != serve.EventReload {
						b.Fatalf("event %q, want reload", k)
					}
				case <-time.After(10 * time.Second):
					b.Fatal("no reload within 10 s")
				}
				took = append(took, time.Since(start))
			}
			b.StopTimer()
			cancel()
			<-done
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
