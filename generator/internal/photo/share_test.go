package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"krachtpunt/generator/internal/photo/phototest"
)

// checkShare checks what every preview picture must be: a JPEG of
// ShareWidth by ShareHeight, at most ShareMax bytes, without metadata.
func checkShare(t *testing.T, name string, v *Version) image.Image {
	t.Helper()
	if v.Format != JPEG || v.Width != ShareWidth || v.Height != ShareHeight {
		t.Errorf("%s: %v %dx%d, want a JPEG of %dx%d", name, v.Format.Ext(), v.Width, v.Height, ShareWidth, ShareHeight)
	}
	if len(v.Data) > ShareMax {
		t.Errorf("%s: %d bytes, want at most %d", name, len(v.Data), ShareMax)
	}
	checkClean(t, name, v.Data)
	checkNoMetadata(t, v)
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(v.Data))
	if err != nil {
		t.Fatalf("%s: not a JPEG: %v", name, err)
	}
	if cfg.Width != ShareWidth || cfg.Height != ShareHeight {
		t.Errorf("%s: the JPEG is %dx%d", name, cfg.Width, cfg.Height)
	}
	return decodeAny(t, v.Data)
}

// TestShareTurnsAndKeepsTheMiddle turns photos stored in each of the 8
// EXIF orientations the right way up, and keeps the quarters where they are.
func TestShareTurnsAndKeepsTheMiddle(t *testing.T) {
	seen := phototest.Scene(600, 400)
	want := phototest.Quarters(seen)
	for o := 1; o <= 8; o++ {
		stored := phototest.Stored(seen, o)
		for _, f := range []Format{JPEG, PNG} {
			in := phototest.JPEG(stored, phototest.EXIF(o))
			if f == PNG {
				in = phototest.PNG(stored, phototest.EXIF(o))
			}
			v, err := Share(in, f)
			if err != nil {
				t.Fatalf("orientation %d, %v: %v", o, f.Ext(), err)
			}
			got := phototest.Quarters(checkShare(t, f.Ext(), v))
			for i := range got {
				if !phototest.Near(got[i], want[i]) {
					t.Errorf("orientation %d, %v: quarter %d is %v, want %v", o, f.Ext(), i, got[i], want[i])
				}
			}
		}
	}
}

// bands returns a w by h picture in three bands of red, green and blue:
// across when across, else from top to bottom.
func bands(w, h int, across bool) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i := y * 3 / h
			if across {
				i = x * 3 / w
			}
			m.SetRGBA(x, y, [3]color.RGBA{phototest.TopLeft, phototest.TopRight, phototest.BottomLeft}[i])
		}
	}
	return m
}

// TestShareCoversFromTheMiddle crops a tall and a wide photo to the middle
// band, and fills the picture: no bars at the edges.
func TestShareCoversFromTheMiddle(t *testing.T) {
	for _, c := range []struct {
		name   string
		w, h   int
		across bool
	}{
		{"tall", 300, 1800, false}, // 300x157 in the middle third
		{"wide", 6000, 500, true},  // 952x500 in the middle third
		{"small", 30, 90, false},   // made larger
	} {
		v, err := Share(phototest.PNG(bands(c.w, c.h, c.across), nil), PNG)
		if err != nil {
			t.Fatal(err)
		}
		m := checkShare(t, c.name, v)
		for _, p := range []image.Point{{2, 2}, {ShareWidth - 3, 2}, {ShareWidth / 2, ShareHeight / 2}, {2, ShareHeight - 3}, {ShareWidth - 3, ShareHeight - 3}} {
			r, g, b, _ := m.At(p.X, p.Y).RGBA()
			got := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}
			if !phototest.Near(got, phototest.TopRight) {
				t.Errorf("%s: pixel %v is %v, want the green of the middle band", c.name, p, got)
			}
		}
	}
}

func TestShareTransparentOnWhite(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 400, 210))
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil { // all transparent
		t.Fatal(err)
	}
	v, err := Share(buf.Bytes(), PNG)
	if err != nil {
		t.Fatal(err)
	}
	r, g, b, _ := checkShare(t, "transparent", v).At(600, 300).RGBA()
	if r>>8 < 250 || g>>8 < 250 || b>>8 < 250 {
		t.Errorf("a transparent photo gives %d,%d,%d, want white", r>>8, g>>8, b>>8)
	}
}

