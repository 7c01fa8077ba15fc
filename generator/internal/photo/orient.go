package photo

import (
	"bytes"
	"encoding/binary"
	"image"
)

// orient is an EXIF orientation: how the stored pixels are turned to be
// seen the right way up. 1 is as stored; 2-8 mirror and turn.
type orient int

// orientation reads the orientation from an EXIF block (a TIFF structure,
// with or without the "Exif\0\0" header of a JPEG's APP1 segment); 1 when
// there is none or it cannot be read.
//
// It reads only the first directory, where the orientation lives, and
// allocates nothing. A general EXIF reader decodes every directory and
// makes room for each tag's values by the count the file claims: a photo
// of 3 KB whose counts overflow made one allocate 12 GB.
func orientation(block []byte) orient {
	b := bytes.TrimPrefix(block, []byte("Exif\x00\x00"))
	if len(b) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(b[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return 1
	}
	at := uint64(order.Uint32(b[4:8]))
	if at+2 > uint64(len(b)) {
		return 1
	}
	n := uint64(order.Uint16(b[at:]))
	entries := b[at+2:]
	if n*12 > uint64(len(entries)) {
		n = uint64(len(entries)) / 12 // a cut-off directory: read what is there
	}
	for i := range n {
		e := entries[i*12 : i*12+12]
		if order.Uint16(e[0:2]) != 0x0112 {
			continue
		}
		if order.Uint32(e[4:8]) < 1 {
			return 1
		}
		var v uint32
		switch order.Uint16(e[2:4]) { // the value is inline: one of them fits in 4 bytes
		case 1: // BYTE
			v = uint32(e[8])
		case 3: // SHORT, as the standard says
			v = uint32(order.Uint16(e[8:10]))
		case 4: // LONG
			v = order.Uint32(e[8:12])
		default:
			return 1
		}
		if v < 1 || v > 8 {
			return 1
		}
		return orient(v)
	}
	return 1
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
