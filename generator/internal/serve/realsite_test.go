package serve_test

import (
	"bufio"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"krachtpunt/generator/internal/schedule"
)

// TestPreviewWithTheRealBuilder runs the preview over a real site with the
// real builder: a save shows on the page after one reload, a broken save
// keeps the last good page and sends the problem with file and line in the
// site's language, and the fixed save reloads again.
func TestPreviewWithTheRealBuilder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", "title = \"De Linde\"\n")
	write("content/activities/koffie.md", "+++\ntitle = \"Koffieochtend\"\nwhen = \"elke dinsdag 10:00-12:00\"\n+++\n")
	today, _ := schedule.ParseDate("2026-11-24")
	rp := startReal(t, dir, today)
	url, get := rp.url, rp.get
	resp, err := http.Get(url + "_krachtpunt/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan [2]string, 8)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		var ev string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && ev != "":
				events <- [2]string{ev, strings.TrimPrefix(line, "data: ")}
				ev = ""
			}
		}
	}()
	next := func() [2]string {
		t.Helper()
		for {
			select {
			case e := <-events:
				if e[0] == "reload" || e[0] == "problems" || e[0] == "css" {
					return e
				}
			case <-time.After(30 * time.Second):
				t.Fatal("no event after the save")
			}
		}
	}
	if page := get("activiteiten/koffie/"); !strings.Contains(page, "Elke dinsdag, 10.00-12.00 uur") || !strings.Contains(page, "_krachtpunt/events") {
		t.Fatalf("first page:\n%s", page)
	}

	write("content/activities/koffie.md", "+++\ntitle = \"Koffieochtend\"\nwhen = \"elke woensdag 10:00-12:00\"\n+++\n")
	if e := next(); e[0] != "reload" {
		t.Fatalf("after a good save: %v", e)
	}
	if page := get("activiteiten/koffie/"); !strings.Contains(page, "Elke woensdag, 10.00-12.00 uur") {
		t.Errorf("the page did not change after the save")
	}

	write("content/activities/koffie.md", "+++\ntitle = \"Koffieochtend\"\nwhen = \"elke woensdg 10:00-12:00\"\n+++\n")
	e := next()
	if e[0] != "problems" || !strings.Contains(e[1], `"file":"content/activities/koffie.md"`) || !strings.Contains(e[1], `"line":3`) || !strings.Contains(e[1], "woensdag") {
		t.Fatalf("after a broken save: %v", e)
	}
	if page := get("activiteiten/koffie/"); !strings.Contains(page, "Elke woensdag, 10.00-12.00 uur") {
		t.Errorf("the last good page is not served while the site is broken")
	}

	write("content/activities/koffie.md", "+++\ntitle = \"Koffieochtend\"\nwhen = \"elke donderdag 10:00-12:00\"\n+++\n")
	if e := next(); e[0] != "reload" {
		t.Fatalf("after the fixed save: %v", e)
	}
	if page := get("activiteiten/koffie/"); !strings.Contains(page, "Elke donderdag, 10.00-12.00 uur") {
		t.Errorf("the page did not change after the fix")
	}

	// The site has no themes/ of its own: the built-in theme serves. A new
	// themes/default/ with one file overrides that file at the next save.
	if css := get("style.css"); !strings.Contains(css, "font") {
		t.Fatalf("style.css of the built-in theme:\n%s", css)
	}
	write("themes/default/static/style.css", "body { color: navy }\n")
	if e := next(); e[0] != "css" && e[0] != "reload" {
		t.Fatalf("after saving an override of the CSS: %v", e)
	}
	if css := get("style.css"); css != "body { color: navy }\n" {
		t.Errorf("style.css after the override:\n%s", css)
	}
	if page := get("activiteiten/koffie/"); !strings.Contains(page, "Elke donderdag, 10.00-12.00 uur") {
		t.Errorf("the layouts of the built-in theme are gone after the override of the CSS")
	}
	if err := rp.stop(); err != nil {
		t.Fatalf("Run after Ctrl-C: %v", err)
	}
}
