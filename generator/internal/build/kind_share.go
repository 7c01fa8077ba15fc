package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"io/fs"
	"strings"
	"sync"

	"krachtpunt/generator/internal/card"
	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/photo"
	"krachtpunt/generator/internal/render"
)

// Link previews. Every page carries OpenGraph tags; the picture is the
// photo of an activity or story, else the site's picture: share_image from
// site.toml, or a card drawn with the centre's name in the theme's colours.
// Each picture is published next to its page, /activiteiten/<slug>/deel.jpg
// (English /activities/<slug>/share.jpg), and the site's as /deel.jpg, so
// the names that content files cannot take are in the checks of
// checkGenerated like every other output. Previews need full addresses: a
// site without an absolute baseURL gets no pictures and no og:url.

// shareNames are the file names of the pictures, by site language.
var shareNames = map[string]string{"nl": "deel.jpg", "en": "share.jpg"}

// shareVersion changes when the pictures are made differently, so that
// apps that keep a preview by its address fetch the new one.
const shareVersion = "2"

// picture is one picture of link previews.
type picture struct {
	path  string // its site path, "/activiteiten/koffie/deel.jpg"
	photo string // the photo it is cut from, a path under content/; "" for the drawn card
	alt   string
}

// pagePicture returns the picture of the page at the site path page that
// shows the photo img (a path under content/) described by alt; nil when
// the page has no photo previews can show.
func (p *plan) pagePicture(img, alt, page string) *picture {
	if img == "" || !p.cfg.Absolute() {
		return nil
	}
	if _, ok := photo.FormatOf(img); !ok {
		return nil
	}
	return &picture{path: page + shareNames[p.cfg.Language], photo: img, alt: alt}
}

// sitePicture returns the picture of the pages without a photo.
func (p *plan) sitePicture() *picture {
	if p.cfg.ShareImage != "" {
		return &picture{path: "/" + shareNames[p.cfg.Language], photo: p.cfg.ShareImage, alt: p.cfg.ShareImageAlt}
	}
	alt := p.cfg.Title
	if p.cfg.Tagline != "" {
		alt += " – " + p.cfg.Tagline
	}
	return &picture{path: "/" + shareNames[p.cfg.Language], alt: alt}
}

// The pictures of link previews: /deel.jpg, and deel.jpg next to the page
// of an activity or story with a photo.
var _ = register(kind{name: "share-picture", routes: func(p *plan) []route {
	var rs []route
	for _, pr := range p.picturesOf() {
		rs = append(rs, route{path: strings.TrimPrefix(pr.pic.path, "/"), inputs: pr.inputs,
			own:  func() string { k := p.pictureKey(pr.pic); return hex.EncodeToString(k[:]) },
			make: func(w io.Writer) (diag.List, error) { return writeAll(w)(p.makePicture(pr.pic)) }})
	}
	return rs
}})

// pictureRoute is a picture and the content files it is made from.
type pictureRoute struct {
	pic    *picture
	inputs []input
}

// picturesOf returns every picture of the site with the content files it
// is made from; none without an absolute baseURL.
func (p *plan) picturesOf() []pictureRoute {
	if !p.cfg.Absolute() {
		return nil
	}
	site := p.sitePicture()
	out := []pictureRoute{{site, []input{fileInput(site.photo)}}}
	// A picture is made from its photo alone: editing the text of the
	// page leaves it as it was.
	for _, a := range p.site.Activities {
		if pic := p.pagePicture(a.Image, a.ImageAlt, p.activityPath(a)); pic != nil {
			out = append(out, pictureRoute{pic, []input{fileInput(a.Image)}})
		}
	}
	for _, s := range p.site.Stories {
		if pic := p.pagePicture(s.Image, s.ImageAlt, p.storyPath(s)); pic != nil {
			out = append(out, pictureRoute{pic, []input{fileInput(s.Image)}})
		}
	}
	return out
}

