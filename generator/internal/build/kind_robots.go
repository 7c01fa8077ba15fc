package build

import (
	"io"

	"krachtpunt/generator/internal/diag"
)

// What web crawlers may read: /robots.txt.
var _ = register(kind{name: "robots", routes: func(p *plan) []route {
	return []route{{path: "robots.txt", make: p.robots}}
}})

func (p *plan) robots(w io.Writer) (diag.List, error) {
	text := "User-agent: *\nAllow: /\n"
	if p.cfg.Absolute() {
		text += "\nSitemap: " + p.cfg.URL("/sitemap.xml") + "\n"
	}
	_, err := io.WriteString(w, text)
	return nil, err
}
