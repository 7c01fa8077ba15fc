package theme

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// FS is one theme: the site's own theme folder, when there is one, laid
// over the built-in theme. It implements fs.ReadDirFS; a folder lists the
// entries of both layers, the site's first where both have a name.
type FS struct {
	name    string
	site    fs.FS  // the site's themes/<name>, or nil
	dir     string // "themes/<name>", the site-relative folder of site
	builtin fs.FS
}

// Name returns the theme's name.
func (t *FS) Name() string { return t.name }

// layers returns the layers from the first looked at to the last.
func (t *FS) layers() []fs.FS {
	if t.site == nil {
		return []fs.FS{t.builtin}
	}
	return []fs.FS{t.site, t.builtin}
}

// Open opens name from the first layer that has it.
func (t *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	var first error
	for _, l := range t.layers() {
		f, err := l.Open(name)
		if err == nil {
			if info, err := f.Stat(); err == nil && info.IsDir() {
				return &dir{File: f, fsys: t, name: name}, nil
			}
			return f, nil
		}
		if first == nil || !errors.Is(err, fs.ErrNotExist) {
			first = err
		}
		if !errors.Is(err, fs.ErrNotExist) {
			break
		}
	}
	return nil, first
}

// ReadDir lists the folder name in every layer that has it, sorted by name;
// where two layers hold the same name, the first one's entry is kept.
func (t *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	var out []fs.DirEntry
	seen := map[string]bool{}
	found := false
	for _, l := range t.layers() {
		entries, err := fs.ReadDir(l, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// Where returns where the theme file name is read from, for messages: its
// site-relative path (themes/<name>/...) when the site has it, else the
// path in the built-in theme marked as such.
func (t *FS) Where(name string) string {
	if t.Own(name) {
		return path.Join(t.dir, name)
	}
	return "(" + Default + ") " + name
}

// Own reports whether the site's own theme folder holds the file name.
func (t *FS) Own(name string) bool {
	if t.site == nil {
		return false
	}
	_, err := fs.Stat(t.site, name)
	return err == nil
}

// ReadLayers returns the contents of name in each layer that has it, from
// the built-in theme up to the site's own file, for files such as the
// translations that are merged rather than replaced.
func (t *FS) ReadLayers(name string) ([][]byte, error) {
	var out [][]byte
	layers := t.layers()
	for i := len(layers) - 1; i >= 0; i-- {
		data, err := fs.ReadFile(layers[i], name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, data)
	}
	return out, nil
}

// dir is an open folder of the theme: its entries are those of every layer.
type dir struct {
	fs.File
	fsys    *FS
	name    string
	entries []fs.DirEntry
	read    bool
}

// ReadDir reads the merged entries of the folder, as fs.ReadDirFile does.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		entries, err := d.fsys.ReadDir(d.name)
		if err != nil {
			return nil, err
		}
		d.entries, d.read = entries, true
	}
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}