// makePicture makes the JPEG of pic, or takes it from the last build when
// what it is made from has not changed. Pages that show one photo share
// one picture: it is made once, by the first of them.
func (p *plan) makePicture(pic *picture) ([]byte, diag.List, error) {
	return p.shares.take(p.pictureKey(pic), p.pictureUses, func() ([]byte, diag.List, error) {
		if pic.photo == "" {
			bg, ink := p.cardColours()
			o := card.Options{Width: photo.ShareWidth, Height: photo.ShareHeight,
				Title: p.cfg.Title, Tagline: p.cfg.Tagline, Background: bg, Text: ink}
			data, err := p.shares.memoized(fmt.Appendf(nil, "card\x00%#v", o), func() ([]byte, error) {
				return photo.ShareJPEG(card.Draw(o), nil), nil
			})
			return data, nil, err
		}
		src, f, err := p.pictureSource(pic.photo)
		if err != nil {
			return nil, nil, err
		}
		data, err := p.shares.memoized(append(fmt.Appendf(nil, "photo\x00%d\x00", f), src...), func() ([]byte, error) {
			v, err := photo.Share(src, f)
			if err != nil {
				return nil, err
			}
			return v.Data, nil
		})
		if err != nil {
			// The photo of a page that cannot be read stops the build when
			// it is processed; share_image may be read only here.
			var diags diag.List
			if pic.photo != p.cfg.ShareImage {
				photoProblem(&diags, pic.photo, err)
				return nil, diags, nil
			}
			diags.Errorf(p.cfg.ShareImagePos, "photo-damaged",
				diag.T("de foto %q kan niet gelezen worden", "the photo %q cannot be read", pic.photo),
				diag.T("Open de foto in een fotoprogramma en bewaar hem opnieuw als JPEG (.jpg); of haal share_image weg.", "Open the photo in a photo program and save it again as JPEG (.jpg); or remove share_image."))
			return nil, diags, nil
		}
		return data, nil, nil
	})
}

// A pictureMemo is an Output that also holds the pictures of link
// previews that builds into it made, by everything each was made from,
// for the builds after to take: tests that make thousands of full builds
// of the same small sites give one.
type pictureMemo interface {
	picture(from [sha256.Size]byte) ([]byte, bool)
	keepPicture(from [sha256.Size]byte, data []byte)
}

// memoized returns the picture made from the bytes from (all that make reads)
// with make, or as the build's pictureMemo holds it.
func (s *shareSet) memoized(from []byte, make func() ([]byte, error)) ([]byte, error) {
	if s.memo == nil {
		return make()
	}
	k := sha256.Sum256(from)
	if d, ok := s.memo.picture(k); ok {
		return d, nil
	}
	d, err := make()
	if err == nil {
		s.memo.keepPicture(k, d)
	}
	return d, err
}

// pictureUses counts the outputs of each picture, by its key.
func (p *plan) pictureUses() map[[sha256.Size]byte]int {
	uses := map[[sha256.Size]byte]int{}
	for _, pr := range p.picturesOf() {
		uses[p.pictureKey(pr.pic)]++
	}
	return uses
}

// pictureSource returns the photo rel under content/ as the site publishes
// it (turned, without metadata, at most photo.Large), or as it is when the
// site does not publish it (share_image may name a file starting with _).
func (p *plan) pictureSource(rel string) ([]byte, photo.Format, error) {
	if pub := p.photos.byRel[rel]; pub != nil {
		data, err := pub.mainData()
		return data, pub.res.Main.Format, err
	}
	f, _ := photo.FormatOf(rel)
	data, err := fs.ReadFile(p.fsys, content.Dir+"/"+rel)
	if err != nil {
		return nil, 0, fmt.Errorf("reading %s/%s: %w", content.Dir, rel, err)
	}
	return data, f, nil
}

// pictureKey sums up what pic is made from: the photo's bytes, or the
// words and colours of the card.
func (p *plan) pictureKey(pic *picture) [sha256.Size]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", shareVersion)
	if pic.photo == "" {
		bg, ink := p.cardColours()
		fmt.Fprintf(h, "card\x00%s\x00%s\x00%v\x00%v", p.cfg.Title, p.cfg.Tagline, bg, ink)
	} else if pub := p.photos.byRel[pic.photo]; pub != nil {
		fmt.Fprintf(h, "photo\x00%x", pub.sum)
	} else {
		fmt.Fprintf(h, "file\x00%x", p.unpublishedSum(pic.photo))
	}
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

// unpublishedSum returns the sha256 of the file rel under content/, read
// once a build: share_image when the site does not publish it.
func (p *plan) unpublishedSum(rel string) [sha256.Size]byte {
	p.shares.once.Do(func() {
		data, _ := fs.ReadFile(p.fsys, content.Dir+"/"+rel)
		p.shares.fileSum = sha256.Sum256(data)
	})
	return p.shares.fileSum
}

// cardColours returns the background and text colours of the drawn card:
// the theme's --accent and --accent-ink, as its header has them.
func (p *plan) cardColours() (bg, ink color.RGBA) {
	bg, ink = color.RGBA{0x0b, 0x5c, 0x4a, 255}, color.RGBA{255, 255, 255, 255} // the default theme's
	for _, f := range p.theme.Static {
		if f.Path == "style.css" {
			if c, ok := card.CSSColour(f.Data, "--accent"); ok {
				bg = c
			}
			if c, ok := card.CSSColour(f.Data, "--accent-ink"); ok {
				ink = c
			}
		}
	}
	return bg, ink
}

