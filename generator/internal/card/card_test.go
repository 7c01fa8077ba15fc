package card

import (
	"bytes"
	"image"
	"image/color"
	"testing"
)

var (
	green = color.RGBA{0x0b, 0x5c, 0x4a, 255}
	white = color.RGBA{255, 255, 255, 255}
)

func card(title, tagline string) Options {
	return Options{Width: 1200, Height: 630, Title: title, Tagline: tagline, Background: green, Text: white}
}

// inked returns the smallest rectangle holding every pixel of m that is
// not bg, and how many there are.
func inked(m *image.RGBA, bg color.RGBA) (image.Rectangle, int) {
	var r image.Rectangle
	n := 0
	for y := range m.Bounds().Dy() {
		for x := range m.Bounds().Dx() {
			if m.RGBAAt(x, y) != bg {
				n++
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r, n
}

// rows returns the bands of rows that hold ink, top to bottom.
func rows(m *image.RGBA, bg color.RGBA) [][2]int {
	var out [][2]int
	in := false
	for y := range m.Bounds().Dy() {
		has := false
		for x := range m.Bounds().Dx() {
			if m.RGBAAt(x, y) != bg {
				has = true
				break
			}
		}
		switch {
		case has && !in:
			out = append(out, [2]int{y, y})
		case has:
			out[len(out)-1][1] = y
		}
		in = has
	}
	return out
}

// Every card keeps its text inside the margins, in the middle, whatever
// its length.
func TestTextStaysInside(t *testing.T) {
	inside := image.Rect(margin-4, margin-8, 1200-margin+1, 630-margin+8)
	for _, o := range []Options{
		card("De Linde", ""),
		card("Buurthuis De Vlinder", "Een huiskamer voor de wijk: gewoon binnenlopen"),
		card("Stichting Wijkcentrum Het Oude Raadhuis van Nieuwerkerk aan den IJssel-Zuid, afdeling Noord-Oost en omstreken", "Voor iedereen uit de buurt, jong en oud, met of zonder afspraak, elke dag van de week open, ook in de vakanties"),
		card("Krachtpuntbewonersvertegenwoordigingsorganisatiecommissievergaderruimtebeheer", "Bewonersondersteuningsvrijwilligerscoördinatiepunt"),
	} {
		m := Draw(o)
		r, n := inked(m, green)
		if n == 0 {
			t.Errorf("%q: nothing drawn", o.Title)
			continue
		}
		if !r.In(inside) {
			t.Errorf("%q: text at %v, outside %v", o.Title, r, inside)
		}
		if top, bottom := r.Min.Y, 630-r.Max.Y; top-bottom > 40 || bottom-top > 40 {
			t.Errorf("%q: %d pixels above the text and %d below, want it in the middle", o.Title, top, bottom)
		}
	}
}

// A short name is set large on one line; a long one smaller, on more lines.
func TestTypeFitsTheName(t *testing.T) {
	short := rows(Draw(card("De Linde", "")), green)
	if len(short) != 1 || short[0][1]-short[0][0] < 70 {
		t.Errorf("a short name gives the lines %v, want one line of large type", short)
	}
	long := rows(Draw(card("Stichting Wijkcentrum Het Oude Raadhuis van Nieuwerkerk aan den IJssel", "")), green)
	if len(long) < 2 || len(long) > titleLines {
		t.Errorf("a long name gives %d lines %v, want 2 or 3", len(long), long)
	}
	tag := rows(Draw(card("De Linde", "Een huiskamer voor de wijk")), green)
	if len(tag) != 2 || tag[1][1]-tag[1][0] >= short[0][1]-short[0][0] {
		t.Errorf("name and tagline give the lines %v, want two, the second smaller", tag)
	}
}

func TestUnreadableColourReplaced(t *testing.T) {
	o := card("De Linde", "")
	o.Background, o.Text = color.RGBA{250, 240, 200, 255}, color.RGBA{255, 255, 255, 255}
	m := Draw(o)
	r, _ := inked(m, o.Background)
	found := false
	for y := r.Min.Y; y < r.Max.Y && !found; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if m.RGBAAt(x, y) == (color.RGBA{0, 0, 0, 255}) {
				found = true
				break
			}
		}
	}
	if !found {
		t.Error("white text on a light background was not made black")
	}
	if got := readable(white, green); got != white {
		t.Errorf("white on the theme's green (contrast %.1f) was replaced by %v", contrast(white, green), got)
	}
}

// Characters the fonts lack are left out, not drawn as boxes.
func TestMissingGlyphsLeftOut(t *testing.T) {
	a := Draw(card("De Linde 🌻", ""))
	b := Draw(card("De Linde", ""))
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Error("an emoji changed the picture")
	}
	if got := loadFonts().keep(loadFonts().bold, "Café “De Één” – Ærø ş 🌻"); got != "Café “De Één” – Ærø ş" {
		t.Errorf("kept %q", got)
	}
}

func TestDeterministic(t *testing.T) {
	o := card("Buurthuis De Vlinder", "Een huiskamer voor de wijk")
	if !bytes.Equal(Draw(o).Pix, Draw(o).Pix) {
		t.Error("the same card drawn twice differs")
	}
}

func TestCSSColour(t *testing.T) {
	css := []byte(":root {\n  --ink: #1a1a1a;\n  --accent-ink: #FFF;\n  --accent : #0b5c4a;\n}\n.x { color: var(--accent); }")
	for _, c := range []struct {
		name string
		want color.RGBA
		ok   bool
	}{
		{"--accent", green, true},
		{"--accent-ink", white, true},
		{"--ink", color.RGBA{0x1a, 0x1a, 0x1a, 255}, true},
		{"--paper", color.RGBA{}, false},
	} {
		got, ok := CSSColour(css, c.name)
		if got != c.want || ok != c.ok {
			t.Errorf("%s = %v, %v; want %v, %v", c.name, got, ok, c.want, c.ok)
		}
	}
	if _, ok := CSSColour([]byte(":root { --accent: rgb(1 2 3); }"), "--accent"); ok {
		t.Error("a colour in rgb() was read as hex")
	}
}

// FuzzDraw: whatever the words, the card is drawn, its text inside the
// margins.
func FuzzDraw(f *testing.F) {
	f.Add("Buurthuis De Vlinder", "Een huiskamer voor de wijk: gewoon binnenlopen")
	f.Add("", "")
	f.Add("🌻🌻🌻", "\u200b\t\n")
	f.Add("W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W W", "")
	f.Add("Ш", "Ωμέγα – ﷽ عربى")
	f.Fuzz(func(t *testing.T, title, tagline string) {
		m := Draw(card(title, tagline))
		r, _ := inked(m, green)
		if !r.Empty() && !r.In(image.Rect(margin-4, margin-8, 1200-margin+1, 630-margin+8)) {
			t.Fatalf("%q, %q: text at %v, outside the margins", title, tagline, r)
		}
	})
}

// Reading a colour copies nothing of the style sheet: a share picture's
// key reads the colours for every page of the site.
func TestCSSColourAllocatesNothing(t *testing.T) {
	css := bytes.Repeat([]byte(".x { color: var(--accent); }\n"), 200)
	css = append(css, ":root { --accent: #0b5c4a; }"...)
	if n := testing.AllocsPerRun(100, func() {
		if c, ok := CSSColour(css, "--accent"); !ok || c != green {
			t.Fatalf("--accent = %v, %v", c, ok)
		}
	}); n != 0 {
		t.Errorf("reading a colour allocates %v times", n)
	}
}
