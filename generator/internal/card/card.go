// Package card draws the picture a link preview shows of a page that has
// no photo of its own: the centre's name, and its tagline below it, in the
// theme's colours. It knows nothing of sites; the build gives it the words
// and the colours and encodes the picture (photo.ShareJPEG).
//
// The text is set in the Go fonts (golang.org/x/image/font/gofont), which
// are built into the program, with the rasterizer of x/image: the same
// words and colours give the same pixels on every machine. Words are
// wrapped to the width of the picture, and the type is made smaller until
// the name fits on at most three lines; a word too long for a line is
// broken, and text that still does not fit ends in "…". Characters the
// fonts do not have (emoji, scripts other than Latin, Greek and Cyrillic)
// are left out rather than drawn as boxes.
package card

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Options are what a card shows.
type Options struct {
	Width, Height int // in pixels
	Title         string
	Tagline       string // "" for none
	Background    color.RGBA
	Text          color.RGBA // made black or white when it is not readable on Background
}

// Sizes, in pixels, for a card of 1200 by 630; they scale with the width.
const (
	margin     = 88
	titleMax   = 112 // the largest type of the title
	titleMin   = 52
	titleLines = 3
	tagMax     = 44
	tagMin     = 30
	tagLines   = 2
	gap        = 28 // between the title and the tagline
)

// Draw returns the card o describes.
func Draw(o Options) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, o.Width, o.Height))
	draw.Draw(m, m.Bounds(), image.NewUniform(o.Background), image.Point{}, draw.Src)
	ink := readable(o.Text, o.Background)
	scale := float64(o.Width) / 1200
	px := func(v int) int { return max(1, int(float64(v)*scale+0.5)) }
	width := o.Width - 2*px(margin)
	room := o.Height - 2*px(margin)

	f := loadFonts()
	title := f.keep(f.bold, o.Title)
	tagline := f.keep(f.regular, o.Tagline)

	// The largest title that fits its lines, then the largest tagline
	// that fits under it.
	var tb, gb block
	below := 0 // the least room the tagline takes
	if tagline != "" {
		below = px(gap) + layout(f.face(f.regular, px(tagMin)), tagline, width, tagLines, true).height
	}
	for size := px(titleMax); ; size -= px(4) {
		size = max(size, px(titleMin))
		tb = layout(f.face(f.bold, size), title, width, titleLines, size == px(titleMin))
		if tb.fits && tb.height+below <= room || size == px(titleMin) {
			break
		}
	}
	if tagline != "" {
		for size := px(tagMax); ; size -= px(2) {
			size = max(size, px(tagMin))
			gb = layout(f.face(f.regular, size), tagline, width, tagLines, size == px(tagMin))
			if gb.fits && tb.height+px(gap)+gb.height <= room || size == px(tagMin) {
				break
			}
		}
	}
	total := tb.height
	if len(gb.lines) > 0 {
		total += px(gap) + gb.height
	}
	y := (o.Height - total) / 2
	y = tb.draw(m, ink, px(margin), y)
	if len(gb.lines) > 0 {
		gb.draw(m, ink, px(margin), y+px(gap))
	}
	return m
}

// block is text broken into lines in one face.
type block struct {
	face   font.Face
	lines  []string
	lineH  int // from one baseline to the next
	ascent int
	height int
	fits   bool // every word fitted without being broken or cut
}

// layout breaks text into at most n lines of at most width pixels. When
// last, a word too wide for a line is broken and text beyond n lines is
// cut with "…"; else such text does not fit, and a smaller face is tried.
func layout(face font.Face, text string, width, n int, last bool) block {
	m := face.Metrics()
	b := block{face: face, ascent: m.Ascent.Ceil(), lineH: (m.Height.Mul(fixed.I(115)) / 100).Ceil(), fits: true}
	w := func(s string) int { return font.MeasureString(face, s).Ceil() }
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if w(word) > width {
			b.fits = false
			if !last {
				return b
			}
		}
		for w(word) > width {
			// The longest start of the word that fits a line of its own.
			rs := []rune(word)
			k := len(rs) - 1
			for k > 1 && w(string(rs[:k])) > width {
				k--
			}
			if line != "" {
				lines, line = append(lines, line), ""
			}
			lines, word = append(lines, string(rs[:k])), string(rs[k:])
		}
		if line != "" && w(line+" "+word) > width {
			lines, line = append(lines, line), word
			continue
		}
		line += sep(line) + word
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > n {
		b.fits = false
		lines = lines[:n]
		if last {
			cut := lines[n-1]
			for cut != "" && w(cut+"…") > width {
				rs := []rune(cut)
				cut = strings.TrimRight(string(rs[:len(rs)-1]), " ")
			}
			lines[n-1] = cut + "…"
		}
	}
	b.lines = lines
	if len(lines) > 0 {
		b.height = b.ascent + (len(lines)-1)*b.lineH + m.Descent.Ceil()
	}
	return b
}

