package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/sync/errgroup"
	"golang.org/x/tools/txtar"

	"krachtpunt/generator/internal/schedule"
	"krachtpunt/generator/internal/sitegen"
	"krachtpunt/generator/internal/theme"
)

var (
	randomSeed      = flag.Uint64("randomseed", 0, "run only the edit sequence with this seed (TestRandomEditsEqualFullBuild)")
	randomSequences = flag.Int("randomsequences", 300, "how many edit sequences TestRandomEditsEqualFullBuild runs")
)

// randomBase is the small site the random edits start from: a little of
// every kind of content, a photo shown by a story's text and one by an
// activity, a page that links to an activity. newRandomSite adds a busy
// Tuesday to one site in four.
const randomBase = `
-- site.toml --
title = "De Linde"
language = "nl"
timezone = "Europe/Amsterdam"
baseURL = "https://delinde.example/"
[calendar]
weeks = 2
-- content/_index.md --
Welkom in De Linde.
-- content/opening-hours.md --
+++
public_holidays = "nl"
[hours]
monday = "09:00-17:00"
tuesday = "09:00-12:00"
+++
-- content/activities/koffie.md --
+++
title = "Koffieochtend"
when = "elke dinsdag 10:00-12:00"
image = "koffie.jpg"
image_alt = "Kopjes op tafel"
+++
Koffie en thee.
-- content/activities/eten.md --
+++
title = "Samen eten"
when = ["elke woensdag 17:30-19:30", "laatste vrijdag van de maand 18:00-20:00"]
[[cancel]]
date = 2026-12-02
reason = "Studiedag"
+++
-- content/activities/taal.md --
+++
title = "Taalcafé"
when = "om de week donderdag 19:00-20:30 vanaf 2026-11-26"
+++
Oefenen met praten.
-- content/stories/tuin.md --
+++
title = "De tuin"
date = 2026-10-12
consent = true
+++
Tomaten in de tuin.

![De tomaten](../tuin.jpg)
-- content/stories/fiets.md --
+++
title = "De fiets"
date = 2026-10-01
author = "Henk"
consent = true
+++
Banden plakken bij het [repair café](../activities/eten.md).
-- content/over-ons.md --
+++
title = "Over ons"
menu = 1
+++
Kom naar de [koffieochtend](activities/koffie.md).
-- content/route.md --
# Route

Met bus 12.
`

// randomSite is a site being edited at random, in memory.
type randomSite struct {
	r     *rand.Rand
	fsys  fstest.MapFS
	n     int // names made so far, for new files
	today schedule.Date
}

// photo returns a small JPEG; now and then one wide enough for the build
// to make a smaller copy of it.
func (s *randomSite) photo() []byte {
	sizes := [][2]int{{40, 30}, {30, 40}, {64, 48}, {48, 64}, {50, 50}, {900, 600}}
	wh := sizes[s.r.IntN(len(sizes)-1)]
	if s.r.IntN(8) == 0 {
		wh = sizes[len(sizes)-1]
	}
	return sitegen.Photo(wh[0], wh[1], s.r.IntN(1000))
}

