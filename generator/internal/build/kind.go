package build

import (
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
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
	// story and activity, set in place of routes for a kind with outputs
	// of each story or activity, return those of one. They read nothing
	// but the item and the words of paths (p.words); the routes make
	// their file with draw, from the plan they are given. The routes of an
	// item that did not change (the same parsed file, so the same bytes)
	// are therefore taken over from the last plan.
	story    func(p *plan, s *content.Story) []route
	activity func(p *plan, a *content.Activity) []route
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
	// own, when set, returns the sum of everything the file is made from,
	// for a file that reads none of what every output reads: its key is
	// then made of its kind, path and own alone (and the program's sum, as
	// every key of a build into a folder), so a change of day, site.toml
	// or theme that leaves that sum as it was keeps the file. A picture of
	// link previews is made from its photo alone.
	own func() string
	// make writes the file into w and returns the problems found; draw
	// does so for the routes of an item (kind.story, kind.activity), from
	// the plan p. A route has one of them.
	make func(w io.Writer) (diag.List, error)
	draw func(p *plan, w io.Writer) (diag.List, error)
	// after, when set, is the path of the route this one is best made
	// right after, as it shows much of the same (see workOrder). It
	// changes only the order of the work, never a byte of a file.
	after string
}

// write makes the route's file with the plan p, writing it into w.
func (rt *route) write(p *plan, w io.Writer) (diag.List, error) {
	if rt.draw != nil {
		return rt.draw(p, w)
	}
	return rt.make(w)
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
	if k.name == "" || (k.routes == nil) == (k.story == nil && k.activity == nil) || slices.ContainsFunc(kinds, func(o kind) bool { return o.name == k.name }) {
		panic("build: kind without a name or routes, or registered twice: " + k.name)
	}
	kinds = append(kinds, k)
	return k
}

// makeRoutes returns every output of the site but the later ones (see
// kind.later), sorted by path. last is what the last plan made, or nil:
// the routes of the items that did not change are taken from it, and
// when the kinds make the same paths in the same order again, as after
// most edits, its order is taken over instead of sorting them anew.
func (p *plan) makeRoutes(last *planned) []route {
	if last != nil && last.words != p.words {
		last = nil
	}
	// The kinds work out their routes side by side; they only read the plan.
	per := make([][]route, len(kinds))
	p.byItem = make([][]itemRoutes, len(kinds))
	p.remade = map[string]int{}
	remade := make([]int, len(kinds))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, k := range kinds {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if k.routes != nil {
				per[i] = k.routes(p)
				return
			}
			var had []itemRoutes
			if last != nil && i < len(last.byItem) {
				had = last.byItem[i]
			}
			var byItem map[any][]route // had, when its items are not in the same places
			n := len(p.site.Stories)
			if k.activity != nil {
				n = len(p.site.Activities)
			}
			mine := make([]itemRoutes, 0, n)
			per[i] = make([]route, 0, n)
			of := func(item any, routes func() []route) {
				j := len(mine)
				var rs []route
				if j < len(had) && had[j].item == item {
					rs = had[j].routes
				} else {
					if byItem == nil && had != nil {
						byItem = make(map[any][]route, len(had))
						for _, h := range had {
							byItem[h.item] = h.routes
						}
					}
					var ok bool
					if rs, ok = byItem[item]; !ok {
						rs = appendRoutes(nil, k, routes())
						remade[i]++
					}
				}
				mine = append(mine, itemRoutes{item, rs})
				per[i] = append(per[i], rs...)
			}
			if k.story != nil {
				for _, s := range p.site.Stories {
					of(s, func() []route { return k.story(p, s) })
				}
			}
			if k.activity != nil {
				for _, a := range p.site.Activities {
					of(a, func() []route { return k.activity(p, a) })
				}
			}
			p.byItem[i] = mine
		})
	}
	wg.Wait()
	n := 0
	for _, rs := range per {
		n += len(rs)
	}
	// The routes as the kinds made them, one after the other: pointers,
	// so that each route is copied once, into its sorted place.
	made := make([]*route, 0, n)
	for i, k := range kinds {
		if k.routes != nil {
			per[i] = appendRoutes(per[i][:0], k, per[i]) // in place: it only drops
		}
		for j := range per[i] {
			made = append(made, &per[i][j])
		}
		if remade[i] > 0 {
			p.remade[k.name] = remade[i]
		}
	}
	var order *routeOrder
	later := 0
	if last != nil {
		order, later = &last.order, last.later
	}
	var rs []route
	rs, p.order = sortRoutes(made, order, later)
	return rs
}

