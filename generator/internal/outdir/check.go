package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

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
