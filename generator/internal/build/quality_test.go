package build

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
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
		out, _ := exec.Command(java, append([]string{"-jar", jar, "--format", "json", "--also-check-css"}, files...)...).CombinedOutput()
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

// TestPagesPassAxe opens every published page in headless Chromium at a
// phone's and a desktop's width and runs axe-core with the WCAG 2.2 A and AA
// rules.
func TestPagesPassAxe(t *testing.T) {
	browserTools := browserTools(t)
	node := tool(t, "node", "install Node.js to run axe-core")
	browser := chromium(t)
	for name, site := range qualitySites(t) {
		srv := serveMemory(t, site)
		args := []string{filepath.Join(browserTools, "axe.mjs"), srv.URL}
		for _, p := range htmlPages(site) {
			args = append(args, "/"+strings.TrimSuffix(p, "index.html"))
		}
		cmd := exec.Command(node, args...)
		cmd.Env = append(os.Environ(), "CHROMIUM="+browser)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: running axe: %v", name, err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if line != "" {
				t.Errorf("%s: %s", name, line)
			}
		}
	}
}
