package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"krachtpunt/generator/internal/fileid"
)

// The retained site. After a swap the site that was published until then
// is not removed (which costs as much as writing it) but kept next to the
// output folder (".krachtpunt-retained-public") with the record it was
// published with (".krachtpunt-retainedmanifest-public"). The next build
// begins in it instead of in an empty folder: most of its files are hard
// links to the files the published site has too, so they are already in
// place; the build replaces only the files that changed, links the few
// that changed in the build before, and removes what it no longer makes.
//
// The retained site is used only while its record says exactly what is in
// it. The record lists every folder with its modification time and file
// number, which change when a file in it is added, removed or replaced (as
// a volunteer or a tool may have done while the site was published); one
// folder that does not match, and the build begins in an empty folder as
// before. A file of the retained site is kept only when it is the very
// file (the same file number) that the published site has and the build
// would link to; then it holds what the published file holds, edits by
// hand included, which the build has already compared. Its record is
// moved aside (takenRec) before anything in it changes, so a build killed
// while it changes the retained site leaves one without a record, which
// the next build removes with the record aside. Of that record a build
// reads only what it uses, each file's inode and the folders (see
// decodeInodes), and copies the paths, so the text does not stay in
// memory; a build that changed nothing (see giveBack) moves it back.

// reuse makes the retained site the staging folder when its record is
// whole and every folder matches it; else it removes it.
func (d *Dir) reuse() {
	data, err := os.ReadFile(d.retainedRec)
	// From here on the retained site may change: its record goes first,
	// aside, for giveBack.
	if err != nil || os.Rename(d.retainedRec, d.takenRec) != nil {
		if rerr := os.RemoveAll(d.retainedRec); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}
	if _, serr := os.Lstat(d.retained); errors.Is(serr, fs.ErrNotExist) {
		_ = os.Remove(d.takenRec)
		return
	}
	d.tellOpen("unretained")
	var files map[string]uint64
	var dirs map[string]folder
	if err == nil {
		files, dirs, err = decodeInodes(data)
	}
	if err == nil && (!fileid.HaveNumbers || dirs == nil) {
		err = errors.New("it has no record of its folders")
	}
	if err == nil {
		err = os.Rename(d.retained, d.staging)
	}
	if err == nil {
		d.tellOpen("reused")
		err = d.verify(files, dirs)
	}
	if err != nil {
		d.log.Debug("the retained site is not used; the build begins in an empty folder", "folder", d.retained, "err", err)
		_ = os.RemoveAll(d.retained)
		_ = os.RemoveAll(d.staging)
		_ = os.Remove(d.takenRec)
		return
	}
	d.start, d.startDirs = files, dirs
}

