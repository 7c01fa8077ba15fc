// Package scaffold writes new content files from the commented templates in
// templates/, in the site's language, for `krachtpunt new`. It never
// overwrites a file.
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

//go:embed templates/*.md
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

// tomlEscape escapes s for use inside a TOML basic string.
func tomlEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "\r", "", "\t", " ")
	return r.Replace(s)
}
