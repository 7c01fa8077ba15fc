package build

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"image"
	_ "image/gif" // sizes of images
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// plan knows every page of the site and where it is published.
type plan struct {
	fsys  fs.FS // the site folder, for the sizes of images
	cfg   *config.Config
	site  *content.Site
	theme *render.Theme
	today schedule.Date
	words Words
	md    *render.Markdown
	pages map[string]string // content rel -> site path ("/route/")
	files map[string]bool   // static files under content/
	// withheld are the pages not published, by content rel and by the
	// site path they would have had.
	withheld map[string]content.Withheld
	view     *render.Site
	cal      *calendar
	// calDiff is how the activities differ from those of the last plan's
	// calendar, or nil (see newCalendarAfter).
	calDiff *activityDiff
	frags   *fragments
	// photos are the site's photos, processed; bodies records which photos
	// the Markdown of each content file shows.
	photos *photoSet
	bodies *bodyPhotos
	// routes are every output of the site, sorted by path; order is the
	// order of those but the later ones (see kind.later).
	routes []route
	order  routeOrder
	later  int // how many of routes are later ones
	// byItem are the routes of each story and activity, by kind (see
	// kind.story); remade counts, by kind, the items whose routes were
	// made, not taken over from the last plan.
	byItem [][]itemRoutes
	remade map[string]int
	shares *shareSet // the pictures of link previews
	// hashes are the hashes of the inputs (see keys.go); dayKeys the keys
	// of the days worked out so far.
	hashes map[input]string
	// filterSet is worked out once (see filters): the filter pages, and
	// the audiences and categories they come from.
	filterSet struct {
		once  sync.Once
		list  []*filter
		terms [2][]*content.Term
	}
	// filtersKept is set when filterSet is the last plan's (filtersAfter).
	filtersKept bool
	// storyPlaces is where each story is in the list, newest first.
	storyPlaces struct {
		once sync.Once
		of   map[*content.Story]int
	}
	dayKeys struct {
		sync.Mutex
		m map[schedule.Date]string
	}
}

func newPlan(fsys fs.FS, cfg *config.Config, site *content.Site, theme *render.Theme, today schedule.Date) *plan {
	return newPlanAfter(fsys, cfg, site, theme, today, nil)
}

// newPlanAfter is newPlan for a site planned before: last is what the
// last plan's makeRoutes made, or nil.
func newPlanAfter(fsys fs.FS, cfg *config.Config, site *content.Site, theme *render.Theme, today schedule.Date, last *planned) *plan {
	p := &plan{fsys: fsys, cfg: cfg, site: site, theme: theme, today: today, words: PathWords[cfg.Language],
		md: render.NewMarkdown(), pages: map[string]string{}, files: map[string]bool{}, frags: newFragments(nil),
		photos: &photoSet{byRel: map[string]*published{}}, bodies: &bodyPhotos{byFile: map[string][]string{}},
		shares: newShareSet(nil)}
	if !p.pagesAfter(last) {
		if site.Home != nil {
			p.pages["_index.md"] = "/"
		}
		if site.Hours != nil {
			p.pages[content.HoursFile] = p.sectionPath(p.words.Hours)
		}
		for _, a := range site.Activities {
			p.pages[strings.TrimPrefix(a.File, "content/")] = p.activityPath(a)
		}
		for _, s := range site.Stories {
			p.pages[strings.TrimPrefix(s.File, "content/")] = p.storyPath(s)
		}
		for _, pg := range site.Pages {
			p.pages[strings.TrimPrefix(pg.File, "content/")] = "/" + pg.Slug + "/"
		}
		p.withheld = p.withheldPages()
	}
	for _, f := range site.Files {
		p.files[f] = true
	}
	var lastCal *lastCalendar
	if last != nil {
		lastCal = last.cal
	}
	p.cal, p.calDiff = newCalendarAfter(site, today, cfg.Weeks, cfg.Location, lastCal)
	p.view = p.siteView()
	p.filtersKept = p.filtersAfter(last)
	p.routes = p.makeRoutes(last)
	p.dayKeys.m = map[schedule.Date]string{}
	return p
}

func (p *plan) sectionPath(word string) string { return "/" + word + "/" }
func (p *plan) activityPath(a *content.Activity) string {
	return "/" + p.words.Activities + "/" + a.Slug + "/"
}
func (p *plan) storyPath(s *content.Story) string { return "/" + p.words.Stories + "/" + s.Slug + "/" }

// PageURL implements render.Links.
func (p *plan) PageURL(rel string) (string, bool) {
	u, ok := p.pages[rel]
	return p.cfg.Link(u), ok
}

// FileURL implements render.Links.
func (p *plan) FileURL(rel string) (string, bool) {
	return p.cfg.Link("/" + p.publishedPath(rel)), p.files[rel]
}

