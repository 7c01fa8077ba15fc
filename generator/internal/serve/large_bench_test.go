package serve_test

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/serve"
	"krachtpunt/generator/internal/sitegen"
)

// The benchmarks below run the preview on the generated site of about
// 10,000 pages (sitegen.Pages: 5,000 activities, 5,000 stories, a 12-week
// calendar) with the real builder and file watching, as `serve` does.
// Run them one at a time, so that the memory figures are the preview's
// (-largepages sets another size):
//
//	go test ./generator/internal/serve -run '^$' -bench LargeSite/ready
//	go test ./generator/internal/serve -run '^$' -bench LargeSite/edit -benchtime 30x
//	go test ./generator/internal/serve -run '^$' -bench LargeSite/memory

var (
	largePages = flag.Int("largepages", 10000, "about how many pages the site of BenchmarkLargeSite has")
	quiet      = 1500 * time.Millisecond // longer than serve.Options.Release
)

// preview is a running preview of a site folder.
type preview struct {
	url      string
	events   chan serve.EventKind
	ready    time.Duration // from the start to the first build served
	failed   atomic.Value  // the error of the last build that failed
	problems int           // builds that showed problems while waiting for a page
	stop     func()
}

// startPreview starts serve.Run on dir with a Builder, as cmdServe does,
// and waits until it serves the first build.
func startPreview(b *testing.B, dir string, port int) *preview {
	b.Helper()
	today, err := schedule.ParseDate(sitegen.Today)
	if err != nil {
		b.Fatal(err)
	}
	planned := serve.Planned(build.NewPreviewBuilder(os.DirFS(dir), nil), today, io.Discard)
	p := &preview{events: make(chan serve.EventKind, 64)}
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		done <- serve.Run(ctx, serve.Options{
			SiteDir: dir, Watch: []string{"site.toml", "content", "themes/default"}, Port: port,
			Build: func(ctx context.Context, changed []string) (serve.Result, error) {
				res, err := planned(ctx, changed)
				if err != nil {
					p.failed.Store(err.Error())
				}
				return res, err
			},
			OnReady: func(url string) { ready <- url },
			OnEvent: func(k serve.EventKind) {
				select {
				case p.events <- k:
				default:
				}
			},
		})
	}()
	select {
	case p.url = <-ready:
	case err := <-done:
		b.Fatalf("the preview stopped: %v", err)
	}
	p.ready = time.Since(start)
	p.stop = func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	}
	return p
}

// get returns the page at path of the preview.
func (p *preview) get(path string) ([]byte, error) {
	resp, err := http.Get(strings.TrimSuffix(p.url, "/") + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s: %s", path, resp.Status)
	}
	return body, err
}

// edit is a file the benchmarks change again and again, and the page that
// shows it.
type edit struct {
	name, file, page string
}

var (
	storyEdit    = edit{"story", "content/stories/verhaal-00007.md", "/verhalen/verhaal-00007/"}
	activityEdit = edit{"activity", "content/activities/activiteit-00006.md", "/activiteiten/activiteit-00006/"}
	whenLine     = regexp.MustCompile(`(?m)^(when|wanneer) = .*$`)
)

// save writes version i of the file of e: a story with another closing
// sentence, an activity with another end time and closing sentence. The
// page shows the sentence once the edit is on it.
func save(b *testing.B, dir string, e edit, orig []byte, i int) []byte {
	b.Helper()
	mark := fmt.Sprintf("Bewerking %d.", i)
	data := bytes.Clone(orig)
	if e.name == "activity" {
		data = whenLine.ReplaceAll(data, []byte(`$1 = "every tuesday 10:00-`+[]string{"12:00", "12:30"}[i%2]+`"`))
	}
	data = append(data, "\n"+mark+"\n"...)
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(e.file)), data, 0o644); err != nil {
		b.Fatal(err)
	}
	return []byte(mark)
}

// waitForPage waits for the next build to be served and returns when the
// page shows mark.
func (p *preview) waitForPage(b *testing.B, page string, mark []byte) {
	b.Helper()
	deadline := time.After(5 * time.Minute) // a guard against a hang, not a target
	for {
		select {
		case k := <-p.events:
			if k == serve.EventProblems {
				// The watcher may see the file half written (truncated
				// and not yet filled); the next build mends it.
				p.problems++
				continue
			}
		case <-deadline:
			b.Fatalf("%s did not show %q within 5 minutes (last problem: %v)", page, mark, p.failed.Load())
		}
		body, err := p.get(page)
		if err != nil {
			b.Fatal(err)
		}
		if bytes.Contains(body, mark) {
			return
		}
	}
}

