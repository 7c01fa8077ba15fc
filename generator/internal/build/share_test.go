package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"krachtpunt/generator/internal/photo/phototest"
	"krachtpunt/generator/internal/schedule"
)

// fetcherLimit is how much of a page a link-preview fetcher reads; the
// tags must be within it.
const fetcherLimit = 300 << 10

// preview is what a link-preview fetcher finds in a page: the OpenGraph
// and Twitter tags of its head, by property or name, and whether they came
// before the style sheet and any script.
type preview struct {
	tags  map[string]string
	early bool // every og: tag came before the style sheet and any script
	canon string
}

// readPreview reads a page as WhatsApp and Facebook do: the first part of
// it, tokenized, the meta tags of <head> until the body starts.
func readPreview(t *testing.T, page []byte) preview {
	t.Helper()
	if len(page) > fetcherLimit {
		page = page[:fetcherLimit]
	}
	pv := preview{tags: map[string]string{}, early: true}
	z := html.NewTokenizer(bytes.NewReader(page))
	late := false // the style sheet or a script was seen
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			t.Fatal("the page ends before <body> within the part a preview fetcher reads")
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		attr := map[string]string{}
		for _, a := range tok.Attr {
			attr[a.Key] = a.Val
		}
		switch tok.Data {
		case "body":
			return pv
		case "script":
			late = true
		case "link":
			switch attr["rel"] {
			case "stylesheet":
				late = true
			case "canonical":
				pv.canon = attr["href"]
			}
		case "meta":
			key := attr["property"]
			if key == "" {
				key = attr["name"]
			}
			if strings.HasPrefix(key, "og:") || strings.HasPrefix(key, "twitter:") || strings.HasPrefix(key, "article:") {
				if _, dup := pv.tags[key]; dup {
					t.Errorf("%s is given twice", key)
				}
				pv.tags[key] = attr["content"]
				if late {
					pv.early = false
				}
			}
		}
	}
}

// wantPreview is what one page's preview must say.
type wantPreview struct {
	page        string // published path of the page
	title       string
	description string
	typ         string
	locale      string
	siteName    string
	url         string // "" when there must be none
	image       string // published path of the picture; "" when there must be none
	alt         string
	published   string // article:published_time
}

// checkPreview checks the preview of one page, and opens its picture from
// the published files as a fetcher would download it.
func checkPreview(t *testing.T, files map[string][]byte, base string, w wantPreview) {
	t.Helper()
	page, ok := files[w.page]
	if !ok {
		t.Fatalf("%s is not published", w.page)
	}
	pv := readPreview(t, page)
	if !pv.early {
		t.Errorf("%s: OpenGraph tags after the style sheet or a script; fetchers may stop before them", w.page)
	}
	want := map[string]string{
		"og:title": w.title, "og:type": w.typ,
		"og:locale": w.locale, "og:site_name": w.siteName, "twitter:card": "summary",
	}
	if w.description != "" {
		want["og:description"] = w.description
	}
	if w.url != "" {
		want["og:url"] = w.url
	}
	if w.published != "" {
		want["article:published_time"] = w.published
	}
	if w.image != "" {
		want["twitter:card"] = "summary_large_image"
		want["og:image:type"], want["og:image:width"], want["og:image:height"] = "image/jpeg", "1200", "630"
		want["og:image:alt"] = w.alt
	}
	for k, v := range want {
		if got, ok := pv.tags[k]; !ok || got != v {
			t.Errorf("%s: %s = %q (present %v), want %q", w.page, k, got, ok, v)
		}
	}
	for k := range pv.tags {
		if _, ok := want[k]; !ok && k != "og:image" {
			t.Errorf("%s: unexpected %s = %q", w.page, k, pv.tags[k])
		}
	}
	if w.url != "" && pv.canon != w.url {
		t.Errorf("%s: og:url %q differs from the canonical address %q", w.page, w.url, pv.canon)
	}
	img, has := pv.tags["og:image"]
	if w.image == "" {
		if has {
			t.Errorf("%s: og:image %q, want none", w.page, img)
		}
		return
	}
	u, err := url.Parse(img)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		t.Fatalf("%s: og:image %q is not a full https address", w.page, img)
	}
	rel, ok := strings.CutPrefix(u.Scheme+"://"+u.Host+u.Path, base)
	if !ok || rel != w.image {
		t.Errorf("%s: og:image %q, want %s%s", w.page, img, base, w.image)
	}
	if v := u.Query().Get("v"); len(v) != 8 {
		t.Errorf("%s: og:image %q has no version of its picture", w.page, img)
	}
	checkPicture(t, w.image, files[rel])
}