// Withheld implements render.Links.
func (p *plan) Withheld(target string) (content.Withheld, bool) {
	if strings.HasPrefix(target, "/") {
		target = strings.TrimSuffix(path.Clean(target), "/index.html")
		if base := p.cfg.Link("/"); base != "/" {
			if rest, ok := strings.CutPrefix(target, strings.TrimSuffix(base, "/")); ok {
				target = rest
			}
		}
		target = strings.TrimSuffix(target, "/") + "/"
	}
	w, ok := p.withheld[target]
	return w, ok
}

// pagesAfter takes over the addresses of the last plan's pages and of its
// withheld pages, when last says which content files changed since: only
// those of the changed files are worked out again. It reports whether it
// did.
func (p *plan) pagesAfter(last *planned) bool {
	if last == nil || last.pages == nil || last.changed == nil || last.words != p.words {
		return false
	}
	p.pages = maps.Clone(last.pages)
	moved := false // a page came, went or has another address
	for _, rel := range last.changed {
		was, had := p.pages[rel]
		delete(p.pages, rel)
		if u := p.pageOf(rel, last.item(rel)); u != "" {
			p.pages[rel] = u
		}
		if now, has := p.pages[rel]; has != had || now != was {
			moved = true
		}
	}
	if !moved && sameMap(p.site.Withheld, last.siteWithheld) {
		p.withheld = last.withheld
	} else {
		p.withheld = p.withheldPages()
	}
	return true
}

// pageOf returns the site path of the page of the content file rel, parsed
// as it, or "" when the site publishes none: the file is not a page or is
// withheld (see content.Assemble).
func (p *plan) pageOf(rel string, it *content.Item) string {
	if it == nil {
		return ""
	}
	if _, ok := p.site.Withheld[rel]; ok {
		return ""
	}
	switch {
	case it.Kind == content.KindHome && it.Home != nil:
		return "/"
	case it.Kind == content.KindHours && it.Hours != nil:
		return p.sectionPath(p.words.Hours)
	case it.Kind == content.KindActivity && it.Activity != nil:
		return p.activityPath(it.Activity)
	case it.Kind == content.KindStory && it.Story != nil:
		return p.storyPath(it.Story)
	case it.Kind == content.KindPage && it.Page != nil:
		return "/" + it.Page.Slug + "/"
	}
	return ""
}

// filtersAfter takes over the filter pages of the last plan, and the
// audiences and categories they come from, when the site has the very
// activities of then (the same parsed files, in the same order) and the
// words and theme that name the pages are the same: filters reads nothing
// else. It reports whether it did.
func (p *plan) filtersAfter(last *planned) bool {
	if last == nil || last.filters == nil || last.words != p.words || last.theme != p.theme || !slices.Equal(last.activities, p.site.Activities) {
		return false
	}
	set := &p.filterSet
	set.once.Do(func() { set.list, set.terms = last.filters.list, last.filters.terms })
	return true
}

// filterPages are the filter pages of a plan, and the audiences and
// categories they come from.
type filterPages struct {
	list  []*filter
	terms [2][]*content.Term
}

// keptFilters returns the filter pages of p, for the next plan.
func (p *plan) keptFilters() *filterPages {
	return &filterPages{list: p.filters(), terms: p.filterSet.terms}
}

// withheldPages lists the pages that are not published by their content
// file and by the address they would have had, unless a published page has
// that address.
func (p *plan) withheldPages() map[string]content.Withheld {
	out := make(map[string]content.Withheld, 2*len(p.site.Withheld))
	published := map[string]bool{}
	for _, u := range p.pages {
		published[u] = true
	}
	for rel, w := range p.site.Withheld {
		out[rel] = w
		var u string
		switch w.Kind {
		case content.KindActivity:
			u = "/" + p.words.Activities + "/" + w.Slug + "/"
		case content.KindStory:
			u = "/" + p.words.Stories + "/" + w.Slug + "/"
		case content.KindPage:
			u = "/" + w.Slug + "/"
		}
		if u != "" && !published[u] {
			out[u] = w
		}
	}
	return out
}

// checkSlugs reports plain pages whose address is taken by a part of the
// site: a page that an output other than a plain page writes too. Two
// pages with one slug are reported by content.Assemble.
func (p *plan) checkSlugs(diags *diag.List) {
	pages := make(map[string]int, len(p.site.Pages))
	for _, pg := range p.site.Pages {
		pages[pg.Slug]++
	}
	for _, pg := range p.site.Pages {
		// The outputs at the page's path (routes are sorted by path): the
		// page itself, and any other.
		at := indexPath("/" + pg.Slug + "/")
		i, _ := slices.BinarySearchFunc(p.routes, at, func(r route, at string) int { return strings.Compare(r.path, at) })
		n := 0
		for ; i < len(p.routes) && p.routes[i].path == at; i++ {
			n++
		}
		if n > pages[pg.Slug] {
			diags.Errorf(diag.Pos{File: pg.File}, "reserved-slug",
				diag.T("het webadres /%s/ is al in gebruik door Krachtpunt", "the address /%s/ is already used by Krachtpunt", pg.Slug),
				diag.T(`Geef de pagina een andere bestandsnaam, of zet slug = "andere-naam" in de gegevens.`, `Give the page another file name, or set slug = "other-name" in its settings.`))
		}
	}
}