// procStatus returns the fields of /proc/self/status in MB: VmRSS (memory
// in use now) and VmHWM (the most in use since the start, or since the
// last resetPeak).
func procStatus() (rss, hwm float64, ok bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, _ := strings.Cut(sc.Text(), ":")
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 64)
		switch {
		case err != nil:
		case name == "VmRSS":
			rss = kb / 1024
		case name == "VmHWM":
			hwm = kb / 1024
		}
	}
	return rss, hwm, rss > 0
}

// resetPeak gives memory back to the system and starts VmHWM anew, so that
// what the benchmark made before (the generated site) is not counted.
func resetPeak() {
	runtime.GC()
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

func heapMB() float64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// BenchmarkLargeSite measures the preview of the 10,000-page site:
//   - ready: from the start until the first build is served;
//   - edit/story, edit/activity: from saving a file until the page, fetched
//     over HTTP, shows the change (p50 and p90 as metrics);
//   - memory: the memory of the process when the preview is ready and after
//     200 edits, alternating a story and an activity: at once, and after
//     the quiet time in which the preview gives memory back (-quiet).
func BenchmarkLargeSite(b *testing.B) {
	dir := b.TempDir()
	if err := sitegen.Write(dir, sitegen.Pages(*largePages)); err != nil {
		b.Fatal(err)
	}
	b.Run("ready", func(b *testing.B) {
		var took []time.Duration
		for b.Loop() {
			p := startPreview(b, dir, 21700)
			took = append(took, p.ready)
			b.StopTimer()
			p.stop()
			b.StartTimer()
		}
		reportQuantiles(b, took)
	})
	b.Run("edit", func(b *testing.B) {
		p := startPreview(b, dir, 21720)
		defer p.stop()
		for _, e := range []edit{storyEdit, activityEdit} {
			b.Run(e.name, func(b *testing.B) {
				orig, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(e.file)))
				if err != nil {
					b.Fatal(err)
				}
				defer os.WriteFile(filepath.Join(dir, filepath.FromSlash(e.file)), orig, 0o644)
				var took []time.Duration
				cpu0 := cpuTime()
				for i := 0; b.Loop(); i++ {
					start := time.Now()
					mark := save(b, dir, e, orig, i)
					p.waitForPage(b, e.page, mark)
					took = append(took, time.Since(start))
				}
				if cpu := cpuTime() - cpu0; cpu > 0 && len(took) > 0 {
					// What the edits cost the process (user and system),
					// which load on the machine changes less than p50.
					b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(took)), "cpu-ms/edit")
				}
				reportQuantiles(b, took)
				b.ReportMetric(float64(p.problems), "half-saved-builds")
			})
		}
	})
	b.Run("memory", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			resetPeak()
			b.StartTimer()
			p := startPreview(b, dir, 21740)
			runtime.GC()
			rss0, hwm0, ok := procStatus()
			heap0 := heapMB()
			time.Sleep(quiet)
			rss0q, _, _ := procStatus()
			var origs [2][]byte
			for k, e := range []edit{storyEdit, activityEdit} {
				var err error
				if origs[k], err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(e.file))); err != nil {
					b.Fatal(err)
				}
			}
			for i := range 200 {
				e := []edit{storyEdit, activityEdit}[i%2]
				p.waitForPage(b, e.page, save(b, dir, e, origs[i%2], i))
			}
			runtime.GC()
			rss1, hwm1, _ := procStatus()
			heap1 := heapMB()
			time.Sleep(quiet)
			rss1q, _, _ := procStatus()
			p.stop()
			for k, e := range []edit{storyEdit, activityEdit} {
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(e.file)), origs[k], 0o644); err != nil {
					b.Fatal(err)
				}
			}
			if ok {
				b.ReportMetric(rss0, "rss-ready-MB")
				b.ReportMetric(hwm0, "peak-ready-MB")
				b.ReportMetric(rss1, "rss-200-edits-MB")
				b.ReportMetric(hwm1, "peak-200-edits-MB")
				b.ReportMetric(rss0q, "rss-ready-quiet-MB")
				b.ReportMetric(rss1q, "rss-200-edits-quiet-MB")
			}
			b.ReportMetric(float64(p.problems), "half-saved-builds")
			b.ReportMetric(heap0, "heap-ready-MB")
			b.ReportMetric(heap1, "heap-200-edits-MB")
		}
	})
}

// reportQuantiles reports the median and the 90th percentile of took in
// milliseconds.
func reportQuantiles(b *testing.B, took []time.Duration) {
	if len(took) == 0 {
		return
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*9/10].Microseconds())/1000, "p90-ms")
}
