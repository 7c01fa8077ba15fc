package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRunReloadsOnEverySave edits the site the ways editors and tools do and
// checks that each edit gives exactly one build, given exactly the changed
// files, and exactly one reload of an open page. An extra build or reload
// left over from one step would show up in the next one, and the last step
// catches those of the step before it.
func TestRunReloadsOnEverySave(t *testing.T) {
	site := newTestSite(t)
	p := startPreview(t, site, nil)
	events := openEvents(t, p.url)
	burst := burstNames(500)

	steps := []struct {
		name string
		edit func()
		want []string
	}{
		{"write in place", func() {
			site.write("content/koffie.md", "Koffie om tien uur")
		}, []string{"content/koffie.md"}},
		{"write a new file and rename it over the old one", func() {
			site.write("content/koffie.md.tmp", "Koffie om half elf")
			site.rename("content/koffie.md.tmp", "content/koffie.md")
		}, []string{"content/koffie.md"}},
		{"vim: rename to a backup, write, delete the backup", func() {
			site.write("content/4913", "")
			site.remove("content/4913")
			site.rename("content/koffie.md", "content/koffie.md~")
			site.write("content/koffie.md", "Koffie om elf uur")
			site.remove("content/koffie.md~")
		}, []string{"content/koffie.md"}},
		{"delete and create again", func() {
			site.remove("content/koffie.md")
			site.write("content/koffie.md", "Koffie om twaalf uur")
		}, []string{"content/koffie.md"}},
		{"a new folder with a file", func() {
			site.mkdirAll("content/activiteiten/zomer")
			site.write("content/activiteiten/zomer/zwemmen.md", "Zwemmen")
		}, []string{"content/activiteiten/zomer/zwemmen.md"}},
		{"a burst of 500 files", func() {
			for _, name := range burst {
				site.write(name, "Veel tegelijk")
			}
		}, burst},
		{"backup and swap files alone, then a real save", func() {
			for _, name := range []string{"koffie.md~", ".koffie.md.swp", "#koffie.md#", ".#koffie.md"} {
				site.write("content/"+name, "leftovers")
			}
			site.write("content/marker.md", "Marker")
		}, []string{"content/marker.md"}},
		{"a theme file", func() {
			site.write("themes/default/style.css", "body { color: navy }")
		}, []string{"themes/default/style.css"}},
		{"one more save, to catch leftovers of the step before", func() {
			site.write("content/marker.md", "Marker 2")
		}, []string{"content/marker.md"}},
	}
	for _, step := range steps {
		before := p.builder.count()
		step.edit()
		want := EventReload
		if strings.HasPrefix(step.name, "a theme file") {
			want = EventCSS // only style.css changed in the built site
		}
		nextEvent(t, events, want)
		if got := p.builder.count() - before; got != 1 {
			t.Fatalf("%s: %d builds, want 1", step.name, got)
		}
		if got := p.builder.call(before + 1); !slices.Equal(got, step.want) {
			t.Fatalf("%s: build got changed = %s, want %s", step.name, paths(got), paths(step.want))
		}
	}
	if code, body := p.get(t, "/koffie/"); code != http.StatusOK || !strings.Contains(body, "Koffie om twaalf uur") {
		t.Errorf("GET /koffie/: %d %q", code, body)
	}
	if code, _ := p.get(t, "/activiteiten/zomer/zwemmen/"); code != http.StatusOK {
		t.Errorf("GET /activiteiten/zomer/zwemmen/: %d", code)
	}
	if !strings.Contains(p.log.String(), "rebuilt") {
		t.Errorf("no rebuild was logged:\n%s", p.log)
	}
}

func TestRunKeepsTheLastGoodSiteWhileBroken(t *testing.T) {
	site := newTestSite(t)
	p := startPreview(t, site, nil)
	events := openEvents(t, p.url)

	site.write("content/koffie.md", "Koffie op dinsdag\nmet BROKEN koekjes\n")
	ev := nextEvent(t, events, EventProblems)
	var o overlay
	if err := json.Unmarshal([]byte(ev.data), &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Problems) != 1 || o.Problems[0].File != "content/koffie.md" || o.Problems[0].Line != 2 || o.Problems[0].Col != 5 ||
		o.Problems[0].Message != `het woord "BROKEN" hoort hier niet` {
		t.Fatalf("overlay: %+v", o)
	}
	if out := p.stdout.String(); !strings.Contains(out, `content/koffie.md:2:5: het woord "BROKEN" hoort hier niet`) {
		t.Errorf("the problem was not printed:\n%s", out)
	}
	if code, body := p.get(t, "/koffie/"); code != http.StatusOK || !strings.Contains(body, "Koffie op dinsdag</p>") {
		t.Errorf("GET /koffie/ while broken: %d %q, want the last good page", code, body)
	}
	late := openEvents(t, p.url)
	nextEvent(t, late, EventProblems)

	site.write("content/koffie.md", "Koffie op woensdag\n")
	nextEvent(t, events, EventReload)
	nextEvent(t, late, EventReload)
	if code, body := p.get(t, "/koffie/"); code != http.StatusOK || !strings.Contains(body, "Koffie op woensdag") {
		t.Errorf("GET /koffie/ after the fix: %d %q", code, body)
	}
	if out := p.stdout.String(); !strings.Contains(out, "Opgelost") {
		t.Errorf("the fix was not announced:\n%s", out)
	}
}

