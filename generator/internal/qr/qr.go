package qr

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	goqr "github.com/piglig/go-qr"
)

// Quiet is the width of the light border around a code, in modules.
const Quiet = 4

// Code is a QR code as a square grid of modules.
type Code struct {
	Size int      // modules on a side, without the quiet zone
	dark [][]bool // by row, then column
}

// Encode returns the QR code of text, in byte mode with error correction
// level Q (a quarter of the code may be lost) or H when the text fits in
// the same size at H: a poster on a door gets smudged, creased and torn at
// the corners.
func Encode(text string) (*Code, error) {
	q, err := goqr.EncodeBinary([]byte(text), goqr.Quartile)
	if err != nil {
		return nil, fmt.Errorf("making the QR code of %q: %w", text, err)
	}
	n := q.Size()
	dark := make([][]bool, n)
	cells := make([]bool, n*n)
	for y := range n {
		dark[y] = cells[y*n : (y+1)*n : (y+1)*n]
		for x := range n {
			dark[y][x] = q.Module(x, y)
		}
	}
	return &Code{Size: n, dark: dark}, nil
}

// Dark reports whether the module in column x, row y is dark; outside the
// code (in the quiet zone) every module is light.
func (c *Code) Dark(x, y int) bool {
	if x < 0 || y < 0 || x >= c.Size || y >= c.Size {
		return false
	}
	return c.dark[y][x]
}

// Path returns the SVG path data of the dark modules, to be drawn with a
// stroke one unit wide, in a coordinate system of one unit per module, the
// quiet zone included: each run of dark modules in a row is one line along
// the middle of the row, "M4 4.5h7" for the first of a row and "m2 0h1"
// (relative to where the last ended) for the next.
func (c *Code) Path() string {
	var b strings.Builder
	b.Grow(c.Size * c.Size / 2)
	for y := range c.Size {
		end := -1 // where the last run of this row ended
		for x := 0; x < c.Size; {
			if !c.dark[y][x] {
				x++
				continue
			}
			n := 1
			for x+n < c.Size && c.dark[y][x+n] {
				n++
			}
			if end < 0 {
				b.WriteString("M" + strconv.Itoa(x+Quiet) + " " + strconv.Itoa(y+Quiet) + ".5")
			} else {
				b.WriteString("m" + strconv.Itoa(x-end) + " 0")
			}
			b.WriteString("h" + strconv.Itoa(n))
			x += n
			end = x
		}
	}
	return b.String()
}

// SVG returns the code as an inline SVG element: an image whose title,
// read out by screen readers and shown on hovering, is title. id makes the
// title's id unique on the page. The SVG scales to the width its container
// gives it; crispEdges keeps the modules sharp.
func (c *Code) SVG(id, title string) string {
	n := strconv.Itoa(c.Size + 2*Quiet)
	id = html.EscapeString(id)
	return `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + n + ` ` + n + `" role="img" aria-labelledby="` + id +
		`" shape-rendering="crispEdges"><title id="` + id + `">` + html.EscapeString(title) + `</title>` +
		`<rect width="` + n + `" height="` + n + `" fill="#fff"/><path stroke="#000" d="` + c.Path() + `"/></svg>`
}
