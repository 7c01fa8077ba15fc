package photo

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/rwcarlsen/goexif/exif"
	"golang.org/x/image/webp"

	"krachtpunt/generator/internal/photo/phototest"
)

// leaks lists the metadata a published photo must not hold.
var leaks = []string{"Exif\x00\x00", "II*\x00", phototest.Serial, phototest.Make, phototest.XMP,
	"http://ns.adobe.com/xap", phototest.Comment, phototest.IPTC, "Photoshop 3.0", phototest.Trailer,
	"tEXt", "zTXt", "iTXt", "tIME", "eXIf", "XMP "}

func checkClean(t *testing.T, name string, data []byte) {
	t.Helper()
	for _, l := range leaks {
		if bytes.Contains(data, []byte(l)) {
			t.Errorf("%s: the published photo still holds %q", name, l)
		}
	}
	if x, err := exif.Decode(bytes.NewReader(data)); err == nil {
		if _, _, err := x.LatLong(); err == nil {
			t.Errorf("%s: an EXIF reader still finds a GPS position", name)
		}
	}
}

func decodeAny(t *testing.T, data []byte) image.Image {
	t.Helper()
	m, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the published photo cannot be decoded: %v", err)
	}
	return m
}

// The test's EXIF block must be one a real reader takes for what it says,
// or the tests below could pass on a block nobody reads.
func TestTestEXIFIsReadable(t *testing.T) {
	x, err := exif.Decode(bytes.NewReader(append([]byte("Exif\x00\x00"), phototest.EXIF(6)...)))
	if err != nil {
		t.Fatal(err)
	}
	lat, lon, err := x.LatLong()
	if err != nil || lat < 52 || lat > 52.2 || lon < 5.1 || lon > 5.2 {
		t.Errorf("GPS = %v, %v (%v), want about %v, %v", lat, lon, err, phototest.Latitude, phototest.Longitude)
	}
	if got := orientation(append([]byte("Exif\x00\x00"), phototest.EXIF(6)...)); got != 6 {
		t.Errorf("orientation %d, want 6", got)
	}
	// goexif knows the EXIF IFD but not the EXIF 2.3 serial number tag.
	if _, err := x.Get(exif.ExifIFDPointer); err != nil || !strings.Contains(string(x.Raw), phototest.Serial) {
		t.Errorf("no EXIF IFD with the serial number (%v)", err)
	}
	data := phototest.JPEG(phototest.Scene(40, 30), phototest.EXIF(1))
	if x, err := exif.Decode(bytes.NewReader(data)); err != nil {
		t.Errorf("the EXIF of the test JPEG cannot be read: %v", err)
	} else if _, _, err := x.LatLong(); err != nil {
		t.Errorf("the test JPEG has no GPS position: %v", err)
	}
}

func TestJPEGMetadataRemovedLosslessly(t *testing.T) {
	in := phototest.JPEG(phototest.Scene(300, 200), phototest.EXIF(1))
	res, err := Process(in, JPEG)
	if err != nil {
		t.Fatal(err)
	}
	checkClean(t, "main", res.Main.Data)
	if res.Main.Width != 300 || res.Main.Height != 200 || res.Scaled || res.Small != nil {
		t.Errorf("got %dx%d scaled=%v small=%v, want 300x200 as it was", res.Main.Width, res.Main.Height, res.Scaled, res.Small != nil)
	}
	// The compressed data is kept: the pixels are exactly those of the original.
	want, _ := jpeg.Decode(bytes.NewReader(in))
	got := decodeAny(t, res.Main.Data)
	if !bytes.Equal(want.(*image.YCbCr).Y, got.(*image.YCbCr).Y) || !bytes.Equal(want.(*image.YCbCr).Cb, got.(*image.YCbCr).Cb) {
		t.Error("the pixels changed; only the metadata should go")
	}
	if !bytes.Contains(res.Main.Data, []byte("ICC_PROFILE\x00")) || !bytes.Contains(res.Main.Data, []byte("test-profile-P3")) {
		t.Error("the colour profile was dropped")
	}
	if !bytes.HasSuffix(res.Main.Data, []byte{0xFF, 0xD9}) {
		t.Error("the published JPEG does not end with its end-of-image marker")
	}
}

