package outdir

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// Names of what a build keeps next to the output folder NAME.
const (
	lockPrefix        = ".krachtpunt-lock-"             // + NAME: the lock file, kept
	stagingPrefix     = ".krachtpunt-build-"            // + NAME: the new site while it is written
	asideSuffix       = ".old"                          // staging + this: the old site during a swap
	manifestPrefix    = ".krachtpunt-manifest-"         // + NAME: the record of the published site
	newManifestPrefix = ".krachtpunt-newmanifest-"      // + NAME: the new site's record during the swap
	retainedPrefix    = ".krachtpunt-retained-"         // + NAME: the site before the published one, kept for the next build
	retainedRecPrefix = ".krachtpunt-retainedmanifest-" // + NAME: the record of the retained site
	takenRecPrefix    = ".krachtpunt-takenmanifest-"    // + NAME: that record while a build changes the retained site
	parsedPrefix      = ".krachtpunt-parsed-"           // + NAME: what the build parsed, for the next one (see RecordPath)
)

// Options configures Open.
type Options struct {
	// Waiting, when set, is called once when another build holds the
	// output folder and this one has to wait for it.
	Waiting func()
	// Logger receives warnings that do not make a build fail, such as an
	// old site that could not be removed after the swap. Nil: discarded.
	Logger *slog.Logger
}

// Dir writes a build into a staging folder next to the output folder and
// swaps it in when Commit is called, so a failed or interrupted build leaves
// the previous site exactly as it was. It holds the output folder's lock
// from Open until Commit or Abort. Create, WriteFile and Keep may be called
// concurrently.
//
// A file that the previous site already has with the same bytes is not
// written again: the new site gets a hard link to it, so its modification
// time stays and upload tools such as rsync see only what really changed.
type Dir struct {
	target      string // the output folder: absolute, symbolic links resolved
	staging     string
	aside       string
	manifest    string // the previous site's record, then the new one's
	newManifest string
	retained    string
	retainedRec string
	takenRec    string
	lock        *folderLock
	parent      *os.Root // the folder holding target and staging: for links
	root        *os.Root // staging: writes fail if it is removed under us
	beneath     beneath  // makes files and folders in root
	log         *slog.Logger
	done        atomic.Bool
	open        atomic.Int64 // files created and not yet closed

	ready   chan struct{} // closed when Open's background part is done
	isReady atomic.Bool   // set just before ready is closed
	openErr error         // what went wrong there: every call returns it

	prev map[string]entry // the previous site's manifest; nil: none
	// prevOrder is the order of its lines, for the new manifest.
	prevOrder recordOrder
	// The files of prev that are as recorded: looked at in the background
	// from Open on (see lookAt), and read once looked is closed.
	looked   chan struct{}
	same     map[string]bool
	noLooks  atomic.Bool // set by Abort: stop looking
	prevDirs map[string]folder
	prevRead bool // it was read whole: put back when the swap fails
	// Commit moved the previous site's record to be the retained site's.
	recordAside bool
	hasPrev     bool // there is a previous site to link to

	// The files (their inodes) and folders staging began with: the
	// retained site, when it was whole (see retain.go). Read only after
	// Open.
	start     map[string]uint64
	startDirs map[string]folder
	seen      sync.Map // slash path -> *earlierFile: what PreviousKey found
	touched   sync.Map // slash paths of folders of staging whose files changed

	mu    sync.Mutex
	files map[string]entry // the new site's manifest
	dirs  sync.Map         // folders made in staging besides startDirs: slash path -> true
	dirMu sync.Mutex       // held while a file of the retained site becomes a folder
	stats Stats

	// The file operations of the swap, replaced by tests.
	exchange func(a, b string) error
	rename   func(from, to string) error
	link     func(old, new string) error // relative to parent
	step     func(string)                // told each step of the swap; nil
}

