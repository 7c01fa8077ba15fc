package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Output receives every published file. All files of a build are written
// through one Output, so a build can go to a folder, to memory or nowhere.
type Output interface {
	WriteFile(path string, data []byte) error
}

// Memory keeps a built site in memory: for the preview server and tests.
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// WriteFile stores data under the slash path p.
func (m *Memory) WriteFile(p string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Files == nil {
		m.Files = make(map[string][]byte)
	}
	m.Files[p] = data
	return nil
}

// Paths returns the stored paths, sorted.
func (m *Memory) Paths() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, 0, len(m.Files))
	for p := range m.Files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Discard drops everything: for `check`.
type Discard struct{}

// WriteFile does nothing.
func (Discard) WriteFile(string, []byte) error { return nil }

// Dir writes a build into a new folder next to the target and swaps it in
// only when Commit is called, so a failed or interrupted build leaves the
// previous site exactly as it was.
type Dir struct {
	target string
	tmp    string
}

// tmpPrefix marks the folders a build works in; a leftover one of an
// interrupted build is removed by the next build.
const tmpPrefix = ".krachtpunt-build-"

// NewDir prepares a build of the folder target.
func NewDir(target string) (*Dir, error) {
	target, err := filepath.Abs(target)
	if err != nil {
		return nil, fmt.Errorf("finding the output folder: %w", err)
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	old, _ := filepath.Glob(filepath.Join(parent, tmpPrefix+filepath.Base(target)+"-*"))
	for _, o := range old {
		_ = os.RemoveAll(o)
	}
	tmp, err := os.MkdirTemp(parent, tmpPrefix+filepath.Base(target)+"-")
	if err != nil {
		return nil, fmt.Errorf("creating a build folder next to %s: %w", target, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &Dir{target: target, tmp: tmp}, nil
}

// WriteFile writes data to the slash path p in the build folder.
func (d *Dir) WriteFile(p string, data []byte) error {
	if !fs.ValidPath(p) {
		return fmt.Errorf("writing %q: not a valid path inside the site", p)
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	return nil
}

// Commit swaps the finished build in for the target folder.
func (d *Dir) Commit(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		d.Abort()
		return err
	}
	old := d.tmp + ".old"
	hadOld := true
	if err := os.Rename(d.target, old); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			d.Abort()
			return fmt.Errorf("moving the previous %s aside: %w", d.target, err)
		}
		hadOld = false
	}
	if err := os.Rename(d.tmp, d.target); err != nil {
		if hadOld {
			_ = os.Rename(old, d.target)
		}
		d.Abort()
		return fmt.Errorf("putting the new site in %s: %w", d.target, err)
	}
	if hadOld {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("removing the previous site: %w", err)
		}
	}
	return nil
}

// Abort throws the unfinished build away.
func (d *Dir) Abort() { _ = os.RemoveAll(d.tmp) }

// CheckOut refuses an output folder that is, contains or lies inside the site
// folder's own files: the site folder itself, content/ or themes/.
func CheckOut(site, out string) error {
	s, err1 := filepath.Abs(site)
	o, err2 := filepath.Abs(out)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	s, o = resolve(s), resolve(o)
	inside := func(p, dir string) bool {
		rel, err := filepath.Rel(dir, p)
		return err == nil && (rel == "." || !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && rel != "..")
	}
	switch {
	case o == s:
		return fmt.Errorf("the output folder %s is the site folder itself; building there would delete the site", out)
	case inside(s, o):
		return fmt.Errorf("the output folder %s contains the site folder; building there would delete the site", out)
	case inside(o, filepath.Join(s, "content")), inside(o, filepath.Join(s, "themes")):
		return fmt.Errorf("the output folder %s lies inside content/ or themes/; choose another folder, such as public/", out)
	}
	return checkReplaceable(o)
}

// builtFiles are files every build publishes: a folder that has them all
// was made by an earlier build and may be replaced.
var builtFiles = []string{"index.html", "404.html", "robots.txt", "sitemap.xml"}

// checkReplaceable refuses to replace a folder that holds files but was
// not made by Krachtpunt, such as a volunteer's documents named by mistake.
func checkReplaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading the output folder %s: %w", dir, err)
	}
	for _, f := range builtFiles {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return fmt.Errorf("the output folder %s holds files that Krachtpunt did not make; building there would delete them. Choose a new or empty folder", dir)
		}
	}
	return nil
}

func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	// The folder may not exist yet: resolve its parent.
	if parent := filepath.Dir(p); parent != p {
		return filepath.Join(resolve(parent), filepath.Base(p))
	}
	return p
}
