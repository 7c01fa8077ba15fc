package theme

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Default is the name of the built-in theme.
const Default = "default"

// Dir is the folder of a site that holds its themes.
const Dir = "themes"

//go:embed all:default
var files embed.FS

// Builtin returns the files of the built-in theme: layouts/, i18n/ and
// static/.
func Builtin() fs.FS {
	sub, err := fs.Sub(files, Default)
	if err != nil {
		panic(err) // the embedded folder is part of the program
	}
	return sub
}

// ErrNotFound is returned by Open for a theme that is neither built in nor
// a folder in the site's themes/.
var ErrNotFound = errors.New("theme not found")

// Open returns the theme called name for the site folder site: the site's
// themes/<name>/ laid over the built-in theme. An error wraps ErrNotFound
// when no theme of that name exists.
func Open(site fs.FS, name string) (*FS, error) {
	if !fs.ValidPath(name) || strings.Contains(name, "/") || name == "." {
		return nil, fmt.Errorf("theme %q: %w", name, ErrNotFound)
	}
	dir := path.Join(Dir, name)
	own, err := fs.Stat(site, dir)
	switch {
	case err == nil && own.IsDir():
	case name == Default:
		return &FS{name: name, builtin: Builtin()}, nil
	default:
		return nil, fmt.Errorf("theme %q: %w", name, ErrNotFound)
	}
	sub, err := fs.Sub(site, dir)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", dir, err)
	}
	return &FS{name: name, site: sub, dir: dir, builtin: Builtin()}, nil
}

// Names returns the names of the themes a site can use, sorted: the
// built-in one and every folder in the site's themes/.
func Names(site fs.FS) []string {
	names := []string{Default}
	entries, _ := fs.ReadDir(site, Dir)
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}
