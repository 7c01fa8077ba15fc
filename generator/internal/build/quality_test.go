package build

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"krachtpunt/generator/internal/sitegen"
	"krachtpunt/generator/internal/theme"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// tool returns the path of a program a check needs, skipping the test when
// it is missing, except in CI where every check must run.
func tool(t *testing.T, name, hint string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	msg := name + " missing: " + hint
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// browserTools returns the folder of the Node checks, skipping when its
// packages are not installed, except in CI.
func browserTools(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(repoRoot(t), ".ci", "browser")
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
		msg := ".ci/browser/node_modules missing: run `npm ci --prefix .ci/browser`"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dir
}

// qualitySites are the sites whose every page is checked: the example
// centre in Dutch and a small English site.
func qualitySites(t *testing.T) map[string]*Memory {
	t.Helper()
	en := readArchive(t, "testdata/calendar-pages-en.txtar")
	out, _, err := buildFiles(t, en.input, en.today)
	if err != nil {
		t.Fatal(err)
	}
	pages := readArchive(t, "testdata/stories-pages-en.txtar")
	stories, _, err := buildFiles(t, pages.input, pages.today)
	if err != nil {
		t.Fatal(err)
	}
	for p := range stories.Files {
		if strings.HasPrefix(p, "stories/story-") {
			delete(stories.Files, p) // story pages are checked in the other sites
		}
	}
	return map[string]*Memory{"example": buildExample(t, "2026-11-25"), "english": out, "pages of stories": stories}
}

// logCPU logs the processor time a finished tool (node with its Chromium,
// the validator) took, as the figure to watch when the checks grow.
func logCPU(t *testing.T, what string, cmd *exec.Cmd) {
	t.Helper()
	if ps := cmd.ProcessState; ps != nil {
		t.Logf("%s: %.1f s of processor time", what, (ps.UserTime() + ps.SystemTime()).Seconds())
	}
}

func htmlPages(m *Memory) []string {
	var out []string
	for _, p := range m.Paths() {
		if strings.HasSuffix(p, ".html") {
			out = append(out, p)
		}
	}
	return out
}

// TestPagesAreValidHTML checks every published page with the Nu HTML
// Checker, the validator of the W3C.
func TestPagesAreValidHTML(t *testing.T) {
	t.Parallel() // minutes of work: runs beside the other long checks
	java := tool(t, "java", "install a Java runtime (apt-get install default-jre-headless) to validate the HTML")
	jar := filepath.Join(browserTools(t), "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	for name, site := range qualitySites(t) {
		dir := t.TempDir()
		var files []string
		for _, p := range htmlPages(site) {
			file := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, site.Files[p], 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, file)
		}
		cmd := exec.Command(java, append([]string{"-jar", jar, "--format", "json", "--also-check-css"}, files...)...)
		out, _ := cmd.CombinedOutput()
		logCPU(t, fmt.Sprintf("%s: the HTML checker on %d pages", name, len(files)), cmd)
		var report struct {
			Messages []struct {
				Type, SubType, URL, Message string
				LastLine                    int
			}
		}
		if err := json.Unmarshal(out, &report); err != nil {
			t.Fatalf("%s: reading the checker's report: %v\n%s", name, err, out)
		}
		for _, m := range report.Messages {
			if m.Type == "info" && m.SubType != "warning" {
				continue
			}
			t.Errorf("%s: %s:%d: %s %s", name, strings.TrimPrefix(m.URL, "file:"+dir), m.LastLine, m.Type, m.Message)
		}
		if len(files) < 10 {
			t.Errorf("%s: only %d pages checked", name, len(files))
		}
	}
}

// finding is one line of what .ci/browser/axe.mjs reports: a failed check,
// or (with Weight set) the bytes of a page's HTML plus its style sheets.
type finding struct {
	Width   int    `json:"width"`
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Impact  string `json:"impact"`
	Target  string `json:"target"`
	Summary string `json:"summary"`
	Weight  int    `json:"weight"`
}

func (f finding) String() string {
	return fmt.Sprintf("%s at %d px: %s: %s: %s", f.Path, f.Width, f.Rule, f.Target, f.Summary)
}

// maxWeight is what the HTML and CSS of a page residents open most (home,
// a week, an activity) may weigh together: light enough for a cheap phone
// on a slow connection.
const maxWeight = 30_000

// weighed reports whether a published page is one of those.
var weighed = regexp.MustCompile(`^(index\.html|(agenda|calendar)/week/[^/]+/index\.html|(activiteiten|activities)/[^/]+/index\.html)$`)