// indexPath turns "/x/" into "x/index.html".
func indexPath(u string) string { return strings.TrimPrefix(u, "/") + "index.html" }

func (p *plan) siteView() *render.Site {
	a := p.cfg.Address
	v := &render.Site{
		Title: p.cfg.Title, Tagline: p.cfg.Tagline, Lang: p.cfg.Language,
		Home:    p.cfg.Link("/"),
		BuiltOn: schedule.FormatDate(p.today, p.cfg.Language),
		Today:   p.today.String(),
		Zone:    p.cfg.Timezone,
		FeedURL: p.cfg.Link("/" + p.words.Stories + "/feed.xml"),
		Address: render.Address{Street: a.Street, Postcode: a.Postcode, City: a.City, Phone: a.Phone, PhoneURI: phoneURI(a.Phone), Email: a.Email},
		Sections: render.Sections{
			Activities: p.cfg.Link(p.sectionPath(p.words.Activities)),
			Stories:    p.cfg.Link(p.sectionPath(p.words.Stories)),
			Agenda:     p.cfg.Link(p.sectionPath(p.words.Agenda)),
			Changes:    p.cfg.Link(p.changesPath()),
		},
	}
	if p.site.Hours != nil {
		v.Sections.Hours = p.cfg.Link(p.sectionPath(p.words.Hours))
	}
	for _, f := range p.theme.Static {
		if f.Path == "style.css" {
			sum := sha256.Sum256(f.Data)
			v.CSS = p.cfg.Link("/style.css") + "?v=" + hex.EncodeToString(sum[:4])
		}
	}
	v.Menu = append(v.Menu,
		render.Link{Title: p.theme.T("agenda"), URL: v.Sections.Agenda},
		render.Link{Title: p.theme.T("activities"), URL: v.Sections.Activities},
	)
	if p.site.Hours != nil {
		v.Menu = append(v.Menu, render.Link{Title: p.theme.T("opening_hours"), URL: v.Sections.Hours})
	}
	v.Menu = append(v.Menu, render.Link{Title: p.theme.T("stories"), URL: v.Sections.Stories})
	menu := slices.Clone(p.site.Pages)
	slices.SortStableFunc(menu, func(a, b *content.Page) int { return a.Menu - b.Menu })
	for _, pg := range menu {
		if pg.InMenu {
			v.Menu = append(v.Menu, render.Link{Title: pg.Title, URL: p.cfg.Link("/" + pg.Slug + "/")})
		}
	}
	return v
}

// page starts the view of one page, marking it in the menu.
func (p *plan) page(kind, title, sitePath string) *render.Page {
	v := *p.view
	v.Menu = slices.Clone(v.Menu)
	link := p.cfg.Link(sitePath)
	for i := range v.Menu {
		v.Menu[i].Current = v.Menu[i].URL == link
	}
	pg := &render.Page{Site: &v, Kind: kind, Title: title, URL: link}
	if p.cfg.Absolute() {
		pg.Canonical = p.cfg.URL(sitePath)
	}
	return pg
}

func (p *plan) markdown(src content.Source) (template.HTML, diag.List) {
	body, d := readBody(p.fsys, src, p.hashes[contentInput(src.File)])
	if d != nil {
		return "", diag.List{d}
	}
	l := &bodyLinks{plan: p}
	html, diags := p.md.Convert(src.File, body, src.BodyLine, l)
	p.bodies.put(strings.TrimPrefix(src.File, content.Dir+"/"), l.photos)
	return template.HTML(html), diags // #nosec: goldmark output with raw HTML left out
}

// readBody returns the Markdown body of src: src.Body, or when the build
// left it out (see leaveOutBodies) the body read again from the site
// folder fsys, whose file must still have the hash sum it was parsed with.
// A file that changed meanwhile gives a problem instead: its pages would
// show the new text under the old settings, and its key would claim the
// old bytes.
func readBody(fsys fs.FS, src content.Source, sum string) (string, *diag.Diagnostic) {
	if !src.Left {
		return src.Body, nil
	}
	data, err := fs.ReadFile(fsys, src.File)
	body, ok := src.BodyIn(data)
	if err == nil && ok && sumBytes(data) == sum {
		return body, nil
	}
	return "", changedWhileBuilding(src.File)
}

