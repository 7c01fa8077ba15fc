package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer that the preview may write to while the
// test reads it.
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

// startPreview runs start as a double-click would in dir, with the browser
// opener replaced, and returns the address the browser was sent to.
func startPreview(t *testing.T, dir, answer string) (url string, stop func() (int, string)) {
	t.Helper()
	opened := make(chan string, 1)
	old := openBrowser
	openBrowser = func(u string) error { opened <- u; return nil }
	t.Cleanup(func() { openBrowser = old })
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan int, 1)
	go func() { done <- start(ctx, dir, strings.NewReader(answer), &out, &out, true) }()
	select {
	case url = <-opened:
	case code := <-done:
		cancel()
		t.Fatalf("start ended with exit %d before the browser opened:\n%s", code, out.String())
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatalf("the browser was not opened:\n%s", out.String())
	}
	return url, func() (int, string) {
		cancel()
		return <-done, out.String()
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	return string(body)
}

// TestStartInSiteFolder: a double-click in a site's folder serves the
// preview and opens it in the browser; stopping it closes the window.
func TestStartInSiteFolder(t *testing.T) {
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "site.toml"), []byte("title = \"De Linde\"\nbaseURL = \"https://example.org/linde/\"\n"))
	url, stop := startPreview(t, site, "")
	if !strings.HasSuffix(url, "/linde/") {
		t.Errorf("the browser was sent to %s, want the home page under /linde/", url)
	}
	if page := get(t, url); !strings.Contains(page, "<h1>De Linde</h1>") {
		t.Errorf("the preview does not show the site:\n%s", page)
	}
	if code, out := stop(); code != exitOK || strings.Contains(out, "Enter") {
		t.Errorf("after stopping: exit %d\n%s", code, out)
	}
}

// TestStartMakesSite: a double-click in a folder holding only the program
// asks, makes a new site there and shows it.
func TestStartMakesSite(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "krachtpunt.exe"), []byte("program"))
	writeFile(t, filepath.Join(dir, "LEESMIJ.txt"), []byte("uitleg"))
	url, stop := startPreview(t, dir, "j\n")
	if page := get(t, url); !strings.Contains(page, "Ons buurthuis") || !strings.Contains(page, `lang="nl"`) {
		t.Errorf("the preview does not show the new Dutch site:\n%s", page)
	}
	code, out := stop()
	if code != exitOK || !strings.Contains(out, "Een nieuwe site maken in deze map?") || !strings.Contains(out, filepath.Join("content", "opening-hours.md")) {
		t.Errorf("exit %d\n%s", code, out)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "krachtpunt.exe")); string(data) != "program" {
		t.Errorf("the program was changed")
	}
}

// TestStartKeepsMessage: when a double-click cannot go on, the message
// stays until Enter is pressed.
func TestStartKeepsMessage(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "belasting-2025.pdf"), []byte("%PDF"))
	pr, pw := io.Pipe()
	var out syncBuffer
	done := make(chan int, 1)
	go func() { done <- start(context.Background(), dir, pr, &out, &out, true) }()
	if _, err := io.WriteString(pw, "j\n"); err != nil {
		t.Fatal(err)
	}
	// Enter is read only after the message: the write of it returns once
	// start has taken it, and fails if start ended without reading it.
	wrote := make(chan error, 1)
	go func() { _, err := io.WriteString(pw, "\n"); wrote <- err }()
	var code int
	select {
	case code = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("start did not end after Enter")
	}
	pr.CloseWithError(io.ErrClosedPipe)
	if err := <-wrote; err != nil {
		t.Errorf("start ended without waiting for Enter")
	}
	text := out.String()
	if code != exitContent || !strings.Contains(text, "staan al andere bestanden") || !strings.Contains(text, "Druk op Enter") {
		t.Errorf("exit %d\n%s", code, text)
	}
	if strings.Index(text, "Druk op Enter") < strings.Index(text, "andere bestanden") {
		t.Errorf("the Enter line comes before the message:\n%s", text)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files were made next to someone's own file: %v", entries)
	}

	// Not started from a terminal: nobody to ask, so the usage is shown.
	var plain bytes.Buffer
	if code := start(context.Background(), dir, strings.NewReader(""), &plain, &plain, false); code != exitUsage || !strings.Contains(plain.String(), "go run ./generator build") {
		t.Errorf("without a terminal: exit %d\n%s", code, plain.String())
	}
}

func TestVersionLine(t *testing.T) {
	info := &debug.BuildInfo{Main: debug.Module{Version: "v0.3.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "1f2e3d4c5b6a7980aabbccddeeff001122334455"},
		{Key: "vcs.modified", Value: "true"},
	}}
	if got := versionLine(info, true); !strings.HasPrefix(got, "krachtpunt v0.3.0 (commit 1f2e3d4c5b6a, with changes not yet committed, ") {
		t.Errorf("from the build information: %q", got)
	}
	version, commit = "v1.0.0", "aabbccddeeff00112233"
	t.Cleanup(func() { version, commit = "", "" })
	if got := versionLine(info, true); !strings.HasPrefix(got, "krachtpunt v1.0.0 (commit aabbccddeeff, ") {
		t.Errorf("set at link time: %q", got)
	}
	if code, out, _ := runCmd(t, "version"); code != exitOK || !strings.HasPrefix(out, "krachtpunt v1.0.0") {
		t.Errorf("version: exit %d %q", code, out)
	}
}
