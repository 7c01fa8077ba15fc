package photo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"path"
	"strings"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// Format is the encoding of a photo.
type Format int

// The formats a photo may have.
const (
	JPEG Format = iota + 1
	PNG
	WebP
)

// Ext returns the usual file extension of f, with its dot.
func (f Format) Ext() string {
	switch f {
	case JPEG:
		return ".jpg"
	case PNG:
		return ".png"
	case WebP:
		return ".webp"
	}
	return ""
}

// FormatOf returns the format of a file by its name (any case), and
// whether it is a photo this package prepares.
func FormatOf(name string) (Format, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".jpe":
		return JPEG, true
	case ".png":
		return PNG, true
	case ".webp":
		return WebP, true
	}
	return 0, false
}

// Unreadable reports whether name is a photo in a format this package
// cannot read (HEIC, AVIF, TIFF, camera raw): it cannot remove its
// metadata, so it must not be published.
func Unreadable(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".heic", ".heif", ".avif", ".tif", ".tiff", ".dng", ".cr2", ".nef", ".arw":
		return true
	}
	return false
}

// Sizes of the published versions, and the weight above which a photo is
// heavy.
const (
	// Large is the longest side, in pixels, of the main version: sharp on a
	// large screen, and on the 46rem column of the theme at twice its density.
	Large = 1600
	// Small is the longest side of the version for phones.
	Small = 800
	// SmallFrom is the longest side above which a photo gets a small
	// version; below it, the saving does not pay for another file.
	SmallFrom = 1000
	// Heavy is the size in bytes above which a published photo is heavy:
	// on a slow mobile connection (1.6 Mbit/s) it takes 2.5 seconds, and a
	// page with a few of them uses a noticeable part of a small data bundle.
	// A 1600-pixel photo of an ordinary scene is 200-400 KB as JPEG.
	Heavy = 500 << 10
	// Quality is the JPEG quality of the versions this package encodes.
	Quality = 82
	// MaxPixels is the largest photo this package reads (100 megapixels);
	// a larger one would need more memory than a volunteer's laptop has.
	MaxPixels = 100_000_000
)

// Version is one published file of a photo.
type Version struct {
	Format        Format
	Width, Height int // in pixels, the right way up
	Data          []byte
}

// Result is a photo ready to publish.
type Result struct {
	Main   Version
	Small  *Version // the version for phones; nil when the photo is small
	Scaled bool     // the main version is smaller than the original
}

// Errors Process returns for photos it cannot publish.
var (
	ErrDamaged  = errors.New("the file is not a readable photo")
	ErrTooLarge = errors.New("the photo has too many pixels")
)

// source is what the container of a photo says, besides the pixels.
type source struct {
	format      Format
	stripped    []byte // the photo without its metadata, compressed data unchanged
	exif        []byte // the EXIF block, for the orientation; nil when none
	profile     []byte // the ICC profile, uncompressed; nil when none
	animated    bool
	width, high int // as stored
}

// readSource reads the structure of data, a photo in format f, and refuses
// one without pixels or with too many.
func readSource(data []byte, f Format) (src *source, err error) {
	switch f {
	case JPEG:
		src, err = readJPEG(data)
	case PNG:
		src, err = readPNG(data)
	case WebP:
		src, err = readWebP(data)
	default:
		return nil, fmt.Errorf("photo: unknown format %d", f)
	}
	if err != nil {
		return nil, err
	}
	if src.width <= 0 || src.high <= 0 {
		return nil, fmt.Errorf("%w: it has no pixels", ErrDamaged)
	}
	if int64(src.width)*int64(src.high) > MaxPixels {
		return nil, ErrTooLarge
	}
	return src, nil
}

