package serve

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"krachtpunt/generator/internal/diag"
)

// testFiles is a small built site.
func testFiles() map[string][]byte {
	return map[string][]byte{
		"index.html":        []byte("<!doctype html><html><body><h1>Welkom</h1></body></html>\n"),
		"agenda/index.html": []byte("<!doctype html><html><body><h1>Agenda</h1></BODY></html>\n"),
		"style.css":         []byte("body { color: black }\n"),
		"agenda.ics":        []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
		"agenda.json":       []byte("[]\n"),
		"feed.xml":          []byte("<feed/>\n"),
		"site.webmanifest":  []byte("{}\n"),
		"404.html":          []byte("<!doctype html><html><body><h1>Niet gevonden</h1></body></html>\n"),
	}
}

func newTestServer(files map[string][]byte) *Server {
	s := NewServer(nil)
	s.Publish(Result{Files: files, Lang: "nl"})
	return s
}

func serve(s *Server, method, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

func TestServerRefusesPathsOutsideTheSite(t *testing.T) {
	s := newTestServer(testFiles())
	for _, target := range []string{
		"/../etc/passwd",
		"/%2e%2e/site.toml",
		"/..%2fsite.toml",
		"/a/../../x",
		"/agenda/../index.html",
		"/./index.html",
		"//etc/passwd",
		"/agenda//index.html",
		`/\..\x`,
		"/%5c..%5cx",
		"/agenda%2findex.html",
		"/%00",
		"/index.html%00.css",
		"/_krachtpunt/",
		"/_krachtpunt/other",
		"/nope.html",
	} {
		rec := serve(s, http.MethodGet, target)
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "Niet gevonden") {
			t.Errorf("GET %s: %d %q, want 404 with the site's 404.html", target, rec.Code, rec.Body.String())
		}
		if got := rec.Header().Get("Cache-Control"); got != "no-store" {
			t.Errorf("GET %s: Cache-Control %q", target, got)
		}
	}
}

func TestServerServesTheSite(t *testing.T) {
	s := newTestServer(testFiles())
	for _, tc := range []struct {
		target, ctype, body string
		script              bool
	}{
		{"/", "text/html; charset=utf-8", "<h1>Welkom</h1>", true},
		{"/index.html", "text/html; charset=utf-8", "<h1>Welkom</h1>", true},
		{"/agenda/", "text/html; charset=utf-8", "<h1>Agenda</h1>", true},
		{"/agenda/?week=2", "text/html; charset=utf-8", "<h1>Agenda</h1>", true},
		{"/style.css", "text/css; charset=utf-8", "color: black", false},
		{"/agenda.ics", "text/calendar; charset=utf-8", "BEGIN:VCALENDAR", false},
		{"/agenda.json", "application/json", "[]", false},
		{"/feed.xml", "application/xml; charset=utf-8", "<feed/>", false},
		{"/site.webmanifest", "application/manifest+json", "{}", false},
	} {
		rec := serve(s, http.MethodGet, tc.target)
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: status %d", tc.target, rec.Code)
			continue
		}
		h := rec.Header()
		if h.Get("Content-Type") != tc.ctype || h.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: Content-Type %q, Cache-Control %q", tc.target, h.Get("Content-Type"), h.Get("Cache-Control"))
		}
		if h.Get("Content-Length") != strconv.Itoa(len(body)) {
			t.Errorf("GET %s: Content-Length %s for %d bytes", tc.target, h.Get("Content-Length"), len(body))
		}
		if !strings.Contains(body, tc.body) {
			t.Errorf("GET %s: body %q lacks %q", tc.target, body, tc.body)
		}
		if got := strings.Contains(body, eventsPath); got != tc.script {
			t.Errorf("GET %s: reload script present = %v, want %v", tc.target, got, tc.script)
		}
		if tc.script && !strings.HasSuffix(strings.TrimSpace(strings.ToLower(body)), "</script></body></html>") {
			t.Errorf("GET %s: script not right before </body>: %q", tc.target, body)
		}
	}
	if got := string(testFiles()["index.html"]); strings.Contains(got, "<script") {
		t.Errorf("the built files were changed: %q", got)
	}
}