// files returns the paths under prefix with suffix, sorted.
func (s *randomSite) files(prefix, suffix string) []string {
	var out []string
	for p := range s.fsys {
		if strings.HasPrefix(p, prefix) && strings.HasSuffix(p, suffix) && !strings.Contains(strings.TrimPrefix(p, prefix), "/") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func (s *randomSite) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[s.r.IntN(len(list))]
}

func (s *randomSite) name(prefix string) string {
	s.n++
	return fmt.Sprintf("%s%d", prefix, s.n)
}

func (s *randomSite) photos() []string {
	var out []string
	for p := range s.fsys {
		if strings.HasSuffix(p, ".jpg") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// image returns front matter keys showing a photo that exists, or none.
func (s *randomSite) image() string {
	p := s.pick(s.photos())
	if p == "" || s.r.IntN(3) != 0 {
		return ""
	}
	return fmt.Sprintf("image = %q\nimage_alt = \"Een foto\"\n", strings.TrimPrefix(p, "content/"))
}

// body returns Markdown that may show a photo in its text (from a file in
// dir under content/) and link to an activity.
func (s *randomSite) body(dir string) string {
	words := []string{"Koffie.", "Soep met brood.", "## Kopje\n\nTekst.", "- een\n- twee", "Zie **ook** de agenda."}
	b := words[s.r.IntN(len(words))] + "\n"
	if p := s.pick(s.photos()); p != "" && s.r.IntN(3) == 0 {
		rel := strings.TrimPrefix(p, "content/")
		if dir != "" {
			rel = strings.Repeat("../", strings.Count(dir, "/")+1) + rel
		}
		b += fmt.Sprintf("\n![Foto](%s)\n", rel)
	}
	if a := s.pick(s.files("content/activities/", ".md")); a != "" && s.r.IntN(4) == 0 {
		rel := strings.TrimPrefix(a, "content/")
		if dir != "" {
			rel = "../" + strings.TrimPrefix(a, "content/")
		}
		b += fmt.Sprintf("\nKom naar [deze activiteit](%s).\n", rel)
	}
	return b
}

// whens are rules with a day each gives in the calendar window, for
// cancels and changes.
var whens = []struct{ when, day string }{
	{`"elke dinsdag 10:00-12:00"`, "2026-12-01"},
	{`"every monday and thursday 09:30-11:30"`, "2026-11-26"},
	{`"elke werkdag 12:00-13:00"`, "2026-11-27"},
	{`"elke dag 08:30-09:00"`, "2026-11-29"},
	{`"om de week woensdag 14:00-16:00 vanaf 2026-11-25"`, "2026-12-09"},
	{`"every 3 weeks on friday 19:00-21:00 from 2026-11-27"`, "2026-11-27"},
	{`"eerste zaterdag van de maand 10:00-13:00"`, "2026-12-05"},
	{`"last sunday of the month 14:00-16:00"`, "2026-11-29"},
	{`"2026-12-03 14:00-16:00"`, "2026-12-03"},
	{`"elke vrijdag 22:00-01:00 tot 2026-12-31"`, "2026-12-04"},
	{`["elke dinsdag 10.00-12.00", "2026-11-28 10:00 tot 12:00"]`, "2026-11-28"},
	{tuesdaySessions(8), "2026-12-01"},  // more than a week page lists of a day
	{tuesdaySessions(56), "2026-12-01"}, // more than one page of a date
}

// tuesdaySessions returns a list of n sessions of ten minutes every
// Tuesday from 08:00 on, as a consultation hour by appointment has.
func tuesdaySessions(n int) string {
	var list []string
	for i := range n {
		from := 8*60 + 10*i
		list = append(list, fmt.Sprintf(`"elke dinsdag %02d:%02d-%02d:%02d"`, from/60, from%60, (from+10)/60, (from+10)%60))
	}
	return "[" + strings.Join(list, ", ") + "]"
}

func (s *randomSite) activity() []byte {
	w := whens[s.r.IntN(len(whens))]
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\nwhen = %s\n", []string{"Koffie", "Breiclub", "Taalcafé", "Eten"}[s.r.IntN(4)], w.when)
	if s.r.IntN(3) == 0 {
		fmt.Fprintf(&b, "room = %q\n", []string{"Huiskamer", "Grote zaal"}[s.r.IntN(2)])
	}
	if s.r.IntN(10) == 0 {
		b.WriteString("draft = true\n")
	}
	b.WriteString(s.image())
	switch s.r.IntN(5) {
	case 0:
		fmt.Fprintf(&b, "[[cancel]]\ndate = %s\nreason = \"Ziek\"\n", w.day)
	case 1:
		fmt.Fprintf(&b, "[[change]]\ndate = %s\ntime = \"14:00-15:00\"\nnote = \"Later\"\n", w.day)
	}
	b.WriteString("+++\n" + s.body("activities"))
	data := b.String()
	if s.r.IntN(12) == 0 { // a typo: the build fails until it is mended
		data = strings.Replace(data, "title", "titel = \"x\"\ntitle", 1)
	}
	return []byte(data)
}

func (s *randomSite) story() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\ndate = 2026-%02d-%02d\n", []string{"De tuin", "Mijn buurt", "Soep"}[s.r.IntN(3)], 1+s.r.IntN(11), 1+s.r.IntN(28))
	if s.r.IntN(6) != 0 {
		b.WriteString("consent = true\n")
	}
	if s.r.IntN(10) == 0 {
		b.WriteString("draft = true\n")
	}
	b.WriteString(s.image())
	b.WriteString("+++\n" + s.body("stories"))
	return []byte(b.String())
}

func (s *randomSite) page() []byte {
	if s.r.IntN(3) == 0 {
		return []byte("# Pagina\n\n" + s.body(""))
	}
	menu := ""
	if s.r.IntN(2) == 0 {
		menu = fmt.Sprintf("menu = %d\n", 1+s.r.IntN(4))
	}
	return []byte(fmt.Sprintf("+++\ntitle = %q\n%s+++\n%s", []string{"Over ons", "Vrijwilligers", "Contact"}[s.r.IntN(3)], menu, s.body("")))
}

func (s *randomSite) hours() []byte {
	var b strings.Builder
	b.WriteString("+++\n")
	if s.r.IntN(2) == 0 {
		b.WriteString("public_holidays = \"nl\"\n")
	}
	fmt.Fprintf(&b, "[hours]\nmonday = %q\nthursday = \"09:00-21:00\"\n", []string{"09:00-17:00", "10:00-12:00, 13:00-16:00", "closed"}[s.r.IntN(3)])
	if s.r.IntN(2) == 0 {
		fmt.Fprintf(&b, "[[closed]]\nfrom = 2026-12-%02d\nuntil = 2026-12-%02d\nreason = \"Verbouwing\"\n", 1+s.r.IntN(5), 6+s.r.IntN(5))
	}
	if s.r.IntN(2) == 0 {
		b.WriteString("[[special]]\ndate = 2026-12-05\nhours = \"09:00-15:00\"\nreason = \"Sinterklaas\"\n")
	}
	b.WriteString("+++\nWelkom.\n")
	return []byte(b.String())
}

// theme returns a theme file of the site's own theme folder to write:
// the CSS, a translation or a layout changed from the built-in one, in
// the default theme's folder or in that of the theme "linde" (which a
// site.toml may name).
func (s *randomSite) themeFile() (string, []byte) {
	dir := "themes/default/"
	if s.r.IntN(4) == 0 {
		dir = "themes/linde/"
	}
	switch s.r.IntN(3) {
	case 0:
		return dir + "static/style.css", fmt.Appendf(nil, "body { color: #%03x; }\n", s.r.IntN(0x1000))
	case 1:
		return dir + "i18n/nl.toml", fmt.Appendf(nil, "skip_to_content = \"Direct naar de tekst %d\"\n", s.r.IntN(100))
	}
	layout := []string{"layouts/story.html", "layouts/activity.html", "layouts/_day.html", "layouts/home.html", "layouts/day.html"}[s.r.IntN(5)]
	data, err := fs.ReadFile(theme.Builtin(), layout)
	if err != nil {
		panic(err)
	}
	return dir + layout, append(fmt.Appendf(nil, "{{/* versie %d */}}", s.r.IntN(100)), bytes.Replace(data, []byte("</"), fmt.Appendf(nil, "<!-- %d --></", s.r.IntN(100)), 1)...)
}

func (s *randomSite) settings() []byte {
	return fmt.Appendf(nil, "title = %q\nlanguage = %q\ntheme = %q\ntimezone = %q\nbaseURL = \"https://delinde.example/\"\n[calendar]\nweeks = %d\n",
		[]string{"De Linde", "Buurthuis De Linde"}[s.r.IntN(2)], []string{"nl", "en"}[s.r.IntN(2)], []string{"default", "default", "linde"}[s.r.IntN(3)],
		[]string{"Europe/Amsterdam", "America/New_York", "Asia/Tokyo"}[s.r.IntN(3)], 1+s.r.IntN(3))
}

// edit makes one random change to the site and returns what it did and the
// paths it touched; changed is nil for the midnight rebuild, when the
// calendar moves on a day and everything may change.
func (s *randomSite) edit() (what string, changed []string, midnight bool) {
	put := func(p string, data []byte) { s.fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644} }
	// add, edit, delete or rename one file among those matching prefix and suffix
	kinds := func(prefix, suffix, newName string, make func() []byte) (string, []string) {
		existing := s.files(prefix, suffix)
		op := s.r.IntN(4)
		if len(existing) == 0 {
			op = 0
		}
		switch op {
		case 0:
			p := prefix + s.name(newName) + suffix
			put(p, make())
			return "add " + p, []string{p}
		case 1:
			p := s.pick(existing)
			put(p, make())
			return "edit " + p, []string{p}
		case 2:
			p := s.pick(existing)
			delete(s.fsys, p)
			return "delete " + p, []string{p}
		}
		p := s.pick(existing)
		q := prefix + s.name(newName) + suffix
		s.fsys[q] = s.fsys[p]
		delete(s.fsys, p)
		return "rename " + p + " to " + q, []string{p, q}
	}
	switch k := s.r.IntN(100); {
	case k < 18:
		what, changed = kinds("content/activities/", ".md", "act", s.activity)
	case k < 34:
		what, changed = kinds("content/stories/", ".md", "verhaal", s.story)
	case k < 44:
		what, changed = kinds("content/", ".md", "pagina", s.page)
	case k < 62:
		dir := []string{"content/", "content/stories/", "content/activities/"}[s.r.IntN(3)]
		if p := s.pick(s.photos()); p != "" && s.r.IntN(2) == 0 {
			// resize (or otherwise replace) a photo that may be shown
			s.fsys[p] = &fstest.MapFile{Data: s.photo(), Mode: 0o644}
			return "resize " + p, []string{p}, false
		}
		what, changed = kinds(dir, ".jpg", "foto", s.photo)
	case k < 70:
		p := "content/opening-hours.md"
		if _, ok := s.fsys[p]; ok && s.r.IntN(4) == 0 {
			delete(s.fsys, p)
			return "delete " + p, []string{p}, false
		}
		put(p, s.hours())
		return "write " + p, []string{p}, false
	case k < 84:
		p, data := s.themeFile()
		if _, ok := s.fsys[p]; ok && s.r.IntN(3) == 0 {
			delete(s.fsys, p)
			return "delete " + p, []string{p}, false
		}
		put(p, data)
		return "write " + p, []string{p}, false
	case k < 96:
		put("site.toml", s.settings())
		return "write site.toml", []string{"site.toml"}, false
	default:
		s.today = s.today.AddDays(1)
		return "midnight: today is " + s.today.String(), nil, true
	}
	return what, changed, false
}

// newRandomSite returns the base site, to be edited with the random source
// of seed.
func newRandomSite(t testing.TB, seed uint64) *randomSite {
	s := &randomSite{r: rand.New(rand.NewPCG(seed, 0x6b72616368)), fsys: fstest.MapFS{}}
	for _, f := range txtar.Parse([]byte(randomBase)).Files {
		s.fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	if s.r.IntN(4) == 0 {
		// Fifty sessions every Tuesday and the coffee morning: one more
		// than a page of a date lists, so that edits make further pages of
		// a date come and go. (Every site would make the test twice as slow.)
		s.fsys["content/activities/spreekuur.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Spreekuur\"\nwhen = " + tuesdaySessions(dayPageItems) + "\n+++\n"), Mode: 0o644}
	}
	s.fsys["content/koffie.jpg"] = &fstest.MapFile{Data: sitegen.Photo(40, 30, 1), Mode: 0o644}
	s.fsys["content/tuin.jpg"] = &fstest.MapFile{Data: sitegen.Photo(64, 48, 2), Mode: 0o644}
	if s.r.IntN(4) == 0 {
		// More stories than a page of the list shows, so that edits move
		// stories between pages of the list, the feed and the home page.
		for range storiesPerPage + s.r.IntN(storiesPerPage+5) {
			s.fsys["content/stories/"+s.name("verhaal")+".md"] = &fstest.MapFile{Data: s.story(), Mode: 0o644}
		}
	}
	today, err := schedule.ParseDate("2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	s.today = today
	return s
}

// built is the outcome of one build as a volunteer sees it: the published
// files, or that it failed; and the warnings or problems it printed.
type built struct {
	files  map[string][]byte
	failed bool
	diags  string
}

// fullBuild builds the site from nothing, as the command line does. The
// pictures of link previews, a third of the work, are kept across full
// builds by every byte they are made from (photo.Share and card.Draw make
// the same picture of the same bytes); the Builder compared with it makes
// its own.
//
// The random tests begin most sequences from one of a few sites (seeds
// that add neither the busy Tuesday nor extra stories begin alike), so a
// site given as files is known by the sum of its every name, mode and
// byte and the day: the second time a site comes, its build is kept, and
// from then on the same site gets that build, which a build of the same
// bytes would make again (TestTwoBuildsAreByteIdentical).
func fullBuild(ctx context.Context, fsys fs.FS, today schedule.Date) built {
	var key [sha256.Size]byte
	m, memo := fsys.(fstest.MapFS)
	if memo {
		key = siteSum(m, today)
		fullBuilds.Lock()
		b, ok := fullBuilds.kept[key]
		again := fullBuilds.seen[key]
		fullBuilds.seen[key] = true
		fullBuilds.Unlock()
		if ok {
			return b
		}
		memo = again
	}
	out := &memoMemory{Memory: &Memory{}, pics: &fullBuildPictures}
	res, err := Build(ctx, Options{Site: fsys, Today: today, Out: out})
	b := built{files: out.Files, failed: err != nil}
	if res != nil {
		b.diags = res.Diags.Format("en")
	}
	if memo {
		fullBuilds.Lock()
		fullBuilds.kept[key] = b
		fullBuilds.Unlock()
	}
	return b
}

// fullBuilds are the full builds of sites that came more than once, and
// the sums of the sites that came, as fullBuild knows them.
var fullBuilds = struct {
	sync.Mutex
	seen map[[sha256.Size]byte]bool
	kept map[[sha256.Size]byte]built
}{seen: map[[sha256.Size]byte]bool{}, kept: map[[sha256.Size]byte]built{}}

// siteSum is the sum of every name, mode and byte of a site and the day
// it is built on.
func siteSum(m fstest.MapFS, today schedule.Date) [sha256.Size]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", today)
	for _, name := range slices.Sorted(maps.Keys(m)) {
		f := m[name]
		fmt.Fprintf(h, "%q %v %d %d\n", name, f.Mode, f.ModTime.UnixNano(), len(f.Data))
		h.Write(f.Data)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// fullBuildPictures are the pictures the full builds of the random tests
// made, by the sum of what each was made from.
var fullBuildPictures sync.Map

// memoMemory is a Memory output that keeps the pictures of link previews
// in pics for the next build (see pictureMemo).
type memoMemory struct {
	*Memory
	pics *sync.Map
}

func (m *memoMemory) picture(from [sha256.Size]byte) ([]byte, bool) {
	d, ok := m.pics.Load(from)
	if !ok {
		return nil, false
	}
	return d.([]byte), true
}

func (m *memoMemory) keepPicture(from [sha256.Size]byte, data []byte) {
	m.pics.Store(from, data)
}

func incrementalBuild(ctx context.Context, bl *Builder, changed []string, today schedule.Date) built {
	up, err := bl.Build(ctx, changed, today)
	b := built{failed: err != nil}
	if up != nil {
		b.files = up.Files
		b.diags = up.Result.Diags.Format("en")
	}
	if err != nil {
		b.diags = err.Error()
	}
	return b
}

// difference says how two builds differ, or "" when they are the same.
func difference(inc, full built) string {
	if inc.failed != full.failed {
		return fmt.Sprintf("incremental build failed: %v, full build failed: %v\nincremental:\n%s\nfull:\n%s", inc.failed, full.failed, inc.diags, full.diags)
	}
	if full.failed {
		return ""
	}
	var b strings.Builder
	var paths []string
	for p := range full.files {
		paths = append(paths, p)
	}
	for p := range inc.files {
		if _, ok := full.files[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		f, inFull := full.files[p]
		i, inInc := inc.files[p]
		switch {
		case !inInc:
			fmt.Fprintf(&b, "%s: only in the full build\n", p)
		case !inFull:
			fmt.Fprintf(&b, "%s: only in the incremental build\n", p)
		case !bytes.Equal(i, f):
			fmt.Fprintf(&b, "%s differs:\n%s", p, firstDifference(i, f))
		}
	}
	if inc.diags != full.diags {
		fmt.Fprintf(&b, "the warnings differ:\nincremental:\n%s\nfull:\n%s", inc.diags, full.diags)
	}
	return b.String()
}

// firstDifference shows the first line where a and b differ.
func firstDifference(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for n := range max(len(al), len(bl)) {
		x, y := "", ""
		if n < len(al) {
			x = al[n]
		}
		if n < len(bl) {
			y = bl[n]
		}
		if x != y {
			return fmt.Sprintf("  line %d incremental: %.300s\n  line %d full:        %.300s\n", n+1, x, n+1, y)
		}
	}
	return ""
}

// runSequence edits the site of seed steps times, rebuilding with one
// Builder after every step as the preview does, and compares each time
// with a full build. It returns the steps done and how the builds differed
// at the last one, or "" when they never did; and whether a build
// published a further page of a busy date.
func runSequence(t testing.TB, seed uint64, steps int) (done []string, diff string, busy bool) {
	ctx := context.Background()
	s := newRandomSite(t, seed)
	bl := NewBuilder(s.fsys, nil)
	full := func() built {
		b := fullBuild(ctx, s.fsys, s.today)
		busy = busy || slices.ContainsFunc(slices.Collect(maps.Keys(b.files)), isFurtherDatePage)
		return b
	}
	if diff := difference(incrementalBuild(ctx, bl, nil, s.today), full()); diff != "" {
		return done, diff, busy
	}
	// As the preview does, a path is given again until a build that was
	// given it succeeds.
	pending := map[string]bool{}
	all := false
	for range steps {
		what, changed, midnight := s.edit()
		done = append(done, what)
		all = all || midnight
		for _, p := range changed {
			pending[p] = true
		}
		var give []string
		if !all {
			for p := range pending {
				give = append(give, p)
			}
			slices.Sort(give)
			give = append([]string{}, give...) // never nil: nil means everything
		}
		inc := incrementalBuild(ctx, bl, give, s.today)
		if diff := difference(inc, full()); diff != "" {
			return done, diff, busy
		}
		if !inc.failed {
			pending, all = map[string]bool{}, false
		}
	}
	return done, "", busy
}

// isFurtherDatePage reports whether a published path is the second page of
// a date, in Dutch or English.
func isFurtherDatePage(p string) bool {
	return strings.HasPrefix(p, "agenda/dag/") && strings.HasSuffix(p, "/pagina/2/index.html") ||
		strings.HasPrefix(p, "calendar/day/") && strings.HasSuffix(p, "/page/2/index.html")
}

// TestRandomEditsEqualFullBuild makes sequences of random edits to a small
// site, as volunteers do while the preview runs: it adds, edits, deletes
// and renames activities, stories, pages and photos (and resizes photos
// that pages show), writes and deletes the opening hours and files of the
// site's own theme, changes the title, language, theme and timezone in site.toml,
// makes mistakes and mends them, and lets midnight pass. After every step
// the Builder's output must be the same, file for file and byte for byte,
// as a full build of the site as it now is, and so must the warnings. A
// failure names the seed; -randomseed=N runs that sequence alone.
func TestRandomEditsEqualFullBuild(t *testing.T) {
	t.Parallel() // minutes of work: runs beside the other long checks
	sequences, steps := *randomSequences, 4
	first := uint64(1)
	if *randomSeed != 0 {
		sequences, first = 1, *randomSeed
	} else if testing.Short() {
		sequences = 40
	}
	// The sequences run side by side: a build of a small site keeps few
	// cores busy.
	type outcome struct {
		done []string
		diff string
		busy bool
	}
	results := make([]outcome, sequences)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0) + 1)
	for i := range sequences {
		g.Go(func() error {
			done, diff, busy := runSequence(t, first+uint64(i), steps)
			results[i] = outcome{done, diff, busy}
			return nil
		})
	}
	_ = g.Wait()
	var failed []string
	busy := 0
	for i, res := range results {
		if res.busy {
			busy++
		}
		if res.diff == "" {
			continue
		}
		seed := first + uint64(i)
		failed = append(failed, fmt.Sprint(seed))
		if len(failed) <= 5 {
			t.Errorf("seed %d (go test -run TestRandomEditsEqualFullBuild -randomseed=%d): after the steps\n  %s\nthe incremental build differs from a full build:\n%s",
				seed, seed, strings.Join(res.done, "\n  "), res.diff)
		}
	}
	if len(failed) > 0 {
		t.Errorf("%d of %d sequences failed, seeds %s", len(failed), sequences, strings.Join(failed, " "))
	}
	// A day busier than a week page lists, with a second page of its own,
	// must come up in the edits, or their pages go untested.
	if sequences >= 40 && busy == 0 {
		t.Errorf("none of %d sequences published a second page of a date", sequences)
	}
	t.Logf("%d of %d sequences published a second page of a date", busy, sequences)
}

// TestRandomEditsCatchPhotoResize resizes a photo that a story's text
// shows: the page must get the new width and height, the incremental build
// must equal the full one, and the comparison the random edits rely on must
// catch a builder that left the page with the old size.
func TestRandomEditsCatchPhotoResize(t *testing.T) {
	ctx := context.Background()
	s := newRandomSite(t, 1)
	bl := NewBuilder(s.fsys, nil)
	before := incrementalBuild(ctx, bl, nil, s.today)
	if before.failed {
		t.Fatal(before.diags)
	}
	page := "verhalen/tuin/index.html"
	if !bytes.Contains(before.files[page], []byte(`width="64" height="48"`)) {
		t.Fatalf("%s does not show the photo at 64 by 48:\n%s", page, before.files[page])
	}
	s.fsys["content/tuin.jpg"] = &fstest.MapFile{Data: sitegen.Photo(30, 40, 2), Mode: 0o644}
	inc := incrementalBuild(ctx, bl, []string{"content/tuin.jpg"}, s.today)
	if !bytes.Contains(inc.files[page], []byte(`width="30" height="40"`)) {
		t.Errorf("after the photo was resized to 30 by 40, %s shows:\n%s", page, inc.files[page])
	}
	full := fullBuild(ctx, s.fsys, s.today)
	if diff := difference(inc, full); diff != "" {
		t.Errorf("after the photo was resized, the incremental build differs from a full build:\n%s", diff)
	}
	// A builder that kept the story page as it was, with the old width and
	// height, is caught by the comparison, which names the page.
	stale := built{files: maps.Clone(inc.files), diags: inc.diags}
	stale.files[page] = before.files[page]
	if diff := difference(stale, full); !strings.Contains(diff, page+" differs") || !strings.Contains(diff, `width="64" height="48"`) {
		t.Errorf("the comparison does not catch a story page left with the old size of its photo; it says:\n%s", diff)
	}
}
