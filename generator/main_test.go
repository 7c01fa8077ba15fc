package main

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestExampleSiteChecks checks the example centre in the repository: it must
// pass `check` with no warning but the skipped story.
func TestExampleSiteChecks(t *testing.T) {
	code, out, errOut := runCmd(t, "check", "--site", "..", "--today", "2026-11-25")
	if code != exitOK {
		t.Fatalf("check exit %d\n%s%s", code, out, errOut)
	}
	if n := strings.Count(errOut, "waarschuwing"); n != 1 || !strings.Contains(errOut, "niet gepubliceerd") {
		t.Errorf("want exactly the warning for the story without consent, got:\n%s", errOut)
	}
}

func TestExitCodes(t *testing.T) {
	site := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(site, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", "title = \"De Linde\"\nlanguage = \"en\"\n")
	docs := t.TempDir()
	if err := os.WriteFile(filepath.Join(docs, "brief.txt"), []byte("mijn brief"), 0o644); err != nil {
		t.Fatal(err)
	}
	write("content/activities/koffie.md", "+++\ntitle = \"Koffie\"\nwhen = \"every tuesday 10:00-12:00\"\n+++\n")
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{nil, exitUsage, "Gebruik"},
		{[]string{"bake"}, exitUsage, "geen opdracht"},
		{[]string{"build", "--nope"}, exitUsage, "kent de optie --nope niet"},
		{[]string{"build", "--help"}, exitOK, "Maakt de website in public/"},
		{[]string{"check", "--help"}, exitOK, "schrijft niets"},
		{[]string{"new", "--help"}, exitOK, "nooit overschreven"},
		{[]string{"serve", "--help"}, exitOK, "--port"},
		{[]string{"build", "--site", site, "--today", "24-11-2026"}, exitUsage, "not a date"},
		{[]string{"build", "--site", site, "--out", filepath.Join(site, "content")}, exitUsage, "inside content/"},
		{[]string{"build", "--site", site, "--out", docs}, exitUsage, "did not make"},
		{[]string{"check", "--site", site, "--today", "2026-11-24"}, exitOK, "All good"},
		{[]string{"build", "--site", site, "--today", "2026-11-24"}, exitOK, "files written"},
		{[]string{"new", "activity", "Taal café", "--site", site}, exitOK, "taal-cafe.md"},
		{[]string{"new", "activity", "Taal café", "--site", site}, exitContent, "already exists"},
		{[]string{"new", "poem", "x", "--site", site}, exitUsage, "cannot make a new \"poem\""},
	} {
		code, out, errOut := runCmd(t, tc.args...)
		if code != tc.code || !strings.Contains(out+errOut, tc.out) {
			t.Errorf("%v: exit %d, want %d with %q; output:\n%s%s", tc.args, code, tc.code, tc.out, out, errOut)
		}
	}
	if data, err := os.ReadFile(filepath.Join(docs, "brief.txt")); err != nil || string(data) != "mijn brief" {
		t.Errorf("a folder of someone's own files was touched: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "activities", "koffie", "index.html")); err != nil {
		t.Errorf("build did not publish the activity: %v", err)
	}
	// A new activity is a draft: the site still checks, and it is not published.
	write("content/activities/koffie.md", "+++\ntitle = \"Koffie\"\nwhen = \"every tuesdy 10:00-12:00\"\n+++\n")
	code, _, errOut := runCmd(t, "check", "--site", site)
	if code != exitContent || !strings.Contains(errOut, "content/activities/koffie.md:3:") || !strings.Contains(errOut, "tuesday") {
		t.Errorf("check of a broken site: exit %d\n%s", code, errOut)
	}
}

// TestLocaleLanguage shows which language messages about the command line
// take when there is no site.toml to say it.
func TestLocaleLanguage(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "en"},
		{map[string]string{"LANG": "nl_NL.UTF-8"}, "nl"},
		{map[string]string{"LANG": "nl_BE"}, "nl"},
		{map[string]string{"LANG": "en_GB.UTF-8"}, "en"},
		{map[string]string{"LANG": "nl_NL.UTF-8", "LC_MESSAGES": "C"}, "en"},
		{map[string]string{"LANG": "C", "LC_ALL": "nl_NL.UTF-8"}, "nl"},
		{map[string]string{"LC_MESSAGES": "nl_NL"}, "nl"},
	} {
		if got := localeLanguage(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.env, got, tc.want)
		}
	}
	// Without a site.toml near, the locale decides.
	dir := t.TempDir()
	if got := language(dir, "nl"); got != "nl" {
		t.Errorf("language of a folder without site.toml = %s, want the locale's nl", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"X\"\nlanguage = \"en\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := language(dir, "nl"); got != "en" {
		t.Errorf("language of a site in English = %s, want en", got)
	}
}

