package outdir

import (
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// files reads every file under dir; nil when dir does not exist.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeFiles(t *testing.T, dir string, m map[string]string) {
	t.Helper()
	for name, data := range m {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// onlyOutput checks that next to the output folder there is nothing but
// the output folder, its lock file and a manifest that describes it.
func onlyOutput(t *testing.T, out string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{lockPrefix + filepath.Base(out)}
	if _, err := os.Stat(out); err == nil {
		want = append(want, filepath.Base(out))
	}
	if manifestMatches(t, out) {
		want = append(want, manifestPrefix+filepath.Base(out))
	}
	if retainedMatches(t, out) {
		want = append(want, retainedPrefix+filepath.Base(out), retainedRecPrefix+filepath.Base(out))
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("next to the output folder: %q, want %q", names, want)
	}
}

// manifestMatches says whether there is a manifest next to the output
// folder out, and fails the test unless it describes exactly the files in
// out: every file with its size, modification time, file number and
// sha256.
func manifestMatches(t *testing.T, out string) bool {
	t.Helper()
	path := filepath.Join(filepath.Dir(out), manifestPrefix+filepath.Base(out))
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	m, err := decodeManifest(data)
	if err != nil {
		t.Errorf("the manifest next to %s: %v", out, err)
		return true
	}
	have := files(t, out)
	for p, data := range have {
		e, ok := m[p]
		if !ok {
			t.Errorf("the manifest lacks %s", p)
			continue
		}
		fi, err := os.Lstat(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		// Not matches: the file's change time moves on when a hard link
		// to it is removed, as when a build that failed removes the
		// retained site that shared it. The sum says it is the same file.
		if !e.sameFile(fi) || e.sum != sha256.Sum256([]byte(data)) {
			t.Errorf("the manifest's entry for %s does not describe the file", p)
		}
	}
	for p := range m {
		if _, ok := have[p]; !ok {
			t.Errorf("the manifest has %s, which is not in %s", p, out)
		}
	}
	return true
}

// retainedMatches says whether there is a retained site next to the output
// folder out, and fails the test unless its record is there and names
// exactly what is in it: every file with its file number, and every folder
// with its time and file number. (The bytes and time of a file may differ
// from the record: edited by hand while it was published.)
func retainedMatches(t *testing.T, out string) bool {
	t.Helper()
	dir := filepath.Join(filepath.Dir(out), retainedPrefix+filepath.Base(out))
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return false
	}
	data, err := os.ReadFile(filepath.Join(filepath.Dir(out), retainedRecPrefix+filepath.Base(out)))
	if err != nil {
		t.Errorf("a retained site without its record: %v", err)
		return false
	}
	m, dirs, err := decodeRecord(data)
	if err != nil {
		t.Errorf("the record of the retained site: %v", err)
		return true
	}
	have := files(t, dir)
	for p := range have {
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if e, ok := m[p]; !ok || !fi.Mode().IsRegular() || e.ino != inode(fi) {
			t.Errorf("the record of the retained site does not describe %s", p)
		}
	}
	for p := range m {
		if _, ok := have[p]; !ok {
			t.Errorf("the record of the retained site has %s, which it lacks", p)
		}
	}
	n := 0
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || !e.IsDir() {
			return err
		}
		n++
		rel, _ := filepath.Rel(dir, p)
		fi, err := os.Lstat(p)
		if f, ok := dirs[filepath.ToSlash(rel)]; err != nil || !ok || !f.matches(fi) {
			t.Errorf("the record of the retained site does not describe its folder %s", rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(dirs) {
		t.Errorf("the retained site has %d folders, its record %d", n, len(dirs))
	}
	return true
}

var (
	oldSite = map[string]string{"index.html": "oud", "a/index.html": "oud a", "weg/index.html": "alleen oud"}
	newSite = map[string]string{"index.html": "nieuw", "a/index.html": "nieuw a", "b/c/d.ics": "nieuw d"}
)

// commit builds newSite into out through a Dir prepared by setup, and
// returns the steps of the swap.
func commit(t *testing.T, out string, setup func(*Dir)) ([]string, error) {
	t.Helper()
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	d.step = func(s string) { steps = append(steps, s) }
	if setup != nil {
		setup(d)
	}
	for _, p := range slices.Sorted(maps.Keys(newSite)) {
		if err := d.WriteFile(p, []byte(newSite[p])); err != nil {
			t.Fatal(err)
		}
	}
	return steps, d.Commit(context.Background())
}

func noExchange(d *Dir) { d.exchange = func(a, b string) error { return errNoExchange } }

// canExchange says whether this system exchanges folders in one step in
// the test's temporary folder.
func canExchange(t *testing.T) bool {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := errors.Join(os.Mkdir(a, 0o755), os.Mkdir(b, 0o755)); err != nil {
		t.Fatal(err)
	}
	err := exchange(a, b)
	if err != nil && !errors.Is(err, errNoExchange) {
		t.Fatalf("exchanging two folders: %v", err)
	}
	return err == nil
}

func TestCommitExchanges(t *testing.T) {
	if !canExchange(t) {
		t.Skip("this system or file system cannot exchange two folders in one step")
	}
	out := filepath.Join(t.TempDir(), "public")
	writeFiles(t, out, oldSite)
	steps, err := commit(t, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"cleaned", "unrecorded", "swap", "exchanged", "recorded"}; !slices.Equal(steps, want) {
		t.Errorf("steps %q, want %q", steps, want)
	}
	if got := files(t, out); !maps.Equal(got, newSite) {
		t.Errorf("published %v, want %v", got, newSite)
	}
	onlyOutput(t, out)
}

func TestCommitFallsBackToTwoRenames(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	writeFiles(t, out, oldSite)
	steps, err := commit(t, out, noExchange)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"cleaned", "unrecorded", "swap", "aside", "renamed", "recorded"}; !slices.Equal(steps, want) {
		t.Errorf("steps %q, want %q", steps, want)
	}
	if got := files(t, out); !maps.Equal(got, newSite) {
		t.Errorf("published %v, want %v", got, newSite)
	}
	onlyOutput(t, out)
}

func TestFirstBuildRenames(t *testing.T) {
	for name, setup := range map[string]func(*Dir){"exchange": nil, "two renames": noExchange} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "www", "public")
			steps, err := commit(t, out, setup)
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{"cleaned", "unrecorded", "swap", "renamed", "recorded"}; !slices.Equal(steps, want) {
				t.Errorf("steps %q, want %q", steps, want)
			}
			if got := files(t, out); !maps.Equal(got, newSite) {
				t.Errorf("published %v, want %v", got, newSite)
			}
			onlyOutput(t, out)
		})
	}
}

