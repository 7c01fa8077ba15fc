package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"krachtpunt/generator/internal/content"
)

// Batch is one debounced set of changes to the watched files.
type Batch struct {
	// Paths lists the site-relative slash paths of the files that were
	// created, written, removed or renamed, sorted and without repeats.
	// Folders are never listed; a new folder lists the files inside it.
	Paths []string
	// All is set when the paths cannot tell the whole story: a folder was
	// removed or renamed away, or the system dropped events. Everything may
	// have changed.
	All bool
}

// WatchOptions configures a Watcher.
type WatchOptions struct {
	SiteDir  string        // the site folder; paths in batches are relative to it
	Paths    []string      // site-relative paths to watch recursively: files or folders, present or not yet
	Debounce time.Duration // quiet time after the last change before a batch is sent; default 2ms
	MaxWait  time.Duration // longest a change waits while changes keep coming; default 1s
	Logger   *slog.Logger  // nil discards
}

// Watcher reports changes under a set of paths of a site as debounced
// batches. It watches folders rather than files, so editors that save by
// writing a new file and renaming it over the old one are seen; it adds
// watches for folders that appear later and drops those of folders that go.
// Names that content.Ignored rejects, in any element of a path, are never
// reported and never watched.
type Watcher struct {
	dir      string   // absolute site folder
	roots    []string // cleaned site-relative slash paths
	debounce time.Duration
	maxWait  time.Duration
	log      *slog.Logger

	fsw     *fsnotify.Watcher
	out     chan Batch
	cancel  context.CancelFunc
	stopped chan struct{}

	mu   sync.Mutex      // guards dirs, for tests reading it while the loop runs
	dirs map[string]bool // watched folders (OS paths) -> inside a root (else only an ancestor of one)

	// gone holds the folders removed or renamed since the last batch: both
	// the folder and its parent report it, and it must not be listed as a file.
	gone map[string]struct{}
}

// NewWatcher watches o.Paths and starts reporting. Every change made after it
// returns is reported on Batches, until ctx is cancelled or Close is called.
func NewWatcher(ctx context.Context, o WatchOptions) (*Watcher, error) {
	dir, err := filepath.Abs(o.SiteDir)
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", o.SiteDir, err)
	}
	w := &Watcher{
		dir:      dir,
		debounce: o.Debounce,
		maxWait:  o.MaxWait,
		log:      o.Logger,
		out:      make(chan Batch),
		stopped:  make(chan struct{}),
		dirs:     make(map[string]bool),
		gone:     make(map[string]struct{}),
	}
	if w.debounce <= 0 {
		w.debounce = 2 * time.Millisecond
	}
	if w.maxWait <= 0 {
		w.maxWait = time.Second
	}
	w.maxWait = max(w.maxWait, w.debounce)
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	for _, p := range o.Paths {
		r := path.Clean(filepath.ToSlash(p))
		if filepath.IsAbs(p) || path.IsAbs(r) || r == ".." || strings.HasPrefix(r, "../") {
			return nil, fmt.Errorf("watching %s: %q is not inside the site folder", o.SiteDir, p)
		}
		w.roots = append(w.roots, r)
	}
	w.fsw, err = fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", o.SiteDir, err)
	}
	if _, err := w.addTree(ctx, "."); err != nil {
		w.fsw.Close()
		return nil, fmt.Errorf("watching %s: %w", o.SiteDir, err)
	}
	ctx, w.cancel = context.WithCancel(ctx)
	go w.loop(ctx)
	return w, nil
}

// Batches delivers the batches. It is closed once the Watcher has stopped.
func (w *Watcher) Batches() <-chan Batch { return w.out }

// Close stops watching and waits until Batches is closed.
func (w *Watcher) Close() error {
	w.cancel()
	<-w.stopped
	return nil
}

// watched returns the watched folders, site-relative, sorted.
func (w *Watcher) watched() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for d := range w.dirs {
		out = append(out, w.rel(d))
	}
	slices.Sort(out)
	return out
}