// TestNewTemplatesBuild shows that every file `new` writes, in both
// languages, passes the checks as it is.
func TestNewTemplatesBuild(t *testing.T) {
	for _, lang := range []string{"nl", "en"} {
		site := t.TempDir()
		if err := os.WriteFile(filepath.Join(site, "site.toml"), []byte("title = \"X\"\nlanguage = \""+lang+"\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, kind := range []string{"activity", "story", "page"} {
			if code, out, errOut := runCmd(t, "new", kind, `Koffie "met" taart`, "--site", site); code != exitOK {
				t.Fatalf("%s new %s: exit %d %s%s", lang, kind, code, out, errOut)
			}
		}
		if code, out, errOut := runCmd(t, "check", "--site", site); code != exitOK || strings.Contains(errOut, "probleem") || strings.Contains(errOut, "problem") {
			t.Errorf("%s: check after new: exit %d\n%s%s", lang, code, out, errOut)
		}
	}
}

// TestNewSite makes a new site in both languages: it builds without a
// warning, publishes its examples, and `new site` refuses a folder that
// holds anything.
func TestNewSite(t *testing.T) {
	for _, tc := range []struct{ lang, activity, story, page, hours string }{
		{"nl", "activiteiten/koffieochtend/index.html", "verhalen/welkom/index.html", "over-ons/index.html", "openingstijden/index.html"},
		{"en", "activities/coffee-morning/index.html", "stories/welcome/index.html", "about-us/index.html", "opening-hours/index.html"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			site := filepath.Join(t.TempDir(), "mijn-buurthuis")
			code, out, errOut := runCmd(t, "new", "site", site, "--language", tc.lang)
			if code != exitOK || errOut != "" {
				t.Fatalf("new site: exit %d\n%s%s", code, out, errOut)
			}
			for _, f := range []string{"site.toml", "content/_index.md", "content/opening-hours.md"} {
				if !strings.Contains(out, filepath.Join(site, filepath.FromSlash(f))) {
					t.Errorf("new site does not name %s:\n%s", f, out)
				}
			}
			toml, _ := os.ReadFile(filepath.Join(site, "site.toml"))
			if !strings.Contains(string(toml), "\nlanguage = \""+tc.lang+"\"\n") || !strings.Contains(string(toml), "\n# ") {
				t.Errorf("site.toml is not a commented one in %s:\n%s", tc.lang, toml)
			}
			code, out, errOut = runCmd(t, "build", "--site", site, "--today", "2026-11-25")
			if code != exitOK || errOut != "" {
				t.Fatalf("build of the new site: exit %d, want no warning\n%s%s", code, out, errOut)
			}
			for _, p := range []string{"index.html", tc.activity, tc.story, tc.page, tc.hours, "style.css"} {
				if _, err := os.Stat(filepath.Join(site, "public", filepath.FromSlash(p))); err != nil {
					t.Errorf("the new site does not publish %s", p)
				}
			}

			// A second time, into the site just made: nothing changes.
			before := snapshot(t, site)
			if code, _, errOut := runCmd(t, "new", "site", site, "--language", tc.lang); code != exitContent || !strings.Contains(errOut, site) {
				t.Errorf("new site in a folder with a site: exit %d\n%s", code, errOut)
			}
			if after := snapshot(t, site); !maps.Equal(before, after) {
				t.Errorf("new site changed a folder that was not empty: %s", diffSnapshots(before, after))
			}
		})
	}
	docs := t.TempDir()
	writeFile(t, filepath.Join(docs, "brief.txt"), []byte("mijn brief"))
	if code, _, errOut := runCmd(t, "new", "site", docs); code != exitContent || !strings.Contains(errOut, "niet leeg") {
		t.Errorf("new site in a folder with a letter: exit %d\n%s", code, errOut)
	}
	if entries, _ := os.ReadDir(docs); len(entries) != 1 {
		t.Errorf("new site wrote into a folder that was not empty: %v", entries)
	}
	if code, _, _ := runCmd(t, "new", "site", t.TempDir(), "--language", "de"); code != exitUsage {
		t.Errorf("new site --language de: exit %d, want %d", code, exitUsage)
	}
}

// TestProgramName shows that messages tell a volunteer with the program to
// type krachtpunt, and a developer who used go run to type go run.
func TestProgramName(t *testing.T) {
	for arg0, want := range map[string]string{
		"/tmp/go-build3411/b001/exe/generator":                            "go run ./generator",
		`C:\Users\x\AppData\Local\Temp\go-build12\b001\exe\generator.exe`: "go run ./generator",
		"/home/anna/krachtpunt":                                           "krachtpunt",
		`C:\Users\anna\Downloads\krachtpunt\krachtpunt.exe`:               "krachtpunt",
		"krachtpunt": "krachtpunt",
	} {
		if got := programName(arg0); got != want {
			t.Errorf("programName(%q) = %q, want %q", arg0, got, want)
		}
	}
	program = "krachtpunt"
	defer func() { program = devProgram }()
	code, _, errOut := runCmd(t, "bouw")
	if code != exitUsage || !strings.Contains(errOut, "Typ dan: krachtpunt build") && !strings.Contains(errOut, "Then type: krachtpunt build") {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
}