func sep(line string) string {
	if line == "" {
		return ""
	}
	return " "
}

// draw sets the lines with their top at y and returns the y below them.
func (b block) draw(m *image.RGBA, ink color.RGBA, x, y int) int {
	d := &font.Drawer{Dst: m, Src: image.NewUniform(ink), Face: b.face}
	for i, l := range b.lines {
		d.Dot = fixed.P(x, y+b.ascent+i*b.lineH)
		d.DrawString(l)
	}
	return y + b.height
}

// readable returns text when it has a contrast of at least 4.5 to 1 with
// bg (WCAG 2.2, 1.4.3), else black or white, whichever contrasts more.
func readable(text, bg color.RGBA) color.RGBA {
	if contrast(text, bg) >= 4.5 {
		return text
	}
	black, white := color.RGBA{0, 0, 0, 255}, color.RGBA{255, 255, 255, 255}
	if contrast(black, bg) > contrast(white, bg) {
		return black
	}
	return white
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// fonts are the two Go fonts, parsed once.
type fonts struct {
	bold, regular *sfnt.Font
}

var loadFonts = sync.OnceValue(func() *fonts {
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		panic(err) // the fonts are part of the program
	}
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		panic(err)
	}
	return &fonts{bold: bold, regular: regular}
})

// face returns f at size pixels. A face is not safe for concurrent use:
// each is made for one card.
func (fs *fonts) face(f *sfnt.Font, size int) font.Face {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err)
	}
	return face
}

// keep returns s without the characters f has no glyph for.
func (fs *fonts) keep(f *sfnt.Font, s string) string {
	var buf sfnt.Buffer // a Font may be used at once by calls with their own Buffer
	var b strings.Builder
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' {
			b.WriteRune(' ')
			continue
		}
		if i, err := f.GlyphIndex(&buf, r); err == nil && i != 0 {
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// CSSColour returns the value of the custom property name ("--accent") in
// css, the first time it is set to a colour written as #rgb or #rrggbb, as
// the default theme writes its colours in :root.
func CSSColour(css []byte, name string) (color.RGBA, bool) {
	// The style sheet is searched where it lies, not copied into a string:
	// a share picture's key asks for the colours of every page.
	s, key := css, []byte(name)
	for {
		i := bytes.Index(s, key)
		if i < 0 {
			return color.RGBA{}, false
		}
		s = s[i+len(key):]
		rest := bytes.TrimLeft(s, " \t")
		if !bytes.HasPrefix(rest, []byte(":")) {
			continue // a longer name, such as --accent-ink for --accent
		}
		v := bytes.TrimSpace(rest[1:])
		if end := bytes.IndexAny(v, ";}"); end >= 0 {
			v = bytes.TrimSpace(v[:end])
		}
		if len(v) <= len("#rrggbb") {
			if c, ok := hexColour(string(v)); ok {
				return c, true
			}
		}
	}
}

func hexColour(v string) (color.RGBA, bool) {
	h, ok := strings.CutPrefix(v, "#")
	if !ok || (len(h) != 3 && len(h) != 6) {
		return color.RGBA{}, false
	}
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	var rgb [3]uint8
	for i := range 3 {
		for _, c := range h[2*i : 2*i+2] {
			var d byte
			switch {
			case c >= '0' && c <= '9':
				d = byte(c - '0')
			case c >= 'a' && c <= 'f':
				d = byte(c-'a') + 10
			case c >= 'A' && c <= 'F':
				d = byte(c-'A') + 10
			default:
				return color.RGBA{}, false
			}
			rgb[i] = rgb[i]<<4 | d
		}
	}
	return color.RGBA{rgb[0], rgb[1], rgb[2], 255}, true
}