func TestServerRedirectsFoldersToTheirSlash(t *testing.T) {
	s := newTestServer(testFiles())
	for target, want := range map[string]string{
		"/agenda":        "/agenda/",
		"/agenda?week=2": "/agenda/?week=2",
	} {
		rec := serve(s, http.MethodGet, target)
		if rec.Code != http.StatusFound || rec.Header().Get("Location") != want {
			t.Errorf("GET %s: %d to %q, want a redirect to %q", target, rec.Code, rec.Header().Get("Location"), want)
		}
	}
}

func TestServerHeadAndMethods(t *testing.T) {
	s := newTestServer(testFiles())
	get, head := serve(s, http.MethodGet, "/"), serve(s, http.MethodHead, "/")
	if head.Code != http.StatusOK || head.Body.Len() != 0 || head.Header().Get("Content-Length") != strconv.Itoa(get.Body.Len()) {
		t.Errorf("HEAD /: %d, %d bytes of body, Content-Length %s; GET has %d bytes",
			head.Code, head.Body.Len(), head.Header().Get("Content-Length"), get.Body.Len())
	}
	if rec := serve(s, http.MethodHead, "/nope"); rec.Code != http.StatusNotFound || rec.Body.Len() != 0 {
		t.Errorf("HEAD /nope: %d with %d bytes of body", rec.Code, rec.Body.Len())
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodOptions} {
		rec := serve(s, m, "/")
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /: %d, Allow %q", m, rec.Code, rec.Header().Get("Allow"))
		}
	}
}

func TestServerNotFoundWithoutA404Page(t *testing.T) {
	files := testFiles()
	delete(files, "404.html")
	s := newTestServer(files)
	rec := serve(s, http.MethodGet, "/nope/")
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "Deze pagina bestaat niet.") || !strings.Contains(rec.Body.String(), eventsPath) {
		t.Errorf("GET /nope/: %d %q", rec.Code, rec.Body.String())
	}

	// Before the first good build, every page is such a page, so it shows
	// the problems and reloads when they are fixed.
	rec = serve(NewServer(nil), http.MethodGet, "/")
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), eventsPath) {
		t.Errorf("GET / before any build: %d %q", rec.Code, rec.Body.String())
	}
}

func TestInjectScript(t *testing.T) {
	for page, want := range map[string]string{
		"<body><p>x</p></body></html>":          "<body><p>x</p>" + reloadScript + "</body></html>",
		"<BODY><p>x</p></BODY>":                 "<BODY><p>x</p>" + reloadScript + "</BODY>",
		"<p>&lt;/body&gt; is a tag</p></body>":  "<p>&lt;/body&gt; is a tag</p>" + reloadScript + "</body>",
		"<p>no body tag</p>":                    "<p>no body tag</p>" + reloadScript,
		"<body>a</body><!-- </body --></body >": "<body>a</body><!-- </body -->" + reloadScript + "</body >",
		"":                                      reloadScript,
	} {
		if got := string(injectScript([]byte(page))); got != want {
			t.Errorf("injectScript(%q) = %q, want %q", page, got, want)
		}
	}
	if n := len(reloadScript); n >= 2048 {
		t.Errorf("the reload script is %d bytes; keep it under 2 KB", n)
	}
}

func TestPublishSendsCSSWhenOnlyStylesChanged(t *testing.T) {
	s := newTestServer(testFiles())
	restyled := testFiles()
	restyled["style.css"] = []byte("body { color: navy }\n")
	restyled["print.css"] = []byte("nav { display: none }\n")
	if got := s.Publish(Result{Files: restyled, Lang: "nl"}); got != EventCSS {
		t.Errorf("only .css changed: sent %q, want %q", got, EventCSS)
	}
	same := testFiles()
	same["style.css"] = restyled["style.css"]
	same["print.css"] = restyled["print.css"]
	same["index.html"] = []byte("<h1>Nieuw</h1>")
	if got := s.Publish(Result{Files: same, Lang: "nl"}); got != EventReload {
		t.Errorf("a page changed: sent %q, want %q", got, EventReload)
	}
	if got := s.Publish(Result{Files: same, Lang: "nl"}); got != EventReload {
		t.Errorf("nothing changed: sent %q, want %q (the volunteer saved; show it)", got, EventReload)
	}

	// After a failure the overlay must go, so a good build reloads even
	// when it only changed styles.
	s.Fail("nl", []Problem{{File: "themes/default/style.css", Message: "kapot"}})
	restyled = testFiles()
	if got := s.Publish(Result{Files: restyled, Lang: "nl"}); got != EventReload {
		t.Errorf("first good build after a failure: sent %q, want %q", got, EventReload)
	}
}

