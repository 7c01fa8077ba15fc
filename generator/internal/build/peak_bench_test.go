package build

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/sitegen"
)

// The peak memory of a one-off build is measured in a process of its own,
// so that nothing the benchmark made before (the generated site) counts:
// BenchmarkGeneratedSitePeak runs this test binary again with
// peakSiteEnv set, and TestPeakMemoryChild, in that process, builds the
// site into an empty folder as `krachtpunt build` does and prints what it
// used.
const (
	peakSiteEnv = "KRACHTPUNT_PEAK_SITE" // the site folder to build
	peakOutEnv  = "KRACHTPUNT_PEAK_OUT"  // the output folder
	// With peakProfileEnv set to a file name, the child writes to it the
	// heap profile of the moment its live heap was largest.
	peakProfileEnv = "KRACHTPUNT_PEAK_HEAPPROFILE"
)

// BenchmarkGeneratedSitePeak reports the peak resident memory (the
// kernel's VmHWM), the largest live heap and the CPU time of one build of
// the generated sites into an empty folder, each in a fresh process.
func BenchmarkGeneratedSitePeak(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := generatedSite(b, n)
			var rss, heap, user, sys float64
			runs := 0
			for b.Loop() {
				out := filepath.Join(b.TempDir(), "public")
				cmd := exec.Command(os.Args[0], "-test.run=^TestPeakMemoryChild$", "-test.count=1")
				cmd.Env = append(os.Environ(), peakSiteEnv+"="+dir, peakOutEnv+"="+out)
				cmd.Stderr = os.Stderr
				stdout, err := cmd.Output()
				if err != nil {
					b.Fatalf("building in a process of its own: %v\n%s", err, stdout)
				}
				m := peakFigures(b, stdout)
				rss += m["rss-MB"]
				heap += m["heap-MB"]
				if st, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					user += time.Duration(st.Utime.Nano()).Seconds()
					sys += time.Duration(st.Stime.Nano()).Seconds()
				}
				runs++
				if err := os.RemoveAll(out); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(rss/float64(runs), "peak-RSS-MB")
			b.ReportMetric(heap/float64(runs), "peak-heap-MB")
			b.ReportMetric(user/float64(runs), "user-s")
			b.ReportMetric(sys/float64(runs), "sys-s")
		})
	}
}

// peakFigures reads the "name value" lines the child printed.
func peakFigures(b *testing.B, stdout []byte) map[string]float64 {
	m := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(stdout))
	for sc.Scan() {
		name, value, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "peak: "), " ")
		if !ok || !strings.HasPrefix(sc.Text(), "peak: ") {
			continue
		}
		f, err := strconv.ParseFloat(value, 64)
		if err != nil {
			b.Fatalf("reading %q: %v", sc.Text(), err)
		}
		m[name] = f
	}
	if m["rss-MB"] == 0 {
		b.Fatalf("the build process printed no figures:\n%s", stdout)
	}
	return m
}

// TestPeakMemoryChild is the process BenchmarkGeneratedSitePeak starts; it
// does nothing in an ordinary test run.
func TestPeakMemoryChild(t *testing.T) {
	dir, out := os.Getenv(peakSiteEnv), os.Getenv(peakOutEnv)
	if dir == "" || out == "" {
		t.Skip("run by BenchmarkGeneratedSitePeak")
	}
	defer LimitMemory()() // as `krachtpunt build` does
	w := watchHeap(os.Getenv(peakProfileEnv))
	today, err := schedule.ParseDate(sitegen.Today)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := buildIntoFolder(context.Background(), dir, out, today); err != nil {
		t.Fatal(err)
	}
	heap := w.stop()
	if err := w.err; err != nil {
		t.Fatal(err)
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status on this system")
	}
	var rss float64
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err != nil {
				t.Fatalf("reading %q: %v", line, err)
			}
			rss = kb / 1024
		}
	}
	fmt.Printf("peak: rss-MB %.1f\npeak: heap-MB %.1f\n", rss, float64(heap)/(1<<20))
}

// heapWatch samples the live heap (as of the last collection) while a
// build runs, and keeps the largest; with a file name it writes the heap
// profile of that moment there.
type heapWatch struct {
	done chan struct{}
	wg   sync.WaitGroup
	max  uint64
	err  error
}

func watchHeap(profile string) *heapWatch {
	w := &heapWatch{done: make(chan struct{})}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		written := uint64(0)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			live := sample[0].Value.Uint64()
			w.max = max(w.max, live)
			if profile != "" && live > written+written/20 {
				written = live
				var buf bytes.Buffer
				if err := pprof.Lookup("heap").WriteTo(&buf, 0); err != nil {
					w.err = err
				} else if err := os.WriteFile(profile, buf.Bytes(), 0o644); err != nil {
					w.err = err
				}
			}
			select {
			case <-w.done:
				return
			case <-tick.C:
			}
		}
	}()
	return w
}

func (w *heapWatch) stop() uint64 {
	close(w.done)
	w.wg.Wait()
	return w.max
}
