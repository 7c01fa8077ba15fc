package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
)

// The picture a link preview shows (WhatsApp, Signal, Facebook, Mastodon):
// ShareWidth by ShareHeight pixels, the size these apps ask for (1.91:1),
// and at most ShareMax bytes, below the limit WhatsApp still shows as a
// large card.
const (
	ShareWidth  = 1200
	ShareHeight = 630
	ShareMax    = 300 << 10
)

// shareQualities are the JPEG qualities ShareJPEG tries, best first.
var shareQualities = []int{Quality, 75, 68, 60, 52, 44, 36, 28, 20, 12, 5}

// Share returns the photo data, in format f, as a link preview shows it: a
// JPEG of ShareWidth by ShareHeight pixels (the middle of the photo, the
// right way up, scaled to cover the whole picture; a transparent part
// becomes white), without metadata, keeping an RGB colour profile, of at
// most ShareMax bytes.
func Share(data []byte, f Format) (out *Version, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	src, err := readSource(data, f)
	if err != nil {
		return nil, err
	}
	o := orientation(src.exif)
	// A crop in the middle of the picture as seen is a crop in the middle
	// of the stored pixels, with width and height swapped when the
	// orientation turns the photo a quarter: crop and scale what is
	// stored, then turn the small result.
	tw, th := ShareWidth, ShareHeight
	if o.swaps() {
		tw, th = th, tw
	}
	// Decoding and scaling take from the budget that processing photos
	// shares: a 12-megapixel photo needs about 70 MB for its picture.
	taken := decoding.take(sharePixels(src.width, src.high, tw, th))
	defer decoding.give(taken)
	m, err := decodeImage(data, f)
	if err != nil {
		return nil, err
	}
	scaled := resize(coverCrop(m, tw, th), tw, th)
	seen := onWhite(o.apply(scaled))
	return &Version{Format: JPEG, Width: ShareWidth, Height: ShareHeight, Data: ShareJPEG(seen, rgbProfile(src.profile))}, nil
}

// sharePixels is about what making the share picture of a photo of sw by
// sh pixels costs, in pixels of 4 bytes: the decoded photo, the halved
// copies resize makes, and the Catmull-Rom scaler's buffer, 32 bytes for
// every pixel of the picture's width times the scaled photo's height.
func sharePixels(sw, sh, w, h int) int64 {
	cw, ch := coverSize(sw, sh, w, h)
	n := int64(sw) * int64(sh)
	for cw >= 2*w && ch >= 2*h {
		cw, ch = cw/2, ch/2
		n += int64(cw) * int64(ch)
	}
	return n + 8*int64(w)*int64(ch) + int64(w)*int64(h)
}

// coverSize returns the size of the largest part of a picture of cw by ch
// pixels that has the proportions of w by h.
func coverSize(cw, ch, w, h int) (int, int) {
	// Compare cw/ch with w/h without rounding.
	if cw*h > ch*w {
		return max(1, (ch*w+h/2)/h), ch
	}
	return cw, max(1, (cw*h+w/2)/w)
}

// coverCrop returns the largest part of m in its middle that has the
// proportions of w by h.
func coverCrop(m image.Image, w, h int) image.Image {
	b := m.Bounds()
	cw, ch := coverSize(b.Dx(), b.Dy(), w, h)
	x0 := b.Min.X + (b.Dx()-cw)/2
	y0 := b.Min.Y + (b.Dy()-ch)/2
	r := image.Rect(x0, y0, x0+cw, y0+ch)
	if sub, ok := m.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return sub.SubImage(r)
	}
	dst := image.NewRGBA(image.Rect(0, 0, cw, ch))
	draw.Draw(dst, dst.Bounds(), m, r.Min, draw.Src)
	return dst
}

// onWhite returns m with its transparent parts laid on white: JPEG has no
// transparency, and a preview shows the photo on a light card.
func onWhite(m *image.RGBA) *image.RGBA {
	if m.Opaque() {
		return m
	}
	dst := image.NewRGBA(m.Bounds())
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(dst, dst.Bounds(), m, m.Bounds().Min, draw.Over)
	return dst
}

// ShareJPEG encodes m as a JPEG of at most ShareMax bytes: at Quality, or
// else at the highest of the lower qualities at which it fits. The colour
// profile goes with it when given; nothing else but the pixels is written.
// Only a picture of pure noise can be heavier than ShareMax at the lowest
// quality; it is returned at that quality.
func ShareJPEG(m image.Image, profile []byte) []byte {
	var buf bytes.Buffer
	encodeAt := func(i int) []byte {
		buf.Reset()
		if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: shareQualities[i]}); err != nil {
			panic(err) // writing to memory does not fail
		}
		return withJPEGProfile(bytes.Clone(buf.Bytes()), profile)
	}
	// Most photos fit at the first quality, most others at the next. Else
	// the weight falls as the quality does: take ever larger steps down
	// until one fits, then halve the qualities between the highest known
	// not to fit (bad) and the lowest known to fit (fits).
	out := encodeAt(0)
	if len(out) <= ShareMax {
		return out
	}
	last := len(shareQualities) - 1
	bad, fits := 0, -1
	for i, step := 1, 1; fits < 0; i, step = min(last, i+step), 2*step {
		if out = encodeAt(i); len(out) <= ShareMax {
			fits = i
		} else if i == last {
			return out
		} else {
			bad = i
		}
	}
	for fits-bad > 1 {
		mid := (bad + fits) / 2
		if d := encodeAt(mid); len(d) <= ShareMax {
			fits, out = mid, d
		} else {
			bad = mid
		}
	}
	return out
}
