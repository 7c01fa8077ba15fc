package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"krachtpunt/generator/internal/diag"
)

// Result is one built site: held in memory, or made as it is asked for.
type Result struct {
	// Files is the whole site: slash paths relative to the site root
	// ("index.html", "agenda/index.html", "style.css") and their bytes.
	// The preview never changes it. It is not used when Site is set.
	Files map[string][]byte
	// Site, when set, is the site planned but not made: each file is made
	// when a browser asks for it.
	Site Site
	// Lang is "nl" or "en": the language of the problems overlay and of
	// what the preview prints. It is set also when the build fails.
	Lang string
	// Location is the site's time zone as the build found it, for the
	// midnight rebuild; nil keeps the one the preview has.
	Location *time.Location

	changed []string // what the build was given; set by the rebuild loop
}

// Site is a site whose files are made when they are asked for. Paths are
// site-relative slash paths: "index.html", "agenda/index.html".
type Site interface {
	// Has reports whether the site has the file name.
	Has(name string) bool
	// Make returns the bytes of the file name. When making it finds
	// problems the error wraps a diag.List, with the bytes made when
	// there are any (a page with a warning).
	Make(ctx context.Context, name string) ([]byte, error)
}

// files is a site held in memory.
type files map[string][]byte

func (f files) Has(name string) bool { _, ok := f[name]; return ok }

func (f files) Make(_ context.Context, name string) ([]byte, error) {
	if data, ok := f[name]; ok {
		return data, nil
	}
	return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
}

// BuildFunc builds the site.
//
// changed lists the site-relative slash paths of the files created, written,
// removed or renamed since the last build that succeeded, sorted; a path is
// passed again until a build that was given it succeeds, so a failed or
// cancelled build loses nothing. changed is nil when everything must be
// built: on the first build, until one succeeds, at midnight, and when the
// watcher cannot tell what changed (a folder went away, events were lost).
//
// ctx is cancelled when newer changes make the build obsolete; the result of
// a cancelled build is thrown away. On volunteer mistakes a build returns an
// error wrapping a diag.List, and a Result whose Lang is still set.
type BuildFunc func(ctx context.Context, changed []string) (Result, error)

// Options configures Run.
type Options struct {
	SiteDir  string         // folder holding site.toml, content/, themes/
	Watch    []string       // site-relative paths to watch recursively, e.g. "site.toml", "content", "themes/default"
	Bind     string         // address to listen on; default "127.0.0.1", so only this computer can look
	Port     int            // default 1313; when taken, the next free one up to 20 higher is used, and the output says so
	Build    BuildFunc      // required
	Location *time.Location // the site's time zone, for the midnight rebuild; nil is UTC
	// Now reads the clock. When set, the site is rebuilt at every midnight in
	// Location, so "today" on the pages moves on; nil means no midnight
	// rebuild (e.g. when the build's today is fixed).
	Now      func() time.Time
	Debounce time.Duration // quiet time after the last change before rebuilding; default 2ms
	// Settle is how long after the last change a build that fails waits
	// before its problems are shown: an editor may still be writing the
	// file (it was seen half saved), and the change that completes it
	// starts a build that replaces the failed one unseen. Default 150ms,
	// negative shows problems at once.
	Settle  time.Duration
	MaxWait time.Duration // longest a change waits while changes keep coming; default 1s
	// Release is the quiet time after a build before the memory that
	// builds left behind is given back to the system; default 1s,
	// negative never. Without it the process keeps what the garbage
	// collector freed, and grows with every edit until it settles.
	Release time.Duration
	// Clock reads the time for the durations in log lines; nil uses Now.
	// Without either, durations are left out.
	Clock  func() time.Time
	Logger *slog.Logger // nil discards
	Stdout io.Writer    // where the address and the problems are printed for the volunteer; nil discards

	// Home is the path of the site's home page, printed with the address:
	// "/" (the default) or a sub-path such as "/linde/".
	Home string

	// OnReady, when set, is called with the address once the server listens
	// and the first build is done.
	OnReady func(url string)
	// OnEvent, when set, is called each time open pages have been told about
	// a build, with what they were told. It runs on the rebuild loop, so it
	// must return quickly; tests and benchmarks use it to follow builds.
	OnEvent func(EventKind)
}

