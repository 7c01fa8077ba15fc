package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
)

// wait is how long a test waits for something that should happen soon. It is
// generous because the tests share a small machine; it is never a measurement.
const wait = 30 * time.Second

// testDebounce is longer than the default so that a slow, busy machine does
// not split what a test writes at once into two batches. Tests set the
// longest wait to wait for the same reason; TestWatcherMaxWait tests it.
const testDebounce = 400 * time.Millisecond

// testSite is a site folder on disk.
type testSite struct {
	t   testing.TB
	dir string
}

func newTestSite(t testing.TB) *testSite {
	s := &testSite{t: t, dir: t.TempDir()}
	s.write("site.toml", "title = \"De Linde\"\n")
	s.write("content/_index.md", "Welkom bij De Linde\n")
	s.write("content/koffie.md", "Koffie op dinsdag\n")
	s.write("themes/default/style.css", "body { color: black }\n")
	return s
}

func (s *testSite) abs(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

func (s *testSite) write(rel, text string) {
	s.t.Helper()
	if err := os.MkdirAll(filepath.Dir(s.abs(rel)), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(s.abs(rel), []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *testSite) remove(rel string) {
	s.t.Helper()
	if err := os.RemoveAll(s.abs(rel)); err != nil {
		s.t.Fatal(err)
	}
}

func (s *testSite) rename(from, to string) {
	s.t.Helper()
	if err := os.Rename(s.abs(from), s.abs(to)); err != nil {
		s.t.Fatal(err)
	}
}

func (s *testSite) mkdirAll(rel string) {
	s.t.Helper()
	if err := os.MkdirAll(s.abs(rel), 0o755); err != nil {
		s.t.Fatal(err)
	}
}

// fakeBuilder builds a site from the files on disk: content/x.md becomes
// x/index.html (content/_index.md the home page), the theme's files are
// copied. A file holding the word BROKEN makes the build fail with a
// diag.List that points at it. It records the changed paths of every call.
type fakeBuilder struct {
	dir string
	// hold, when set, is called at the start of every build with its number
	// (from 1); a build that hold returns false for waits for its ctx.
	hold func(n int) bool

	mu    sync.Mutex
	calls [][]string
}

func (b *fakeBuilder) Build(ctx context.Context, changed []string) (Result, error) {
	b.mu.Lock()
	b.calls = append(b.calls, slices.Clone(changed))
	n := len(b.calls)
	b.mu.Unlock()
	if b.hold != nil && !b.hold(n) {
		<-ctx.Done()
		return Result{Lang: "nl"}, ctx.Err()
	}

	files := make(map[string][]byte)
	var problems diag.List
	err := filepath.WalkDir(b.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(b.dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if content.Ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if i := bytes.Index(data, []byte("BROKEN")); i >= 0 {
			line := 1 + bytes.Count(data[:i], []byte("\n"))
			col := 1 + i - (bytes.LastIndexByte(data[:i], '\n') + 1)
			problems.Errorf(diag.Pos{File: rel, Line: line, Col: col}, "broken",
				diag.T("het woord %q hoort hier niet", "the word %q does not belong here", "BROKEN"),
				diag.T("haal het weg", "remove it"))
		}
		switch {
		case rel == "content/_index.md":
			files["index.html"] = page(data)
		case strings.HasPrefix(rel, "content/") && strings.HasSuffix(rel, ".md"):
			files[strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md")+"/index.html"] = page(data)
		case strings.HasPrefix(rel, "themes/default/"):
			files[strings.TrimPrefix(rel, "themes/default/")] = data
		}
		return nil
	})
	if err != nil {
		return Result{Lang: "nl"}, fmt.Errorf("building: %w", err)
	}
	if err := problems.Err(); err != nil {
		return Result{Lang: "nl"}, fmt.Errorf("building: %w", err)
	}
	return Result{Files: files, Lang: "nl"}, nil
}

func page(text []byte) []byte {
	return []byte(`<!doctype html><html><head><link rel="stylesheet" href="/style.css"></head><body><p>` + string(bytes.TrimSpace(text)) + "</p></body></html>\n")
}

// count returns the number of builds so far.
func (b *fakeBuilder) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.calls)
}

// call returns the changed paths of build number n (from 1).
func (b *fakeBuilder) call(n int) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.calls[n-1]
}

// sseEvent is one Server-Sent Event as a browser sees it.
type sseEvent struct {
	name, data string
}

// openEvents connects to the event stream of the preview at base, like a
// page does, and delivers its events until the stream ends, when the
// channel is closed.
func openEvents(t testing.TB, base string) <-chan sseEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(base, "/")+eventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("event stream: %s, Content-Type %q", resp.Status, resp.Header.Get("Content-Type"))
	}
	ch := make(chan sseEvent, 64)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					ch <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

