package build

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"krachtpunt/generator/internal/qr"
	"krachtpunt/generator/internal/qr/qrtest"
)

// posterSite is a built site with posters and the absolute address its
// codes must lead to.
type posterSite struct {
	name   string
	site   *Memory
	base   string // the site's baseURL
	agenda string // the agenda's path word
	folder string // the folder of the host the site is in, from baseURL: "centre/"
}

// posterSites are the example centre, an English site under a folder of
// its host, and a site with a very busy week and very long texts.
func posterSites(t *testing.T) []posterSite {
	t.Helper()
	out := []posterSite{{"example", buildExample(t, "2026-11-25"), "https://www.buurthuisdevlinder.example/", "agenda", ""}}
	for _, s := range []struct{ file, base, agenda, folder string }{
		{"testdata/posters-en.txtar", "https://thelinden.example/centre/", "calendar", "centre/"},
		{"testdata/posters-busy-week.txtar", "https://drukte.example/", "agenda", ""},
	} {
		a := readArchive(t, s.file)
		m, _, err := buildFiles(t, a.input, a.today)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, posterSite{s.file, m, s.base, s.agenda, s.folder})
	}
	return out
}

// posterPages returns the published paths of the posters of a site.
func posterPages(m *Memory) []string {
	var out []string
	for _, p := range m.Paths() {
		if strings.HasSuffix(p, "/poster/index.html") {
			out = append(out, p)
		}
	}
	return out
}

// qrTarget returns the address the code on the poster at path p must lead
// to: the activity's page, or for a week the agenda.
func (s posterSite) qrTarget(p string) string {
	dir := strings.TrimSuffix(p, "poster/index.html")
	if strings.HasPrefix(dir, s.agenda+"/week/") {
		return s.base + s.agenda + "/"
	}
	return s.base + dir
}

var inlineQR = regexp.MustCompile(`<svg class="qr".*?</svg>`)

// TestPosterCodesDecode draws the QR code of every poster from the SVG in
// the published page and reads it with zbarimg: it must give the exact
// absolute address of the activity, or of the agenda for a week.
func TestPosterCodesDecode(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	zbar := qrtest.Zbarimg(t)
	for _, s := range posterSites(t) {
		pages := posterPages(s.site)
		if len(pages) < 4 {
			t.Fatalf("%s: only %d posters", s.name, len(pages))
		}
		for _, p := range pages {
			svgs := inlineQR.FindAllString(string(s.site.Files[p]), -1)
			if len(svgs) != 1 {
				t.Errorf("%s: %s has %d QR codes, want 1", s.name, p, len(svgs))
				continue
			}
			if got, want := qrtest.Decode(t, zbar, qrtest.Rasterize(t, svgs[0], 3)), s.qrTarget(p); got != want {
				t.Errorf("%s: the code on %s leads to %q, want %q", s.name, p, got, want)
			}
		}
	}
}

// printed is one line of what .ci/browser/poster.mjs reports.
type printed struct {
	Path    string   `json:"path"`
	Pages   int      `json:"pages"`
	QR      string   `json:"qr"`
	QRWidth int      `json:"qrWidth"`
	Spill   []string `json:"spill"`
	Remote  string   `json:"remote"`
}

// minQRWidth is the smallest printed width of a code, in millimetres, that
// a phone reads from a step or two away.
const minQRWidth = 40

