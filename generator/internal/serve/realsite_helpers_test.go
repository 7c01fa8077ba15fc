package serve_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/serve"
)

// realPreview is serve.Run over a site folder with the builder of
// `krachtpunt serve` (serve.Planned).
type realPreview struct {
	url     string
	builder *build.Builder
	stdout  *lockedBuffer
	done    chan error
	cancel  context.CancelFunc
	t       testing.TB
	once    sync.Once
	err     error
}

// stop stops the preview and returns what Run returned.
func (p *realPreview) stop() error {
	p.once.Do(func() {
		p.cancel()
		select {
		case p.err = <-p.done:
		case <-time.After(30 * time.Second):
			p.t.Error("the preview did not stop")
		}
	})
	return p.err
}

// lockedBuffer is a bytes.Buffer the preview writes while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startReal starts the preview of dir and waits until it is ready; it
// stops when the test ends.
func startReal(t testing.TB, dir string, today schedule.Date, edit ...func(*serve.Options)) *realPreview {
	t.Helper()
	p := &realPreview{builder: build.NewPreviewBuilder(os.DirFS(dir), nil), stdout: &lockedBuffer{}, done: make(chan error, 1), t: t}
	ready := make(chan string, 1)
	o := serve.Options{
		SiteDir: dir, Watch: []string{"site.toml", "content", "themes"}, Port: 24313,
		Build:   serve.Planned(p.builder, today, p.stdout),
		Stdout:  p.stdout,
		OnReady: func(url string) { ready <- url },
	}
	for _, e := range edit {
		e(&o)
	}
	var ctx context.Context
	ctx, p.cancel = context.WithCancel(context.Background())
	go func() { p.done <- serve.Run(ctx, o) }()
	t.Cleanup(func() { p.stop() })
	select {
	case p.url = <-ready:
	case err := <-p.done:
		t.Fatal(err)
	case <-time.After(60 * time.Second):
		t.Fatal("the preview did not start")
	}
	return p
}

// fetch returns the status and body of a path of the preview.
func (p *realPreview) fetch(path string) (int, []byte) {
	p.t.Helper()
	resp, err := http.Get(p.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.StatusCode, body
}

// get returns the body of a path of the preview.
func (p *realPreview) get(path string) string {
	p.t.Helper()
	_, body := p.fetch(path)
	return string(body)
}

// writeFile writes a file of the site folder dir.
func writeFile(t testing.TB, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
