package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Reason says why Check refused an output folder.
type Reason int

// The reasons Check refuses a folder.
const (
	IsSite     Reason = iota // the folder is the site folder
	HoldsSite                // the folder contains the site folder
	InsideSite               // the folder lies inside content/ or themes/
	NotOurs                  // the folder holds files Krachtpunt did not make
)

// Refusal is the error Check returns for a folder it refuses, so that the
// command line can say it in the site's language.
type Refusal struct {
	Reason Reason
	Folder string // as given
}

func (r *Refusal) Error() string {
	switch r.Reason {
	case IsSite:
		return fmt.Sprintf("the output folder %s is the site folder itself; building there would delete the site", r.Folder)
	case HoldsSite:
		return fmt.Sprintf("the output folder %s contains the site folder; building there would delete the site", r.Folder)
	case InsideSite:
		return fmt.Sprintf("the output folder %s lies inside content/ or themes/; choose another folder, such as public/", r.Folder)
	}
	return fmt.Sprintf("the output folder %s holds files that Krachtpunt did not make; building there would delete them. Choose a new or empty folder", r.Folder)
}

// Check refuses an output folder that is, contains or lies inside the site
// folder's own files (the site folder itself, content/ or themes/), and a
// folder of files that Krachtpunt did not make.
func Check(site, out string) error {
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
		return &Refusal{IsSite, out}
	case inside(s, o):
		return &Refusal{HoldsSite, out}
	case inside(o, filepath.Join(s, "content")), inside(o, filepath.Join(s, "themes")):
		return &Refusal{InsideSite, out}
	}
	return checkReplaceable(o, out)
}

// builtFiles are files every build publishes: a folder that has them all
// was made by an earlier build and may be replaced.
var builtFiles = []string{"index.html", "404.html", "robots.txt", "sitemap.xml"}

// checkReplaceable refuses to replace a folder that holds files but was
// not made by Krachtpunt, such as a volunteer's documents named by mistake.
func checkReplaceable(dir, given string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading the output folder %s: %w", dir, err)
	}
	for _, f := range builtFiles {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return &Refusal{NotOurs, given}
		}
	}
	return nil
}

// resolve follows symbolic links in the absolute path p, also when p
// itself does not exist yet.
func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	if parent := filepath.Dir(p); parent != p {
		return filepath.Join(resolve(parent), filepath.Base(p))
	}
	return p
}