// nextEvent waits for the next event on ch and fails unless it is named want.
func nextEvent(t testing.TB, ch <-chan sseEvent, want EventKind) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatalf("event stream ended while waiting for %q", want)
		}
		if ev.name != string(want) {
			t.Fatalf("got event %q (%s), want %q", ev.name, ev.data, want)
		}
		return ev
	case <-time.After(wait):
		t.Fatalf("no %q event", want)
	}
	return sseEvent{}
}

// syncBuffer is a bytes.Buffer safe for the writes of Run and the reads of a test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// preview is a running Run for a test.
type preview struct {
	url     string
	builder *fakeBuilder
	stdout  *syncBuffer
	log     *syncBuffer
	cancel  context.CancelFunc
	done    chan error
}

// startPreview runs the preview of site until the test ends. edit may change
// the options first.
func startPreview(t testing.TB, site *testSite, edit func(*Options)) *preview {
	t.Helper()
	p := &preview{builder: &fakeBuilder{dir: site.dir}, stdout: &syncBuffer{}, log: &syncBuffer{}, done: make(chan error, 1)}
	ready := make(chan string, 1)
	o := Options{
		SiteDir:  site.dir,
		Watch:    []string{"site.toml", "content", "themes/default"},
		Port:     freePort(t),
		Build:    p.builder.Build,
		Debounce: testDebounce,
		MaxWait:  wait,
		Logger:   slog.New(slog.NewTextHandler(p.log, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Stdout:   p.stdout,
		OnReady:  func(url string) { ready <- url },
	}
	if edit != nil {
		edit(&o)
	}
	var ctx context.Context
	ctx, p.cancel = context.WithCancel(context.Background())
	go func() { p.done <- Run(ctx, o) }()
	t.Cleanup(func() {
		p.cancel()
		select {
		case <-p.done:
		case <-time.After(wait):
			t.Error("Run did not return after its context was cancelled")
		}
		if t.Failed() {
			t.Logf("output:\n%s\nlog:\n%s", p.stdout, p.log)
		}
	})
	select {
	case p.url = <-ready:
	case err := <-p.done:
		t.Fatalf("Run returned early: %v", err)
	case <-time.After(wait):
		t.Fatal("the preview did not start")
	}
	return p
}

// get fetches a path of the preview and returns its status and body.
func (p *preview) get(t testing.TB, urlPath string) (int, string) {
	t.Helper()
	resp, err := http.Get(strings.TrimSuffix(p.url, "/") + urlPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b.String()
}

// freePort returns a port on 127.0.0.1 that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// burstNames returns n file names in content/ for a burst of writes.
func burstNames(n int) []string {
	var out []string
	for i := range n {
		out = append(out, path.Join("content", fmt.Sprintf("burst-%03d.md", i)))
	}
	return out
}

// paths describes a list of paths for a failure message, shortly when long.
func paths(p []string) string {
	if len(p) <= 6 {
		return fmt.Sprint(p)
	}
	return fmt.Sprintf("[%s %s %s ... %s] (%d paths)", p[0], p[1], p[2], p[len(p)-1], len(p))
}
