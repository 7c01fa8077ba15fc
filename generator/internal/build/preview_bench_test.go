package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkPreviewEdit measures what the preview does after one save on
// the generated sites, without the file watcher and HTTP: plan the site
// again and make the page of the file saved.
func BenchmarkPreviewEdit(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := generatedSite(b, n)
			today := benchToday(b)
			bl := NewPreviewBuilder(os.DirFS(dir), nil)
			if _, _, err := bl.Plan(ctx, nil, today); err != nil {
				b.Fatal(err)
			}
			for _, tc := range []struct{ name, file, page string }{
				{"story", "content/stories/verhaal-00007.md", "verhalen/verhaal-00007/index.html"},
				{"activity", "content/activities/activiteit-00006.md", "activiteiten/activiteit-00006/index.html"},
			} {
				b.Run(tc.name, func(b *testing.B) {
					p := filepath.Join(dir, filepath.FromSlash(tc.file))
					orig, err := os.ReadFile(p)
					if err != nil {
						b.Fatal(err)
					}
					defer os.WriteFile(p, orig, 0o644)
					b.ReportAllocs()
					cpu0, n := cpuTime(), 0
					for i := 0; b.Loop(); i++ {
						n++
						if err := os.WriteFile(p, benchEdit(tc.file, orig, i), 0o644); err != nil {
							b.Fatal(err)
						}
						pv, _, err := bl.Plan(ctx, []string{tc.file}, today)
						if err != nil {
							b.Fatal(err)
						}
						if _, err := pv.Render(ctx, tc.page); err != nil {
							b.Fatal(err)
						}
					}
					if cpu := cpuTime() - cpu0; cpu > 0 && n > 0 {
						// User and system time, garbage collection included,
						// which load on the machine changes less than ns/op.
						b.ReportMetric(float64(cpu.Microseconds())/1000/float64(n), "cpu-ms/op")
					}
				})
			}
		})
	}
}
