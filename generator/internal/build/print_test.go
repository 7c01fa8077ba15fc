package build

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// chromium returns the path of a headless Chromium, skipping the test when
// there is none, except in CI.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium: install it (apt-get install chromium) to run the print test"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// serveMemory serves a built site over HTTP, as a static host would.
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

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestWeekPagesPrintOnOneA4 prints every week page of the example centre
// with Chromium and counts the pages of the PDF: the sheet volunteers hang
// on the door must fit on one A4.
func TestWeekPagesPrintOnOneA4(t *testing.T) {
	browser := chromium(t)
	out := buildExample(t, "2026-11-25")
	srv := serveMemory(t, out)
	dir := t.TempDir()
	n := 0
	for _, p := range out.Paths() {
		if !strings.HasPrefix(p, "agenda/week/") || !strings.HasSuffix(p, "/index.html") {
			continue
		}
		n++
		pdf := filepath.Join(dir, strings.ReplaceAll(p, "/", "_")+".pdf")
		cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir="+filepath.Join(dir, "profile"), "--no-pdf-header-footer",
			"--print-to-pdf="+pdf, srv.URL+"/"+strings.TrimSuffix(p, "index.html"))
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("printing %s: %v\n%s", p, err, msg)
		}
		data, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatal(err)
		}
		if pages := len(pdfPage.FindAll(data, -1)); pages != 1 {
			t.Errorf("%s prints on %d pages, want 1", p, pages)
		}
	}
	if n < 12 {
		t.Errorf("only %d week pages printed", n)
	}
}
