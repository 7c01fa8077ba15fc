package outdir

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"math/bits"
	"os"
	"path"
	"path/filepath"
)

// maxHeld is the most a file being written is held in memory while it may
// still equal the previous site's file. A larger file is compared with the
// previous one as it comes, and written (the equal part copied from the
// previous file) from its first difference. Either way an unchanged file
// is never written at all.
const maxHeld = 1 << 20

// Stats counts what a build did with its files.
type Stats struct {
	Written      int   // files written anew
	WrittenBytes int64 // bytes written, also of files that were then kept
	Linked       int   // files of the previous site kept as hard links
	Copied       int   // files of the previous site kept as copies: links failed
	InPlace      int   // among Linked: already in the build folder, which began as the retained site
}

// Stats returns what the build did with its files so far.
func (d *Dir) Stats() Stats {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stats
}

// PreviousKey returns the key the build that made the current output folder
// recorded for the slash path p, or "" when it recorded none, has no such
// file, or the file was changed since.
func (d *Dir) PreviousKey(p string) string {
	if d.wait() != nil {
		return ""
	}
	if e, ok := d.lookedAt(p); ok {
		return e.key
	}
	var e *earlierFile
	if v, ok := d.seen.Load(p); ok {
		e = v.(*earlierFile)
	} else if e = d.earlier(p); e != nil {
		// For the Keep or Create that follows.
		d.seen.Store(p, e)
	}
	if e != nil && e.known {
		return e.key
	}
	return ""
}

// Keep publishes the previous site's file p unchanged, with its bytes and
// modification time (a hard link, or a copy where links fail), and records
// key for it.
func (d *Dir) Keep(p, key string) error {
	if err := d.wait(); err != nil {
		return err
	}
	name, err := d.prepare(p)
	if err != nil {
		return err
	}
	e := d.take(p)
	if e == nil {
		return fmt.Errorf("keeping %s: the previous site has no such file", p)
	}
	if !e.known {
		if e.sum, err = d.sumOf(p); err != nil {
			return fmt.Errorf("keeping %s: %w", p, err)
		}
	}
	if kept, err := d.keepInPlace(p, key, e); kept || err != nil {
		return err
	}
	now, err := d.place(p, name, e, e.sum, nil)
	if err != nil {
		return fmt.Errorf("keeping %s: %w", p, err)
	}
	return d.record(p, now.as(key, e.sum))
}

// Create starts the file at the slash path p in the staging folder; it is
// complete when Close returns nil. key is the content hash of everything
// the file is made from ("" when unknown); it is recorded for the next
// build's PreviousKey. When the previous site has a file at p with the same
// bytes, Close keeps that one instead.
func (d *Dir) Create(p, key string) (io.WriteCloser, error) {
	if err := d.wait(); err != nil {
		return nil, err
	}
	d.open.Add(1) // before prepare looks at done: see Commit
	name, err := d.prepare(p)
	if err != nil {
		d.open.Add(-1)
		return nil, err
	}
	w := &file{d: d, p: p, name: name, key: key, h: sha256.New(), prev: d.take(p)}
	switch {
	case w.prev != nil && w.prev.size <= maxHeld:
		w.held = getHeld(int(w.prev.size))
	case w.prev != nil:
		if w.against, err = d.parent.Open(d.prevName(p)); err == nil {
			break
		}
		w.prev = nil
		fallthrough
	default:
		if err := w.open(); err != nil {
			d.open.Add(-1)
			return nil, err
		}
	}
	return w, nil
}