// shareView fills pg.Share: the link preview of the page, with pic as its
// picture (the site's when nil), and the WhatsApp link when whatsApp.
func (p *plan) shareView(pg *render.Page, pic *picture, whatsApp bool) {
	s := &render.Share{
		Title: pg.Title, Description: pg.Summary, Type: "website",
		Locale: p.theme.T("locale"), SiteName: p.cfg.Title,
	}
	if pg.Kind == "home" {
		s.Title = p.cfg.Title
	}
	if s.Description == "" {
		s.Description = excerpt(string(pg.Body), 200)
	}
	if s.Description == "" {
		s.Description = p.cfg.Tagline
	}
	if pg.Story != nil {
		s.Type, s.Published = "article", pg.Story.ISODate
	}
	if p.cfg.Absolute() {
		s.URL = pg.Canonical
		if pic == nil {
			pic = p.sitePicture()
		}
		key := p.pictureKey(pic)
		s.Image = &render.ShareImage{
			URL:  p.cfg.URL(pic.path) + "?v=" + hex.EncodeToString(key[:4]),
			Type: "image/jpeg", Width: photo.ShareWidth, Height: photo.ShareHeight, Alt: pic.alt,
		}
		if whatsApp && s.URL != "" {
			s.WhatsApp = template.URL("https://wa.me/?text=" + queryEscape(pg.Title+" "+s.URL))
		}
	}
	pg.Share = s
}

// shareSet is what the pictures of one build are made from and what they
// became, and what the last build made, to take over. A picture that
// several pages show is made once and held until the last of them has
// written it. Only a Builder that keeps the site between builds keeps the
// pictures for the next (keep); a one-off build holds a picture no longer
// than its outputs take to write it (or, when some of them are kept from
// the output folder, until the end of the build).
type shareSet struct {
	mu   sync.Mutex
	keep bool
	memo pictureMemo // nil: none
	last pictures
	made pictures
	// making are the pictures being made or waiting for more of their
	// outputs, with how many outputs are still to take them (uses).
	making map[[sha256.Size]byte]*shareEntry
	uses   map[[sha256.Size]byte]int
	// fileSum is the sum of share_image when the site does not publish it.
	once    sync.Once
	fileSum [sha256.Size]byte
}

// shareEntry is one picture being made, or made and still to be taken.
type shareEntry struct {
	done  chan struct{} // closed when made
	data  []byte
	diags diag.List
	err   error
	left  int // outputs still to take it
}

func newShareSet(last pictures) *shareSet {
	return &shareSet{last: last, made: pictures{}, making: map[[sha256.Size]byte]*shareEntry{}}
}

func (s *shareSet) get(k [sha256.Size]byte) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.getLocked(k)
}

func (s *shareSet) getLocked(k [sha256.Size]byte) ([]byte, bool) {
	d, ok := s.made[k]
	if !ok {
		if d, ok = s.last[k]; ok {
			s.made[k] = d
		}
	}
	return d, ok
}

// take returns the picture with key k for one of its outputs: kept from
// the last build, made by another output, or made now with build. uses
// counts the outputs of each picture; it is asked once a build.
func (s *shareSet) take(k [sha256.Size]byte, uses func() map[[sha256.Size]byte]int, build func() ([]byte, diag.List, error)) ([]byte, diag.List, error) {
	s.mu.Lock()
	if d, ok := s.getLocked(k); ok {
		s.mu.Unlock()
		return d, nil, nil
	}
	if s.uses == nil {
		s.uses = uses()
	}
	e := s.making[k]
	if e == nil {
		e = &shareEntry{done: make(chan struct{}), left: s.uses[k]}
		s.making[k] = e
		s.mu.Unlock()
		e.data, e.diags, e.err = build()
		s.mu.Lock()
		close(e.done)
		if s.keep && e.err == nil && len(e.diags) == 0 {
			s.made[k] = e.data // the next outputs find it there
			delete(s.making, k)
		}
	} else {
		s.mu.Unlock()
		<-e.done
		s.mu.Lock()
	}
	if e.left--; e.left <= 0 && s.making[k] == e {
		delete(s.making, k)
	}
	s.mu.Unlock()
	return e.data, e.diags, e.err
}

// shareFingerprint is what every page's preview depends on besides the
// settings and the theme: the bytes of share_image.
func (p *plan) shareFingerprint() string {
	if !p.cfg.Absolute() {
		return ""
	}
	k := p.pictureKey(p.sitePicture())
	return hex.EncodeToString(k[:])
}

// pictures are made pictures by the sum of what they are made from.
type pictures map[[sha256.Size]byte][]byte

// keepPictures returns the pictures of this build, made now or taken over
// from the last, for the next build of a Builder (the pictures of outputs
// that were not made again are in the last build's set).
func (p *plan) keepPictures() pictures {
	out := pictures{}
	for _, pr := range p.picturesOf() {
		k := p.pictureKey(pr.pic)
		if d, ok := p.shares.get(k); ok {
			out[k] = d
		}
	}
	return out
}