// browserGate opens every page of a site in one headless Chromium with
// .ci/browser/axe.mjs and returns what it found wrong, the pages that weigh
// too much among them, and how much each page weighs. The pages for which
// light is true get only the checks that cost little (see axe.mjs); light
// may be nil. It checks as many pages at a time as there are processors.
func browserGate(t *testing.T, site *Memory, heavy, light func(page string) bool) ([]finding, map[string]int) {
	t.Helper()
	dir := browserTools(t)
	node := tool(t, "node", "install Node.js to run the browser checks")
	browser := chromium(t)
	srv := serveMemory(t, site)
	args := []string{filepath.Join(dir, "axe.mjs"), srv.URL, fmt.Sprintf("--jobs=%d", min(runtime.NumCPU(), 4)), "--full"}
	var lightArgs []string
	for _, p := range htmlPages(site) {
		path := "/" + strings.TrimSuffix(p, "index.html")
		if light != nil && light(p) {
			lightArgs = append(lightArgs, path)
		} else {
			args = append(args, path)
		}
	}
	if len(lightArgs) > 0 {
		args = append(append(args, "--light"), lightArgs...)
	}
	cmd := exec.Command(node, args...)
	cmd.Env = append(os.Environ(), "CHROMIUM="+browser)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running the browser checks: %v\n%s", err, stderr.Bytes())
	}
	t.Log(strings.TrimSpace(stderr.String()))
	logCPU(t, "the browser checks", cmd)
	var found []finding
	weights := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line == "" {
			continue
		}
		var f finding
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("reading %q: %v", line, err)
		}
		if f.Rule == "" {
			weights[f.Path] = f.Weight
			page := strings.TrimPrefix(f.Path, "/")
			if page == "" || strings.HasSuffix(page, "/") {
				page += "index.html"
			}
			if heavy(page) && f.Weight > maxWeight {
				found = append(found, finding{Width: 1280, Path: f.Path, Rule: "weight", Impact: "serious", Target: "html+css",
					Summary: fmt.Sprintf("%d bytes of HTML and CSS, more than %d", f.Weight, maxWeight)})
			}
			continue
		}
		found = append(found, f)
	}
	return found, weights
}

// TestPagesPassBrowserChecks opens every published page in headless
// Chromium at 320 and 1280 px: axe-core with the WCAG 2.2 A and AA rules,
// no sideways scrolling, tap targets, visible keyboard focus, text at 200%,
// table cells, cancelled dates, no request to another host; and the home,
// week and activity pages weigh at most maxWeight. The site of many stories
// has no activities: of its empty calendar (91 date pages, 13 weeks with
// their posters), the first page of each kind gets every check and the
// others the light ones, as the pages of the generated site do; the
// calendar's pages with activities get every check in the other two sites.
func TestPagesPassBrowserChecks(t *testing.T) {
	t.Parallel() // minutes of work: runs beside the other long checks
	total := 0
	for name, site := range qualitySites(t) {
		var light func(string) bool
		if name == "pages of stories" {
			light = emptyCalendarAfterTheFirst(t, site)
		}
		found, weights := browserGate(t, site, weighed.MatchString, light)
		for _, f := range found {
			t.Errorf("%s: %s", name, f)
		}
		n := 0
		for p, w := range weights {
			if weighed.MatchString(strings.TrimPrefix(p, "/") + "index.html") {
				n++
				t.Logf("%s: %s weighs %d bytes", name, p, w)
			}
		}
		if n == 0 {
			t.Errorf("%s: no home, week or activity page weighed", name)
		}
		total += n
		if len(weights) != len(htmlPages(site)) {
			t.Errorf("%s: %d pages checked of %d", name, len(weights), len(htmlPages(site)))
		}
	}
	if total < 10 {
		t.Errorf("only %d home, week and activity pages weighed", total)
	}
}

// emptyCalendarAfterTheFirst returns whether a page of the site is a
// calendar page (under calendar/ or agenda/) other than the first of its
// kind (see kindOf), for a site without activities, whose calendar pages
// differ only in their dates.
func emptyCalendarAfterTheFirst(t *testing.T, site *Memory) func(string) bool {
	t.Helper()
	first := map[string]bool{}
	seen := map[string]bool{}
	for _, p := range htmlPages(site) { // sorted
		if strings.HasPrefix(p, "activities/") && p != "activities/index.html" || strings.HasPrefix(p, "activiteiten/") && p != "activiteiten/index.html" {
			t.Fatalf("%s: the site has activities, so its calendar pages differ by more than their dates", p)
		}
		if k := kindOf(p); !seen[k] {
			seen[k] = true
			first[p] = true
		}
	}
	return func(p string) bool {
		return (strings.HasPrefix(p, "calendar/") || strings.HasPrefix(p, "agenda/")) && !first[p]
	}
}

