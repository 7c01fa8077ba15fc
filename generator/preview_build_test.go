package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer that the preview may write while the test
// reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
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

// eventually calls ok until it returns true, and gives up after a long
// while: the preview rebuilds when it has seen a save.
func eventually(ok func() bool) bool {
	for deadline := time.Now().Add(time.Minute); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			return false
		}
	}
	return true
}

// TestPreviewAndBuildTogether runs `serve` and `build` on one site at the
// same time, with saves in between: every build publishes the complete
// site of what was saved, the preview keeps showing each save, and the
// preview never writes public/.
func TestPreviewAndBuildTogether(t *testing.T) {
	site := t.TempDir()
	save := func(name, data string) {
		t.Helper()
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	activity := func(title string) string {
		return "+++\ntitel = \"" + title + "\"\nwanneer = \"elke dinsdag 10:00-12:00\"\n+++\nKoffie en een praatje.\n"
	}
	save("site.toml", "title = \"De Linde\"\n")
	save("content/activities/koffie.md", activity("Koffie 0"))
	save("content/over-ons.md", "# Over ons\n\nWij zijn De Linde.\n")
	public := filepath.Join(site, "public")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout lockedBuffer
	served := make(chan error, 1)
	go func() {
		served <- cmdServe(ctx, []string{"--site", site, "--port", strconv.Itoa(port), "--today", "2026-11-25"}, &stdout, io.Discard, "nl")
	}()
	address := regexp.MustCompile(`Voorbeeld: (\S+)`)
	var home string
	if !eventually(func() bool {
		m := address.FindStringSubmatch(stdout.String())
		if m != nil {
			home = m[1]
		}
		return m != nil
	}) {
		t.Fatalf("the preview does not say where it is:\n%s", stdout.String())
	}
	preview := func(path string) string {
		resp, err := http.Get(home + path)
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	if _, err := os.Stat(public); err == nil {
		t.Fatal("the preview made public/")
	}

	for i := 1; i <= 3; i++ {
		title := fmt.Sprintf("Koffie %d", i)
		save("content/activities/koffie.md", activity(title))
		// The build and the preview's rebuild of this save run together.
		var wg sync.WaitGroup
		wg.Go(func() {
			if !eventually(func() bool { return strings.Contains(preview("activiteiten/koffie/"), title) }) {
				t.Errorf("the preview does not show %s", title)
			}
		})
		code, o, e := runCmd(t, "build", "--site", site, "--today", "2026-11-25")
		wg.Wait()
		if code != exitOK {
			t.Fatalf("build %d while previewing: exit %d\n%s%s", i, code, o, e)
		}
		// The published site is the complete site of what was saved: the
		// same as a build with no preview running.
		alone := filepath.Join(t.TempDir(), "public")
		if code, o, e := runCmd(t, "build", "--site", site, "--out", alone, "--today", "2026-11-25"); code != exitOK {
			t.Fatalf("build %d alone: exit %d\n%s%s", i, code, o, e)
		}
		if got, want := snapshot(t, public), snapshot(t, alone); !maps.Equal(got, want) {
			t.Errorf("build %d while previewing differs from a build alone: %s", i, diffSnapshots(want, got))
		}
		if page, err := os.ReadFile(filepath.Join(public, "activiteiten", "koffie", "index.html")); err != nil || !strings.Contains(string(page), title) {
			t.Errorf("build %d did not publish %s: %v", i, title, err)
		}
	}

	// A save that only the preview sees leaves public/ as the last build made it.
	published := snapshot(t, public)
	save("content/activities/koffie.md", activity("Koffie voor de preview"))
	if !eventually(func() bool { return strings.Contains(preview("activiteiten/koffie/"), "Koffie voor de preview") }) {
		t.Fatal("the preview does not show the last save")
	}
	if got := snapshot(t, public); !maps.Equal(got, published) {
		t.Errorf("the preview changed public/: %s", diffSnapshots(published, got))
	}
	if s := stdout.String(); strings.Contains(s, "mislukt") || strings.Contains(s, "probleem") {
		t.Errorf("the preview reported problems:\n%s", s)
	}
	cancel()
	if err := <-served; err != nil {
		t.Errorf("serve: %v", err)
	}
}
