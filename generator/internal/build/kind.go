package build

import (
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
)

// A kind is one kind of output of the site: the home page, a week of the
// agenda, the calendar file of an activity. Each kind lives in a file of its
// own, kind_*.go, which registers it:
//
//	var _ = register(kind{name: "robots", routes: func(p *plan) []route { ... }})
//
// so adding a kind touches that file and its layout, nothing else.
type kind struct {
	name string
	// routes returns the outputs of this kind that the site has.
	routes func(p *plan) []route
	// later, when set, returns more outputs of this kind whose number
	// depends on the occurrences of the calendar (the further pages of a
	// busy date). They are added once the calendar is worked out, after
	// the set of outputs went into the global hash; an output that lists
	// every output (the sitemap) therefore declares every activity and the
	// opening hours as inputs.
	later func(p *plan) []route
}

// route is one output file.
type route struct {
	kind string // set by the plan from the kind
	path string // slash path in the published site: "verhalen/tuin/index.html"
	// inputs are the content files it reads, besides what every output
	// reads (site.toml, the theme, today, the set of outputs, pages and
	// files of the site); the photos a Markdown text shows are found while
	// it is rendered.
	inputs []input
	// make writes the file into w and returns the problems found.
	make func(w io.Writer) (diag.List, error)
}

// An input is a file, by its path under content/ ("activities/koffie.md",
// "foto.jpg"), or every Markdown file of one kind (anyActivity); its hash
// is that of the file's bytes. shows(in) is the same file or files
// with the images they show (the image they name, the photos their
// Markdown shows), for an output that shows those.
type input string

// shows returns in with the images it shows.
func shows(in input) input {
	if in == "" {
		return ""
	}
	return in + "+"
}

// The inputs that stand for every file of a kind.
const (
	anyActivity input = "activities/*"
	anyStory    input = "stories/*"
)

// fileInput is the content file rel; "" (no file) is no input.
func fileInput(rel string) input { return input(rel) }

// contentInput is the content file of a parsed page, activity or story,
// whose File is "content/...".
func contentInput(file string) input { return input(strings.TrimPrefix(file, content.Dir+"/")) }

// kinds are the registered kinds of output.
var kinds []kind

// register adds a kind of output; it is called from the kind's own file.
func register(k kind) kind {
	if k.name == "" || k.routes == nil || slices.ContainsFunc(kinds, func(o kind) bool { return o.name == k.name }) {
		panic("build: kind without a name or routes, or registered twice: " + k.name)
	}
	kinds = append(kinds, k)
	return k
}

// makeRoutes returns every output of the site but the later ones (see
// kind.later), sorted by path.
func (p *plan) makeRoutes() []route {
	// The kinds work out their routes side by side; they only read the plan.
	per := make([][]route, len(kinds))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, k := range kinds {
		wg.Go(func() {
			sem <- struct{}{}
			per[i] = k.routes(p)
			<-sem
		})
	}
	wg.Wait()
	var rs []route
	for i, k := range kinds {
		rs = appendRoutes(rs, k, per[i])
	}
	slices.SortFunc(rs, func(a, b route) int { return strings.Compare(a.path, b.path) })
	return rs
}

// addLaterRoutes adds the later outputs of every kind to the plan's
// routes, once the calendar is worked out, and returns them.
func (p *plan) addLaterRoutes() []route {
	var added []route
	for _, k := range kinds {
		if k.later != nil {
			added = appendRoutes(added, k, k.later(p))
		}
	}
	if len(added) > 0 {
		p.routes = append(p.routes, added...)
		slices.SortFunc(p.routes, func(a, b route) int { return strings.Compare(a.path, b.path) })
	}
	return added
}

func appendRoutes(rs []route, k kind, add []route) []route {
	for _, r := range add {
		r.kind = k.name
		r.inputs = slices.DeleteFunc(r.inputs, func(in input) bool { return in == "" })
		rs = append(rs, r)
	}
	return rs
}