// TestRunHoldsBackTheProblemsOfAHalfSavedFile saves a file in two
// writes, the first of which leaves it broken, with a short debounce, so
// that a build sees it half saved: the page is told only of the good
// build, and nothing is printed. A mistake that stays is shown once the
// settle time is over.
func TestRunHoldsBackTheProblemsOfAHalfSavedFile(t *testing.T) {
	site := newTestSite(t)
	built := make(chan struct{}, 16)
	p := startPreview(t, site, func(o *Options) {
		o.Debounce, o.Settle = time.Millisecond, 400*time.Millisecond
		build := o.Build
		o.Build = func(ctx context.Context, changed []string) (Result, error) {
			r, err := build(ctx, changed)
			built <- struct{}{}
			return r, err
		}
	})
	<-built
	events := openEvents(t, p.url)

	site.write("content/koffie.md", "Koffie op BROKEN")
	select {
	case <-built: // the half-saved file, built
	case <-time.After(wait):
		t.Fatal("the half-saved file was not built")
	}
	site.write("content/koffie.md", "Koffie op woensdag\n")
	nextEvent(t, events, EventReload)
	if code, body := p.get(t, "/koffie/"); code != http.StatusOK || !strings.Contains(body, "Koffie op woensdag") {
		t.Errorf("GET /koffie/: %d %q", code, body)
	}
	if out := p.stdout.String(); strings.Contains(out, "BROKEN") {
		t.Errorf("the problem of the half-saved file was printed:\n%s", out)
	}

	start := time.Now()
	site.write("content/koffie.md", "Koffie met BROKEN koekjes\n")
	nextEvent(t, events, EventProblems)
	if took := time.Since(start); took < 400*time.Millisecond {
		t.Errorf("the problems were shown %v after the save, before the settle time", took)
	}
	if out := p.stdout.String(); !strings.Contains(out, "BROKEN") {
		t.Errorf("the problem was not printed:\n%s", out)
	}
}

func TestRunPassesChangesAgainAfterAFailedBuild(t *testing.T) {
	site := newTestSite(t)
	p := startPreview(t, site, nil)
	events := openEvents(t, p.url)

	site.write("content/a.md", "BROKEN")
	nextEvent(t, events, EventProblems)
	site.write("content/b.md", "fine")
	nextEvent(t, events, EventProblems) // a.md is still broken
	site.write("content/a.md", "fixed")
	nextEvent(t, events, EventReload)
	site.write("content/c.md", "fine")
	nextEvent(t, events, EventReload)

	n := p.builder.count()
	want := [][]string{
		{"content/a.md"},
		{"content/a.md", "content/b.md"},
		{"content/a.md", "content/b.md"},
		{"content/c.md"},
	}
	for i, w := range want {
		if got := p.builder.call(n - len(want) + 1 + i); !slices.Equal(got, w) {
			t.Errorf("build %d: changed = %v, want %v", i+1, got, w)
		}
	}
}

func TestRunBuildsEverythingUntilTheFirstGoodBuild(t *testing.T) {
	site := newTestSite(t)
	site.write("site.toml", "BROKEN = true\n")
	p := startPreview(t, site, nil)

	code, body := p.get(t, "/")
	if code != http.StatusNotFound || !strings.Contains(body, eventsPath) {
		t.Fatalf("GET / before any good build: %d %q, want a 404 page with the reload script", code, body)
	}
	events := openEvents(t, p.url)
	nextEvent(t, events, EventProblems)
	if out := p.stdout.String(); !strings.Contains(out, "site.toml:1:1") || !strings.Contains(out, "Voorbeeld: "+p.url) {
		t.Errorf("output:\n%s", out)
	}

	site.write("site.toml", "title = \"De Linde\"\n")
	nextEvent(t, events, EventReload)
	if got := p.builder.call(p.builder.count()); got != nil {
		t.Errorf("the first good build got changed = %v, want nil (everything)", got)
	}
	if code, body := p.get(t, "/"); code != http.StatusOK || !strings.Contains(body, "Welkom bij De Linde") {
		t.Errorf("GET / after the fix: %d %q", code, body)
	}
}