// printPosters prints the pages at paths with .ci/browser/poster.mjs and
// returns, by path, what is wrong with each as printed: not exactly one A4
// page, something that sticks out of the sheet, a code that is missing,
// too small or leads elsewhere than target says, a request to another
// host. The site is served in folder, as its
// links expect.
func printPosters(t *testing.T, site *Memory, folder string, paths []string, target func(path string) string) map[string][]string {
	t.Helper()
	dir := browserTools(t)
	node := tool(t, "node", "install Node.js to run the browser checks")
	zbar := qrtest.Zbarimg(t)
	browser := chromium(t)
	served := &Memory{Files: map[string][]byte{}}
	for p, data := range site.Files {
		served.Files[folder+p] = data
	}
	srv := serveMemory(t, served)
	out := t.TempDir()
	args := []string{filepath.Join(dir, "poster.mjs"), srv.URL, out}
	for _, p := range paths {
		args = append(args, "/"+folder+strings.TrimSuffix(p, "index.html"))
	}
	cmd := exec.Command(node, args...)
	cmd.Env = append(os.Environ(), "CHROMIUM="+browser)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("printing the posters: %v\n%s", err, stderr.Bytes())
	}
	logCPU(t, fmt.Sprintf("printing %d pages", len(paths)), cmd)
	wrong := map[string][]string{}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(stdout)), "\n") {
		var r printed
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("reading %q: %v", line, err)
		}
		p := strings.TrimPrefix(strings.TrimPrefix(r.Path, "/"), folder) + "index.html"
		if r.Remote != "" {
			wrong[p] = append(wrong[p], "remote: "+r.Remote)
			continue
		}
		seen++
		if r.Pages != 1 {
			wrong[p] = append(wrong[p], "pages: prints on "+itoa(r.Pages)+" A4 pages, want 1")
		}
		for _, s := range r.Spill {
			wrong[p] = append(wrong[p], "spill: "+s)
		}
		switch want := target(p); {
		case r.QR == "" && want != "":
			wrong[p] = append(wrong[p], "qr: no code printed")
		case r.QR != "":
			text, err := qrtest.Read(zbar, r.QR)
			switch {
			case err != nil:
				wrong[p] = append(wrong[p], "qr: "+err.Error())
			case text != want:
				wrong[p] = append(wrong[p], "qr: leads to "+text+", want "+want)
			}
			if r.QRWidth < minQRWidth {
				wrong[p] = append(wrong[p], "qr: printed "+itoa(r.QRWidth)+" mm wide, want "+itoa(minQRWidth)+" at least")
			}
		}
	}
	if seen != len(paths) {
		t.Fatalf("%d posters printed of %d", seen, len(paths))
	}
	return wrong
}

// TestPostersPrintOnOneA4 prints every poster of the example centre, of an
// English site and of a site with a very busy week and very long texts in
// headless Chromium, on A4 as the print dialog does: each must come out as
// exactly one page, with a code of at least 4 cm that zbarimg reads as the
// page's absolute address.
func TestPostersPrintOnOneA4(t *testing.T) {
	t.Parallel() // minutes of work: runs beside the other long checks
	for _, s := range posterSites(t) {
		pages := posterPages(s.site)
		wrong := printPosters(t, s.site, s.folder, pages, s.qrTarget)
		for _, p := range slices.Sorted(mapKeys(wrong)) {
			t.Errorf("%s: %s: %s", s.name, p, strings.Join(wrong[p], "; "))
		}
		t.Logf("%s: %d posters printed", s.name, len(pages))
	}
}

