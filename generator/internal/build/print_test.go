package build

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// chromium returns the path of a headless Chromium, skipping the test when
// there is none, except in CI. It prefers Chromium's old headless shell
// (Debian's chromium-headless-shell): the same engine lays out, draws and
// prints the pages, for about half the processor time of the full browser
// run headless (measured on 61 pages of the generated site with the light
// checks: 66 against 38 CPU-s, the same findings). CI installs it and must
// use it.
func chromium(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("chromium-headless-shell"); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium-headless-shell: .ci/run installs it (apt-get install chromium-headless-shell)")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium: install it (apt-get install chromium-headless-shell, or chromium) to run the browser checks")
	return ""
}

// serveMemory serves a built site over HTTP, as a static host would, and
// lets the browser keep what it fetched (the site does not change while it
// is served), so that pages sharing a style sheet or photo fetch it once.
func serveMemory(t *testing.T, m *Memory) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := m.Files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "max-age=3600")
		switch {
		case strings.HasSuffix(p, ".css"):
			w.Header().Set("Content-Type", "text/css")
		case strings.HasSuffix(p, ".html"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestWeekPagesPrintOnOneA4 prints every week page of the example centre
// in headless Chromium, on A4 as the print dialog does: the sheet volunteers
// hang on the door must come out as one page, nothing sticking out of it.
func TestWeekPagesPrintOnOneA4(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	out := buildExample(t, "2026-11-25")
	var weeks []string
	for _, p := range out.Paths() {
		if strings.HasPrefix(p, "agenda/week/") && strings.HasSuffix(p, "/index.html") && !strings.HasSuffix(p, "/poster/index.html") {
			weeks = append(weeks, p)
		}
	}
	if len(weeks) < 12 {
		t.Errorf("only %d week pages to print", len(weeks))
	}
	wrong := printPosters(t, out, "", weeks, func(string) string { return "" })
	for _, p := range slices.Sorted(mapKeys(wrong)) {
		t.Errorf("%s: %s", p, strings.Join(wrong[p], "; "))
	}
}
