// Package phototest makes photos for tests: JPEG and PNG files as a phone
// writes them, with an EXIF block holding a GPS position, the camera's make
// and serial number and an orientation, and with XMP, IPTC, comments, text
// chunks and trailing data. The EXIF block is written out byte by byte
// after the TIFF 6.0 and EXIF 2.3 specifications.
package phototest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strconv"
	"strings"

	"golang.org/x/image/webp"
)

// Strings the metadata holds; none of them may be in a published photo.
const (
	Serial  = "SN-4711-SECRET"         // BodySerialNumber in the EXIF block
	Make    = "PhoneCam"               // Make in the EXIF block
	XMP     = "exif:GPSLatitude"       // in the XMP packet
	Comment = "Lindelaan 12, 2e etage" // in a JPEG comment and a PNG text chunk
	IPTC    = "Byline Fatima"          // in the IPTC block (APP13)
	Trailer = "MotionPhoto_Data"       // after the end of the JPEG, as phones put a video there
)

// Latitude and Longitude are the GPS position in the EXIF block.
const Latitude, Longitude = 52.09, 5.12

// EXIF returns an EXIF block as it follows "Exif\0\0" in a JPEG APP1
// segment, with the orientation o (1-8), the camera's make, its serial
// number (in the EXIF IFD) and a GPS position (in the GPS IFD). Little
// endian, as phones write it.
func EXIF(o int) []byte {
	le := binary.LittleEndian
	b := []byte("II*\x00\x08\x00\x00\x00")
	type entry struct {
		tag, typ uint16
		count    uint32
		value    uint32 // inline value or offset
	}
	ifd := func(es []entry) {
		b = le.AppendUint16(b, uint16(len(es)))
		for _, e := range es {
			b = le.AppendUint16(b, e.tag)
			b = le.AppendUint16(b, e.typ)
			b = le.AppendUint32(b, e.count)
			b = le.AppendUint32(b, e.value)
		}
		b = le.AppendUint32(b, 0)
	}
	const (
		ascii    = 2
		short    = 3
		long     = 4
		rational = 5
	)
	// Layout: header 8 | IFD0 (4 entries) 8-62 | EXIF IFD (1) 62-80 |
	// GPS IFD (4) 80-134 | data from 134.
	const exifIFD, gpsIFD, data = 62, 80, 134
	makeAt, serialAt := data, data+10
	latAt, lonAt := data+26, data+50
	ifd([]entry{
		{0x010F, ascii, uint32(len(Make) + 1), uint32(makeAt)},
		{0x0112, short, 1, uint32(o)},
		{0x8769, long, 1, exifIFD},
		{0x8825, long, 1, gpsIFD},
	})
	ifd([]entry{{0xA431, ascii, uint32(len(Serial) + 1), uint32(serialAt)}})
	ifd([]entry{
		{0x0001, ascii, 2, uint32('N')},
		{0x0002, rational, 3, uint32(latAt)},
		{0x0003, ascii, 2, uint32('E')},
		{0x0004, rational, 3, uint32(lonAt)},
	})
	if len(b) != data {
		panic("phototest: EXIF layout is off")
	}
	b = append(b, Make+"\x00\x00"...)   // 10 bytes
	b = append(b, Serial+"\x00\x00"...) // 16 bytes
	dms := func(v float64) {
		deg := int(v)
		min := (v - float64(deg)) * 60
		for _, r := range [][2]uint32{{uint32(deg), 1}, {uint32(min * 100), 100}, {0, 1}} {
			b = le.AppendUint32(b, r[0])
			b = le.AppendUint32(b, r[1])
		}
	}
	dms(Latitude)
	dms(Longitude)
	return b
}

// Colours of the four quarters of a Scene.
var (
	TopLeft     = color.RGBA{220, 30, 30, 255}  // red
	TopRight    = color.RGBA{30, 180, 40, 255}  // green
	BottomLeft  = color.RGBA{30, 60, 220, 255}  // blue
	BottomRight = color.RGBA{240, 220, 40, 255} // yellow
)