// generatedActivities is the number of activities of the generated site
// the browser checks open: enough for a thousand pages (each activity has
// a page and a poster).
const generatedActivities = 460

// kindOf names the kind of a page of the generated site: its path with
// every part that holds a digit (a generated name, a week, a month, a page
// number) left out, so "activiteiten/activiteit-00004/index.html" and
// "activiteiten/activiteit-00005/index.html" are one kind.
func kindOf(page string) string {
	parts := strings.Split(page, "/")
	for i, part := range parts {
		if strings.ContainsAny(part, "0123456789") {
			parts[i] = "#"
		}
	}
	return strings.Join(parts, "/")
}

// maxFullCheck is the size above which a page of the generated site gets
// only the light checks: tabbing through all of a list of thousands of
// links and running axe-core over it takes minutes, and its template is checked in
// full on the example and English sites.
const maxFullCheck = 100_000

// TestGeneratedSitePassesBrowserChecks opens every page of a generated
// site of a thousand pages (sitegen.Site) in headless Chromium. Every page
// gets the light checks: no sideways scrolling at 320 px, tap targets,
// table cells, cancelled dates, headings with nothing under them, no
// request to another host, its weight, the text at 200%, and keyboard focus
// on the first 30 elements in Tab's order. The first page of every kind (see
// kindOf) that is at most maxFullCheck bytes also gets axe-core and focus
// on every element. The home page, the week pages (hundreds of sessions a
// week on this site) and the activity pages weigh at most maxWeight.
func TestGeneratedSitePassesBrowserChecks(t *testing.T) {
	t.Parallel() // minutes of work: runs beside the other long checks
	if testing.Short() {
		t.Skip("the browser checks of a thousand pages take minutes")
	}
	browserTools(t)
	site, _, err := buildFiles(t, sitegen.Site(generatedActivities), "2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	pages := htmlPages(site)
	if len(pages) < 1000 {
		t.Fatalf("the generated site has %d pages, want 1000 or more", len(pages))
	}
	full := map[string]bool{}
	kinds := map[string]bool{}
	for _, p := range pages { // sorted
		k := kindOf(p)
		if kinds[k] {
			continue
		}
		kinds[k] = true
		if len(site.Files[p]) <= maxFullCheck {
			full[p] = true
		}
	}
	var sample []string
	for p := range full {
		sample = append(sample, p)
	}
	slices.Sort(sample)
	t.Logf("%d pages of %d kinds; every check on %d: %s", len(pages), len(kinds), len(sample), strings.Join(sample, " "))
	heavy := regexp.MustCompile(`^(index\.html|agenda/week/[^/]+/index\.html|activiteiten/activiteit-[0-9]+/index\.html)$`).MatchString
	found, weights := browserGate(t, site, heavy, func(p string) bool { return !full[p] })
	for _, f := range found {
		t.Errorf("generated: %s", f)
	}
	if len(weights) != len(pages) {
		t.Errorf("%d pages checked of %d", len(weights), len(pages))
	}
	most := map[string]int{}
	for p, w := range weights {
		if page := strings.TrimPrefix(p, "/") + "index.html"; heavy(page) {
			most[kindOf(page)] = max(most[kindOf(page)], w)
		}
	}
	if len(most) != 3 {
		t.Errorf("weighed the home, week and activity pages: %v", most)
	}
	t.Logf("the heaviest home, week and activity pages: %v", most)
}

// brokenPages are pages that each fail one browser check, and one that
// fails none, to show the checks can fail.
var brokenPages = map[string]struct{ rule, body string }{
	"wide/":      {"scroll-320", `<table style="width:600px"><tr><td>Een tabel die te breed is voor een telefoon.</td></tr></table>`},
	"tiny/":      {"tap-target", `<p><a href="/good/" aria-label="Goed" style="display:inline-block;width:10px;height:10px"></a><a href="/wide/" aria-label="Breed" style="display:inline-block;width:10px;height:10px"></a></p><p>Twee knopjes.</p>`},
	"nofocus/":   {"focus-visible", `<style>a:focus, a:focus-visible { outline: none; }</style><p><a href="/good/">Naar een goede pagina</a></p>`},
	"remote/":    {"remote", `<p><img src="http://192.0.2.1/logo.png" alt="Logo" width="20" height="20"></p>`},
	"fonts/":     {"remote", `<link rel="stylesheet" href="https://fonts.example.org/buurt.css"><p style="background-image:url(https://cdn.example.org/achtergrond.png)">Letters en een achtergrond van elders.</p>`},
	"heavy/":     {"weight", `<p>` + strings.Repeat("Een pagina die veel te zwaar is voor een goedkope telefoon. ", 700) + `</p>`},
	"zoom/":      {"text-zoom", `<p style="white-space:nowrap;font-size:0.6rem">` + strings.Repeat("woord ", 36) + `</p>`},
	"cell/":      {"cell-overflow", `<table style="table-layout:fixed;width:200px"><tr><td style="overflow-wrap:normal">Buurthuisactiviteitencommissievergadering</td><td>b</td></tr></table>`},
	"cancelled/": {"cancelled", `<ul><li class="occ occ-cancelled"><span class="date">dinsdag 1 december</span>, <span class="time">10.00 uur</span></li></ul>`},
	"bare/":      {"bare-heading", `<section><h2>Deze week</h2><div><p hidden>Niets meer.</p></div></section><h2>Verder</h2><p>Tekst.</p>`},
	"good/":      {"", `<p>Alles in orde, met <a href="/wide/">een link in een zin</a> en meer tekst.</p><p><a href="/zoom/" aria-label="Klein maar vrij" style="display:inline-block;width:20px;height:20px"></a></p><ul class="occs"><li class="occ occ-cancelled"><span class="date">dinsdag 1 december</span>, <span class="time">10.00 uur</span> <strong class="status status-cancelled">Gaat niet door</strong></li></ul>`},
}

// remoteURLs are the addresses of other hosts that brokenPages load.
var remoteURLs = []string{"http://192.0.2.1/logo.png", "https://fonts.example.org/buurt.css", "https://cdn.example.org/achtergrond.png"}

// lightRules are the checks axe.mjs makes of a page given after --light.
var lightRules = []string{"scroll-320", "tap-target", "remote", "weight", "cell-overflow", "cancelled", "bare-heading", "text-zoom", "focus-visible"}

// TestBrowserGateCatchesBrokenPages runs the browser checks over pages
// made to fail them, styled with the theme's own style sheet: each must be
// reported for what is wrong with it, and the good page for nothing. Then
// once more with only the light checks, as the pages of a generated site
// get them: each light check must still catch its page, and nothing else
// may run.
func TestBrowserGateCatchesBrokenPages(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	css, err := fs.ReadFile(theme.Builtin(), "static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	site := &Memory{Files: map[string][]byte{"style.css": css}}
	for p, c := range brokenPages {
		site.Files[p+"index.html"] = []byte(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>` + p +
			`</title><link rel="stylesheet" href="/style.css"></head><body><main><h1>` + p + `</h1>` + c.body + `</main></body></html>`)
	}
	for _, light := range []bool{false, true} {
		found, weights := browserGate(t, site, func(string) bool { return true }, func(string) bool { return light })
		for _, f := range found {
			t.Log(f)
		}
		rules := map[string][]string{}
		for _, f := range found {
			rules[f.Path] = append(rules[f.Path], f.Rule)
			if light && !slices.Contains(lightRules, f.Rule) {
				t.Errorf("light checks: %s was checked", f.Rule)
			}
		}
		for p, c := range brokenPages {
			got := rules["/"+p]
			switch {
			case c.rule == "" && len(got) > 0:
				t.Errorf("light=%v: /%s is fine but was reported: %v", light, p, got)
			case c.rule != "" && (!light || slices.Contains(lightRules, c.rule)) && !slices.Contains(got, c.rule):
				t.Errorf("light=%v: /%s: %s not reported; reported: %v", light, p, c.rule, got)
			}
		}
		// Each request to another host is reported, by a name or by an
		// address, from the page or from its style.
		remote := map[string]bool{}
		for _, f := range found {
			if f.Rule == "remote" {
				remote[f.Target] = true
			}
		}
		for _, u := range remoteURLs {
			if !remote[u] {
				t.Errorf("light=%v: the request to %s was not reported; reported: %v", light, u, remote)
			}
		}
		if w := weights["/heavy/"]; w < 40_000 {
			t.Errorf("light=%v: /heavy/ weighs %d bytes, want its 40 KB and more", light, w)
		}
	}
}