// Open waits until no other build holds the output folder target, takes it,
// puts back a site that an interrupted swap left aside and removes what
// interrupted builds left. It returns then, while the records of the
// published and the retained site are read and the staging folder is made
// (from the retained site, or empty) in the background: the build reads
// its content meanwhile, and the first Create, Keep, PreviousKey, Commit or
// Abort waits for it and returns what went wrong there. When ctx is
// cancelled while waiting for the folder, Open returns ctx's error and
// changes nothing.
func Open(ctx context.Context, target string, o Options) (*Dir, error) {
	abs, err := filepath.Abs(target)
	if err != nil {
		return nil, fmt.Errorf("finding the output folder: %w", err)
	}
	// One lock per folder, whatever path leads to it.
	abs = resolve(abs)
	parent, name := filepath.Dir(abs), filepath.Base(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	lock, err := lockFolder(ctx, filepath.Join(parent, lockPrefix+name), o.Waiting)
	if err != nil {
		return nil, fmt.Errorf("waiting for the other build in %s: %w", target, err)
	}
	d := &Dir{
		target:      abs,
		staging:     filepath.Join(parent, stagingPrefix+name),
		manifest:    filepath.Join(parent, manifestPrefix+name),
		newManifest: filepath.Join(parent, newManifestPrefix+name),
		retained:    filepath.Join(parent, retainedPrefix+name),
		retainedRec: filepath.Join(parent, retainedRecPrefix+name),
		takenRec:    filepath.Join(parent, takenRecPrefix+name),
		lock:        lock,
		log:         o.Logger,
		files:       map[string]entry{},
		exchange:    exchange,
		rename:      os.Rename,
	}
	d.aside = d.staging + asideSuffix
	if d.log == nil {
		d.log = slog.New(slog.DiscardHandler)
	}
	if err := d.tidy(); err != nil {
		lock.unlock()
		return nil, err
	}
	d.link = func(old, new string) error { return d.parent.Link(old, new) }
	// The records and the retained site are looked at while the build
	// reads the content: the first call that needs them waits for them.
	d.ready = make(chan struct{})
	go func() {
		d.openErr = d.setUp(parent, name, target)
		d.isReady.Store(true)
		close(d.ready)
	}()
	return d, nil
}

// setUp reads the published site's record, makes the staging folder
// (from the retained site where it can) and opens it.
func (d *Dir) setUp(parent, name, target string) error {
	// The published site's record is read while the retained site is
	// looked at.
	type read struct {
		files map[string]entry
		dirs  map[string]folder
		order recordOrder
		err   error
	}
	published := make(chan read, 1)
	d.looked = make(chan struct{})
	// The early look serves only files that staging, begun as the
	// retained site, holds already (see lookedAt): without one, none.
	_, err := os.Lstat(d.retained)
	retained := err == nil
	go func() {
		defer close(d.looked)
		var r read
		var data []byte
		if data, r.err = os.ReadFile(d.manifest); r.err == nil {
			r.files, r.dirs, r.order, r.err = decodeRecordLines(data, true)
		}
		published <- r
		if r.err == nil && retained {
			d.lookAt(r.files)
		}
	}()
	d.reuse()
	prev := <-published
	if d.start == nil {
		if err := os.Mkdir(d.staging, 0o755); err != nil {
			return fmt.Errorf("creating a build folder next to %s: %w", target, err)
		}
	}
	// The published folder is readable by the web server whatever the umask.
	if err := os.Chmod(d.staging, 0o755); err != nil {
		return err
	}
	if d.parent, err = os.OpenRoot(parent); err != nil {
		return err
	}
	if d.root, err = d.parent.OpenRoot(stagingPrefix + name); err != nil {
		return err
	}
	d.beneath.open(d.root)
	if fi, err := d.parent.Lstat(name); err == nil && fi.IsDir() {
		d.hasPrev = true
		switch {
		case prev.err == nil:
			d.prev, d.prevDirs, d.prevOrder, d.prevRead = prev.files, prev.dirs, prev.order, true
			d.files = make(map[string]entry, len(d.prev)) // much the same site
		case !errors.Is(prev.err, fs.ErrNotExist):
			d.log.Debug("the record of the previous site is unreadable; every file is compared", "file", d.manifest, "err", prev.err)
		}
	}
	return nil
}

// wait waits until Open's look at the records and the retained site is
// done, and returns what went wrong there.
func (d *Dir) wait() error {
	if !d.isReady.Load() {
		<-d.ready
	}
	return d.openErr
}

// RecordPath returns the path of the file next to the output folder in
// which a build may keep what it parsed for the next build
// (".krachtpunt-parsed-public"): beside the folder's other records, never
// in it, so it is never published.
func (d *Dir) RecordPath() string {
	return filepath.Join(filepath.Dir(d.target), parsedPrefix+filepath.Base(d.target))
}

// tidy puts back the old site when a swap was interrupted between its two
// renames, and removes the folders of interrupted builds. It runs only while
// the lock is held, so no running build uses them.
func (d *Dir) tidy() error {
	if _, err := os.Lstat(d.aside); err == nil {
		if _, err := os.Lstat(d.target); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(d.aside, d.target); err != nil {
				return fmt.Errorf("putting back the previous site %s: %w", d.target, err)
			}
		}
	}
	for _, p := range []string{d.staging, d.aside, d.newManifest, d.takenRec} {
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("removing %s, left by an interrupted build: %w", p, err)
		}
	}
	return nil
}