// Process prepares data, a photo in format f, for publishing.
func Process(data []byte, f Format) (res *Result, err error) {
	defer func() {
		// The decoders of the standard library and of x/image do not panic
		// on bad input, but a photo must never stop a build.
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	src, err := readSource(data, f)
	if err != nil {
		return nil, err
	}
	o := orientation(src.exif)
	w, h := src.width, src.high
	if o.swaps() {
		w, h = h, w
	}
	scale := max(w, h) > Large
	res = &Result{Scaled: scale}
	var img image.Image // the main version's pixels, the right way up; nil until needed
	var taken int64     // pixels of the decoding budget this photo holds
	defer func() {
		if taken > 0 {
			decoding.give(taken)
		}
	}()
	decode := func() (image.Image, error) {
		if taken == 0 {
			taken = decoding.take(int64(src.width) * int64(src.high))
		}
		m, err := decodeImage(data, f)
		if err != nil {
			return nil, err
		}
		if b := m.Bounds(); b.Dx() != src.width || b.Dy() != src.high {
			return nil, fmt.Errorf("%w: its size does not match its header", ErrDamaged)
		}
		return m, nil
	}
	if src.animated {
		// Scaling or turning would lose the animation: publish it as it
		// is, without its metadata.
		res = &Result{Main: Version{Format: f, Width: src.width, Height: src.high, Data: src.stripped}}
		return res, nil
	}
	switch {
	case !scale && o == 1:
		// Nothing to change in the pixels: keep the compressed data.
		res.Main = Version{Format: f, Width: w, Height: h, Data: src.stripped}
		if f == JPEG && len(src.stripped) > Heavy {
			m, err := decode()
			if err != nil {
				return nil, err
			}
			img = m
			again := encode(toRGBA(m), JPEG, src.profile)
			if len(again) < len(src.stripped) {
				res.Main.Data = again
			}
		}
	default:
		m, err := decode()
		if err != nil {
			return nil, err
		}
		tw, th := w, h
		if scale {
			tw, th = fit(w, h, Large)
		}
		// Scale first, then turn: turning the small image is cheaper.
		sw, sh := tw, th
		if o.swaps() {
			sw, sh = th, tw
		}
		scaled := resize(m, sw, sh)
		img = o.apply(scaled)
		out := outputFormat(f, img)
		res.Main = Version{Format: out, Width: tw, Height: th, Data: encode(img, out, src.profile)}
	}
	if max(res.Main.Width, res.Main.Height) > SmallFrom {
		if img == nil {
			m, err := decode()
			if err != nil {
				return nil, err
			}
			img = m
		}
		sw, sh := fit(res.Main.Width, res.Main.Height, Small)
		small := resize(img, sw, sh)
		out := outputFormat(f, small)
		res.Small = &Version{Format: out, Width: sw, Height: sh, Data: encode(small, out, src.profile)}
	}
	return res, nil
}

// fit returns w by h scaled so that the longest side is long.
func fit(w, h, long int) (int, int) {
	if w >= h {
		return long, max(1, (h*long+w/2)/w)
	}
	return max(1, (w*long+h/2)/h), long
}

func decodeImage(data []byte, f Format) (image.Image, error) {
	var m image.Image
	var err error
	switch f {
	case JPEG:
		m, err = jpeg.Decode(bytes.NewReader(data))
	case PNG:
		m, err = png.Decode(bytes.NewReader(data))
	case WebP:
		m, err = webp.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return m, nil
}

// resize scales m to w by h pixels with the Catmull-Rom kernel, which keeps
// photos sharp without the halos of sharper kernels. A photo more than
// twice as large is first halved, averaging each 2 by 2 pixels (bilinear
// sampling at exactly half the size does that): the same low-pass the
// kernel would give, at a fraction of its cost, as libvips does it.
func resize(m image.Image, w, h int) *image.RGBA {
	for m.Bounds().Dx() >= 2*w && m.Bounds().Dy() >= 2*h {
		half := image.NewRGBA(image.Rect(0, 0, m.Bounds().Dx()/2, m.Bounds().Dy()/2))
		xdraw.ApproxBiLinear.Scale(half, half.Bounds(), m, m.Bounds(), xdraw.Src, nil)
		m = half
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if m.Bounds().Dx() == w && m.Bounds().Dy() == h {
		draw.Draw(dst, dst.Bounds(), m, m.Bounds().Min, draw.Src)
		return dst
	}
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), m, m.Bounds(), xdraw.Src, nil)
	return dst
}

func toRGBA(m image.Image) *image.RGBA {
	if r, ok := m.(*image.RGBA); ok {
		return r
	}
	return resize(m, m.Bounds().Dx(), m.Bounds().Dy())
}

// outputFormat returns the format a version of a photo in format f is
// encoded in: the same, but a WebP becomes JPEG, or PNG when it has
// transparent parts.
func outputFormat(f Format, m image.Image) Format {
	if f != WebP {
		return f
	}
	if o, ok := m.(interface{ Opaque() bool }); ok && !o.Opaque() {
		return PNG
	}
	return JPEG
}

// encode writes m in format f with the colour profile when it fits: the
// encoders of the standard library write nothing but the pixels.
func encode(m image.Image, f Format, profile []byte) []byte {
	var buf bytes.Buffer
	switch f {
	case JPEG:
		if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: Quality}); err != nil {
			panic(err) // writing to memory does not fail
		}
		return withJPEGProfile(buf.Bytes(), rgbProfile(profile))
	case PNG:
		if err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, m); err != nil {
			panic(err)
		}
		return withPNGProfile(buf.Bytes(), rgbProfile(profile))
	}
	panic(fmt.Sprintf("photo: cannot encode format %d", f))
}

// rgbProfile returns profile when it describes RGB colours, else nil: the
// published versions are RGB.
func rgbProfile(profile []byte) []byte {
	if len(profile) >= 20 && string(profile[16:20]) == "RGB " {
		return profile
	}
	return nil
}
