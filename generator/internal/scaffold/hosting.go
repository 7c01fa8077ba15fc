package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"text/template"

	"krachtpunt/generator/internal/content"
)

//go:embed hosting/*
var hostingTemplates embed.FS

// HostFile is one file `new hosting` writes: its path in the site folder
// and the template it comes from.
type HostFile struct {
	Path, Template string
}

// Hosts are the hosts that build the site from git, with the files each needs.
var Hosts = map[string][]HostFile{
	"github": {{".github/workflows/krachtpunt.yml", "github.yml"}},
	"netlify": {{"netlify.toml", "netlify.toml"},
		{".github/workflows/krachtpunt-rebuild.yml", "rebuild.yml"}},
	"cloudflare": {{"wrangler.toml", "wrangler.toml"},
		{".github/workflows/krachtpunt-rebuild.yml", "rebuild.yml"}},
}

var hostNames = map[string]string{"github": "GitHub", "netlify": "Netlify", "cloudflare": "Cloudflare Pages"}

var goLine = regexp.MustCompile(`(?m)^go (\d+\.\d+)`)

// Render returns the content of f for host, for a site titled title in lang.
func (f HostFile) Render(host, title, lang, goVersion string) ([]byte, error) {
	src, err := fs.ReadFile(hostingTemplates, "hosting/"+f.Template)
	if err != nil {
		return nil, err
	}
	t, err := template.New(f.Template).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("parsing the %s template: %w", f.Template, err)
	}
	name := content.Slugify(title)
	if name == "" {
		name = "buurthuis"
	}
	var buf bytes.Buffer
	err = t.Execute(&buf, struct {
		NL                    bool
		Host, Name, GoVersion string
	}{lang == "nl", hostNames[host], name, goVersion})
	return buf.Bytes(), err
}

// Hosting writes the files host needs into siteDir and returns their paths.
// When any of them exists already, it writes none and returns ErrExists with
// that path.
func Hosting(siteDir, host, title, lang string) ([]string, error) {
	files, ok := Hosts[host]
	if !ok {
		return nil, fmt.Errorf("unknown host %q: use github, netlify or cloudflare", host)
	}
	goVersion := "1.26"
	if mod, err := os.ReadFile(filepath.Join(siteDir, "go.mod")); err == nil {
		if m := goLine.FindSubmatch(mod); m != nil {
			goVersion = string(m[1])
		}
	}
	var paths []string
	data := map[string][]byte{}
	for _, f := range files {
		p := filepath.Join(siteDir, filepath.FromSlash(f.Path))
		if _, err := os.Stat(p); err == nil {
			return []string{p}, ErrExists
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		b, err := f.Render(host, title, lang, goVersion)
		if err != nil {
			return nil, err
		}
		data[p] = b
		paths = append(paths, p)
	}
	for _, p := range paths {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, fmt.Errorf("creating %s: %w", filepath.Dir(p), err)
		}
		out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, fmt.Errorf("creating %s: %w", p, err)
		}
		if _, err := out.Write(data[p]); err != nil {
			out.Close()
			return nil, fmt.Errorf("writing %s: %w", p, err)
		}
		if err := out.Close(); err != nil {
			return nil, err
		}
	}
	return paths, nil
}
