package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"krachtpunt/generator/internal/diag"
)

// EventKind names what open pages are told after a build.
type EventKind string

const (
	// EventReload makes every open page reload.
	EventReload EventKind = "reload"
	// EventCSS makes every open page fetch its stylesheets again; sent when a
	// build changed nothing but .css files.
	EventCSS EventKind = "css"
	// EventProblems shows the problems of a failed build over every open page.
	EventProblems EventKind = "problems"
)

// Problem is one problem of a failed build as the overlay shows it, in the
// site's language.
type Problem struct {
	File    string `json:"file,omitempty"` // site-relative, e.g. "content/activities/koffie.md"
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// Problems turns the error of a failed build into problems in lang. A
// diag.List gives one problem per error it holds (or per warning, when it
// holds only warnings); any other error gives one problem without a place.
func Problems(err error, lang string) []Problem {
	if err == nil {
		return nil
	}
	var list diag.List
	if !errors.As(err, &list) || len(list) == 0 {
		return []Problem{{Message: err.Error()}}
	}
	if errs := list.Errors(); len(errs) > 0 {
		list = errs
	}
	out := make([]Problem, 0, len(list))
	for _, d := range list {
		out = append(out, Problem{File: d.File, Line: d.Line, Col: d.Col, Message: d.Msg.In(lang), Hint: d.Hint.In(lang)})
	}
	return out
}

// overlay is the data of a "problems" event: the problems and the words
// around them, in the site's language.
type overlay struct {
	Title    string    `json:"title"`
	Note     string    `json:"note"`
	Close    string    `json:"close"`
	Problems []Problem `json:"problems"`
}

func newOverlay(lang string, problems []Problem) overlay {
	if problems == nil {
		problems = []Problem{}
	}
	return overlay{
		Title: say(lang, "De site kan niet worden gebouwd", "The site could not be built"),
		Note: say(lang, "Je ziet de laatste versie die wel werkte. Verbeter het bestand en sla het op; de pagina ververst dan vanzelf.",
			"You are looking at the last version that worked. Fix the file and save it; the page then reloads by itself."),
		Close:    say(lang, "Sluiten", "Close"),
		Problems: problems,
	}
}

// message is one Server-Sent Event.
type message struct {
	event EventKind
	data  []byte // one line of JSON
}

// client is one open page listening on eventsPath.
type client struct {
	ch   chan message
	gone chan struct{} // closed when the server drops the client
}

// Publish serves r from now on and tells open pages about it: EventCSS when
// the previous build was good and only .css files differ, else EventReload.
// It returns what it sent. r.Files must not be changed afterwards.
//
// A Site is not compared file by file (its files are not made yet): it
// gets EventCSS when the build was given only .css files under content/,
// which no page shows inside itself.
func (s *Server) Publish(r Result) EventKind {
	s.mu.Lock()
	defer s.mu.Unlock()
	kind := EventReload
	site := r.Site
	if site == nil {
		site = files(r.Files)
		if old, ok := s.site.(files); ok && s.problems == nil && onlyCSSChanged(old, r.Files) {
			kind = EventCSS
		}
	} else if s.site != nil && s.problems == nil && onlyContentCSS(r.changed) {
		kind = EventCSS
	}
	s.site, s.lang, s.problems = site, r.Lang, nil
	s.broadcast(message{event: kind, data: []byte("{}")})
	return kind
}

// onlyContentCSS reports whether changed lists files and all of them are
// .css files under content/.
func onlyContentCSS(changed []string) bool {
	for _, c := range changed {
		if !strings.HasPrefix(c, "content/") || !strings.HasSuffix(c, ".css") {
			return false
		}
	}
	return len(changed) > 0
}

// Fail keeps serving the last good build and shows problems, in lang, over
// every open page and every page opened until the next Publish.
func (s *Server) Fail(lang string, problems []Problem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if problems == nil {
		problems = []Problem{}
	}
	s.lang, s.problems = lang, problems
	s.broadcast(s.problemsMessage())
}

// Close drops every open page's event stream, so an http.Server can shut
// down, and refuses new ones. Pages try to reconnect and reload once the
// preview is back.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for c := range s.clients {
		close(c.gone)
		delete(s.clients, c)
	}
}

// problemsMessage encodes the current problems; s.mu must be held.
func (s *Server) problemsMessage() message {
	data, err := json.Marshal(newOverlay(s.lang, s.problems))
	if err != nil {
		panic(fmt.Sprintf("serve: encoding problems: %v", err)) // only strings and ints
	}
	return message{event: EventProblems, data: data}
}

// broadcast queues m for every client; s.mu must be held. A client too slow
// to keep up is dropped: its page reconnects and reloads.
func (s *Server) broadcast(m message) {
	for c := range s.clients {
		select {
		case c.ch <- m:
		default:
			close(c.gone)
			delete(s.clients, c)
		}
	}
}

// onlyCSSChanged reports whether old and cur differ and every file that was
// added, removed or changed is a .css file.
func onlyCSSChanged(old, cur map[string][]byte) bool {
	changed := false
	for name, data := range cur {
		if prev, ok := old[name]; !ok || string(prev) != string(data) {
			if !strings.HasSuffix(name, ".css") {
				return false
			}
			changed = true
		}
	}
	for name := range old {
		if _, ok := cur[name]; !ok {
			if !strings.HasSuffix(name, ".css") {
				return false
			}
			changed = true
		}
	}
	return changed
}

// serveEvents streams events to one page until it goes away or the server
// closes. A page that connects while the site is broken gets the problems
// at once.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	c := &client{ch: make(chan message, 16), gone: make(chan struct{})}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
		return
	}
	if s.problems != nil {
		c.ch <- s.problemsMessage()
	}
	s.clients[c] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	rc := http.NewResponseController(w)
	// Reconnect quickly after the preview restarts.
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil || rc.Flush() != nil {
		return
	}
	keepAlive := time.NewTicker(s.keepAlive)
	defer keepAlive.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-c.gone:
			return
		case m := <-c.ch:
			_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", m.event, m.data)
		case <-keepAlive.C:
			_, err = fmt.Fprint(w, ": keep-alive\n\n")
		}
		if err != nil || rc.Flush() != nil {
			return
		}
	}
}

// serveProblems answers with the current problems as JSON: the data of the
// last "problems" event, with an empty list while the site builds.
func (s *Server) serveProblems(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	m := s.problemsMessage()
	s.mu.Unlock()
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", fmt.Sprint(len(m.data)))
	if r.Method != http.MethodHead {
		w.Write(m.data)
	}
}
