package qr

import (
	"fmt"
	"html"
	"strconv"

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
func (c *Code) Path() string { return string(c.appendPath(nil)) }

// appendPath appends Path to b. A poster site makes thousands of codes,
// so the numbers are appended, not formatted into strings of their own.
func (c *Code) appendPath(b []byte) []byte {
	for y, row := range c.dark {
		end := -1 // where the last run of this row ended
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			n := 1
			for x+n < len(row) && row[x+n] {
				n++
			}
			if end < 0 {
				b = append(b, 'M')
				b = strconv.AppendInt(b, int64(x+Quiet), 10)
				b = append(b, ' ')
				b = strconv.AppendInt(b, int64(y+Quiet), 10)
				b = append(b, ".5"...)
			} else {
				b = append(b, 'm')
				b = strconv.AppendInt(b, int64(x-end), 10)
				b = append(b, " 0"...)
			}
			b = append(b, 'h')
			b = strconv.AppendInt(b, int64(n), 10)
			x += n
			end = x
		}
	}
	return b
}

// SVG returns the code as an inline SVG element: an image whose title,
// read out by screen readers and shown on hovering, is title. id makes the
// title's id unique on the page. The SVG scales to the width its container
// gives it; crispEdges keeps the modules sharp.
func (c *Code) SVG(id, title string) string {
	n := strconv.Itoa(c.Size + 2*Quiet)
	id = html.EscapeString(id)
	b := make([]byte, 0, 400+len(title)+c.Size*c.Size*3/2)
	b = append(b, `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `+n+` `+n+`" role="img" aria-labelledby="`+id+
		`" shape-rendering="crispEdges"><title id="`+id+`">`...)
	b = append(b, html.EscapeString(title)...)
	b = append(b, `</title><rect width="`+n+`" height="`+n+`" fill="#fff"/><path stroke="#000" d="`...)
	b = c.appendPath(b)
	b = append(b, `"/></svg>`...)
	return string(b)
}