func TestRunCancelsAnObsoleteBuild(t *testing.T) {
	site := newTestSite(t)
	started := make(chan struct{})
	var cancelled sync.WaitGroup
	cancelled.Add(1)
	p := startPreview(t, site, func(o *Options) {
		b := o.Build
		o.Build = func(ctx context.Context, changed []string) (Result, error) {
			if slices.Equal(changed, []string{"content/a.md"}) {
				close(started)
				<-ctx.Done() // a slow build, made obsolete by the next save
				cancelled.Done()
				return Result{Lang: "nl"}, ctx.Err()
			}
			return b(ctx, changed)
		}
	})
	events := openEvents(t, p.url)

	before := p.builder.count()
	site.write("content/a.md", "a")
	select {
	case <-started:
	case <-time.After(wait):
		t.Fatal("the build of a.md did not start")
	}
	site.write("content/b.md", "b")
	cancelled.Wait()
	nextEvent(t, events, EventReload)
	if got := p.builder.count() - before; got != 1 {
		t.Fatalf("%d builds after the cancelled one, want 1", got)
	}
	if got := p.builder.call(p.builder.count()); !slices.Equal(got, []string{"content/a.md", "content/b.md"}) {
		t.Errorf("the build after the cancelled one got %v, want both files", got)
	}
	site.write("content/c.md", "c")
	nextEvent(t, events, EventReload) // no reload came for the cancelled build
	if got := p.builder.call(p.builder.count()); !slices.Equal(got, []string{"content/c.md"}) {
		t.Errorf("next build got %v", got)
	}
}

func TestRunTakesTheNextPortWhenItsPortIsTaken(t *testing.T) {
	var taken net.Listener
	var port int
	for range 20 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port = ln.Addr().(*net.TCPAddr).Port
		if next, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port+1)); err == nil {
			next.Close()
			taken = ln
			break
		}
		ln.Close()
	}
	if taken == nil {
		t.Skip("no two free ports in a row")
	}
	defer taken.Close()

	site := newTestSite(t)
	p := startPreview(t, site, func(o *Options) { o.Port = port })
	if want := fmt.Sprintf("http://127.0.0.1:%d/", port+1); p.url != want {
		t.Fatalf("listening on %s, want %s", p.url, want)
	}
	if out, want := p.stdout.String(), fmt.Sprintf("Poort %d is bezet; ik gebruik poort %d.", port, port+1); !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	if log, want := p.log.String(), fmt.Sprintf("port %d is in use; using %d", port, port+1); !strings.Contains(log, want) {
		t.Errorf("log lacks %q:\n%s", want, log)
	}
	if code, _ := p.get(t, "/"); code != http.StatusOK {
		t.Errorf("GET /: %d", code)
	}
}

func TestRunStopsWithAnOpenEventStream(t *testing.T) {
	site := newTestSite(t)
	p := startPreview(t, site, nil)
	events := openEvents(t, p.url)

	p.cancel()
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("Run returned %v, want nil", err)
		}
		p.done <- err // for the cleanup
	case <-time.After(wait):
		t.Fatal("Run did not return with an open event stream")
	}
	select {
	case _, ok := <-events:
		if ok {
			t.Error("an event after the stop")
		}
	case <-time.After(wait):
		t.Error("the event stream stayed open")
	}
	if _, err := http.Get(p.url); err == nil {
		t.Error("still serving after Run returned")
	}
}

func TestRunRebuildsEverythingAtMidnight(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	// The clock runs from two seconds before midnight, so the first build is
	// done by then; it is the night the clocks go forward.
	midnight := time.Date(2026, time.March, 29, 0, 0, 0, 0, loc)
	start := time.Now()
	now := func() time.Time { return midnight.Add(-2*time.Second + time.Since(start)) }

	site := newTestSite(t)
	reloads := make(chan EventKind, 8)
	p := startPreview(t, site, func(o *Options) {
		o.Location, o.Now = loc, now
		o.OnEvent = func(k EventKind) { reloads <- k }
	})
	for range 2 { // the first build, then the one at midnight
		select {
		case k := <-reloads:
			if k != EventReload {
				t.Fatalf("got %q", k)
			}
		case <-time.After(wait):
			t.Fatal("no rebuild at midnight")
		}
	}
	for i := 1; i <= p.builder.count(); i++ {
		if got := p.builder.call(i); got != nil {
			t.Errorf("build %d got changed = %v, want nil (everything)", i, got)
		}
	}
	if !strings.Contains(p.log.String(), "midnight") {
		t.Errorf("the midnight rebuild was not logged:\n%s", p.log)
	}
}

// BenchmarkSaveToReload measures the time from writing a file to the reload
// event reaching an open page, with a builder that reads the site from disk.
// Most of it is the debounce.
func BenchmarkSaveToReload(b *testing.B) {
	site := newTestSite(b)
	p := startPreview(b, site, func(o *Options) { o.Debounce = 0 })
	events := openEvents(b, p.url)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		site.write("content/koffie.md", "Koffie "+strconv.Itoa(i))
		nextEvent(b, events, EventReload)
	}
}