// TestOrientation turns photos stored in each of the 8 EXIF orientations
// the right way up.
func TestOrientation(t *testing.T) {
	seen := phototest.Scene(60, 40)
	want := phototest.Quarters(seen)
	for o := 1; o <= 8; o++ {
		stored := phototest.Stored(seen, o)
		for _, f := range []Format{JPEG, PNG} {
			var in []byte
			if f == JPEG {
				in = phototest.JPEG(stored, phototest.EXIF(o))
			} else {
				in = phototest.PNG(stored, phototest.EXIF(o))
			}
			res, err := Process(in, f)
			if err != nil {
				t.Fatalf("orientation %d, %v: %v", o, f.Ext(), err)
			}
			checkClean(t, f.Ext(), res.Main.Data)
			m := decodeAny(t, res.Main.Data)
			if b := m.Bounds(); b.Dx() != 60 || b.Dy() != 40 || res.Main.Width != 60 || res.Main.Height != 40 {
				t.Errorf("orientation %d, %v: %dx%d (says %dx%d), want 60x40", o, f.Ext(), b.Dx(), b.Dy(), res.Main.Width, res.Main.Height)
				continue
			}
			got := phototest.Quarters(m)
			for i := range got {
				if !phototest.Near(got[i], want[i]) {
					t.Errorf("orientation %d, %v: quarter %d is %v, want %v", o, f.Ext(), i, got[i], want[i])
				}
			}
		}
	}
}

func TestLargePhotoScaled(t *testing.T) {
	seen := phototest.Scene(4000, 3000)
	for _, tc := range []struct {
		o          int
		w, h       int
		smallW, sH int
	}{
		{1, 1600, 1200, 800, 600},
		{6, 1600, 1200, 800, 600}, // stored 3000x4000, a quarter turn left
	} {
		in := phototest.JPEG(phototest.Stored(seen, tc.o), phototest.EXIF(tc.o))
		res, err := Process(in, JPEG)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Scaled || res.Main.Width != tc.w || res.Main.Height != tc.h {
			t.Errorf("orientation %d: main %dx%d scaled=%v, want %dx%d", tc.o, res.Main.Width, res.Main.Height, res.Scaled, tc.w, tc.h)
		}
		if res.Small == nil || res.Small.Width != tc.smallW || res.Small.Height != tc.sH || res.Small.Format != JPEG {
			t.Fatalf("orientation %d: small version %+v, want %dx%d JPEG", tc.o, res.Small, tc.smallW, tc.sH)
		}
		for name, v := range map[string]Version{"main": res.Main, "small": *res.Small} {
			checkClean(t, name, v.Data)
			m := decodeAny(t, v.Data)
			if m.Bounds().Dx() != v.Width || m.Bounds().Dy() != v.Height {
				t.Errorf("%s: the file is %v, the result says %dx%d", name, m.Bounds(), v.Width, v.Height)
			}
			got := phototest.Quarters(m)
			for i, w := range phototest.Quarters(seen) {
				if !phototest.Near(got[i], w) {
					t.Errorf("orientation %d, %s: quarter %d is %v, want %v", tc.o, name, i, got[i], w)
				}
			}
		}
	}
}

func TestSmallVersionOnlyAboveSmallFrom(t *testing.T) {
	for _, tc := range []struct {
		w, h  int
		small bool
	}{{1000, 700, false}, {1001, 700, true}, {700, 1200, true}, {1600, 1600, true}} {
		res, err := Process(phototest.JPEG(phototest.Scene(tc.w, tc.h), nil), JPEG)
		if err != nil {
			t.Fatal(err)
		}
		if (res.Small != nil) != tc.small {
			t.Errorf("%dx%d: small version %v, want %v", tc.w, tc.h, res.Small != nil, tc.small)
		}
		if res.Small != nil && max(res.Small.Width, res.Small.Height) != Small {
			t.Errorf("%dx%d: small version %dx%d", tc.w, tc.h, res.Small.Width, res.Small.Height)
		}
	}
}

func TestPNGChunksRemoved(t *testing.T) {
	seen := phototest.Scene(120, 80)
	res, err := Process(phototest.PNG(seen, phototest.EXIF(1)), PNG)
	if err != nil {
		t.Fatal(err)
	}
	checkClean(t, "png", res.Main.Data)
	m, err := png.Decode(bytes.NewReader(res.Main.Data))
	if err != nil {
		t.Fatal(err)
	}
	for y := range 80 {
		for x := range 120 {
			r1, g1, b1, _ := m.At(x, y).RGBA()
			r2, g2, b2, _ := seen.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				t.Fatalf("pixel %d,%d changed", x, y)
			}
		}
	}
}