// prepare checks p and makes its folder in staging; it returns the name of
// p there.
func (d *Dir) prepare(p string) (string, error) {
	if d.done.Load() {
		return "", fmt.Errorf("writing %s: the build is already finished", p)
	}
	if !fs.ValidPath(p) || p == "." {
		return "", fmt.Errorf("writing %q: not a valid path inside the site", p)
	}
	if dir := path.Dir(p); dir != "." {
		if err := d.makeDir(dir); err != nil {
			return "", fmt.Errorf("writing %s: %w", p, err)
		}
	}
	name := filepath.FromSlash(p)
	if _, ok := d.startDirs[p]; ok && p != "." {
		// A folder of the retained site where the new one has a file.
		if err := d.root.RemoveAll(name); err != nil {
			return "", fmt.Errorf("writing %s: %w", p, err)
		}
		d.touch(path.Dir(p))
	}
	return name, nil
}

// makeDir makes the folder dir of staging and those it is in, each once.
func (d *Dir) makeDir(dir string) error {
	if _, ok := d.startDirs[dir]; ok {
		return nil // a folder of the retained site
	}
	if _, ok := d.dirs.Load(dir); ok {
		return nil
	}
	parent := path.Dir(dir)
	if parent != "." {
		if err := d.makeDir(parent); err != nil {
			return err
		}
	}
	name := filepath.FromSlash(dir)
	if _, ok := d.start[dir]; ok {
		// A file of the retained site where the new one has a folder: one
		// file makes the folder, the others wait for it.
		d.dirMu.Lock()
		defer d.dirMu.Unlock()
		if _, ok := d.dirs.Load(dir); ok {
			return nil
		}
		if err := d.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := d.beneath.mkdir(d.root, name); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	d.touch(parent)
	d.dirs.Store(dir, true)
	return nil
}

// earlierFile is the previous site's file at one path: its size, time
// and file number as it is now.
type earlierFile struct {
	entry
	known bool // key and sum come from the manifest and still hold
}

// lookAt looks at every file of the published site that its manifest
// names, and notes those that are as recorded, so that the build need
// not look at them again (see lookedAt). It runs while the build reads
// the content.
func (d *Dir) lookAt(files map[string]entry) {
	same := make(map[string]bool, len(files))
	for p, e := range files {
		if d.noLooks.Load() {
			return // same stays nil: every file is looked at anew
		}
		if !fs.ValidPath(p) {
			continue
		}
		st, err := lstat(filepath.Join(d.target, filepath.FromSlash(p)))
		if err == nil && e.matchesStat(st) && e.ino == st.ino {
			same[p] = true
		}
	}
	d.same = same
}

// lookedAt returns the previous site's record of p when lookAt found the
// file as recorded and staging, begun as the retained site, holds that
// very file (see inPlace). Only then does the look still hold when the
// build gets to p: a file put in its place by hand since is not the one
// staging holds, and one edited in place is edited in both and no longer
// matches the record the build keeps for it, which is the looked-at one,
// so the next build makes it again. Any other file, which Keep links to or
// copies, is looked at anew.
func (d *Dir) lookedAt(p string) (entry, bool) {
	if !d.prevRead {
		return entry{}, false
	}
	<-d.looked
	if !d.same[p] {
		return entry{}, false
	}
	e := d.prev[p]
	if ino, ok := d.start[p]; !ok || ino == 0 || ino != e.ino {
		return entry{}, false
	}
	return e, true
}

// take returns the previous site's file at p, as PreviousKey found it or
// anew.
func (d *Dir) take(p string) *earlierFile {
	if e, ok := d.lookedAt(p); ok {
		return &earlierFile{entry: e, known: true} // PreviousKey kept nothing for it
	}
	if v, ok := d.seen.LoadAndDelete(p); ok {
		return v.(*earlierFile)
	}
	return d.earlier(p)
}

// earlier returns the previous site's file at p, or nil when it has none.
// It looks at the file by its whole path, in one step: what it finds
// counts as the recorded file only when size, time and file number say it
// is; any other file is read through the root of the folder holding the
// site, which refuses links that lead out of it.
func (d *Dir) earlier(p string) *earlierFile {
	if !d.hasPrev || !fs.ValidPath(p) {
		return nil
	}
	if e, ok := d.lookedAt(p); ok {
		return &earlierFile{entry: e, known: true}
	}
	fi, err := os.Lstat(filepath.Join(d.target, filepath.FromSlash(p)))
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	e, ok := d.prev[p]
	if ok && fi.Mode().Perm() != e.mode {
		// Its permissions were changed by hand: a link would keep them,
		// so the build makes the file anew, as a build from scratch does.
		return nil
	}
	if ok && e.matches(fi) {
		return &earlierFile{entry: entryOf(e.key, e.sum, fi), known: true}
	} else if ok && e.sameFile(fi) {
		// Its change time moved on: a hard link to it was made or removed
		// (as when a build that failed removed the retained site, which
		// shared the file), or it was edited with its time set back. Its
		// bytes tell which.
		if sum, err := d.sumOf(p); err == nil && sum == e.sum {
			return &earlierFile{entry: entryOf(e.key, e.sum, fi), known: true}
		}
	}
	return &earlierFile{entry: statOf(fi)}
}

// inPlace says whether staging, begun as the retained site, already holds
// the previous site's file e at p: the same file, not yet replaced in this
// build.
func (d *Dir) inPlace(p string, e *earlierFile) bool {
	ino, ok := d.start[p]
	if !ok || ino == 0 || ino != e.ino {
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	_, again := d.files[p]
	return !again && d.files != nil
}

// keepInPlace records the previous site's file e at p for the new site
// with key when staging already holds it (see inPlace): checking,
// recording and counting under one lock, as most files of a later build
// are kept so.
func (d *Dir) keepInPlace(p, key string, e *earlierFile) (bool, error) {
	ino, ok := d.start[p]
	if !ok || ino == 0 || ino != e.ino {
		return false, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.files == nil {
		return false, fmt.Errorf("writing %s: the build is already finished", p)
	}
	if _, again := d.files[p]; again {
		return false, nil
	}
	d.files[p] = e.as(key, e.sum)
	d.stats.Linked++
	d.stats.InPlace++
	return true, nil
}

// prevName is the name of p in the previous site, relative to d.parent.
func (d *Dir) prevName(p string) string {
	return filepath.Join(filepath.Base(d.target), filepath.FromSlash(p))
}

// stagingName is the name of p in staging, relative to d.parent.
func (d *Dir) stagingName(p string) string {
	return filepath.Join(filepath.Base(d.staging), filepath.FromSlash(p))
}

// sumOf reads the previous site's file p and returns its sha256.
func (d *Dir) sumOf(p string) ([32]byte, error) {
	var sum [32]byte
	f, err := d.parent.Open(d.prevName(p))
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	h.Sum(sum[:0])
	return sum, nil
}

// sameAs says whether the previous site's file e at p holds data.
func (d *Dir) sameAs(p string, e *earlierFile, data []byte) bool {
	f, err := d.parent.Open(d.prevName(p))
	if err != nil {
		return false
	}
	defer f.Close()
	buf := getHeld(int(e.size) + 1)
	defer putHeld(buf)
	n, err := io.ReadFull(f, buf[:cap(buf)])
	return (err == io.EOF || err == io.ErrUnexpectedEOF) && bytes.Equal(buf[:n], data)
}

// place puts the previous site's file e at p, whose bytes have the sha256
// want, into staging under name: a hard link, or when linking fails, data
// (or a copy of the file when data is nil) with the file's modification
// time. It returns what is in place.
func (d *Dir) place(p, name string, e *earlierFile, want [32]byte, data []byte) (entry, error) {
	if d.inPlace(p, e) {
		d.count(func(s *Stats) { s.Linked++; s.InPlace++ })
		return e.entry, nil
	}
	d.touch(path.Dir(p))
	if err := d.stillAsSeen(p, &e.entry, want); err != nil {
		return entry{}, err
	}
	err := d.link(d.prevName(p), d.stagingName(p))
	if errors.Is(err, fs.ErrExist) {
		// Written twice: the last one counts.
		if err = d.root.Remove(name); err == nil {
			err = d.link(d.prevName(p), d.stagingName(p))
		}
	}
	if err == nil {
		// Through the root of staging: if the folder was removed and made
		// anew under this build, the link went elsewhere.
		fi, err := d.root.Lstat(name)
		if err != nil {
			return entry{}, err
		}
		if !e.sameFile(fi) {
			return entry{}, errChanged
		}
		d.count(func(s *Stats) { s.Linked++ })
		return statOf(fi), nil
	}
	// Another file system, or one without hard links: the same bytes with
	// the same time.
	if data == nil {
		src, err := d.parent.Open(d.prevName(p))
		if err != nil {
			return entry{}, err
		}
		defer src.Close()
		if err := d.copyTo(name, src); err != nil {
			return entry{}, err
		}
	} else if err := d.copyTo(name, bytes.NewReader(data)); err != nil {
		return entry{}, err
	}
	t := e.modTime()
	if err := d.root.Chtimes(name, t, t); err != nil {
		return entry{}, err
	}
	d.count(func(s *Stats) { s.Copied++; s.WrittenBytes += e.size })
	return d.lstat(name)
}

// stillAsSeen checks, right before the previous site's file p is linked,
// that it is as the build saw it (e), change time included: the link
// itself moves the change time on, so after it only size, modification
// time and number can be checked (see sameFile), and an edit made since
// the build looked, with the modification time set back, would pass. When
// only the change time moved (another hard link to the file was made or
// removed meanwhile, as a backup that links does), its bytes must still
// have the sha256 want.
func (d *Dir) stillAsSeen(p string, e *entry, want [32]byte) error {
	st, err := lstat(filepath.Join(d.target, filepath.FromSlash(p)))
	switch {
	case err != nil:
		return errChanged
	case e.matchesStat(st):
		return nil
	}
	moved := *e
	moved.ctime = st.ctime
	if !moved.matchesStat(st) {
		return errChanged
	}
	if sum, err := d.sumOf(p); err != nil || sum != want {
		return errChanged
	}
	return nil
}

// errChanged is returned when a link to the previous site's file finds
// another file, or the file edited: by hand in the published site, or the
// build folder replaced, during the build. Keeping it could publish bytes
// the build did not make under a record that says it did.
var errChanged = errors.New("the published site or the build folder changed during the build; build again")

// lstat describes the file name of staging as it is now.
func (d *Dir) lstat(name string) (entry, error) {
	fi, err := d.root.Lstat(name)
	if err != nil {
		return entry{}, err
	}
	return statOf(fi), nil
}

// copyTo writes what r holds to name in staging.
func (d *Dir) copyTo(name string, r io.Reader) error {
	f, err := d.createFile(name)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	return errors.Join(err, f.Close())
}

// record adds p to the new site's manifest, unless Commit has taken it.
func (d *Dir) record(p string, e entry) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.files == nil {
		return fmt.Errorf("writing %s: the build is already finished", p)
	}
	d.files[p] = e
	return nil
}

func (d *Dir) count(f func(*Stats)) {
	d.mu.Lock()
	f(&d.stats)
	d.mu.Unlock()
}

// file is a file being written by Create. While it may still equal the
// previous site's file it is held in memory; once it cannot, or when there
// is none, it goes to its file in staging.
type file struct {
	d       *Dir
	p       string
	name    string
	key     string
	h       hash.Hash
	n       int64
	prev    *earlierFile // nil: the previous site has no such file
	held    []byte       // the bytes so far, while not yet written
	against *os.File     // the previous file, while the bytes so far equal it
	f       *os.File     // nil while the bytes are held or equal
	err     error        // the first error, returned by every later call
	done    bool
}

// createFile makes a new file at name in staging. A file already there is
// removed, never written into: it may be a link to the previous site's.
func (d *Dir) createFile(name string) (*os.File, error) {
	d.touch(path.Dir(filepath.ToSlash(name)))
	f, err := d.beneath.create(d.root, name)
	if errors.Is(err, fs.ErrExist) {
		if err := d.root.Remove(name); err != nil {
			return nil, err
		}
		f, err = d.beneath.create(d.root, name)
	}
	return f, err
}

func (w *file) open() error {
	f, err := w.d.createFile(w.name)
	if err != nil {
		return fmt.Errorf("writing %s: %w", w.p, err)
	}
	w.f = f
	return nil
}

// Write adds b to the file.
func (w *file) Write(b []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	if w.done {
		return 0, fmt.Errorf("writing %s: the file is closed", w.p)
	}
	w.h.Write(b)
	if w.against != nil {
		if w.n+int64(len(b)) <= w.prev.size && w.equal(b) {
			w.n += int64(len(b))
			return len(b), nil
		}
		// The first difference: the equal part comes from the previous file.
		if w.err = w.diverge(); w.err != nil {
			return 0, w.err
		}
	}
	w.n += int64(len(b))
	if w.f == nil {
		if w.n <= w.prev.size {
			w.held = append(w.held, b...)
			return len(b), nil
		}
		// Longer than the previous file: it changed.
		if w.err = w.spill(); w.err != nil {
			return 0, w.err
		}
	}
	if _, err := w.f.Write(b); err != nil {
		w.err = fmt.Errorf("writing %s: %w", w.p, err)
		return 0, w.err
	}
	return len(b), nil
}

// equal says whether the previous file goes on with b.
func (w *file) equal(b []byte) bool {
	buf := getHeld(min(len(b), 64<<10))
	defer putHeld(buf)
	buf = buf[:cap(buf)]
	for len(b) > 0 {
		n := min(len(b), len(buf))
		if _, err := io.ReadFull(w.against, buf[:n]); err != nil || !bytes.Equal(buf[:n], b[:n]) {
			return false
		}
		b = b[n:]
	}
	return true
}

// diverge starts the new file with the w.n bytes it has in common with the
// previous one, and compares no more.
func (w *file) diverge() error {
	defer func() {
		w.against.Close()
		w.against = nil
	}()
	if err := w.open(); err != nil {
		return err
	}
	if _, err := w.against.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("writing %s: %w", w.p, err)
	}
	if _, err := io.CopyN(w.f, w.against, w.n); err != nil {
		return fmt.Errorf("writing %s: %w", w.p, err)
	}
	return nil
}

// spill writes the held bytes to the file and holds no more.
func (w *file) spill() error {
	if err := w.open(); err != nil {
		return err
	}
	_, err := w.f.Write(w.held)
	putHeld(w.held)
	w.held = nil
	if err != nil {
		return fmt.Errorf("writing %s: %w", w.p, err)
	}
	return nil
}

// Close completes the file: the previous site's file when it has the same
// bytes, else the new one.
func (w *file) Close() error {
	if w.done {
		return fmt.Errorf("closing %s: the file is already closed", w.p)
	}
	w.done = true
	defer w.d.open.Add(-1)
	if w.err != nil {
		if w.f != nil {
			w.f.Close()
		}
		if w.against != nil {
			w.against.Close()
		}
		putHeld(w.held)
		return w.err
	}
	var sum [32]byte
	w.h.Sum(sum[:0])
	now, err := w.finish(sum)
	if err != nil {
		return fmt.Errorf("writing %s: %w", w.p, err)
	}
	return w.d.record(w.p, now.as(w.key, sum))
}

// SetKey changes the key recorded for the file when it is closed; "" records
// none, so that the next build makes the file again.
func (w *file) SetKey(key string) { w.key = key }

func (w *file) finish(sum [32]byte) (entry, error) {
	d, prev := w.d, w.prev
	same := prev != nil && prev.size == w.n
	if w.against != nil {
		if same {
			// Every byte was equal to the previous file's.
			w.against.Close()
			w.against = nil
			return d.place(w.p, w.name, prev, sum, nil)
		}
		// Shorter than the previous file.
		if err := w.diverge(); err != nil {
			return entry{}, err
		}
	}
	if w.f == nil {
		defer func() { putHeld(w.held) }() // nil once spilled
		if same && (prev.known && prev.sum == sum || !prev.known && d.sameAs(w.p, prev, w.held)) {
			return d.place(w.p, w.name, prev, sum, w.held)
		}
		if err := w.spill(); err != nil {
			return entry{}, err
		}
	}
	fi, err := w.f.Stat()
	if err = errors.Join(err, w.f.Close()); err != nil {
		return entry{}, err
	}
	d.count(func(s *Stats) { s.WrittenBytes += w.n })
	if same && !prev.known {
		prev.sum, err = d.sumOf(w.p)
		same = err == nil
	}
	if same && prev.sum == sum {
		// The same bytes as before: keep the previous file and its time.
		// Where it cannot be linked, the new file stays with that time.
		if err := d.stillAsSeen(w.p, &prev.entry, sum); err != nil {
			return entry{}, err
		}
		if err := d.link(d.prevName(w.p), d.stagingName(w.p)+".krachtpunt-link"); err == nil {
			if err := d.root.Rename(w.name+".krachtpunt-link", w.name); err != nil {
				return entry{}, err
			}
			fi, err := d.root.Lstat(w.name)
			if err != nil {
				return entry{}, err
			}
			if !prev.sameFile(fi) {
				return entry{}, errChanged
			}
			d.count(func(s *Stats) { s.Linked++ })
			return statOf(fi), nil
		}
		t := prev.modTime()
		if err := d.root.Chtimes(w.name, t, t); err != nil {
			return entry{}, err
		}
		d.count(func(s *Stats) { s.Copied++ })
		return d.lstat(w.name)
	}
	d.count(func(s *Stats) { s.Written++ })
	return statOf(fi), nil
}

// Held buffers are reused: a build holds thousands of small files in turn.
// They come in size classes, powers of two from 4 KB up to maxHeld, and
// each class keeps a few spare buffers, so what lies spare is bounded
// (about 2 MB per spare buffer a class keeps) however many files a build
// holds and however rarely the collector runs. (A sync.Pool is emptied
// only by the collector: a build that makes its large pages again after a
// change of the day gathered tens of megabytes of spare buffers in it.)
const (
	minHeldShift = 12 // 4 KB
	heldClasses  = 20 - minHeldShift + 1
	spareHeld    = 4 // spare buffers a class keeps
)

var heldSpare [heldClasses]chan []byte

func init() {
	for i := range heldSpare {
		heldSpare[i] = make(chan []byte, spareHeld)
	}
}

// heldClass returns the class of the smallest buffer that holds n bytes:
// class c holds 4 KB << c, the last one maxHeld+1.
func heldClass(n int) int {
	if n <= 1<<minHeldShift {
		return 0
	}
	return min(bits.Len(uint(n-1))-minHeldShift, heldClasses-1)
}

// getHeld returns an empty buffer with room for at least n bytes, up to
// maxHeld+1.
func getHeld(n int) []byte {
	c := heldClass(n)
	select {
	case b := <-heldSpare[c]:
		return b
	default:
	}
	return make([]byte, 0, heldCap(c))
}

// heldCap is the capacity of the buffers of class c.
func heldCap(c int) int {
	if c == heldClasses-1 {
		return maxHeld + 1 // sameAs reads one byte more than a file's size
	}
	return 1 << (minHeldShift + c)
}

// putHeld keeps b, from getHeld, as a spare buffer of its class if the
// class has room.
func putHeld(b []byte) {
	c := heldClass(cap(b))
	if cap(b) != heldCap(c) {
		return // not one of getHeld's
	}
	select {
	case heldSpare[c] <- b[:0]:
	default:
	}
}