// verify checks that the staging folder holds the folders of the record
// unchanged, and that the record names the folder of every file.
func (d *Dir) verify(files map[string]uint64, dirs map[string]folder) error {
	if _, ok := dirs["."]; !ok {
		return errors.New("its record lacks the site's own folder")
	}
	for p := range files {
		if _, ok := dirs[dirOf(p)]; !ok {
			return fmt.Errorf("its record lacks the folder of %s", p)
		}
	}
	if err := d.verifyRoot(files, dirs); err != nil {
		return err
	}
	// A system call a folder, on every core.
	paths := slices.Collect(maps.Keys(dirs))
	n := min(runtime.GOMAXPROCS(0), 1+len(paths)/256)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			for _, p := range paths[i*len(paths)/n : (i+1)*len(paths)/n] {
				st, err := lstat(filepath.Join(d.staging, filepath.FromSlash(p)))
				if err == nil && !dirs[p].matchesStat(st) {
					err = fmt.Errorf("the folder %s changed since it was recorded", p)
				}
				if err != nil {
					errs[i] = err
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// verifyRoot checks the site's own folder of staging, whose record has no
// change time (see folder), by what it holds: exactly the files and
// folders the record names there, each file the very file (its number).
// So a file added or replaced in it, with its time set back, is noticed.
func (d *Dir) verifyRoot(files map[string]uint64, dirs map[string]folder) error {
	entries, err := os.ReadDir(d.staging)
	if err != nil {
		return err
	}
	found := 0
	for _, e := range entries {
		p := e.Name()
		if _, ok := dirs[p]; ok {
			found++
			continue // looked at with the other folders
		}
		ino, ok := files[p]
		if !ok {
			return fmt.Errorf("%s is not in its record", p)
		}
		st, err := lstat(filepath.Join(d.staging, p))
		if err != nil {
			return err
		}
		if !st.file || st.ino != ino {
			return fmt.Errorf("%s is not the file its record names", p)
		}
		found++
	}
	want := 0
	for p := range files {
		if dirOf(p) == "." {
			want++
		}
	}
	for p := range dirs {
		if p != "." && dirOf(p) == "." {
			want++
		}
	}
	if found != want {
		return errors.New("files or folders its record names are missing from it")
	}
	return nil
}

// retain keeps the previous site, now in old, as the retained site with
// the record it was published with; without a sound record it removes it.
func (d *Dir) retain(old string) {
	if !d.keepsPrevious() {
		if err := os.RemoveAll(old); err != nil {
			// The new site is in place; the next build tries again.
			d.log.Warn("removing the previous site", "folder", old, "err", err)
		}
		return
	}
	err := os.RemoveAll(d.retained) // Open took it; nothing is there
	if err == nil {
		err = os.Rename(old, d.retained)
	}
	if err != nil {
		d.log.Warn("keeping the previous site for the next build", "folder", old, "err", err)
		_ = os.Remove(d.retainedRec)
		_ = os.RemoveAll(old)
		return
	}
	d.tell("retained")
	if d.recordAside {
		// Its record is in place already: the published site's, moved.
		d.tell("kept")
		return
	}
	if err := os.WriteFile(d.retainedRec, encodeRecord(d.prev, d.prevDirs), 0o644); err != nil {
		d.log.Warn("recording the retained site", "file", d.retainedRec, "err", err)
		_ = os.Remove(d.retainedRec)
		_ = os.RemoveAll(d.retained)
		return
	}
	d.tell("kept")
}

// keepsPrevious says whether Commit keeps the site it replaces as the
// retained site: only with a sound record of its files and folders.
func (d *Dir) keepsPrevious() bool { return d.prevRead && d.prevDirs != nil && fileid.HaveNumbers }

// giveBack makes staging the retained site again, with its record, when
// the build changed nothing in it: a build that fails on a mistake in the
// content leaves the next one the same head start.
func (d *Dir) giveBack() bool {
	if d.start == nil {
		return false
	}
	changed := false
	d.touched.Range(func(any, any) bool { changed = true; return false })
	if changed || os.Rename(d.staging, d.retained) != nil {
		_ = os.Remove(d.takenRec)
		return false
	}
	if err := os.Rename(d.takenRec, d.retainedRec); err != nil {
		_ = os.Remove(d.takenRec)
		_ = os.RemoveAll(d.retained)
	}
	return true
}

// tidyStaging removes from staging the files and folders of the retained
// site that the build did not make, and returns the record of every folder
// of the new site.
func (d *Dir) tidyStaging(files map[string]entry) (map[string]folder, error) {
	// Much the same folders as the site before.
	needed := make(map[string]bool, max(len(d.startDirs), len(d.prevDirs))+1)
	needed["."] = true
	for p := range files {
		for dir := dirOf(p); !needed[dir]; dir = dirOf(dir) {
			needed[dir] = true
		}
	}
	name := func(p string) string { return filepath.Join(d.staging, filepath.FromSlash(p)) }
	// Files in folders the new site keeps; other folders go as a whole.
	for p := range d.start {
		if _, ok := files[p]; ok || needed[p] || !needed[dirOf(p)] {
			continue
		}
		if err := os.Remove(name(p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("removing %s from the build folder: %w", p, err)
		}
		d.touch(dirOf(p))
	}
	for _, p := range slices.Sorted(func(yield func(string) bool) {
		for p := range d.startDirs {
			if _, file := files[p]; !file && !needed[p] && needed[dirOf(p)] && !yield(p) {
				return
			}
		}
	}) {
		if err := os.RemoveAll(name(p)); err != nil {
			return nil, fmt.Errorf("removing %s from the build folder: %w", p, err)
		}
		d.touch(dirOf(p))
	}
	dirs := make(map[string]folder, len(needed))
	for p := range needed {
		if f, ok := d.startDirs[p]; ok {
			if _, changed := d.touched.Load(p); !changed {
				dirs[p] = f
				continue
			}
		}
		fi, err := os.Lstat(name(p))
		if err != nil {
			return nil, err
		}
		f := folderOf(fi)
		if p == "." {
			f.ctime = 0 // renamed when swapped in (see folder)
		}
		dirs[p] = f
	}
	return dirs, nil
}

// dirOf is path.Dir for a path that fs.ValidPath accepts, as every path
// of a site is: the part before its last slash, or ".".
func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return "."
}

// touch notes that files in the folder p of staging were added, removed
// or replaced.
func (d *Dir) touch(p string) { d.touched.Store(p, true) }

// waitForClock waits until the file system's clock has passed every time
// in the record, so that whatever changes in the site once it is
// published gets another time than the recorded one.
func (d *Dir) waitForClock(files map[string]entry, dirs map[string]folder) {
	if !fileid.HaveNumbers {
		return
	}
	var newest int64
	for _, f := range dirs {
		newest = max(newest, f.mtime)
	}
	for _, e := range files {
		newest = max(newest, e.mtime)
	}
	for range 1000 {
		now, err := d.lock.now()
		if err != nil || now > newest {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// openStep, when set, is told each step of Open's use of the retained
// site: for tests that kill a build there.
var openStep func(string)

func (d *Dir) tellOpen(step string) {
	if openStep != nil {
		openStep(step)
	}
}