func mapKeys(m map[string][]string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestPosterCheckCatchesBrokenPosters prints posters made to fail the
// checks, next to the good posters they were made from: without the rules
// that cut long texts and fit the sheet, the poster with the longest texts
// and the busiest week each run onto a second page; in bigger type the
// busiest week runs out of the sheet sideways; a code of another address,
// a damaged code and no code are reported, and so is a style sheet from
// another host.
func TestPosterCheckCatchesBrokenPosters(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	s := posterSites(t)[2]
	long, week := "activiteiten/lang/poster/index.html", "agenda/week/2026-W49/poster/index.html"
	site := &Memory{Files: map[string][]byte{}}
	for p, data := range s.site.Files {
		if strings.HasSuffix(p, ".css") || strings.HasSuffix(p, ".jpg") {
			site.Files[p] = data
		}
	}
	site.Files[long] = s.site.Files[long]
	site.Files[week] = s.site.Files[week]
	unclamp := `<style>@media print { .poster { height: auto; display: block; } .poster * { -webkit-line-clamp: none !important; display: block !important; white-space: normal !important; } .poster-photo { height: auto !important; } .poster-days { columns: auto !important; } }</style></head>`
	other, err := qr.Encode("https://elders.example/")
	if err != nil {
		t.Fatal(err)
	}
	broken := map[string]struct {
		from, rule string
		change     func(string) string
	}{
		"unclamped/":      {long, "pages", func(h string) string { return strings.Replace(h, "</head>", unclamp, 1) }},
		"busy-unclamped/": {week, "pages", func(h string) string { return strings.Replace(h, "</head>", unclamp, 1) }},
		"other-code/":     {long, "qr", func(h string) string { return inlineQR.ReplaceAllString(h, other.SVG("qr", "QR")) }},
		"damaged-code/": {long, "qr", func(h string) string {
			return regexp.MustCompile(`M(\d+) 1[0-9]\.5h`).ReplaceAllString(h, "M$1 30.5h") // rows 10-19 moved onto row 30
		}},
		"no-code/": {long, "qr", func(h string) string { return inlineQR.ReplaceAllString(h, "") }},
		"remote/": {long, "remote", func(h string) string {
			return strings.Replace(h, "</head>", `<link rel="stylesheet" href="https://fonts.example.org/poster.css"></head>`, 1)
		}},
	}
	paths := []string{long, week}
	for dir, b := range broken {
		p := dir + "index.html"
		site.Files[p] = []byte(b.change(string(s.site.Files[b.from])))
		paths = append(paths, p)
	}
	target := func(p string) string {
		if b, ok := broken[strings.TrimSuffix(p, "index.html")]; ok {
			p = b.from
		}
		return s.qrTarget(p)
	}
	wrong := printPosters(t, site, "", paths, target)
	for p, w := range wrong {
		t.Logf("%s: %s", p, strings.Join(w, "; "))
	}
	for _, p := range []string{long, week} {
		if len(wrong[p]) > 0 {
			t.Errorf("%s is fine but was reported: %v", p, wrong[p])
		}
	}
	for dir, b := range broken {
		if !slices.ContainsFunc(wrong[dir+"index.html"], func(w string) bool { return strings.HasPrefix(w, b.rule+":") }) {
			t.Errorf("/%s: %s not reported; reported: %v", dir, b.rule, wrong[dir+"index.html"])
		}
	}
}

// busyWeek returns a site whose week 2026-W49 has counts[d] activities
// on day d, Monday first, each with a long name and a long room.
func busyWeek(counts [7]int) map[string][]byte {
	days := []string{"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"}
	files := map[string][]byte{"site.toml": []byte(`title = "Wijkcentrum De Drukte"
language = "nl"
baseURL = "https://drukte.example/"
[address]
street = "Drukke Straat 100"
postcode = "9999 ZZ"
city = "Drukstad"
phone = "099 999 99 99"
[calendar]
weeks = 2
`)}
	for d, n := range counts {
		for i := range n {
			start := 7*60 + 20*i
			files[fmt.Sprintf("content/activities/%s-%02d.md", days[d], i)] = fmt.Appendf(nil, "+++\ntitel = \"Activiteit %d op %s met een lange naam erbij\"\nwanneer = \"elke %s %02d:%02d-%02d:%02d\"\nruimte = \"Zaal %d op de tweede verdieping\"\n+++\n",
				i+1, days[d], days[d], start/60, start%60, (start+15)/60, (start+15)%60, i+1)
		}
	}
	return files
}

// TestBusyWeeksPrintOnOneA4 prints the poster of the fullest week each
// type size takes, and of weeks busier than the smallest type holds: each
// must fit one A4 sheet, nothing sticking out of it. The posters of the
// sites print in one browser: each is served beside the first site's files
// at a path as deep as its own (so its links lead to the same files), and
// the files a page may load (style sheets, pictures, fonts) must be the
// same in every site.
func TestBusyWeeksPrintOnOneA4(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	const week = "agenda/week/2026-W49/poster/index.html"
	served := &Memory{Files: map[string][]byte{}}
	var paths []string
	linesOf := map[string]int{}
	for i, lines := range []int{18, 24, 28, 52, posterLines, 200} {
		var counts [7]int
		for i := range lines - 7 {
			counts[i%7]++
		}
		site, _, err := buildFiles(t, busyWeek(counts), "2026-11-25")
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			maps.Copy(served.Files, site.Files)
		} else if err := sameAssets(served, site); err != nil {
			t.Fatalf("a week of %d lines: %v", lines, err)
		}
		p := strings.TrimSuffix(week, "/index.html") + "-" + itoa(lines) + "/index.html"
		if _, ok := site.Files[p]; ok {
			t.Fatalf("a week of %d lines: the site has a page %s of its own", lines, p)
		}
		served.Files[p] = site.Files[week]
		paths = append(paths, p)
		linesOf[p] = lines
	}
	wrong := printPosters(t, served, "", paths, func(string) string { return "https://drukte.example/agenda/" })
	for _, p := range paths {
		if w := wrong[p]; len(w) > 0 {
			t.Errorf("a week of %d lines: %s", linesOf[p], strings.Join(w, "; "))
		}
	}
}