// changedWhileBuilding is the problem of a content file that changed (or
// went) while the build ran.
func changedWhileBuilding(file string) *diag.Diagnostic {
	var l diag.List
	l.Errorf(diag.Pos{File: file}, "changed-while-building",
		diag.T("dit bestand veranderde terwijl de site gebouwd werd", "this file changed while the site was being built"),
		diag.T("Er is niets gepubliceerd. Bouw de site opnieuw als je klaar bent met schrijven.", "Nothing was published. Build the site again when you are done writing."))
	return l[0]
}

// bodyLinks are the links of one Markdown text; they note the photos it
// shows, so that a changed photo renders its pages again.
type bodyLinks struct {
	*plan
	photos []string
}

func (l *bodyLinks) note(rel string) {
	if l.plan.files[rel] && !slices.Contains(l.photos, rel) {
		l.photos = append(l.photos, rel)
	}
}

// FileURL implements render.Links.
func (l *bodyLinks) FileURL(rel string) (string, bool) {
	l.note(rel)
	return l.plan.FileURL(rel)
}

// Image implements render.Links.
func (l *bodyLinks) Image(rel string) (render.Image, bool) {
	l.note(rel)
	return l.plan.Image(rel)
}

// bodyPhotos records, by content file (path under content/), the photos
// its Markdown showed when it was last rendered.
type bodyPhotos struct {
	mu     sync.Mutex
	byFile map[string][]string
}

func (b *bodyPhotos) put(rel string, photos []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.byFile[rel] = photos
}

// write renders pg into w.
func (p *plan) write(w io.Writer, pg *render.Page, diags diag.List) (diag.List, error) {
	if pg.Share == nil {
		p.shareView(pg, nil, false)
	}
	return diags, p.theme.RenderTo(w, pg)
}

// writeAll returns a function that writes a made file into w.
func writeAll(w io.Writer) func(data []byte, diags diag.List, err error) (diag.List, error) {
	return func(data []byte, diags diag.List, err error) (diag.List, error) {
		if err != nil {
			return nil, err
		}
		_, err = w.Write(data)
		return diags, err
	}
}

// id returns a permanent identifier for a site path.
func (p *plan) id(sitePath string) string {
	if p.cfg.Absolute() {
		return p.cfg.URL(sitePath)
	}
	return "urn:krachtpunt:" + strings.Trim(strings.ReplaceAll(sitePath, "/", ":"), ":")
}

// pageScript is the inline script of the pages that show dates.
var pageScript = render.TodayScript

// neighbours returns the links to the pages before and after cur in list,
// and their names; "" where there is none.
func (p *plan) neighbours(list []schedule.Date, cur schedule.Date, path, name func(schedule.Date) string) (prev, prevName, next, nextName string) {
	i := slices.Index(list, cur)
	if i > 0 {
		prev, prevName = p.cfg.Link(path(list[i-1])), name(list[i-1])
	}
	if i >= 0 && i+1 < len(list) {
		next, nextName = p.cfg.Link(path(list[i+1])), name(list[i+1])
	}
	return prev, prevName, next, nextName
}

var nonDigits = regexp.MustCompile(`[^0-9+]`)

func phoneURI(phone string) template.URL {
	if phone == "" {
		return ""
	}
	return template.URL("tel:" + nonDigits.ReplaceAllString(phone, ""))
}

// excerpt returns the text of the first paragraph of rendered HTML, cut at a
// word near max characters.
func excerpt(html string, max int) string {
	i := strings.Index(html, "<p>")
	if i < 0 {
		return ""
	}
	j := strings.Index(html[i:], "</p>")
	if j < 0 {
		return ""
	}
	text := stripTags(html[i+3 : i+j])
	if r := []rune(text); len(r) > max {
		cut := string(r[:max])
		if k := strings.LastIndex(cut, " "); k > max/2 {
			cut = cut[:k]
		}
		text = strings.TrimRight(cut, " ,.;:") + "…"
	}
	return text
}

var tags = regexp.MustCompile(`<[^>]*>`)

func stripTags(s string) string {
	s = tags.ReplaceAllString(s, "")
	r := strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'")
	return strings.Join(strings.Fields(r.Replace(s)), " ")
}

// imageSize returns the size in pixels of an image under content/, or zeros
// when it is not a JPEG, PNG or GIF that can be read. Pages give it to the
// browser so the text does not jump when the image arrives.
func (p *plan) imageSize(img string) (w, h int) {
	if img == "" {
		return 0, 0
	}
	f, err := p.fsys.Open(content.Dir + "/" + img)
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	c, _, err := image.DecodeConfig(f)
	if err != nil {
		return 0, 0
	}
	return c.Width, c.Height
}