func TestProblemsFromErrors(t *testing.T) {
	var l diag.List
	l.Warnf(diag.Pos{File: "content/stories/a.md"}, "no-consent", diag.T("geen toestemming", "no consent"), diag.Text{})
	l.Errorf(diag.Pos{File: "content/activities/koffie.md", Line: 4, Col: 7}, "bad-when",
		diag.T("%q begrijp ik niet", "%q is not understood", "dinsdg"), diag.T("bedoel je %q?", "did you mean %q?", "dinsdag"))
	err := fmt.Errorf("building: %w", l)

	got := Problems(err, "nl")
	want := []Problem{{File: "content/activities/koffie.md", Line: 4, Col: 7, Message: `"dinsdg" begrijp ik niet`, Hint: `bedoel je "dinsdag"?`}}
	if len(got) != 1 || got[0] != want[0] {
		t.Errorf("Problems(nl) = %+v, want %+v (errors only, in Dutch)", got, want)
	}
	if got := Problems(err, "en"); len(got) != 1 || got[0].Message != `"dinsdg" is not understood` {
		t.Errorf("Problems(en) = %+v", got)
	}
	if got := Problems(errors.New("theme not found"), "en"); len(got) != 1 || got[0] != (Problem{Message: "theme not found"}) {
		t.Errorf("Problems(plain error) = %+v", got)
	}
}

func TestServerEventStream(t *testing.T) {
	s := newTestServer(testFiles())
	hs := httptest.NewServer(s)
	defer hs.Close()
	events := openEvents(t, hs.URL)

	s.Fail("nl", []Problem{{File: "content/koffie.md", Line: 3, Message: "kapot", Hint: "repareer"}})
	ev := nextEvent(t, events, EventProblems)
	var o overlay
	if err := json.Unmarshal([]byte(ev.data), &o); err != nil {
		t.Fatal(err)
	}
	if o.Title != "De site kan niet worden gebouwd" || o.Close != "Sluiten" || len(o.Problems) != 1 ||
		o.Problems[0] != (Problem{File: "content/koffie.md", Line: 3, Message: "kapot", Hint: "repareer"}) {
		t.Errorf("problems event: %+v", o)
	}

	// A page opened while the site is broken hears about it at once, and
	// still gets the last good version.
	late := openEvents(t, hs.URL)
	nextEvent(t, late, EventProblems)
	if rec := serve(s, http.MethodGet, "/"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Welkom") {
		t.Errorf("GET / while broken: %d %q", rec.Code, rec.Body.String())
	}
	rec := serve(s, http.MethodGet, problemsPath)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"file":"content/koffie.md"`) {
		t.Errorf("GET %s while broken: %d %q", problemsPath, rec.Code, rec.Body.String())
	}

	s.Publish(Result{Files: testFiles(), Lang: "nl"})
	nextEvent(t, events, EventReload)
	nextEvent(t, late, EventReload)
	if rec := serve(s, http.MethodGet, problemsPath); !strings.Contains(rec.Body.String(), `"problems":[]`) {
		t.Errorf("GET %s after a good build: %q", problemsPath, rec.Body.String())
	}

	s.Close()
	for _, ch := range []<-chan sseEvent{events, late} {
		select {
		case ev, ok := <-ch:
			if ok {
				t.Errorf("after Close: event %+v, want the stream to end", ev)
			}
		case <-time.After(wait):
			t.Error("the event stream stayed open after Close")
		}
	}
}

func TestServerEventStreamKeepAlive(t *testing.T) {
	s := NewServer(nil)
	s.keepAlive = 10 * time.Millisecond
	hs := httptest.NewServer(s)
	defer hs.Close()
	resp, err := http.Get(hs.URL + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", resp.Header.Get("Cache-Control"))
	}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if sc.Text() == ": keep-alive" {
			return
		}
	}
	t.Fatalf("the stream ended without a keep-alive comment: %v", sc.Err())
}
