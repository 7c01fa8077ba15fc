package qr_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"krachtpunt/generator/internal/qr"
	"krachtpunt/generator/internal/qr/qrtest"
)

func TestSVGDecodesToText(t *testing.T) {
	zbar := qrtest.Zbarimg(t)
	texts := []string{
		"https://www.buurthuisdevlinder.example/activiteiten/koffieochtend/",
		"https://example.org/agenda/",
		"http://localhost:1313/activities/repair-cafe/poster/",
		"https://wijkcentrum.example/linde/activiteiten/" + strings.Repeat("lange-naam-", 12) + "/",
	}
	r := rand.New(rand.NewPCG(1, 2))
	const chars = "abcdefghijklmnopqrstuvwxyz0123456789-_/.~"
	for range 20 {
		b := []byte("https://")
		for range 5 + r.IntN(150) {
			b = append(b, chars[r.IntN(len(chars))])
		}
		texts = append(texts, string(b))
	}
	for _, text := range texts {
		c, err := qr.Encode(text)
		if err != nil {
			t.Fatal(err)
		}
		svg := c.SVG("qr", "QR: "+text)
		if got := qrtest.Decode(t, zbar, qrtest.Rasterize(t, svg, 4)); got != text {
			t.Errorf("decoded %q, want %q", got, text)
		}
	}
}

func TestSVG(t *testing.T) {
	c, err := qr.Encode("https://example.org/agenda/")
	if err != nil {
		t.Fatal(err)
	}
	if c.Size < 21 || (c.Size-17)%4 != 0 {
		t.Fatalf("size %d is no QR version", c.Size)
	}
	svg := c.SVG("qr-1", `QR-code naar "https://example.org/agenda/" & meer`)
	n := c.Size + 2*qr.Quiet
	for _, want := range []string{
		fmt.Sprintf(`viewBox="0 0 %d %d"`, n, n),
		`role="img" aria-labelledby="qr-1"`,
		`<title id="qr-1">QR-code naar &#34;https://example.org/agenda/&#34; &amp; meer</title>`,
		`shape-rendering="crispEdges"`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("no %s in %.300s", want, svg)
		}
	}
	if got := strings.Count(svg, "<path"); got != 1 {
		t.Errorf("%d paths, want 1", got)
	}
	// The three finder patterns: a dark 7x7 ring in three corners.
	for _, at := range [][2]int{{0, 0}, {c.Size - 7, 0}, {0, c.Size - 7}} {
		for i := range 7 {
			for _, xy := range [][2]int{{i, 0}, {i, 6}, {0, i}, {6, i}} {
				if !c.Dark(at[0]+xy[0], at[1]+xy[1]) {
					t.Fatalf("finder at %v not dark at %v", at, xy)
				}
			}
		}
	}
	if c.Dark(-1, 0) || c.Dark(0, c.Size) {
		t.Error("the quiet zone is dark")
	}
}

// TestPathDrawsTheModules reads the path back, run by run, into a grid:
// it has exactly the dark modules of the code.
func TestPathDrawsTheModules(t *testing.T) {
	for _, text := range []string{"https://example.org/agenda/", "https://wijkcentrum.example/linde/activiteiten/" + strings.Repeat("x", 90) + "/"} {
		c, err := qr.Encode(text)
		if err != nil {
			t.Fatal(err)
		}
		n := c.Size + 2*qr.Quiet
		drawn := make([]bool, n*n)
		path := c.Path()
		x, y := 0, 0
		for path != "" {
			var op byte
			var a, b, run int
			k, err := fmt.Sscanf(path, "%c%d %d", &op, &a, &b)
			if err != nil || k != 3 {
				t.Fatalf("cannot read %.40q: %v", path, err)
			}
			switch op {
			case 'M':
				x, y = a, b
				path = path[strings.Index(path, ".5")+2:]
			case 'm':
				x += a
				path = path[strings.Index(path, " 0")+2:]
			default:
				t.Fatalf("unknown command %q in %.40q", op, path)
			}
			if _, err := fmt.Sscanf(path, "h%d", &run); err != nil {
				t.Fatalf("no run after the move in %.40q", path)
			}
			path = strings.TrimLeft(path[1:], "0123456789")
			for range run {
				drawn[y*n+x] = true
				x++
			}
		}
		for y := range n {
			for x := range n {
				if got, want := drawn[y*n+x], c.Dark(x-qr.Quiet, y-qr.Quiet); got != want {
					t.Fatalf("%s: module %d,%d drawn %v, want %v", text, x, y, got, want)
				}
			}
		}
	}
}

func TestEncodeIsDeterministic(t *testing.T) {
	a, _ := qr.Encode("https://example.org/activiteiten/koffie/")
	b, _ := qr.Encode("https://example.org/activiteiten/koffie/")
	if a.SVG("q", "t") != b.SVG("q", "t") {
		t.Error("two codes of one text differ")
	}
}

func BenchmarkSVG(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := qr.Encode("https://www.buurthuisdevlinder.example/activiteiten/koffieochtend/")
		if err != nil {
			b.Fatal(err)
		}
		_ = c.SVG("qr", "QR")
	}
}

func BenchmarkSVGOnly(b *testing.B) {
	c, err := qr.Encode("https://www.buurthuisdevlinder.example/activiteiten/koffieochtend/")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = c.SVG("qr", "QR")
	}
}