// Scene returns a w by h picture, as the eye sees it, of four coloured
// quarters.
func Scene(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := TopLeft
			switch {
			case x >= w/2 && y < h/2:
				c = TopRight
			case x < w/2 && y >= h/2:
				c = BottomLeft
			case x >= w/2 && y >= h/2:
				c = BottomRight
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// Stored returns the pixels a camera stores for the picture seen when it
// writes orientation o, after the table of the EXIF specification (tag
// 0x0112): which side of the picture the first stored row and the first
// stored column show.
func Stored(seen *image.RGBA, o int) *image.RGBA {
	const top, bottom, left, right = 0, 1, 2, 3
	table := [9][2]int{1: {top, left}, 2: {top, right}, 3: {bottom, right}, 4: {bottom, left},
		5: {left, top}, 6: {right, top}, 7: {right, bottom}, 8: {left, bottom}}
	row0, col0 := table[o][0], table[o][1]
	W, H := seen.Bounds().Dx(), seen.Bounds().Dy()
	w, h := W, H
	if row0 == left || row0 == right {
		w, h = H, W
	}
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for sy := range h {
		for sx := range w {
			var x, y int
			if row0 == top || row0 == bottom {
				y = sy
				if row0 == bottom {
					y = H - 1 - sy
				}
				x = sx
				if col0 == right {
					x = W - 1 - sx
				}
			} else {
				x = sy
				if row0 == right {
					x = W - 1 - sy
				}
				y = sx
				if col0 == bottom {
					y = H - 1 - sx
				}
			}
			m.SetRGBA(sx, sy, seen.RGBAAt(x, y))
		}
	}
	return m
}

// Quarters returns the colours at the middle of the four quarters of m:
// top left, top right, bottom left, bottom right.
func Quarters(m image.Image) [4]color.RGBA {
	b := m.Bounds()
	at := func(fx, fy int) color.RGBA {
		r, g, bl, a := m.At(b.Min.X+b.Dx()*fx/4, b.Min.Y+b.Dy()*fy/4).RGBA()
		return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}
	}
	return [4]color.RGBA{at(1, 1), at(3, 1), at(1, 3), at(3, 3)}
}

// Near reports whether two colours differ by at most 40 in every channel,
// as JPEG compression lets them.
func Near(a, b color.RGBA) bool {
	d := func(x, y uint8) bool { return max(x, y)-min(x, y) <= 40 }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}

// ICC is a colour profile header for RGB; tests check that it is kept.
func ICC() []byte {
	p := make([]byte, 160)
	binary.BigEndian.PutUint32(p, uint32(len(p)))
	copy(p[12:], "mntr")
	copy(p[16:], "RGB ")
	copy(p[20:], "XYZ ")
	copy(p[36:], "acsp")
	copy(p[128:], "test-profile-P3")
	return p
}

// JPEG encodes m as a phone would write it: with the EXIF block exif (none
// when nil), an XMP packet, an ICC profile, an IPTC block and a comment,
// and data after the end of the image.
func JPEG(m image.Image, exif []byte) []byte { return jpegAt(m, exif, 92) }

func jpegAt(m image.Image, exif []byte, quality int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: quality}); err != nil {
		panic(err)
	}
	enc := buf.Bytes()
	seg := func(marker byte, body []byte) []byte {
		n := len(body) + 2
		return append([]byte{0xFF, marker, byte(n >> 8), byte(n)}, body...)
	}
	out := append([]byte(nil), enc[:2]...)
	if exif != nil {
		out = append(out, seg(0xE1, append([]byte("Exif\x00\x00"), exif...))...)
	}
	out = append(out, seg(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><"+XMP+">52,5.4N</"+XMP+"></x:xmpmeta>"))...)
	out = append(out, seg(0xE2, append([]byte("ICC_PROFILE\x00\x01\x01"), ICC()...))...)
	out = append(out, seg(0xED, []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x10"+IPTC))...)
	out = append(out, seg(0xFE, []byte(Comment))...)
	out = append(out, enc[2:]...)
	return append(out, Trailer...)
}

// PNG encodes m with the EXIF block exif in an eXIf chunk (none when nil)
// and tEXt, zTXt, iTXt and tIME chunks.
func PNG(m image.Image, exif []byte) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		panic(err)
	}
	enc := buf.Bytes()
	chunk := func(typ string, body []byte) []byte {
		c := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
		c = append(c, typ...)
		c = append(c, body...)
		return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write([]byte(Serial))
	_ = zw.Close()
	const ihdrEnd = 8 + 8 + 13 + 4
	out := append([]byte(nil), enc[:ihdrEnd]...)
	out = append(out, chunk("tEXt", []byte("Comment\x00"+Comment))...)
	out = append(out, chunk("zTXt", append([]byte("Serial\x00\x00"), z.Bytes()...))...)
	out = append(out, chunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00<"+XMP+">52</"+XMP+">"))...)
	out = append(out, chunk("tIME", []byte{0x07, 0xEA, 11, 30, 12, 0, 0})...)
	if exif != nil {
		out = append(out, chunk("eXIf", exif)...)
	}
	return append(out, enc[ihdrEnd:]...)
}

// Expand makes the photo a test archive describes in one line of text, so
// archives stay text: a file whose name ends in .jpg, .jpeg or .png and
// whose text is
//
//	photo 4000x3000
//	photo 3000x4000 orientation 6
//	photo 1200x900 noise
//
// becomes a photo of that many stored pixels, with the EXIF block of EXIF
// (orientation 1 unless given) and the other metadata of JPEG and PNG. A
// Scene is shown, or with "noise" pixels of pseudo-random colours, which
// compress badly. Any other file is returned as it is.
func Expand(name string, data []byte) []byte {
	text, ok := bytes.CutPrefix(bytes.TrimSpace(data), []byte("photo "))
	lower := strings.ToLower(name)
	isPNG := strings.HasSuffix(lower, ".png")
	if !ok || !(isPNG || strings.HasSuffix(lower, ".jpg") || strings.HasSuffix(lower, ".jpeg")) {
		return data
	}
	f := strings.Fields(string(text))
	var w, h int
	if len(f) == 0 {
		return data
	}
	if _, err := fmt.Sscanf(f[0], "%dx%d", &w, &h); err != nil || w <= 0 || h <= 0 {
		return data
	}
	o, noise := 1, false
	for i := 1; i < len(f); i++ {
		switch {
		case f[i] == "noise":
			noise = true
		case f[i] == "orientation" && i+1 < len(f):
			o, _ = strconv.Atoi(f[i+1])
			i++
		}
	}
	var m *image.RGBA
	if noise {
		m = Noise(w, h)
	} else {
		m = Scene(w, h)
	}
	if isPNG {
		return PNG(m, EXIF(o))
	}
	if noise {
		return jpegAt(m, EXIF(o), 100)
	}
	return JPEG(m, EXIF(o))
}

// Noise returns w by h pixels of pseudo-random colours, the same on every
// call.
func Noise(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for i := range m.Pix {
		seed = seed*1664525 + 1013904223
		m.Pix[i] = byte(seed >> 24)
		if i%4 == 3 {
			m.Pix[i] = 255
		}
	}
	return m
}

// WebP adds an EXIF chunk with the block exif and an XMP chunk to a WebP
// file, as cameras and editors write them. Go has no WebP encoder, so the
// tests start from a file that x/image ships (see photo/testdata).
func WebP(data, exif []byte) []byte {
	le := binary.LittleEndian
	chunk := func(id string, body []byte) []byte {
		b := append([]byte(id), le.AppendUint32(nil, uint32(len(body)))...)
		b = append(b, body...)
		if len(body)%2 == 1 {
			b = append(b, 0)
		}
		return b
	}
	const exifFlag, xmpFlag = 0x08, 0x04
	inner := data[12:] // the chunks of the file
	body := []byte("WEBP")
	if bytes.HasPrefix(inner, []byte("VP8X")) {
		// Already extended (for its transparency): announce the metadata too.
		inner = bytes.Clone(inner)
		inner[8] |= exifFlag | xmpFlag
	} else {
		cfg, err := webp.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			panic(err)
		}
		vp8x := []byte{exifFlag | xmpFlag, 0, 0, 0}
		for _, v := range []int{cfg.Width - 1, cfg.Height - 1} {
			vp8x = append(vp8x, byte(v), byte(v>>8), byte(v>>16))
		}
		body = append(body, chunk("VP8X", vp8x)...)
	}
	body = append(body, inner...)
	body = append(body, chunk("EXIF", exif)...)
	body = append(body, chunk("XMP ", []byte("<"+XMP+">52</"+XMP+">"))...)
	return append(append([]byte("RIFF"), le.AppendUint32(nil, uint32(len(body)))...), body...)
}

// Texture returns w by h pixels that compress like a phone photo: smooth
// light over the picture, and fine grain as sensors give it.
func Texture(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := uint32(7)
	for y := range h {
		for x := range w {
			i := m.PixOffset(x, y)
			base := [3]int{60 + 140*x/w, 90 + 100*y/h, 160 - 100*(x+y)/(w+h)}
			for c := range 3 {
				seed = seed*1664525 + 1013904223
				v := base[c] + int(seed>>27) - 16
				m.Pix[i+c] = uint8(min(255, max(0, v)))
			}
			m.Pix[i+3] = 255
		}
	}
	return m
}