// TestShareWithinLimit: grain that compresses badly is still published
// within ShareMax, at a lower quality; a plain photo keeps Quality.
func TestShareWithinLimit(t *testing.T) {
	for _, c := range []struct {
		name string
		m    *image.RGBA
	}{{"texture", phototest.Texture(2400, 1260)}, {"noise", phototest.Noise(1200, 630)}} {
		v, err := Share(phototest.JPEG(c.m, nil), JPEG)
		if err != nil {
			t.Fatal(err)
		}
		checkShare(t, c.name, v)
		t.Logf("%s: %d KB", c.name, len(v.Data)>>10)
	}
	plain := ShareJPEG(phototest.Scene(ShareWidth, ShareHeight), nil)
	var first bytes.Buffer
	if err := jpeg.Encode(&first, phototest.Scene(ShareWidth, ShareHeight), &jpeg.Options{Quality: Quality}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, first.Bytes()) {
		t.Error("a light picture was not written at the first quality")
	}
}

func TestShareKeepsProfileAndIsDeterministic(t *testing.T) {
	in := phototest.JPEG(phototest.Scene(1600, 1000), phototest.EXIF(6))
	a, err := Share(in, JPEG)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Share(in, JPEG)
	if !bytes.Equal(a.Data, b.Data) {
		t.Error("two runs give different bytes")
	}
	if !bytes.Contains(a.Data, []byte("test-profile-P3")) {
		t.Error("the RGB colour profile was dropped")
	}
}

func TestShareDamaged(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("not a photo"), phototest.JPEG(phototest.Scene(40, 30), nil)[:200]} {
		if _, err := Share(in, JPEG); err == nil {
			t.Errorf("Share(%d bytes of a broken file) gave no error", len(in))
		}
	}
}

// FuzzShare feeds Share any bytes as each format: it never panics, and
// what it returns is always a preview picture.
func FuzzShare(f *testing.F) {
	f.Add(phototest.JPEG(phototest.Scene(16, 12), phototest.EXIF(6)), uint8(JPEG))
	f.Add(phototest.JPEG(phototest.Scene(1, 400), phototest.EXIF(1)), uint8(JPEG))
	f.Add(phototest.PNG(phototest.Scene(400, 1), phototest.EXIF(8)), uint8(PNG))
	f.Fuzz(func(t *testing.T, data []byte, format uint8) {
		v, err := Share(data, Format(format%3+1))
		if err != nil {
			return
		}
		checkShare(t, "fuzzed", v)
	})
}

// BenchmarkShare makes the preview picture of a photo as a camera writes it
// (4032 by 3024, stored turned), of a photo as the site publishes it (at
// most Large pixels), and of a small one that is made larger.
func BenchmarkShare(b *testing.B) {
	for _, c := range []struct {
		name string
		w, h int
		o    int
	}{{"camera-4032x3024", 4032, 3024, 6}, {"published-1600x1200", 1600, 1200, 1}, {"small-640x480", 640, 480, 1}} {
		in := phototest.JPEG(phototest.Stored(phototest.Texture(c.w, c.h), c.o), phototest.EXIF(c.o))
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Share(in, JPEG); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestShareJPEGTakesTheBestQualityThatFits: of the qualities ShareJPEG
// tries, it keeps the highest whose file is within ShareMax, for pictures
// that fit at the first quality, a little lower and far lower.
func TestShareJPEGTakesTheBestQualityThatFits(t *testing.T) {
	for _, c := range []struct {
		name string
		m    image.Image
	}{
		{"plain", phototest.Scene(ShareWidth, ShareHeight)},
		{"texture", resize(phototest.Texture(2400, 1260), ShareWidth, ShareHeight)},
		{"fine texture", phototest.Texture(ShareWidth, ShareHeight)},
		{"soft noise", soft(phototest.Noise(ShareWidth, ShareHeight), 3)},
		{"less soft noise", soft(phototest.Noise(ShareWidth, ShareHeight), 2)},
		{"half noise", resize(phototest.Noise(ShareWidth/2, ShareHeight), ShareWidth, ShareHeight)},
		{"noise", phototest.Noise(ShareWidth, ShareHeight)},
	} {
		got := ShareJPEG(c.m, nil)
		want := -1
		var sizes []int
		for i, q := range shareQualities {
			var buf bytes.Buffer
			if err := jpeg.Encode(&buf, c.m, &jpeg.Options{Quality: q}); err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, buf.Len())
			if want < 0 && (buf.Len() <= ShareMax || i == len(shareQualities)-1) {
				want = i
				if !bytes.Equal(got, buf.Bytes()) {
					t.Errorf("%s: not the file at quality %d, the highest that fits (sizes %v)", c.name, q, sizes)
				}
			}
		}
		t.Logf("%s: quality %d, %d KB", c.name, shareQualities[want], len(got)>>10)
	}
}

// soft returns m with its colours drawn k times closer to grey.
func soft(m *image.RGBA, k int) *image.RGBA {
	for i := range m.Pix {
		if i%4 != 3 {
			m.Pix[i] = uint8(128 + (int(m.Pix[i])-128)/k)
		}
	}
	return m
}
