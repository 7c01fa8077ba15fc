// Command gensite writes the generated benchmark site (sitegen.Pages) into
// a folder, and the same Markdown as a Hugo site with minimal templates
// that list the same pages, for compare.sh.
package main

import (
	"flag"
	"fmt"
	"os"
	"path"
	"strings"

	"krachtpunt/generator/internal/sitegen"
)

func main() {
	pages := flag.Int("pages", 10000, "about how many pages the site has")
	site := flag.String("site", "", "folder for the Krachtpunt site")
	hugo := flag.String("hugo", "", "folder for the same Markdown as a Hugo site (optional)")
	flag.Parse()
	if *site == "" {
		fmt.Fprintln(os.Stderr, "usage: gensite -pages N -site DIR [-hugo DIR]")
		os.Exit(2)
	}
	files := sitegen.Pages(*pages)
	if err := sitegen.Write(*site, files); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *hugo != "" {
		if err := sitegen.Write(*hugo, hugoSite(files)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

// hugoSite returns the Hugo twin of a generated site: every Markdown file
// at the same place under content/, the photos under static/, and layouts
// that show each page and list the activities and stories, 20 to a page.
func hugoSite(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{
		"hugo.toml": []byte(`baseURL = "https://debrug.example/"
title = "Buurthuis De Brug"
languageCode = "nl"
disableKinds = ["taxonomy", "term"]
paginate = 20
`),
		"layouts/_default/baseof.html": []byte(`<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body>
<nav><a href="/">{{ .Site.Title }}</a> <a href="/activities/">Activiteiten</a> <a href="/stories/">Verhalen</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`),
		"layouts/_default/single.html": []byte(`{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.when }}<p>{{ . }}</p>{{ end }}{{ with .Params.room }}<p>{{ . }}</p>{{ end }}
{{ if not .Date.IsZero }}<p><time>{{ .Date.Format "2 January 2006" }}</time> {{ .Params.author }}</p>{{ end }}
{{ with .Params.image }}<img src="/{{ . }}" alt="{{ $.Params.image_alt }}">{{ end }}
{{ .Content }}
</article>{{ end }}
`),
		"layouts/_default/list.html": []byte(`{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>
{{ with .Paginator }}{{ if .HasPrev }}<a rel="prev" href="{{ .Prev.URL }}">Vorige</a>{{ end }} {{ if .HasNext }}<a rel="next" href="{{ .Next.URL }}">Volgende</a>{{ end }}{{ end }}
{{ end }}
`),
		"layouts/index.html": []byte(`{{ define "main" }}{{ .Content }}
<h2>Activiteiten</h2>
<ul>{{ range first 30 (where .Site.RegularPages "Section" "activities") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.when }}</li>{{ end }}</ul>
<h2>Verhalen</h2>
<ul>{{ range first 5 (where .Site.RegularPages "Section" "stories").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
`),
		"layouts/404.html": []byte(`{{ define "main" }}<h1>Niet gevonden</h1>{{ end }}
`),
	}
	for name, data := range files {
		switch {
		case name == "site.toml":
		case path.Ext(name) == ".md":
			out[name] = data
		default:
			out["static/"+strings.TrimPrefix(name, "content/")] = data
		}
	}
	return out
}