// sameAssets says how b differs from a in the files a page may load: every
// published file that is not a page, a feed or data.
func sameAssets(a, b *Memory) error {
	page := func(p string) bool {
		switch path.Ext(p) {
		case ".html", ".ics", ".json", ".xml", ".txt":
			return true
		}
		return false
	}
	for _, m := range []struct{ from, to *Memory }{{a, b}, {b, a}} {
		for p, data := range m.from.Files {
			if page(p) {
				continue
			}
			if other, ok := m.to.Files[p]; !ok || !bytes.Equal(data, other) {
				return fmt.Errorf("%s differs between the sites", p)
			}
		}
	}
	return nil
}

// TestLongPostersPrintOnOneA4 prints the posters of activities whose
// titles are as long as each type size takes and longer, with very long
// texts, many rules and a tall, a wide or no photo: each must fit one A4
// sheet, nothing sticking out of it.
func TestLongPostersPrintOnOneA4(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	files := map[string][]byte{"site.toml": []byte("title = \"Wijkcentrum Met Een Heel Lange Naam Voor Een Buurthuis\"\nlanguage = \"nl\"\nbaseURL = \"https://lang.example/\"\n" +
		"[address]\nstreet = \"Burgemeester Van Der Lange Achternaamstraat 1234 bis\"\npostcode = \"9999 ZZ\"\ncity = \"Langestad aan de Lange Rivier\"\n")}
	long := func(s string, n int) string { return strings.TrimSpace(strings.Repeat(s+" ", n)) }
	var paths []string
	for i, title := range []string{
		"Koffie", long("Koffieochtend", 2)[:24], long("Koffieochtend", 4)[:48], long("Koffieochtend voor iedereen", 10),
		long("Buurthuisactiviteitencommissievergaderingsvoorbereiding", 3),
	} {
		for j, photo := range []string{"", "photo 1000x1400", "photo 1600x400"} {
			slug := fmt.Sprintf("a%d-%d", i, j)
			md := fmt.Sprintf("+++\ntitel = %q\nsamenvatting = %q\nwanneer = [%s]\nruimte = %q\nkosten = %q\naanmelden = %q\n",
				title, long("Een samenvatting die maar doorgaat.", 60),
				`"elke maandag 10:00-11:00", "elke dinsdag 10:00-11:00", "elke woensdag 10:00-11:00", "elke donderdag 10:00-11:00", "elke vrijdag 10:00-11:00", "elke zaterdag 10:00-11:00", "elke zondag 10:00-11:00"`,
				long("De grote zaal achter de keuken.", 12), long("Vijf euro per keer.", 20), long("Bel de coördinator.", 30))
			if photo != "" {
				files["content/activities/"+slug+".jpg"] = []byte(photo)
				md += fmt.Sprintf("afbeelding = %q\nafbeelding_alt = \"Een foto\"\n", slug+".jpg")
			}
			files["content/activities/"+slug+".md"] = []byte(md + "+++\n")
			paths = append(paths, "activiteiten/"+slug+"/poster/index.html")
		}
	}
	site, _, err := buildFiles(t, files, "2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	wrong := printPosters(t, site, "", paths, func(p string) string {
		return "https://lang.example/" + strings.TrimSuffix(p, "poster/index.html")
	})
	for _, p := range slices.Sorted(mapKeys(wrong)) {
		t.Errorf("%s: %s", p, strings.Join(wrong[p], "; "))
	}
}