func webpWith(t *testing.T, file string, exifBlock []byte) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return phototest.WebP(data, exifBlock)
}

func TestWebP(t *testing.T) {
	t.Run("kept as WebP without metadata", func(t *testing.T) {
		in := webpWith(t, "testdata/blue-purple-pink.lossy.webp", phototest.EXIF(1))
		res, err := Process(in, WebP)
		if err != nil {
			t.Fatal(err)
		}
		checkClean(t, "webp", res.Main.Data)
		if res.Main.Format != WebP || res.Main.Width != 150 || res.Main.Height != 100 {
			t.Errorf("got %v %dx%d, want WebP 150x100", res.Main.Format.Ext(), res.Main.Width, res.Main.Height)
		}
		if _, err := webp.Decode(bytes.NewReader(res.Main.Data)); err != nil {
			t.Errorf("the published WebP cannot be decoded: %v", err)
		}
		if flags := res.Main.Data[20]; flags&(vp8xEXIF|vp8xXMP) != 0 {
			t.Errorf("VP8X still announces metadata: flags %#x", flags)
		}
	})
	t.Run("turned, published as JPEG", func(t *testing.T) {
		res, err := Process(webpWith(t, "testdata/blue-purple-pink.lossy.webp", phototest.EXIF(6)), WebP)
		if err != nil {
			t.Fatal(err)
		}
		checkClean(t, "jpeg", res.Main.Data)
		if res.Main.Format != JPEG || res.Main.Width != 100 || res.Main.Height != 150 {
			t.Errorf("got %v %dx%d, want JPEG 100x150", res.Main.Format.Ext(), res.Main.Width, res.Main.Height)
		}
		if _, err := jpeg.Decode(bytes.NewReader(res.Main.Data)); err != nil {
			t.Error(err)
		}
	})
	t.Run("transparent, published as PNG", func(t *testing.T) {
		res, err := Process(webpWith(t, "testdata/yellow_rose.lossy-with-alpha.webp", phototest.EXIF(3)), WebP)
		if err != nil {
			t.Fatal(err)
		}
		checkClean(t, "png", res.Main.Data)
		if res.Main.Format != PNG || res.Main.Width != 400 || res.Main.Height != 301 {
			t.Errorf("got %v %dx%d, want PNG 400x301", res.Main.Format.Ext(), res.Main.Width, res.Main.Height)
		}
		m, err := png.Decode(bytes.NewReader(res.Main.Data))
		if err != nil {
			t.Fatal(err)
		}
		if o, ok := m.(interface{ Opaque() bool }); !ok || o.Opaque() {
			t.Error("the transparency was lost")
		}
	})
}

func TestDeterministic(t *testing.T) {
	in := phototest.JPEG(phototest.Stored(phototest.Scene(2400, 1800), 8), phototest.EXIF(8))
	a, err1 := Process(in, JPEG)
	b, err2 := Process(in, JPEG)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Main.Data, b.Main.Data) || !bytes.Equal(a.Small.Data, b.Small.Data) {
		t.Error("two runs gave different bytes")
	}
}

func TestDamaged(t *testing.T) {
	good := phototest.JPEG(phototest.Scene(50, 50), phototest.EXIF(1))
	for name, data := range map[string][]byte{
		"text":      []byte("jpeg"),
		"empty":     nil,
		"truncated": good[:len(good)/2],
	} {
		if _, err := Process(data, JPEG); !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: error %v, want ErrDamaged", name, err)
		}
	}
	if _, err := Process([]byte("\x89PNG\r\n\x1a\nxx"), PNG); !errors.Is(err, ErrDamaged) {
		t.Errorf("png: %v", err)
	}
}

func TestHeavyJPEGEncodedAgain(t *testing.T) {
	// Noise at the highest quality: far heavier than needed.
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, phototest.Noise(1200, 900), &jpeg.Options{Quality: 100})
	if buf.Len() <= Heavy {
		t.Fatalf("the test photo is only %d bytes", buf.Len())
	}
	res, err := Process(buf.Bytes(), JPEG)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Main.Data) >= buf.Len() {
		t.Errorf("published %d bytes, the original has %d", len(res.Main.Data), buf.Len())
	}
}

func BenchmarkProcessLarge(b *testing.B) {
	in := phototest.JPEG(phototest.Stored(phototest.Texture(4032, 3024), 6), phototest.EXIF(6))
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Process(in, JPEG); err != nil {
			b.Fatal(err)
		}
	}
}