// checkPicture decodes a preview picture: a JPEG of 1200x630, at most 300
// KB, without EXIF or any other application segment but a colour profile.
func checkPicture(t *testing.T, name string, data []byte) image.Image {
	t.Helper()
	if data == nil {
		t.Fatalf("%s is not published", name)
	}
	if len(data) > 300<<10 {
		t.Errorf("%s: %d bytes, want at most 300 KB", name, len(data))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || format != "jpeg" || cfg.Width != 1200 || cfg.Height != 630 {
		t.Fatalf("%s: %s %dx%d (%v), want a JPEG of 1200x630", name, format, cfg.Width, cfg.Height, err)
	}
	for _, seg := range jpegSegments(t, data) {
		if seg >= 0xE0 && seg <= 0xEF && seg != 0xE2 || seg == 0xFE {
			t.Errorf("%s has a segment 0xFF%02X (APPn or comment): metadata", name, seg)
		}
	}
	if bytes.Contains(data, []byte("Exif")) || bytes.Contains(data, []byte(phototest.Serial)) {
		t.Errorf("%s still holds the EXIF of the photo", name)
	}
	m, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// jpegSegments returns the markers of a JPEG's segments up to its first scan.
func jpegSegments(t *testing.T, d []byte) []byte {
	t.Helper()
	var out []byte
	for i := 2; i+4 <= len(d); {
		if d[i] != 0xFF {
			t.Fatalf("a broken JPEG segment at %d", i)
		}
		m := d[i+1]
		out = append(out, m)
		if m == 0xDA {
			break
		}
		i += 2 + int(binary.BigEndian.Uint16(d[i+2:]))
	}
	return out
}

func buildInline(t *testing.T, src string) *Memory {
	t.Helper()
	files := map[string][]byte{}
	for _, f := range txtar.Parse([]byte(src)).Files {
		files[f.Name] = f.Data
	}
	out, res, err := buildFiles(t, files, "2026-11-25")
	if err != nil {
		t.Fatalf("build: %v\n%s", err, res.Diags.Format("en"))
	}
	checkLinks(t, out.Files, res.Config)
	return out
}

const previewSiteNL = `
-- site.toml --
title = "Buurthuis De Linde"
tagline = "Een huiskamer voor de wijk"
baseURL = "https://www.delinde.nl/"
language = "nl"
-- content/activities/koffie.md --
+++
titel = "Koffieochtend"
samenvatting = "Koffie, thee en een praatje."
wanneer = "elke dinsdag 10:00-12:00"
afbeelding = "koffie.jpg"
afbeelding_alt = "Twee buren aan de koffietafel"
+++
-- content/activities/koffie.jpg --
photo 2400x1800
-- content/activities/breien.md --
+++
titel = "Breiclub"
wanneer = "elke woensdag 14:00-16:00"
+++
Samen breien, haken en borduren.
-- content/stories/tuin.md --
+++
title = "Mijn tuin"
date = 2026-10-12
consent = true
image = "tuin.png"
image_alt = "Fatima in de buurttuin"
+++
Elke week sta ik in de buurttuin.
-- content/stories/tuin.png --
photo 900x1200
-- content/over-ons.md --
# Over ons

Wij zijn een buurthuis voor iedereen.
`

func TestLinkPreviewsNL(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	out := buildInline(t, previewSiteNL)
	base := "https://www.delinde.nl/"
	card := "deel.jpg"
	cardAlt := "Buurthuis De Linde – Een huiskamer voor de wijk"
	for _, w := range []wantPreview{
		{page: "index.html", title: "Buurthuis De Linde", description: "Een huiskamer voor de wijk", url: base, image: card, alt: cardAlt},
		{page: "activiteiten/koffie/index.html", title: "Koffieochtend", description: "Koffie, thee en een praatje.",
			url: base + "activiteiten/koffie/", image: "activiteiten/koffie/deel.jpg", alt: "Twee buren aan de koffietafel"},
		{page: "activiteiten/koffie/poster/index.html", title: "Poster: Koffieochtend", description: "Koffie, thee en een praatje.",
			url: base + "activiteiten/koffie/poster/", image: "activiteiten/koffie/deel.jpg", alt: "Twee buren aan de koffietafel"},
		{page: "agenda/week/2026-W48/poster/index.html", title: "Poster: Week 48: 23 november 2026 tot en met 29 november 2026", description: "Een huiskamer voor de wijk",
			url: base + "agenda/week/2026-W48/poster/", image: card, alt: cardAlt},
		{page: "activiteiten/breien/index.html", title: "Breiclub", description: "Samen breien, haken en borduren.",
			url: base + "activiteiten/breien/", image: card, alt: cardAlt},
		{page: "verhalen/tuin/index.html", title: "Mijn tuin", description: "Elke week sta ik in de buurttuin.", typ: "article", published: "2026-10-12",
			url: base + "verhalen/tuin/", image: "verhalen/tuin/deel.jpg", alt: "Fatima in de buurttuin"},
		{page: "over-ons/index.html", title: "Over ons", description: "Wij zijn een buurthuis voor iedereen.",
			url: base + "over-ons/", image: card, alt: cardAlt},
		{page: "agenda/index.html", title: "Agenda", description: "Een huiskamer voor de wijk", url: base + "agenda/", image: card, alt: cardAlt},
		{page: "404.html", title: "Deze pagina bestaat niet", description: "Een huiskamer voor de wijk", image: card, alt: cardAlt},
	} {
		if w.typ == "" {
			w.typ = "website"
		}
		w.locale, w.siteName = "nl_NL", "Buurthuis De Linde"
		checkPreview(t, out.Files, base, w)
	}
	checkShareLink(t, out.Files, "activiteiten/koffie/index.html", "Deel via WhatsApp",
		"https://wa.me/?text=Koffieochtend%20https%3A%2F%2Fwww.delinde.nl%2Factiviteiten%2Fkoffie%2F")
	checkShareLink(t, out.Files, "verhalen/tuin/index.html", "Deel via WhatsApp",
		"https://wa.me/?text=Mijn%20tuin%20https%3A%2F%2Fwww.delinde.nl%2Fverhalen%2Ftuin%2F")
	for _, p := range []string{"index.html", "over-ons/index.html", "agenda/index.html"} {
		checkShareLink(t, out.Files, p, "Deel via WhatsApp", "")
	}
	// The photos are cut from the middle, the right way up: the test
	// photo's four quarters stay where they are.
	for _, p := range []string{"activiteiten/koffie/deel.jpg", "verhalen/tuin/deel.jpg"} {
		got := phototest.Quarters(checkPicture(t, p, out.Files[p]))
		for i, want := range []color.RGBA{phototest.TopLeft, phototest.TopRight, phototest.BottomLeft, phototest.BottomRight} {
			if !phototest.Near(got[i], want) {
				t.Errorf("%s: quarter %d is %v, want %v", p, i, got[i], want)
			}
		}
	}
	// The drawn card: the theme's accent colour, with light text on it.
	m := checkPicture(t, card, out.Files[card])
	if bg := at(m, 5, 5); !phototest.Near(bg, color.RGBA{0x0b, 0x5c, 0x4a, 255}) {
		t.Errorf("the card's background is %v, want the theme's --accent #0b5c4a", bg)
	}
	if n := lightPixels(m); n < 2000 {
		t.Errorf("the card has %d light pixels; the centre's name is missing", n)
	}
	// The same site gives the same bytes.
	again := buildInline(t, previewSiteNL)
	for _, p := range []string{card, "activiteiten/koffie/deel.jpg", "verhalen/tuin/deel.jpg", "index.html"} {
		if !bytes.Equal(out.Files[p], again.Files[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

func TestLinkPreviewsEN(t *testing.T) {
	out := buildInline(t, `
-- site.toml --
title = "The Linden Centre"
baseURL = "https://example.org/linden"
language = "en"
-- content/_index.md --
+++
+++
Welcome.
-- content/activities/coffee.md --
+++
title = "Coffee morning"
summary = "Coffee & tea with neighbours"
when = "every tuesday 10:00-12:00"
image = "coffee.jpg"
image_alt = "Two neighbours at the coffee table"
+++
-- content/activities/coffee.jpg --
photo 1000x1000 orientation 6
-- content/stories/garden.md --
+++
title = "My garden"
date = 2026-10-12
consent = true
+++
Every week I work in the garden.
`)
	base := "https://example.org/linden/"
	card, cardAlt := "share.jpg", "The Linden Centre"
	for _, w := range []wantPreview{
		{page: "index.html", title: "The Linden Centre", description: "Welcome.", url: base, image: card, alt: cardAlt},
		{page: "activities/coffee/index.html", title: "Coffee morning", description: "Coffee & tea with neighbours",
			url: base + "activities/coffee/", image: "activities/coffee/share.jpg", alt: "Two neighbours at the coffee table"},
		{page: "stories/garden/index.html", title: "My garden", description: "Every week I work in the garden.", typ: "article", published: "2026-10-12",
			url: base + "stories/garden/", image: card, alt: cardAlt},
		{page: "calendar/index.html", title: "Calendar", url: base + "calendar/", image: card, alt: cardAlt},
	} {
		if w.typ == "" {
			w.typ = "website"
		}
		w.locale, w.siteName = "en_GB", "The Linden Centre"
		checkPreview(t, out.Files, base, w)
	}
	checkShareLink(t, out.Files, "activities/coffee/index.html", "Share on WhatsApp",
		"https://wa.me/?text=Coffee%20morning%20https%3A%2F%2Fexample.org%2Flinden%2Factivities%2Fcoffee%2F")
	checkShareLink(t, out.Files, "stories/garden/index.html", "Share on WhatsApp",
		"https://wa.me/?text=My%20garden%20https%3A%2F%2Fexample.org%2Flinden%2Fstories%2Fgarden%2F")
	// The camera stored the quarters as a Scene and says it is to be
	// turned a quarter to the right (EXIF orientation 6): the preview shows
	// it turned, as the page does.
	got := phototest.Quarters(checkPicture(t, "coffee", out.Files["activities/coffee/share.jpg"]))
	for i, want := range []color.RGBA{phototest.BottomLeft, phototest.TopLeft, phototest.BottomRight, phototest.TopRight} {
		if !phototest.Near(got[i], want) {
			t.Errorf("the turned photo's quarter %d is %v, want %v", i, got[i], want)
		}
	}
}

// A site without a tagline, a site's own theme colours, and no
// description at all: the card still reads, and no empty tag is written.
func TestLinkPreviewCardInThemeColours(t *testing.T) {
	out := buildInline(t, `
-- site.toml --
title = "Wijkcentrum Het Oude Raadhuis van Nieuwerkerk aan den IJssel"
baseURL = "https://www.raadhuis.nl/"
language = "nl"
-- themes/default/static/style.css --
:root { --accent: #fbe9a0; --accent-ink: #ffffff; }
body { margin: 0; }
-- content/activities/koffie.md --
+++
titel = "Koffieochtend"
wanneer = "elke dinsdag 10:00-12:00"
+++
`)
	page := out.Files["activiteiten/koffie/index.html"]
	pv := readPreview(t, page)
	if _, ok := pv.tags["og:description"]; ok || bytes.Contains(page, []byte(`content=""`)) {
		t.Errorf("a page without any description has an empty tag: %q", pv.tags["og:description"])
	}
	m := checkPicture(t, "deel.jpg", out.Files["deel.jpg"])
	if bg := at(m, 5, 5); !phototest.Near(bg, color.RGBA{0xfb, 0xe9, 0xa0, 255}) {
		t.Errorf("the card's background is %v, want the site's --accent #fbe9a0", bg)
	}
	// White on light yellow cannot be read: the text is dark instead.
	if n := darkPixels(m); n < 2000 {
		t.Errorf("the card has %d dark pixels, want the name in dark type on the light colour", n)
	}
}

func TestLinkPreviewShareImage(t *testing.T) {
	out := buildInline(t, `
-- site.toml --
title = "Buurthuis De Linde"
baseURL = "https://www.delinde.nl/"
language = "nl"
share_image = "voordeur.jpg"
share_image_alt = "De voordeur van het buurthuis"
-- content/voordeur.jpg --
photo 1600x1200
-- content/over-ons.md --
# Over ons

Wij zijn er voor iedereen.
`)
	checkPreview(t, out.Files, "https://www.delinde.nl/", wantPreview{
		page: "over-ons/index.html", title: "Over ons", description: "Wij zijn er voor iedereen.", typ: "website",
		locale: "nl_NL", siteName: "Buurthuis De Linde", url: "https://www.delinde.nl/over-ons/",
		image: "deel.jpg", alt: "De voordeur van het buurthuis",
	})
	got := phototest.Quarters(checkPicture(t, "deel.jpg", out.Files["deel.jpg"]))
	if !phototest.Near(got[0], phototest.TopLeft) || !phototest.Near(got[3], phototest.BottomRight) {
		t.Errorf("the site's picture has the quarters %v, want those of voordeur.jpg", got)
	}
	if _, ok := out.Files["voordeur.jpg"]; !ok {
		t.Error("the photo itself is no longer published")
	}
}

// Without a full web address a fetcher can use no address of the site:
// no og:url, no picture, no WhatsApp link; the rest of the preview stays.
func TestLinkPreviewRelativeBaseURL(t *testing.T) {
	out := buildInline(t, `
-- site.toml --
title = "Buurthuis De Linde"
baseURL = "/"
language = "nl"
-- content/activities/koffie.md --
+++
titel = "Koffieochtend"
samenvatting = "Koffie en een praatje."
wanneer = "elke dinsdag 10:00-12:00"
afbeelding = "koffie.jpg"
afbeelding_alt = "Twee buren"
+++
-- content/activities/koffie.jpg --
photo 800x600
`)
	checkPreview(t, out.Files, "", wantPreview{
		page: "activiteiten/koffie/index.html", title: "Koffieochtend", description: "Koffie en een praatje.", typ: "website",
		locale: "nl_NL", siteName: "Buurthuis De Linde",
	})
	checkShareLink(t, out.Files, "activiteiten/koffie/index.html", "Deel via WhatsApp", "")
	for p := range out.Files {
		if strings.HasSuffix(p, "deel.jpg") {
			t.Errorf("%s is published, but no page can point at it", p)
		}
	}
}

// checkShareLink checks the href of the link with the text on a page;
// want "" means there must be no such link.
func checkShareLink(t *testing.T, files map[string][]byte, page, text, want string) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(files[page]))
	if err != nil {
		t.Fatal(err)
	}
	var hrefs []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" && n.FirstChild != nil && n.FirstChild.Data == text {
			for _, a := range n.Attr {
				if a.Key == "href" {
					hrefs = append(hrefs, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	switch {
	case want == "" && len(hrefs) > 0:
		t.Errorf("%s has a link %q to %v, want none", page, text, hrefs)
	case want != "" && (len(hrefs) != 1 || hrefs[0] != want):
		t.Errorf("%s: the link %q goes to %v, want %s", page, text, hrefs, want)
	}
}

func at(m image.Image, x, y int) color.RGBA {
	r, g, b, a := m.At(x, y).RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

func lightPixels(m image.Image) int {
	n := 0
	for y := 0; y < m.Bounds().Dy(); y += 2 {
		for x := 0; x < m.Bounds().Dx(); x += 2 {
			if c := at(m, x, y); c.R > 230 && c.G > 230 && c.B > 230 {
				n++
			}
		}
	}
	return n
}

func darkPixels(m image.Image) int {
	n := 0
	for y := 0; y < m.Bounds().Dy(); y += 2 {
		for x := 0; x < m.Bounds().Dx(); x += 2 {
			if c := at(m, x, y); c.R < 40 && c.G < 40 && c.B < 40 {
				n++
			}
		}
	}
	return n
}

// The preview server's rebuilds give the same pictures and pages as a full
// build when a photo, share_image or the settings change.
func TestLinkPreviewsIncremental(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(`
-- site.toml --
title = "De Linde"
baseURL = "https://www.delinde.nl/"
language = "nl"
share_image = "voordeur.jpg"
share_image_alt = "De voordeur"
-- content/voordeur.jpg --
photo 1600x1000
-- content/activities/koffie.md --
+++
titel = "Koffieochtend"
wanneer = "elke dinsdag 10:00-12:00"
afbeelding = "koffie.jpg"
afbeelding_alt = "Twee buren"
+++
-- content/activities/koffie.jpg --
photo 1200x900
-- content/activities/eten.md --
+++
titel = "Samen eten"
wanneer = "elke woensdag 17:30-19:30"
+++
`)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: phototest.Expand(f.Name, f.Data)}
	}
	today, _ := schedule.ParseDate("2026-11-25")
	b := NewBuilder(fsys, nil)
	ctx := context.Background()
	up, err := b.Build(ctx, nil, today)
	if err != nil {
		t.Fatal(err)
	}
	version := func(files map[string][]byte, page string) string {
		return readPreview(t, files[page]).tags["og:image"]
	}
	for _, step := range []struct {
		name    string
		edit    func()
		changed []string
		pages   []string // whose og:image must change
		same    []string // whose og:image must not
		picture string   // that must change
	}{
		{"activity photo replaced", func() { fsys["content/activities/koffie.jpg"].Data = phototest.JPEG(phototest.Texture(900, 900), nil) },
			[]string{"content/activities/koffie.jpg"}, []string{"activiteiten/koffie/index.html"}, []string{"activiteiten/eten/index.html"}, "activiteiten/koffie/deel.jpg"},
		{"share_image replaced", func() { fsys["content/voordeur.jpg"].Data = phototest.JPEG(phototest.Texture(1300, 700), nil) },
			[]string{"content/voordeur.jpg"}, []string{"activiteiten/eten/index.html", "index.html"}, []string{"activiteiten/koffie/index.html"}, "deel.jpg"},
		{"share_image removed from the settings", func() {
			fsys["site.toml"].Data = []byte("title = \"De Linde\"\nbaseURL = \"https://www.delinde.nl/\"\nlanguage = \"nl\"\n")
		}, []string{"site.toml"}, []string{"activiteiten/eten/index.html", "index.html"}, []string{"activiteiten/koffie/index.html"}, "deel.jpg"},
	} {
		before := up.Files
		step.edit()
		up, err = b.Build(ctx, step.changed, today)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		out := &Memory{}
		if _, err = Build(ctx, Options{Site: fsys, Today: today, Out: out}); err != nil {
			t.Fatalf("%s: full build: %v", step.name, err)
		}
		for _, p := range out.Paths() {
			if !bytes.Equal(out.Files[p], up.Files[p]) {
				t.Errorf("%s: %s differs from a full build", step.name, p)
			}
		}
		for _, p := range step.pages {
			if version(before, p) == version(up.Files, p) {
				t.Errorf("%s: %s still points at %s", step.name, p, version(up.Files, p))
			}
		}
		for _, p := range step.same {
			if version(before, p) != version(up.Files, p) {
				t.Errorf("%s: the picture of %s changed to %s", step.name, p, version(up.Files, p))
			}
		}
		if bytes.Equal(before[step.picture], up.Files[step.picture]) {
			t.Errorf("%s: %s did not change", step.name, step.picture)
		}
		checkPicture(t, step.picture, up.Files[step.picture])
	}
}

// TestPagesOfOnePhotoShareOnePicture: pages that show the same photo get
// the same picture under the same version, made from that photo; a page
// with another photo gets its own. After the photo changes, every page
// that shows it points at the new picture, in the preview and in a full
// build alike.
func TestPagesOfOnePhotoShareOnePicture(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	src := `
-- site.toml --
title = "De Linde"
baseURL = "https://www.delinde.nl/"
language = "nl"
-- content/photos/zaal.jpg --
photo 1600x1200
-- content/photos/tuin.jpg --
photo 1200x900
-- content/stories/tuin.md --
+++
title = "De tuin"
date = 2026-10-12
consent = true
image = "../photos/tuin.jpg"
image_alt = "De buurttuin"
+++
Elke week.
`
	for _, a := range []string{"koffie", "breien", "eten"} {
		src += "-- content/activities/" + a + ".md --\n+++\ntitel = \"" + a + "\"\nwanneer = \"elke dinsdag 10:00-12:00\"\nafbeelding = \"../photos/zaal.jpg\"\nafbeelding_alt = \"De zaal\"\n+++\n"
	}
	files := map[string][]byte{}
	for _, f := range txtar.Parse([]byte(src)).Files {
		files[f.Name] = f.Data
	}
	fsys := siteFS(t, files).(fstest.MapFS)
	today, _ := schedule.ParseDate("2026-11-25")
	shared := []string{"activiteiten/koffie/", "activiteiten/breien/", "activiteiten/eten/"}
	check := func(step string, got map[string][]byte) (zaal, tuin []byte) {
		t.Helper()
		zaal = got[shared[0]+"deel.jpg"]
		version := readPreview(t, got[shared[0]+"index.html"]).tags["og:image"]
		for _, page := range shared {
			checkPicture(t, page+"deel.jpg", got[page+"deel.jpg"])
			if !bytes.Equal(got[page+"deel.jpg"], zaal) {
				t.Errorf("%s: %sdeel.jpg differs from %sdeel.jpg, made from the same photo", step, page, shared[0])
			}
			v := readPreview(t, got[page+"index.html"]).tags["og:image"]
			if !strings.HasPrefix(v, "https://www.delinde.nl/"+page+"deel.jpg?v=") || v[strings.Index(v, "?"):] != version[strings.Index(version, "?"):] {
				t.Errorf("%s: %s shows %s, want its own deel.jpg at the version of %s", step, page, v, version)
			}
		}
		tuin = got["verhalen/tuin/deel.jpg"]
		checkPicture(t, "verhalen/tuin/deel.jpg", tuin)
		if bytes.Equal(tuin, zaal) {
			t.Errorf("%s: the story's picture is that of another photo", step)
		}
		return zaal, tuin
	}
	b := NewBuilder(fsys, nil)
	up, err := b.Build(context.Background(), nil, today)
	if err != nil {
		t.Fatal(err)
	}
	zaal, tuin := check("first build", up.Files)
	fsys["content/photos/zaal.jpg"] = &fstest.MapFile{Data: phototest.JPEG(phototest.Texture(1000, 1000), nil)}
	up, err = b.Build(context.Background(), []string{"content/photos/zaal.jpg"}, today)
	if err != nil {
		t.Fatal(err)
	}
	zaal2, tuin2 := check("photo changed", up.Files)
	if bytes.Equal(zaal, zaal2) || !bytes.Equal(tuin, tuin2) {
		t.Errorf("after the photo changed, its picture changed %v (want true) and the other's %v (want false)", !bytes.Equal(zaal, zaal2), !bytes.Equal(tuin, tuin2))
	}
	full := &Memory{}
	if _, err := Build(context.Background(), Options{Site: fsys, Today: today, Out: full}); err != nil {
		t.Fatal(err)
	}
	for _, p := range full.Paths() {
		if !bytes.Equal(full.Files[p], up.Files[p]) {
			t.Errorf("%s differs between the preview and a full build", p)
		}
	}
}

// TestPicturesOutlastAChangeOfDayOrSettings builds into an output that
// holds the earlier build, as `build` does every day: a picture of link
// previews is made from its photo alone, so the next day, or after an
// edit of site.toml or the theme that leaves its photo as it was, it is
// kept, while every page is made again. The drawn card of the site is made
// again when the name or the colours on it change, and a page's picture
// when its photo does; each step equals a full build.
func TestPicturesOutlastAChangeOfDayOrSettings(t *testing.T) {
	fsys := txtarSite(`
-- site.toml --
title = "De Linde"
baseURL = "https://www.delinde.nl/"
language = "nl"
-- content/activities/koffie.md --
+++
titel = "Koffieochtend"
wanneer = "elke dinsdag 10:00-12:00"
afbeelding = "koffie.jpg"
afbeelding_alt = "Twee buren"
+++
-- content/activities/koffie.jpg --
photo 1200x900
-- content/stories/tuin.md --
+++
titel = "De tuin"
datum = 2026-10-12
toestemming = true
afbeelding = "tuin.jpg"
afbeelding_alt = "Pompoenen"
+++
Pompoenen.
-- content/stories/tuin.jpg --
photo 900x1200
-- themes/default/static/style.css --
:root { --accent: #0b5c4a; --accent-ink: #ffffff; }
`)
	pictures := []string{"deel.jpg", "activiteiten/koffie/deel.jpg", "verhalen/tuin/deel.jpg"}
	ctx := context.Background()
	prev := &Memory{}
	build := func(step string, today schedule.Date, remade ...string) {
		t.Helper()
		k := &fakeKeeper{prev: prev}
		if _, err := Build(ctx, Options{Site: fsys, Today: today, Out: k}); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		sameSite(t, step, k.now.Files, buildIntoMemory(t, fsys, today))
		for _, p := range pictures {
			if made := slices.Contains(k.created, p); made != slices.Contains(remade, p) {
				t.Errorf("%s: %s made again: %v, want %v", step, p, made, !made)
			}
		}
		if step != "first build" && !slices.Contains(k.created, "verhalen/tuin/index.html") {
			t.Errorf("%s: the story's page was kept; this test wants a change that every page reads", step)
		}
		prev = &k.now
	}
	day := schedule.Date{Year: 2026, Month: 11, Day: 25}
	build("first build", day, pictures...)
	day = schedule.Date{Year: 2026, Month: 11, Day: 26}
	build("the next day", day)
	fsys["site.toml"].Data = append(fsys["site.toml"].Data, "timezone = \"Europe/Amsterdam\"\n"...)
	build("site.toml edited", day)
	fsys["site.toml"].Data = []byte(strings.Replace(string(fsys["site.toml"].Data), "De Linde", "Buurthuis De Linde", 1))
	build("the name on the card changed", day, "deel.jpg")
	fsys["themes/default/static/style.css"].Data = []byte(":root { --accent: #7a1f5c; --accent-ink: #ffffff; }\n")
	build("the colour of the card changed", day, "deel.jpg")
	fsys["content/stories/tuin.jpg"].Data = phototest.JPEG(phototest.Texture(1000, 800), nil)
	build("the story's photo replaced", day, "verhalen/tuin/deel.jpg")
}