// portTries is how many ports above Options.Port are tried.
const portTries = 20

// Run serves a live preview of the site until ctx is cancelled, then shuts
// down cleanly: the event streams of open pages are released, the HTTP
// server is shut down and the watcher closed. It returns nil after ctx is
// cancelled, and an error only when the preview cannot work at all (no free
// port, no file watching). A build that fails does not stop it: the problems
// are printed and shown on every open page, and the last good site stays up.
func Run(ctx context.Context, o Options) error {
	if o.Build == nil {
		return errors.New("serve: Options.Build is nil")
	}
	if o.Bind == "" {
		o.Bind = "127.0.0.1"
	}
	if o.Port == 0 {
		o.Port = 1313
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Clock == nil {
		o.Clock = o.Now
	}
	if o.Release == 0 {
		o.Release = time.Second
	}
	if o.Settle == 0 {
		o.Settle = 150 * time.Millisecond
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer collectLess()()

	w, err := NewWatcher(ctx, WatchOptions{SiteDir: o.SiteDir, Paths: o.Watch, Debounce: o.Debounce, MaxWait: o.MaxWait, Logger: o.Logger})
	if err != nil {
		return err
	}
	defer w.Close()

	ln, port, err := listen(ctx, o.Bind, o.Port)
	if err != nil {
		return err
	}
	l := &rebuilder{
		o:     o,
		srv:   NewServer(o.Logger),
		url:   "http://" + net.JoinHostPort(o.Bind, strconv.Itoa(port)) + "/" + strings.TrimPrefix(o.Home, "/"),
		port:  port,
		dirty: make(map[string]struct{}),
		all:   true,
		done:  make(chan outcome, 1),
	}
	if port != o.Port {
		o.Logger.Info(fmt.Sprintf("port %d is in use; using %d", o.Port, port))
	}
	o.Logger.Info("serving the preview", "url", l.url)
	hs := &http.Server{
		Handler:           l.srv,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		ErrorLog:          slog.NewLogLogger(o.Logger.Handler(), slog.LevelDebug),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()

	err = l.run(ctx, w.Batches(), serveErr)

	l.srv.Close() // release the event streams, or Shutdown waits for them
	sctx, stop := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer stop()
	if serr := hs.Shutdown(sctx); serr != nil {
		o.Logger.Warn("stopping the preview server", "err", serr)
		hs.Close()
	}
	return err
}

// The preview keeps the planned site in memory (about 60 MB for a site of
// 10,000 pages) and allocates some 10 MB for each save. With the garbage
// collector's default a collection runs every few saves and takes a core
// of two while the next save is planned; the preview lets the heap grow to
// three times what is live instead, within gcLimit, which keeps the
// process well under 300 MB. The memory is given back once things are
// quiet (Options.Release). GOGC and GOMEMLIMIT, when set, are left alone.
const (
	gcPercent = 200
	gcLimit   = 200 << 20
)

// collectLess sets the preview's garbage collection and returns the
// function that sets it back.
func collectLess() (restore func()) {
	var undo []func()
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(gcPercent)
		undo = append(undo, func() { debug.SetGCPercent(old) })
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(gcLimit)
		undo = append(undo, func() { debug.SetMemoryLimit(old) })
	}
	return func() {
		for _, f := range undo {
			f()
		}
	}
}

// listen listens on bind:port, or on the next free port above it.
func listen(ctx context.Context, bind string, port int) (net.Listener, int, error) {
	var lc net.ListenConfig
	var first error
	for p := port; p <= port+portTries && p <= 65535; p++ {
		ln, err := lc.Listen(ctx, "tcp", net.JoinHostPort(bind, strconv.Itoa(p)))
		if err == nil {
			return ln, p, nil
		}
		if first == nil {
			first = err
		}
		if !addrInUse(err) {
			break
		}
	}
	return nil, 0, fmt.Errorf("starting the preview on %s, ports %d to %d: %w", bind, port, port+portTries, first)
}

// addrInUse reports whether a listen failed because the port is taken.
func addrInUse(err error) bool {
	var errno syscall.Errno
	const wsaeaddrinuse = 10048 // Windows
	return errors.As(err, &errno) && (errno == syscall.EADDRINUSE || errno == wsaeaddrinuse)
}

// rebuilder runs one build at a time and turns batches of changes, the
// midnight timer and finished builds into the next build. All its fields
// belong to the goroutine of run.
type rebuilder struct {
	o    Options
	srv  *Server
	url  string
	port int

	dirty  map[string]struct{} // changed since the last good build
	all    bool                // everything must be built
	fresh  bool                // changes came in since the running build started
	job    *job                // the running build, or nil
	done   chan outcome
	builds int  // finished builds, good or not
	broken bool // the last finished build failed

	midnights *midnights // nil without Options.Now

	// changedAt is when the last batch of changes came in; held is a
	// failed build whose problems wait until settle fires (Options.Settle).
	changedAt time.Time
	held      *outcome
	settle    *time.Timer
}

// job is one build in progress.
type job struct {
	cancel    context.CancelFunc
	cancelled bool // by us, because it is obsolete
	changed   []string
	start     time.Time
}

// outcome is a finished build.
type outcome struct {
	job *job
	res Result
	err error
}

func (l *rebuilder) run(ctx context.Context, batches <-chan Batch, serveErr <-chan error) error {
	// release fires once things are quiet after a build.
	release := time.NewTimer(time.Hour)
	release.Stop()
	defer release.Stop()
	l.settle = time.NewTimer(time.Hour)
	l.settle.Stop()
	defer l.settle.Stop()
	var midnight <-chan time.Time
	if l.o.Now != nil {
		l.midnights = newMidnights(l.o.Now, l.o.Location)
		defer l.midnights.stop()
		midnight = l.midnights.C()
	}
	l.start(ctx)
	for {
		select {
		case <-ctx.Done():
			l.stop()
			return nil
		case err := <-serveErr:
			l.stop()
			return fmt.Errorf("serving the preview: %w", err)
		case b, ok := <-batches:
			if !ok {
				l.o.Logger.Warn("no longer watching files; restart the preview to see changes")
				batches = nil
				continue
			}
			for _, p := range b.Paths {
				l.dirty[p] = struct{}{}
			}
			l.all = l.all || b.All
			l.fresh = true
			l.changedAt = time.Now()
			l.held = nil // the build of these changes tells what holds
			l.settle.Stop()
			l.kick(ctx)
		case <-midnight:
			l.o.Logger.Info("midnight: rebuilding for the new day")
			l.midnights.advance()
			l.all = true
			l.fresh = true
			l.kick(ctx)
		case out := <-l.done:
			l.finish(out)
			if l.fresh {
				l.start(ctx)
			} else if l.o.Release > 0 {
				release.Reset(l.o.Release)
			}
		case <-l.settle.C:
			if out := l.held; out != nil && l.job == nil {
				l.held = nil
				l.failed(*out, false)
			}
		case <-release.C:
			if l.job == nil {
				go debug.FreeOSMemory() // a collection: the loop takes the next change meanwhile
			}
		}
	}
}

// kick makes a build of what is pending happen: it starts one, or cancels
// the running one, whose end starts the next.
func (l *rebuilder) kick(ctx context.Context) {
	if l.job == nil {
		l.start(ctx)
		return
	}
	if !l.job.cancelled {
		l.job.cancelled = true
		l.job.cancel()
	}
}

// start runs a build of everything pending in its own goroutine.
func (l *rebuilder) start(ctx context.Context) {
	var changed []string
	if !l.all {
		changed = sortedKeys(l.dirty)
	}
	l.fresh = false
	l.held = nil // this build tells what holds now
	l.settle.Stop()
	jctx, cancel := context.WithCancel(ctx)
	j := &job{cancel: cancel, changed: changed}
	if l.o.Clock != nil {
		j.start = l.o.Clock()
	}
	l.job = j
	go func() {
		res, err := l.o.Build(jctx, changed)
		l.done <- outcome{job: j, res: res, err: err}
	}()
}

// stop cancels the running build, if any, and waits for it to return.
func (l *rebuilder) stop() {
	if l.job == nil {
		return
	}
	l.job.cancel()
	<-l.done
	l.job = nil
}

// finish takes in a finished build: a good one is served and open pages
// reload; a failed one leaves the last good site up and shows its problems.
// A cancelled one is dropped; what it was given is still pending.
func (l *rebuilder) finish(out outcome) {
	j := out.job
	l.job = nil
	j.cancel()
	if j.cancelled {
		return
	}
	first := l.builds == 0
	if out.err != nil {
		if wait := l.o.Settle - time.Since(l.changedAt); !first && wait > 0 {
			l.held = &out
			l.settle.Reset(wait)
			return
		}
		l.failed(out, first)
		return
	}
	l.builds++
	lang := out.res.Lang
	took := l.took(j)
	changed := slog.Any("changed", changedAttr(j.changed))

	clear(l.dirty)
	l.all = false
	l.o.Logger.Info("rebuilt"+took, changed)
	if l.broken {
		fmt.Fprintln(l.o.Stdout, say(lang, "Opgelost: de site wordt weer gebouwd.", "Fixed: the site builds again."))
	}
	l.broken = false
	if loc := out.res.Location; loc != nil && l.midnights != nil && loc.String() != l.midnights.loc.String() {
		l.o.Logger.Info("the time zone changed; midnight is now that of " + loc.String())
		l.midnights.relocate(loc)
	}
	out.res.changed = j.changed
	kind := l.srv.Publish(out.res)
	if first {
		l.greet(lang) // once the site is there to see
	}
	l.notify(kind)
}

// failed takes in a build that failed: the last good site stays up, the
// problems are printed and shown on every open page.
func (l *rebuilder) failed(out outcome, first bool) {
	l.builds++
	lang := out.res.Lang
	// Print first, then tell the pages: what a page shows is on the
	// terminal by then.
	problems := Problems(out.err, lang)
	var list diag.List
	if errors.As(out.err, &list) {
		fmt.Fprint(l.o.Stdout, list.Format(lang))
	} else {
		fmt.Fprintf(l.o.Stdout, "%s: %v\n", say(lang, "Bouwen mislukt", "Build failed"), out.err)
	}
	l.o.Logger.Warn("build failed"+l.took(out.job), slog.Any("changed", changedAttr(out.job.changed)), slog.Int("problems", len(problems)))
	l.srv.Fail(lang, problems)
	if first {
		l.greet(lang)
	}
	l.broken = true
	l.notify(EventProblems)
}

// took says how long the build of j took, for the log.
func (l *rebuilder) took(j *job) string {
	if l.o.Clock == nil {
		return ""
	}
	return fmt.Sprintf(" in %d ms", l.o.Clock().Sub(j.start).Milliseconds())
}

// greet prints where the preview is, once, in the site's language.
func (l *rebuilder) greet(lang string) {
	if l.port != l.o.Port {
		fmt.Fprintf(l.o.Stdout, say(lang, "Poort %d is bezet; ik gebruik poort %d.\n", "Port %d is in use; using %d.\n"), l.o.Port, l.port)
	}
	fmt.Fprintf(l.o.Stdout, say(lang, "Voorbeeld: %s (stop met Ctrl-C)\n", "Preview: %s (stop with Ctrl-C)\n"), l.url)
	if l.o.OnReady != nil {
		l.o.OnReady(l.url)
	}
}

func (l *rebuilder) notify(kind EventKind) {
	if l.o.OnEvent != nil {
		l.o.OnEvent(kind)
	}
}

// changedAttr describes the changed paths of a build for the log.
func changedAttr(changed []string) any {
	if changed == nil {
		return "all"
	}
	return len(changed)
}
