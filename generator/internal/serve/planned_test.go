package serve_test

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/sitegen"
)

// liveReload is the script the preview adds to its HTML pages.
var liveReload = regexp.MustCompile(`<script>/\* Krachtpunt preview: live reload \*/(?s:.*?)</script>`)

// events follows the event stream of the preview as an open page does and
// delivers the names of its events.
func events(t *testing.T, url string) <-chan string {
	t.Helper()
	resp, err := http.Get(url + "_krachtpunt/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	ch := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if ev, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				ch <- ev
			}
		}
		close(ch)
	}()
	return ch
}

func nextEventName(t *testing.T, ch <-chan string) string {
	t.Helper()
	select {
	case ev := <-ch:
		return ev
	case <-time.After(60 * time.Second):
		t.Fatal("no event after the save")
		return ""
	}
}

// TestPreviewServesWhatABuildPublishes runs the preview of a generated
// site and asks it over HTTP for every file a full build publishes: each
// is there, with the build's bytes (HTML pages with the live-reload
// script added, and nothing else). Paths the build does not publish get
// the site's own 404 page.
func TestPreviewServesWhatABuildPublishes(t *testing.T) {
	dir := t.TempDir()
	if err := sitegen.Write(dir, sitegen.Site(80)); err != nil {
		t.Fatal(err)
	}
	today, _ := schedule.ParseDate(sitegen.Today)
	out := &build.Memory{}
	if _, err := build.Build(context.Background(), build.Options{Site: os.DirFS(dir), Today: today, Out: out}); err != nil {
		t.Fatal(err)
	}
	p := startReal(t, dir, today)
	if len(out.Files) < 200 {
		t.Fatalf("the build published only %d files", len(out.Files))
	}
	for _, path := range out.Paths() {
		status, body := p.fetch(path)
		if status != http.StatusOK {
			t.Errorf("%s: status %d", path, status)
			continue
		}
		want := out.Files[path]
		if strings.HasSuffix(path, ".html") {
			if n := len(liveReload.FindAll(body, -1)); n != 1 {
				t.Errorf("%s has the live-reload script %d times", path, n)
			}
			body = liveReload.ReplaceAll(body, nil)
		}
		if !bytes.Equal(body, want) {
			t.Errorf("%s: the preview serves %d bytes that differ from the build's %d", path, len(body), len(want))
		}
	}
	status, body := p.fetch("activiteiten/bestaat-niet/")
	if status != http.StatusNotFound || !bytes.Equal(liveReload.ReplaceAll(body, nil), out.Files["404.html"]) {
		t.Errorf("an unknown path: status %d, not the site's 404 page", status)
	}
}

// TestPreviewMakesAPageWhenAsked shows that the preview makes a page when
// it is asked for: a page asked for after an edit shows the edit; a page
// whose inputs did not change is not made again, however often it is
// asked for.
func TestPreviewMakesAPageWhenAsked(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "site.toml", "title = \"De Linde\"\n")
	writeFile(t, dir, "content/activities/koffie.md", "+++\ntitle = \"Koffieochtend\"\nwhen = \"elke dinsdag 10:00-12:00\"\n+++\nKoffie.\n")
	writeFile(t, dir, "content/stories/tuin.md", "+++\ntitle = \"De tuin\"\ndate = 2026-10-12\nconsent = true\n+++\nTomaten in de tuin.\n")
	writeFile(t, dir, "content/stories/fiets.md", "+++\ntitle = \"De fiets\"\ndate = 2026-10-01\nconsent = true\n+++\nBanden plakken.\n")
	today, _ := schedule.ParseDate("2026-11-24")
	p := startReal(t, dir, today)
	if n := p.builder.Made(); n != 0 {
		t.Errorf("the preview made %d files before any was asked for", n)
	}
	ev := events(t, p.url)
	if !strings.Contains(p.get("verhalen/tuin/"), "Tomaten in de tuin.") || !strings.Contains(p.get("verhalen/fiets/"), "Banden plakken.") {
		t.Fatal("the story pages do not show their stories")
	}
	made := p.builder.Made()
	if made != 2 {
		t.Errorf("asking for two pages made %d files", made)
	}
	p.get("verhalen/tuin/")
	p.get("verhalen/fiets/")
	if n := p.builder.Made(); n != made {
		t.Errorf("asking again made %d files", n-made)
	}

	writeFile(t, dir, "content/stories/tuin.md", "+++\ntitle = \"De tuin\"\ndate = 2026-10-12\nconsent = true\n+++\nPompoenen in de tuin.\n")
	if e := nextEventName(t, ev); e != "reload" {
		t.Fatalf("after the save: %s, want reload", e)
	}
	if n := p.builder.Made(); n != made {
		t.Errorf("the edit made %d files before any was asked for", n-made)
	}
	if page := p.get("verhalen/tuin/"); !strings.Contains(page, "Pompoenen in de tuin.") || strings.Contains(page, "Tomaten") {
		t.Error("the story page does not show the edit")
	}
	if n := p.builder.Made(); n != made+1 {
		t.Errorf("the edited page: %d files made, want 1", n-made)
	}
	if page := p.get("verhalen/fiets/"); !strings.Contains(page, "Banden plakken.") {
		t.Error("the other story page lost its story")
	}
	if n := p.builder.Made(); n != made+1 {
		t.Errorf("the page whose inputs did not change was made again")
	}
	// The list of stories shows the edited one's first lines: it is made
	// anew when asked for.
	if page := p.get("verhalen/"); !strings.Contains(page, "Pompoenen") {
		t.Error("the list of stories does not show the edit")
	}
}

