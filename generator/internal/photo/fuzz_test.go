package photo

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"

	"krachtpunt/generator/internal/photo/phototest"
)

// FuzzProcess feeds Process any bytes as each format: it never panics, and
// what it publishes holds no metadata segment or chunk, whatever the input.
func FuzzProcess(f *testing.F) {
	f.Add(phototest.JPEG(phototest.Scene(16, 12), phototest.EXIF(6)), uint8(JPEG))
	f.Add(phototest.JPEG(phototest.Scene(20, 10), phototest.EXIF(1)), uint8(JPEG))
	f.Add(phototest.PNG(phototest.Scene(16, 12), phototest.EXIF(3)), uint8(PNG))
	f.Add(phototest.PNG(phototest.Scene(16, 12), nil), uint8(PNG))
	if w, err := os.ReadFile("testdata/blue-purple-pink.lossy.webp"); err == nil {
		f.Add(phototest.WebP(w, phototest.EXIF(1)), uint8(WebP))
		f.Add(phototest.WebP(w, phototest.EXIF(5)), uint8(WebP))
	}
	f.Fuzz(func(t *testing.T, data []byte, format uint8) {
		fm := Format(format%3 + 1)
		res, err := Process(data, fm)
		if err != nil {
			return
		}
		for _, v := range []*Version{&res.Main, res.Small} {
			if v == nil {
				continue
			}
			if v.Width <= 0 || v.Height <= 0 || max(v.Width, v.Height) > max(Large, 0) && res.Scaled {
				t.Fatalf("size %dx%d", v.Width, v.Height)
			}
			checkNoMetadata(t, v)
		}
	})
}

// checkNoMetadata walks the published file and fails on any segment or
// chunk that may carry metadata.
func checkNoMetadata(t *testing.T, v *Version) {
	t.Helper()
	d := v.Data
	switch v.Format {
	case JPEG:
		src, err := readJPEG(d)
		if err != nil {
			t.Fatalf("the published JPEG cannot be walked: %v", err)
		}
		if src.exif != nil || !bytes.Equal(src.stripped, d) {
			t.Fatal("the published JPEG holds segments a second pass removes")
		}
	case PNG:
		for i := len(pngSig); i+8 <= len(d); {
			n := int(binary.BigEndian.Uint32(d[i:]))
			typ := string(d[i+4 : i+8])
			if !(typ[0] >= 'A' && typ[0] <= 'Z') && !pngKeep[typ] {
				t.Fatalf("the published PNG has a %s chunk", typ)
			}
			i += 12 + n
		}
	case WebP:
		for i := 12; i+8 <= len(d); {
			typ := string(d[i : i+4])
			n := int(binary.LittleEndian.Uint32(d[i+4:]))
			if !webpKeep[typ] {
				t.Fatalf("the published WebP has a %q chunk", typ)
			}
			i += 8 + n + n%2
		}
	}
}