// WriteFile writes data to the slash path p in the staging folder: Create,
// Write and Close, without a key.
func (d *Dir) WriteFile(p string, data []byte) error {
	w, err := d.Create(p, "")
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// Commit swaps the finished build in for the output folder, with its
// manifest, and releases the lock. When ctx is already cancelled, it throws
// the build away instead and returns ctx's error; once the swap has begun,
// it is not interrupted.
//
// The manifest beside the output folder always describes the site in it,
// whenever the process is killed: the new manifest is written first, the
// old one is moved away before the swap (to become the retained site's
// record, or removed) and the new one renamed in after it.
// In between there is none, which only means the next build compares every
// file.
func (d *Dir) Commit(ctx context.Context) error {
	if d.done.Swap(true) {
		return errors.New("the build is already finished")
	}
	defer d.lock.unlock()
	err := d.wait()
	<-d.looked                // no file is looked at once the lock is released
	_ = os.Remove(d.takenRec) // the retained site is this build's now
	if err != nil {
		d.closeRoots()
		_ = os.RemoveAll(d.staging)
		return err
	}
	d.closeRoots()
	if err := ctx.Err(); err != nil {
		_ = os.RemoveAll(d.staging)
		return err
	}
	d.mu.Lock()
	files := d.files
	d.files = nil // files closed from now on are not part of the build
	d.mu.Unlock()
	// Create counts a file before it looks at done, so no file can start
	// unseen once done is set.
	if n := d.open.Load(); n > 0 {
		_ = os.RemoveAll(d.staging)
		return fmt.Errorf("%d files of the build are not complete", n)
	}
	// The files' part of the record is written while what the build does
	// not make goes and every folder is recorded.
	filesPart := make(chan []byte, 1)
	extra := foldersSize(d.prevDirs) // the new site has much the same folders
	go func() { filesPart <- encodeFilesAfter(files, d.prevOrder.files, extra) }()
	dirs, err := d.tidyStaging(files)
	part := <-filesPart
	if err != nil {
		_ = os.RemoveAll(d.staging)
		return err
	}
	d.tell("cleaned")
	record := true
	if err := os.WriteFile(d.newManifest, encodeFolders(part, dirs, len(files), d.prevOrder.dirs), 0o644); err != nil {
		// The site is whole without it; the next build compares every file.
		d.log.Warn("writing the record of the new site", "file", d.newManifest, "err", err)
		_ = os.Remove(d.newManifest)
		record = false
	}
	// A file or folder changed once the site is published must get
	// another time than the recorded one.
	d.waitForClock(files, dirs)
	// The previous site's record becomes that of the retained site (see
	// retain): it names the site that is replaced, and is not read as a
	// retained site's until that site is beside it.
	d.recordAside = d.keepsPrevious() && os.Rename(d.manifest, d.retainedRec) == nil
	if !d.recordAside {
		if err := os.Remove(d.manifest); err != nil && !errors.Is(err, fs.ErrNotExist) {
			_ = os.RemoveAll(d.staging)
			_ = os.Remove(d.newManifest)
			return fmt.Errorf("removing the record of the previous site: %w", err)
		}
	}
	d.tell("unrecorded")
	old, err := d.swap()
	if err != nil {
		_ = os.RemoveAll(d.staging)
		_ = os.Remove(d.newManifest)
		if d.prevRead {
			// The previous site stays (or is put back by the next Open).
			if !d.recordAside || os.Rename(d.retainedRec, d.manifest) != nil {
				_ = os.WriteFile(d.manifest, encodeRecord(d.prev, d.prevDirs), 0o644)
			}
		}
		_ = os.Remove(d.retainedRec)
		return err
	}
	if record {
		if err := os.Rename(d.newManifest, d.manifest); err != nil {
			d.log.Warn("recording the new site", "file", d.manifest, "err", err)
			_ = os.Remove(d.newManifest)
		}
		d.tell("recorded")
	}
	if old != "" {
		d.retain(old)
	}
	return nil
}

// Abort throws the unfinished build away and releases the lock. It does
// nothing after Commit or a first Abort.
func (d *Dir) Abort() {
	if d.done.Swap(true) {
		return
	}
	d.noLooks.Store(true)
	_ = d.wait()
	<-d.looked
	d.closeRoots()
	if !d.giveBack() {
		_ = os.RemoveAll(d.staging)
	}
	d.lock.unlock()
}

func (d *Dir) closeRoots() {
	d.beneath.close()
	if d.root != nil {
		d.root.Close()
	}
	if d.parent != nil {
		d.parent.Close()
	}
}

// Hold waits until no build holds the output folder target and keeps builds
// out of it until release is called: for reading a finished site, as
// publish does while it uploads. waiting is called once if it must wait.
func Hold(ctx context.Context, target string, waiting func()) (release func(), err error) {
	abs, err := filepath.Abs(target)
	if err != nil {
		return nil, fmt.Errorf("finding the output folder: %w", err)
	}
	abs = resolve(abs)
	lock, err := lockFolder(ctx, filepath.Join(filepath.Dir(abs), lockPrefix+filepath.Base(abs)), waiting)
	if err != nil {
		return nil, fmt.Errorf("waiting for the build in %s: %w", target, err)
	}
	return lock.unlock, nil
}