// TestFallbackRollsBack makes the second rename fail: the old site goes
// back in place and the next build does not wait.
func TestFallbackRollsBack(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	writeFiles(t, out, oldSite)
	refused := errors.New("refused")
	_, err := commit(t, out, func(d *Dir) {
		noExchange(d)
		d.rename = func(from, to string) error {
			if from == d.staging {
				return refused
			}
			return os.Rename(from, to)
		}
	})
	if !errors.Is(err, refused) {
		t.Fatalf("Commit = %v, want the refusal", err)
	}
	if got := files(t, out); !maps.Equal(got, oldSite) {
		t.Errorf("after a failed swap %v, want the old site %v", got, oldSite)
	}
	onlyOutput(t, out)
	next, err := Open(context.Background(), out, Options{Waiting: func() { t.Error("the next build waits") }})
	if err != nil {
		t.Fatal(err)
	}
	next.Abort()
}

// TestOpenPutsBackAnInterruptedSwap starts a build after one that was
// killed between the two renames: the old site is back before it begins.
func TestOpenPutsBackAnInterruptedSwap(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	staging := filepath.Join(filepath.Dir(out), stagingPrefix+"public")
	writeFiles(t, staging+asideSuffix, oldSite)
	writeFiles(t, staging, newSite)
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := files(t, out); !maps.Equal(got, oldSite) {
		t.Errorf("after Open %v, want the old site %v", got, oldSite)
	}
	if got := files(t, staging); len(got) != 0 {
		t.Errorf("the new build starts with %v", got)
	}
	d.Abort()
	if got := files(t, out); !maps.Equal(got, oldSite) {
		t.Errorf("after Abort %v, want the old site %v", got, oldSite)
	}
	onlyOutput(t, out)
}

// TestOpenRemovesLeftovers starts a build after one that was killed while
// writing and one killed after its swap.
func TestOpenRemovesLeftovers(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	staging := filepath.Join(filepath.Dir(out), stagingPrefix+"public")
	writeFiles(t, out, newSite)
	writeFiles(t, staging, map[string]string{"index.html": "half"})
	writeFiles(t, staging+asideSuffix, oldSite)
	// A folder of another output folder whose name starts the same.
	other := filepath.Join(filepath.Dir(out), stagingPrefix+"public-test")
	writeFiles(t, other, map[string]string{"index.html": "ander"})
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if got := files(t, out); !maps.Equal(got, newSite) {
		t.Errorf("published %v, want %v", got, newSite)
	}
	if got := files(t, other); got["index.html"] != "ander" {
		t.Errorf("the build folder of public-test: %v", got)
	}
	if err := os.RemoveAll(other); err != nil {
		t.Fatal(err)
	}
	onlyOutput(t, out)
}

func TestCancelledCommitChangesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	writeFiles(t, out, oldSite)
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("nieuw")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := d.Commit(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Commit(cancelled) = %v", err)
	}
	d.Abort() // as a deferred Abort does: nothing left to do
	if got := files(t, out); !maps.Equal(got, oldSite) {
		t.Errorf("published %v, want the old site", got)
	}
	onlyOutput(t, out)
}

// TestWriteFailsWithoutTheBuildFolder removes the build folder under a
// build, as an older Krachtpunt started at the same time would: the build
// fails instead of publishing half a site.
func TestWriteFailsWithoutTheBuildFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if err := d.WriteFile("a/index.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(d.staging); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a/index.html", "b/index.html", "index.html"} {
		if err := d.WriteFile(p, []byte("x")); err == nil {
			t.Errorf("WriteFile(%s) after the build folder was removed = nil, want an error", p)
		}
	}
}

func TestWriteFileRefusesPathsOutsideTheSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, p := range []string{"../x", "/etc/x", ".", "a/../../x", ""} {
		if err := d.WriteFile(p, []byte("x")); err == nil || !strings.Contains(err.Error(), "not a valid path") {
			t.Errorf("WriteFile(%q) = %v, want a refusal", p, err)
		}
	}
}