// planned is what makeRoutes takes over from the last plan.
type planned struct {
	words  Words
	order  routeOrder
	byItem [][]itemRoutes
	cal    *lastCalendar
	later  int // how many later routes there were
	// pages and withheld are the last plan's, siteWithheld its site's;
	// changed are the content files whose items changed since, by path
	// under content/ (nil: not known), and item gives their items now.
	pages        map[string]string
	withheld     map[string]content.Withheld
	siteWithheld map[string]content.Withheld
	changed      []string
	item         func(rel string) *content.Item
	// filters are the last plan's filter pages, made for activities with
	// the theme (see filtersAfter).
	filters    *filterPages
	activities []*content.Activity
	theme      *render.Theme
}

// itemRoutes are the routes of one item of a kind with routes by item.
type itemRoutes struct {
	item   any // *content.Story, *content.Activity
	routes []route
}

// routeOrder is the order of the outputs of a plan: paths are their paths,
// sorted, and perm[i] the place among the outputs as the kinds made them
// of the output at paths[i].
type routeOrder struct {
	paths []string
	perm  []int32
}

// sortRoutes returns made sorted by path, and its order. The order of last
// is taken when it sorts made too: the same paths, made in the same order.
// The list has room for as many later routes as last had, and some more
// (see addLaterRoutes).
func sortRoutes(made []*route, last *routeOrder, later int) ([]route, routeOrder) {
	rs := make([]route, len(made), len(made)+later+later/8)
	if last != nil && len(last.perm) == len(made) {
		same := true
		for i, j := range last.perm {
			if made[j].path != last.paths[i] {
				same = false
				break
			}
			rs[i] = *made[j]
		}
		if same {
			return rs, *last
		}
	}
	perm := make([]int32, len(made))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(a, b int32) int { return strings.Compare(made[a].path, made[b].path) })
	paths := make([]string, len(made))
	for i, j := range perm {
		rs[i] = *made[j]
		paths[i] = made[j].path
	}
	return rs, routeOrder{paths: paths, perm: perm}
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
	p.later = len(added)
	if len(added) == 0 {
		return nil
	}
	slices.SortFunc(added, func(a, b route) int { return strings.Compare(a.path, b.path) })
	// Both are sorted: merge them, from the back in the room the list has
	// (see sortRoutes), a route of added after one of the same path.
	if rs := p.routes; cap(rs) >= len(rs)+len(added) {
		i, j := len(rs)-1, len(added)-1
		rs = rs[:len(rs)+len(added)]
		for k := len(rs) - 1; j >= 0; k-- {
			if i >= 0 && strings.Compare(rs[i].path, added[j].path) > 0 {
				rs[k] = rs[i]
				i--
			} else {
				rs[k] = added[j]
				j--
			}
		}
		p.routes = rs
		return added
	}
	all := make([]route, 0, len(p.routes)+len(added))
	i, j := 0, 0
	for i < len(p.routes) && j < len(added) {
		if strings.Compare(added[j].path, p.routes[i].path) < 0 {
			all = append(all, added[j])
			j++
		} else {
			all = append(all, p.routes[i])
			i++
		}
	}
	all = append(append(all, p.routes[i:]...), added[j:]...)
	p.routes = all
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
