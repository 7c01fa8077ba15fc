package photo

import (
	"bytes"
	"image"

	"github.com/rwcarlsen/goexif/exif"
)

// orient is an EXIF orientation: how the stored pixels are turned to be
// seen the right way up. 1 is as stored; 2-8 mirror and turn.
type orient int

// orientation reads the orientation from an EXIF block; 1 when there is
// none or it cannot be read.
func orientation(block []byte) (o orient) {
	if len(block) == 0 {
		return 1
	}
	defer func() {
		if recover() != nil {
			o = 1
		}
	}()
	x, err := exif.Decode(bytes.NewReader(block))
	if x == nil || (err != nil && exif.IsCriticalError(err)) {
		return 1
	}
	tag, err := x.Get(exif.Orientation)
	if err != nil {
		return 1
	}
	v, err := tag.Int(0)
	if err != nil || v < 1 || v > 8 {
		return 1
	}
	return orient(v)
}

// swaps reports whether the orientation swaps width and height.
func (o orient) swaps() bool { return o >= 5 }

// apply returns m turned the right way up. Pixel (x, y) of the result is
// pixel from(x, y) of m, for a stored image of w by h pixels.
func (o orient) apply(m *image.RGBA) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	dw, dh := w, h
	if o.swaps() {
		dw, dh = h, w
	}
	var from func(x, y int) (int, int)
	switch o {
	case 2: // mirrored left to right
		from = func(x, y int) (int, int) { return w - 1 - x, y }
	case 3: // upside down
		from = func(x, y int) (int, int) { return w - 1 - x, h - 1 - y }
	case 4: // mirrored top to bottom
		from = func(x, y int) (int, int) { return x, h - 1 - y }
	case 5: // mirrored along the diagonal
		from = func(x, y int) (int, int) { return y, x }
	case 6: // stored a quarter turn to the left: turn right
		from = func(x, y int) (int, int) { return y, h - 1 - x }
	case 7: // mirrored along the other diagonal
		from = func(x, y int) (int, int) { return w - 1 - y, h - 1 - x }
	case 8: // stored a quarter turn to the right: turn left
		from = func(x, y int) (int, int) { return w - 1 - y, x }
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	b := m.Bounds()
	for y := range dh {
		row := dst.Pix[y*dst.Stride : y*dst.Stride+dw*4]
		for x := range dw {
			sx, sy := from(x, y)
			i := (sy+b.Min.Y-m.Rect.Min.Y)*m.Stride + (sx+b.Min.X-m.Rect.Min.X)*4
			copy(row[x*4:x*4+4], m.Pix[i:i+4])
		}
	}
	return dst
}