// TestPreviewSaysWhatMakingAPageFinds shows that a warning only making a
// page can find (a link to a file that is not there) is printed when the
// page is made, once, in the site's language; that an error only making a
// page can find (a link to a page that is not there) is printed and shown
// over the page when it is made; and that a problem planning finds shows
// at once, before any page is asked for.
func TestPreviewSaysWhatMakingAPageFinds(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "site.toml", "title = \"De Linde\"\n")
	writeFile(t, dir, "content/over-ons.md", "+++\ntitle = \"Over ons\"\n+++\nLees [de plattegrond](plattegrond.pdf).\n")
	writeFile(t, dir, "content/route.md", "+++\ntitle = \"Route\"\n+++\nZie [de bus](bus.md).\n")
	today, _ := schedule.ParseDate("2026-11-24")
	p := startReal(t, dir, today)
	ev := events(t, p.url)
	if out := p.stdout.String(); strings.Contains(out, "plattegrond") || strings.Contains(out, "bus.md") {
		t.Errorf("problems of pages are printed before the pages are made:\n%s", out)
	}
	if page := p.get("over-ons/"); !strings.Contains(page, "de plattegrond") {
		t.Fatalf("the page is not served:\n%s", page)
	}
	out := p.stdout.String()
	if !strings.Contains(out, "content/over-ons.md:4:") || !strings.Contains(out, "plattegrond.pdf") || !strings.Contains(out, "gewone tekst") {
		t.Errorf("making the page does not print its warning with file and line, in Dutch:\n%s", out)
	}
	p.get("over-ons/")
	if again := p.stdout.String(); again != out {
		t.Errorf("asking again prints the warning again:\n%s", again)
	}

	status, page := p.fetch("route/")
	if status != http.StatusOK || !strings.Contains(string(page), "Route") {
		t.Errorf("the page with a broken link: status %d", status)
	}
	if e := nextEventName(t, ev); e != "problems" {
		t.Fatalf("after making the page with a broken link: %s, want problems", e)
	}
	if out := p.stdout.String(); !strings.Contains(out, "content/route.md:4:") || !strings.Contains(out, "bus.md") {
		t.Errorf("the broken link is not printed with file and line:\n%s", out)
	}
	if problems := p.get("_krachtpunt/problems"); !strings.Contains(problems, `"file":"content/route.md"`) {
		t.Errorf("the overlay does not show the broken link: %s", problems)
	}

	writeFile(t, dir, "content/route.md", "+++\ntitle = \"Route\"\n+++\nMet bus 12.\n")
	if e := nextEventName(t, ev); e != "reload" {
		t.Fatalf("after mending the link: %s, want reload", e)
	}
	writeFile(t, dir, "content/activities/koffie.md", "+++\ntitle = \"Koffieochtend\"\nwhen = \"elke dinsdg 10:00-12:00\"\n+++\n")
	if e := nextEventName(t, ev); e != "problems" {
		t.Fatalf("after a broken save: %s, want problems", e)
	}
	if out := p.stdout.String(); !strings.Contains(out, "content/activities/koffie.md:3") {
		t.Errorf("the problem of the activity is not printed with file and line:\n%s", out)
	}
	if problems := p.get("_krachtpunt/problems"); !strings.Contains(problems, `"file":"content/activities/koffie.md"`) || !strings.Contains(problems, "De site kan niet worden gebouwd") {
		t.Errorf("the overlay does not show the problem in Dutch: %s", problems)
	}
}

// TestPreviewUnderBasePath shows that a site published under a sub-path is
// served under the same path in the preview, so its links work there.
func TestPreviewUnderBasePath(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "site.toml", "title = \"X\"\nbaseURL = \"https://example.org/linde/\"\n")
	writeFile(t, dir, "content/activities/koffie.md", "+++\ntitle = \"Koffieochtend\"\nwhen = \"elke dinsdag 10:00-12:00\"\n+++\n")
	today, _ := schedule.ParseDate("2026-11-24")
	p := startReal(t, dir, today)
	status, page := p.fetch("linde/")
	if status != http.StatusOK || !strings.Contains(string(page), `href="/linde/agenda/"`) {
		t.Fatalf("the home page is not at /linde/ with links under /linde/ (status %d)", status)
	}
	if status, _ := p.fetch("linde/activiteiten/koffie/"); status != http.StatusOK {
		t.Errorf("/linde/activiteiten/koffie/: status %d", status)
	}
	if status, _ := p.fetch("index.html"); status != http.StatusNotFound {
		t.Errorf("index.html is also at the root: status %d", status)
	}
}
