package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/outdir"
)

// TestRandomEditsWithRecordEqualFullBuild builds the random sites of
// TestRandomEditsEqualFullBuild from a folder on disk, as the command line
// does: a new build each time, into an output folder, with the record of
// the parsed files next to it. Between builds the folder is edited at
// random: files written with a new time or with an old one, renamed (the
// same inode and time under another name), touched without a change, and
// changed to other bytes of the same size with the time they had, right
// after a build (an edit within one tick of the clock). After every build
// public/ must be, file for file, what a full build without a record
// makes, and so must the warnings.
func TestRandomEditsWithRecordEqualFullBuild(t *testing.T) {
	t.Parallel()
	sequences, steps := 16, 5
	if testing.Short() {
		sequences = 6
	}
	diffs := make([]string, sequences)
	var taken, sameTick atomic.Int64
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	root := t.TempDir()
	for i := range sequences {
		g.Go(func() error {
			dir := filepath.Join(root, fmt.Sprint(i))
			diffs[i] = recordSequence(t, uint64(1000+i), steps, dir, &taken, &sameTick)
			return nil
		})
	}
	_ = g.Wait()
	failed := 0
	for i, d := range diffs {
		if d != "" {
			if failed++; failed <= 5 {
				t.Errorf("seed %d: %s", 1000+i, d)
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d sequences failed", failed, sequences)
	}
	// Else the record was never used, or no edit was one it could miss.
	if taken.Load() == 0 || sameTick.Load() == 0 && !testing.Short() {
		t.Errorf("%d parsed files were taken from the record and %d files changed in the same tick: the test proves nothing", taken.Load(), sameTick.Load())
	}
	t.Logf("%d parsed files taken from the record; %d files changed in the same tick", taken.Load(), sameTick.Load())
}

// recordSequence runs one random sequence in dir and returns how a build
// went wrong, or "".
func recordSequence(t testing.TB, seed uint64, steps int, dir string, taken, sameTick *atomic.Int64) string {
	ctx := context.Background()
	s := newRandomSite(t, seed)
	site, out := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	old := time.Now().Add(-time.Hour) // the time of files written long ago
	clock := 0
	stamp := func(p string, fresh bool) error {
		mt := time.Now()
		if !fresh {
			clock++
			mt = old.Add(time.Duration(clock) * time.Second)
		}
		return os.Chtimes(filepath.Join(site, filepath.FromSlash(p)), mt, mt)
	}
	write := func(p string, fresh bool) error {
		full := filepath.Join(site, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, s.fsys[p].Data, 0o644); err != nil {
			return err
		}
		return stamp(p, fresh)
	}
	for p := range s.fsys {
		if err := write(p, false); err != nil {
			return err.Error()
		}
	}
	var log []string
	// The bound of the record the last build left (zero when it failed
	// and left none).
	var bound int64
	var fresh []string // the Markdown files written just now
	build := func() string {
		bound = 0
		d, err := outdir.Open(ctx, out, outdir.Options{})
		if err != nil {
			return err.Error()
		}
		rec := NewRecord(d.RecordPath(), site)
		res, err := Build(ctx, Options{Site: os.DirFS(site), Today: s.today, Out: WriteFiles(d), Record: rec})
		got := built{failed: err != nil}
		if res != nil {
			got.diags = res.Diags.Format("en")
		}
		taken.Add(rec.taken.Load())
		if err != nil {
			d.Abort()
			if !errors.As(err, new(diag.List)) {
				return err.Error()
			}
		} else {
			if err := d.Commit(ctx); err != nil {
				return err.Error()
			}
			if err := rec.Save(); err != nil {
				return err.Error()
			}
			raw, err := os.ReadFile(d.RecordPath())
			if err != nil {
				return err.Error()
			}
			data, err := decodeRecord(raw)
			if err != nil {
				return err.Error()
			}
			bound = data.Before
		}
		full := fullBuild(ctx, os.DirFS(site), s.today)
		if !got.failed {
			var err error
			if got.files, err = readFolder(out); err != nil {
				return err.Error()
			}
		}
		if diff := difference(got, full); diff != "" {
			return fmt.Sprintf("after\n  %s\nthe build with the record differs from a full build:\n%s", strings.Join(log, "\n  "), diff)
		}
		return ""
	}
	if diff := build(); diff != "" {
		return diff
	}
	for range steps {
		var recent []string
		for _, p := range fresh {
			if fi, err := os.Stat(filepath.Join(site, filepath.FromSlash(p))); err == nil && bound != 0 &&
				fi.ModTime().UnixNano() >= bound {
				recent = append(recent, p)
			}
		}
		fresh = fresh[:0]
		what, changed, _ := s.edit()
		log = append(log, what)
		if q, ok := strings.CutPrefix(what, "rename "); ok {
			from, to, _ := strings.Cut(q, " to ")
			if err := os.Rename(filepath.Join(site, from), filepath.Join(site, to)); err != nil {
				return err.Error()
			}
			changed = nil
		}
		for _, p := range changed {
			if _, ok := s.fsys[p]; !ok {
				if err := os.Remove(filepath.Join(site, filepath.FromSlash(p))); err != nil {
					return err.Error()
				}
				continue
			}
			now := s.r.IntN(3) > 0
			if err := write(p, now); err != nil {
				return err.Error()
			}
			if now && strings.HasSuffix(p, ".md") {
				fresh = append(fresh, p)
			}
		}
		// Now and then a file is touched, or changed to other bytes of the
		// same size with the time it had: on disk and in the site the
		// next build is compared with. A file written just before the last
		// build, too late for the record to vouch for it, is the one a
		// record could miss.
		p := s.pick(s.files("content/", ".md"))
		op := s.r.IntN(3)
		recent = slices.DeleteFunc(recent, func(p string) bool { _, ok := s.fsys[p]; return !ok || slices.Contains(changed, p) })
		if len(recent) > 0 && s.r.IntN(2) == 0 {
			p, op = s.pick(recent), 1
		}
		if p != "" {
			full := filepath.Join(site, filepath.FromSlash(p))
			fi, err := os.Stat(full)
			if err != nil {
				return err.Error()
			}
			switch op {
			case 0:
				log = append(log, "touch "+p)
				if err := stamp(p, s.r.IntN(2) == 0); err != nil {
					return err.Error()
				}
			case 1:
				data := s.fsys[p].Data
				i := bytes.LastIndexAny(data, "aeiou")
				if i < 0 {
					break
				}
				data = slices.Clone(data)
				data[i] = "eioua"[strings.IndexByte("aeiou", data[i])]
				s.fsys[p].Data = data
				if !slices.Contains(recent, p) {
					// An old file changed by hand with its time kept is
					// beyond what any size and time can tell.
					log = append(log, "same size: "+p)
					if err := write(p, true); err != nil {
						return err.Error()
					}
					break
				}
				log = append(log, "same size, same time: "+p)
				sameTick.Add(1)
				if err := os.WriteFile(full, data, 0o644); err != nil {
					return err.Error()
				}
				if err := os.Chtimes(full, fi.ModTime(), fi.ModTime()); err != nil {
					return err.Error()
				}
			}
		}
		if diff := build(); diff != "" {
			return diff
		}
	}
	return ""
}

// readFolder returns every file under dir by its slash path.
func readFolder(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	return files, err
}
