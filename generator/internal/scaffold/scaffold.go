// Package scaffold writes new content files from the commented templates in
// templates/, in the site's language, for `krachtpunt new`, and a whole new
// site from templates/site/<lang>/. It never overwrites a file.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"krachtpunt/generator/internal/content"
)

//go:embed templates/*.md all:templates/site
var templates embed.FS

// Kinds are the things `new` can make, with the folder under content/ each goes in.
var Kinds = map[string]string{"activity": "activities", "story": "stories", "page": ""}

// ErrExists is returned when the file to create is already there.
var ErrExists = errors.New("file already exists")

// New creates content/<folder>/<slug>.md in siteDir for kind, titled name,
// and returns its path. today is YYYY-MM-DD.
func New(siteDir, kind, name, lang, today string) (string, error) {
	folder, ok := Kinds[kind]
	if !ok {
		return "", fmt.Errorf("unknown kind %q: use activity, story or page", kind)
	}
	slug := content.Slugify(name)
	if slug == "" {
		return "", fmt.Errorf("no file name can be made from %q: use letters or digits", name)
	}
	src, err := fs.ReadFile(templates, "templates/"+kind+"."+lang+".md")
	if err != nil {
		return "", fmt.Errorf("no template for %s in language %q: %w", kind, lang, err)
	}
	t, err := template.New(kind).Parse(string(src))
	if err != nil {
		return "", fmt.Errorf("parsing the %s template: %w", kind, err)
	}
	var buf bytes.Buffer
	title := strings.TrimSpace(name)
	if err := t.Execute(&buf, struct{ Title, Today string }{tomlEscape(title), today}); err != nil {
		return "", fmt.Errorf("filling in the %s template: %w", kind, err)
	}
	dir := filepath.Join(siteDir, content.Dir, folder)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("creating %s: %w", dir, err)
	}
	file := filepath.Join(dir, slug+".md")
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return file, ErrExists
		}
		return "", fmt.Errorf("creating %s: %w", file, err)
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return "", fmt.Errorf("writing %s: %w", file, err)
	}
	return file, f.Close()
}

// Languages are the languages a new site can be made in.
var Languages = []string{"nl", "en"}

// ErrNotEmpty is returned by NewSite for a folder that already holds a
// site, or files that are not Krachtpunt's.
var ErrNotEmpty = errors.New("folder is not empty")

// NewSite writes a new site in lang into dir: a commented site.toml and
// content/ with a welcome text, opening hours, an example activity, story
// and page. today (YYYY-MM-DD) dates the story. It returns the files it
// wrote, as slash paths relative to dir, sorted.
//
// dir must not exist or be empty, but for the files keep lists: the
// program itself and the files that came with it. Nothing is written when
// any file of the new site is already there, and no file is ever
// overwritten.
func NewSite(dir, lang, today string, keep func(name string) bool) ([]string, error) {
	root := "templates/site/" + lang
	if _, err := fs.Stat(templates, root); err != nil {
		return nil, fmt.Errorf("no new site in language %q: use %s", lang, strings.Join(Languages, " or "))
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	for _, e := range entries {
		if keep == nil || !keep(e.Name()) {
			return nil, fmt.Errorf("%s: %w", dir, ErrNotEmpty)
		}
	}
	type file struct {
		rel  string
		data []byte
	}
	var files []file
	err = fs.WalkDir(templates, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(templates, p)
		if err != nil {
			return err
		}
		t, err := template.New(p).Parse(string(src))
		if err != nil {
			return fmt.Errorf("parsing %s: %w", p, err)
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, struct{ Today string }{today}); err != nil {
			return fmt.Errorf("filling in %s: %w", p, err)
		}
		files = append(files, file{strings.TrimPrefix(p, root+"/"), buf.Bytes()})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Every file is created new (O_EXCL): a file that came into being in
	// the meantime is left as it is and stops the rest.
	var written []string
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return written, fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
		}
		if err := writeNew(path, f.data); err != nil {
			return written, err
		}
		written = append(written, f.rel)
	}
	return written, nil
}

// writeNew creates the file path with data; it fails with ErrExists when
// the file is there already.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		return fmt.Errorf("creating %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// tomlEscape escapes s for use inside a TOML basic string.
func tomlEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "\r", "", "\t", " ")
	return r.Replace(s)
}
