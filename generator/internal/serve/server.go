package serve

import (
	"bytes"
	"errors"
	"html"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"krachtpunt/generator/internal/diag"
)

// Paths the preview keeps for itself. Site files never start with "_"
// (content.Ignored), so they cannot collide.
const (
	reservedPrefix = "/_krachtpunt/"
	eventsPath     = reservedPrefix + "events"   // Server-Sent Events for open pages
	problemsPath   = reservedPrefix + "problems" // the current problems as JSON
)

// Server is the http.Handler of the preview. It serves the last good build
// from memory, or makes its files as they are asked for (Result.Site), adds
// the live-reload script to HTML pages, and tells open pages what happened
// through Publish and Fail. It never reads or writes files itself.
//
// Only GET and HEAD are answered. A path that ends in "/" serves its
// index.html, and "/x" redirects to "/x/" when only "x/index.html" exists.
// Paths that try to leave the site (dot-dot elements, encoded slashes,
// backslashes, NUL, empty elements) and unknown paths get the site's 404.html
// with status 404, or a short page of its own when the site has none. Every
// answer says Cache-Control: no-store, so a browser never shows a stale file.
type Server struct {
	log       *slog.Logger
	keepAlive time.Duration // between SSE comments that keep idle connections open

	mu       sync.Mutex
	site     Site // the last good build; never changed, only replaced
	lang     string
	problems []Problem // of the last build when it failed, else nil
	clients  map[*client]struct{}
	closed   bool
}

// NewServer returns a Server with nothing to serve yet: until the first
// Publish every path is not found. A nil logger discards.
func NewServer(logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Server{log: logger, keepAlive: 15 * time.Second, clients: make(map[*client]struct{})}
}

// ServeHTTP answers one request; see Server.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.serveEvents(w, r)
		return
	case problemsPath:
		s.serveProblems(w, r)
		return
	}
	s.mu.Lock()
	site, lang := s.site, s.lang
	s.mu.Unlock()
	if site == nil {
		site = files(nil)
	}

	p, ok := sitePath(r.URL)
	if !ok || strings.HasPrefix(r.URL.Path, reservedPrefix) {
		s.notFound(w, r, site, lang)
		return
	}
	name := p
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if site.Has(name) {
		if data, ok := s.make(w, r, site, lang, name); ok {
			serveFile(w, r, name, data)
		}
		return
	}
	if !strings.HasSuffix(p, "/") && p != "" && site.Has(p+"/index.html") {
		target := "/" + p + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusFound)
		return
	}
	s.notFound(w, r, site, lang)
}

// make returns the file name of site. When making it found problems, they
// are shown over every open page and, when there is no file to serve, in
// an answer with status 500; ok is then false.
func (s *Server) make(w http.ResponseWriter, r *http.Request, site Site, lang, name string) (data []byte, ok bool) {
	data, err := site.Make(r.Context(), name)
	if err == nil {
		return data, true
	}
	if r.Context().Err() != nil {
		return nil, false // the browser went away
	}
	if errors.Is(err, fs.ErrNotExist) { // removed since the site was planned
		s.notFound(w, r, site, lang)
		return nil, false
	}
	problems := Problems(err, lang)
	s.log.Warn("making a file of the preview", "file", name, "err", err)
	var list diag.List
	if errors.As(err, &list) {
		s.mu.Lock()
		if s.site == site {
			s.problems = problems
			s.broadcast(s.problemsMessage())
		}
		s.mu.Unlock()
		if data != nil {
			return data, true
		}
	}
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="` + say(lang, "nl", "en") + `"><meta charset="utf-8"><title>` +
		say(lang, "Probleem", "Problem") + `</title><body><h1>` + say(lang, "Deze pagina kan niet worden gemaakt", "This page could not be made") + "</h1><ul>")
	for _, p := range problems {
		b.WriteString("<li>")
		if p.File != "" {
			b.WriteString("<code>" + html.EscapeString(p.File) + "</code> ")
		}
		b.WriteString(html.EscapeString(p.Message))
		if p.Hint != "" {
			b.WriteString("<br>" + html.EscapeString(p.Hint))
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ul></body></html>\n")
	page := injectScript([]byte(b.String()))
	writeHTML(w, r, http.StatusInternalServerError, page)
	return nil, false
}

// sitePath returns the site-relative path a request URL asks for ("" for the
// root, a trailing "/" for a folder), or false when the path tries to escape
// the site or is not a plain path.
func sitePath(u *url.URL) (string, bool) {
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	if raw := strings.ToLower(u.RawPath); strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false
	}
	p = p[1:]
	elems := strings.Split(p, "/")
	for i, el := range elems {
		last := i == len(elems)-1
		if el == "." || el == ".." || (el == "" && !last) {
			return "", false
		}
	}
	return p, true
}

// serveFile writes one file of the site, with the reload script when it is
// HTML. http.ServeContent answers HEAD and Range requests.
func serveFile(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	ctype := contentType(name)
	if strings.HasPrefix(ctype, "text/html") {
		data = injectScript(data)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// notFound writes the site's 404.html, or a page of its own, with status 404.
// It is an HTML page with the reload script either way, so a page opened
// while the site does not build shows the problems and recovers by itself.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, site Site, lang string) {
	var page []byte
	if site.Has("404.html") {
		page, _ = site.Make(r.Context(), "404.html")
	}
	if page == nil {
		page = []byte(`<!doctype html><html lang="` + say(lang, "nl", "en") + `"><meta charset="utf-8"><title>404</title><body><h1>404</h1><p>` +
			say(lang, "Deze pagina bestaat niet.", "This page does not exist.") + "</p></body></html>\n")
	}
	page = injectScript(page)
	writeHTML(w, r, http.StatusNotFound, page)
}

// contentTypes fixes the types of the files a site is made of, so they do
// not depend on the MIME tables of the machine.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml; charset=utf-8",
	".ics":         "text/calendar; charset=utf-8",
	".webmanifest": "application/manifest+json",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/vnd.microsoft.icon",
	".pdf":         "application/pdf",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
}

// contentType returns the Content-Type for a file name.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// say picks the Dutch or the English text for the site's language; any
// language but Dutch gets English, as diag.Text.In does.
func say(lang, nl, en string) string {
	if lang == "nl" {
		return nl
	}
	return en
}

// writeHTML answers with the HTML page and the status code.
func writeHTML(w http.ResponseWriter, r *http.Request, status int, page []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}