// loop gathers events into a batch and hands it out after a quiet spell.
func (w *Watcher) loop(ctx context.Context) {
	defer close(w.stopped)
	defer close(w.out)
	defer w.fsw.Close()

	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	deadline := time.NewTimer(time.Hour)
	deadline.Stop()
	pending := make(map[string]struct{})
	var all, waiting, ready bool

	for {
		var send chan<- Batch
		var b Batch
		if ready {
			send = w.out
			b = Batch{Paths: sortedKeys(pending), All: all}
		}
		changed := false
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			changed = w.handle(ctx, ev, pending, &all)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.log.Warn("too many file changes at once; rebuilding everything")
				all, changed = true, true
			} else {
				w.log.Warn("watching files", "err", err)
			}
		case <-quiet.C:
			// On a busy machine the timer can run out while events wait to
			// be read; those belong to this batch.
			if w.drain(ctx, pending, &all) {
				changed = true
			} else {
				ready = true
			}
		case <-deadline.C:
			ready = true
		case send <- b:
			clear(pending)
			clear(w.gone)
			all, waiting, ready = false, false, false
			quiet.Stop()
			deadline.Stop()
		}
		if changed && !ready {
			quiet.Reset(w.debounce)
			if !waiting {
				waiting = true
				deadline.Reset(w.maxWait)
			}
		}
	}
}

// drain handles the events that are ready to be read without waiting, and
// reports whether any was a change.
func (w *Watcher) drain(ctx context.Context, pending map[string]struct{}, all *bool) bool {
	runtime.Gosched() // let the reader hand over what it already has
	changed := false
	for {
		select {
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return changed
			}
			changed = w.handle(ctx, ev, pending, all) || changed
		default:
			return changed
		}
	}
}

// handle takes one event into the pending batch and reports whether it was
// a change worth reporting.
func (w *Watcher) handle(ctx context.Context, ev fsnotify.Event, pending map[string]struct{}, all *bool) bool {
	rel := w.rel(ev.Name)
	if rel == "" || ignoredPath(rel) {
		return false
	}
	inside, ancestor := w.classify(rel)
	if !inside && !ancestor {
		return false // e.g. public/ or a theme that is not used
	}
	switch {
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		if w.forget(ev.Name) {
			w.gone[rel] = struct{}{}
			*all = true
			return true
		}
		if _, ok := w.gone[rel]; ok {
			return false // the folder's own watch telling the same
		}
		if inside {
			pending[rel] = struct{}{}
			return true
		}
	case ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Create):
		if w.isWatched(ev.Name) {
			return false // kqueue and Windows say a folder is written when its list changes
		}
		if inside {
			pending[rel] = struct{}{}
			return true
		}
	case ev.Has(fsnotify.Create):
		fi, err := os.Lstat(ev.Name)
		if err == nil && fi.IsDir() {
			files, err := w.addTree(ctx, rel)
			if err != nil {
				w.log.Warn("watching new folder", "folder", rel, "err", err)
			}
			for _, f := range files {
				pending[f] = struct{}{}
			}
			return len(files) > 0
		}
		if inside {
			// A file that is already gone again is reported too: the
			// builder finds out it no longer exists.
			pending[rel] = struct{}{}
			return true
		}
	}
	// Chmod alone: indexers and virus scanners touch attributes all day.
	return false
}

