package build

import (
	"bytes"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"maps"
	"os"
	"strings"
	"testing"

	"github.com/rwcarlsen/goexif/exif"

	"krachtpunt/generator/internal/photo/phototest"
)

// photoSite is a site with a phone photo in each place a page shows one.
func photoSite(t *testing.T) map[string][]byte {
	t.Helper()
	bpp, err := os.ReadFile("../photo/testdata/blue-purple-pink.lossy.webp")
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{
		"site.toml": []byte("title = \"De Linde\"\nlanguage = \"en\"\nbaseURL = \"https://delinde.example/\"\n"),
		// A phone photo held upright: stored 3000x4000 lying down, orientation 6.
		"content/activities/koffie.jpg": phototest.JPEG(phototest.Stored(phototest.Scene(4000, 3000), 6), phototest.EXIF(6)),
		"content/activities/koffie.md":  []byte("+++\ntitle = \"Koffie\"\nwhen = \"every tuesday 10:00-12:00\"\nimage = \"koffie.jpg\"\nimage_alt = \"Cups on a table\"\n+++\n"),
		"content/stories/tuin.md":       []byte("+++\ntitle = \"De tuin\"\ndate = 2026-10-12\nconsent = true\n+++\nOur garden:\n\n![Tomatoes in the sun](tuin.png)\n"),
		"content/stories/tuin.png":      phototest.PNG(phototest.Scene(1200, 900), phototest.EXIF(1)),
		"content/over-ons.md":           []byte("+++\ntitle = \"About us\"\n+++\n![The hall, seen from the door](zaal.webp)\n"),
		"content/zaal.webp":             phototest.WebP(bpp, phototest.EXIF(8)),
		"content/folder.pdf":            []byte("%PDF-1.4 folder"),
	}
}

func TestPhotosPublished(t *testing.T) {
	t.Parallel() // seconds to minutes of work: runs beside the other long checks
	out, res, err := buildFiles(t, photoSite(t), "2026-11-25")
	if err != nil {
		t.Fatalf("%v\n%s", err, res.Diags.Format("en"))
	}
	for _, tc := range []struct {
		path string
		w, h int
	}{
		{"activities/koffie.jpg", 1600, 1200},
		{"activities/koffie-800.jpg", 800, 600},
		{"stories/tuin.png", 1200, 900},
		{"stories/tuin-800.png", 800, 600},
		{"zaal.jpg", 100, 150}, // a turned WebP becomes a JPEG
	} {
		data, ok := out.Files[tc.path]
		if !ok {
			t.Errorf("%s is not published; published: %v", tc.path, out.Paths())
			continue
		}
		for _, leak := range []string{"Exif\x00\x00", phototest.Serial, phototest.Make, phototest.XMP, phototest.Comment, phototest.IPTC, phototest.Trailer, "tEXt", "eXIf"} {
			if bytes.Contains(data, []byte(leak)) {
				t.Errorf("%s holds %q", tc.path, leak)
			}
		}
		if x, err := exif.Decode(bytes.NewReader(data)); err == nil {
			if _, _, err := x.LatLong(); err == nil {
				t.Errorf("%s still has a GPS position", tc.path)
			}
		}
		m, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", tc.path, err)
			continue
		}
		if b := m.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
			t.Errorf("%s is %dx%d, want %dx%d", tc.path, b.Dx(), b.Dy(), tc.w, tc.h)
		}
		if strings.HasPrefix(tc.path, "activities/") {
			want := phototest.Quarters(phototest.Scene(4000, 3000))
			for i, c := range phototest.Quarters(m) {
				if !phototest.Near(c, want[i]) {
					t.Errorf("%s: quarter %d is %v, want %v: not turned the right way up", tc.path, i, c, want[i])
				}
			}
		}
	}
	for _, p := range []string{"zaal.webp", "zaal-800.jpg", "activities/koffie.md"} {
		if _, ok := out.Files[p]; ok {
			t.Errorf("%s is published", p)
		}
	}
	const sizes = `sizes="(min-width: 828px) 792px, calc(100vw - 36px)"`
	for page, img := range map[string]string{
		"activities/koffie/index.html": `<img src="/activities/koffie.jpg" alt="Cups on a table" width="1600" height="1200" srcset="/activities/koffie-800.jpg 800w, /activities/koffie.jpg 1600w" ` + sizes + `>`,
		"stories/tuin/index.html":      `<img src="/stories/tuin.png" alt="Tomatoes in the sun" width="1200" height="900" srcset="/stories/tuin-800.png 800w, /stories/tuin.png 1200w" ` + sizes + ` loading="lazy">`,
		"over-ons/index.html":          `<img src="/zaal.jpg" alt="The hall, seen from the door" width="100" height="150" loading="lazy">`,
	} {
		if html := string(out.Files[page]); !strings.Contains(html, img) {
			t.Errorf("%s lacks\n%s\nhas: %s", page, img, imgTags(html))
		}
	}
	if js := string(out.Files["activities/koffie/index.html"]); !strings.Contains(js, `"image":"https://delinde.example/activities/koffie.jpg"`) {
		t.Error("the structured data do not name the published photo")
	}
	if string(out.Files["folder.pdf"]) != "%PDF-1.4 folder" {
		t.Error("other files are not copied as they are")
	}
	if res.Files != len(out.Files) {
		t.Errorf("the build says %d files, wrote %d", res.Files, len(out.Files))
	}
	again, _, err := buildFiles(t, photoSite(t), "2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(out.Files, again.Files, bytes.Equal) {
		t.Error("two builds of the same site differ")
	}
}

func imgTags(html string) []string {
	var out []string
	for {
		i := strings.Index(html, "<img")
		if i < 0 {
			return out
		}
		j := strings.Index(html[i:], ">")
		out = append(out, html[i:i+j+1])
		html = html[i+j+1:]
	}
}