// addTree watches the folder rel (site-relative) if it is inside a root or
// leads to one, and every folder below it that matters. It returns the files
// found inside roots: they may have been written before the watch was added.
func (w *Watcher) addTree(ctx context.Context, rel string) ([]string, error) {
	inside, ancestor := w.classify(rel)
	switch {
	case inside:
		var files []string
		err := filepath.WalkDir(w.abs(rel), func(p string, d fs.DirEntry, err error) error {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			r := w.rel(p)
			if err != nil {
				if !errors.Is(err, fs.ErrNotExist) { // else removed while we looked
					w.log.Warn("reading folder", "folder", r, "err", err)
				}
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if r != rel && content.Ignored(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				// Watch before the folder is listed, so a file is either
				// listed or seen by the watch, never missed.
				err := w.watch(p, true)
				if errors.Is(err, fs.ErrNotExist) {
					return filepath.SkipDir
				}
				return err
			}
			files = append(files, r)
			return nil
		})
		return files, err
	case ancestor:
		if err := w.watch(w.abs(rel), false); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil
			}
			return nil, err
		}
		var files []string
		for _, child := range w.children(rel) {
			fi, err := os.Lstat(w.abs(child))
			switch {
			case err != nil:
				continue // not there (yet); the watch on rel sees it arrive
			case fi.IsDir():
				f, err := w.addTree(ctx, child)
				files = append(files, f...)
				if err != nil {
					return files, err
				}
			default:
				if inside, _ := w.classify(child); inside {
					files = append(files, child)
				}
			}
		}
		return files, nil
	}
	return nil, nil
}

// children returns the next path element on the way from rel to each root
// below it, e.g. "themes/default" for rel "themes".
func (w *Watcher) children(rel string) []string {
	var out []string
	for _, r := range w.roots {
		rest, ok := r, rel == "."
		if !ok {
			rest, ok = strings.CutPrefix(r, rel+"/")
		}
		if !ok || rest == "" {
			continue
		}
		first, _, _ := strings.Cut(rest, "/")
		out = append(out, path.Join(rel, first))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// classify says whether rel is inside one of the roots (or is one), and
// whether it is a folder on the way to one.
func (w *Watcher) classify(rel string) (inside, ancestor bool) {
	for _, r := range w.roots {
		switch {
		case r == "." || rel == r || strings.HasPrefix(rel, r+"/"):
			inside = true
		case rel == "." || strings.HasPrefix(r, rel+"/"):
			ancestor = true
		}
	}
	return inside, ancestor
}

// watch adds a watch on the folder at the OS path p.
func (w *Watcher) watch(p string, inside bool) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if was, ok := w.dirs[p]; ok && (was || !inside) {
		return nil
	}
	if err := w.fsw.Add(p); err != nil {
		if errors.Is(err, syscall.ENOSPC) {
			return fmt.Errorf("%w: the system's limit on watched folders is reached (on Linux, raise fs.inotify.max_user_watches)", err)
		}
		return err
	}
	w.dirs[p] = inside
	return nil
}

// isWatched reports whether the folder at the OS path p is watched.
func (w *Watcher) isWatched(p string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, ok := w.dirs[p]
	return ok
}

// forget drops the watches on the folder at the OS path p and every folder
// below it, and reports whether p was a watched folder. The system drops a
// watch when its folder goes, but not those of the folders inside a folder
// that was renamed.
func (w *Watcher) forget(p string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.dirs[p]; !ok {
		return false
	}
	prefix := p + string(filepath.Separator)
	for d := range w.dirs {
		if d == p || strings.HasPrefix(d, prefix) {
			delete(w.dirs, d)
			// Already gone when the folder was deleted; nothing to do then.
			if err := w.fsw.Remove(d); err != nil && !errors.Is(err, fsnotify.ErrNonExistentWatch) {
				w.log.Debug("removing watch", "folder", d, "err", err)
			}
		}
	}
	return true
}

// rel turns an OS path under the site folder into a site-relative slash path,
// "." for the folder itself, or "" when it lies outside.
func (w *Watcher) rel(p string) string {
	r, err := filepath.Rel(w.dir, p)
	if err != nil {
		return ""
	}
	r = filepath.ToSlash(r)
	if r == ".." || strings.HasPrefix(r, "../") {
		return ""
	}
	return r
}

// abs turns a site-relative slash path into an OS path.
func (w *Watcher) abs(rel string) string {
	return filepath.Join(w.dir, filepath.FromSlash(rel))
}

// ignoredPath reports whether any element of the site-relative path rel is a
// name the build leaves out.
func ignoredPath(rel string) bool {
	if rel == "." {
		return false
	}
	for _, el := range strings.Split(rel, "/") {
		if content.Ignored(el) {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
