// Package qrtest reads back the QR codes package qr draws: it draws the
// SVG from its text and decodes the picture with zbarimg (Debian's
// zbar-tools), an implementation of its own.
package qrtest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"krachtpunt/generator/internal/qr"
)

// Zbarimg returns the path of Debian's QR reader, skipping the test when
// it is missing, except in CI.
func Zbarimg(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("zbarimg")
	if err == nil {
		return p
	}
	msg := "zbarimg missing: install it (apt-get install zbar-tools) to decode the QR codes"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

var (
	viewBox = regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)
	pathD   = regexp.MustCompile(`<path fill="#000" d="([^"]*)"/>`)
	run     = regexp.MustCompile(`^M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
)

// Rasterize draws an SVG that qr.Code.SVG wrote, from its text alone, at scale
// pixels per module: the test reads back what a browser would draw.
func Rasterize(t testing.TB, svg string, scale int) *image.Gray {
	t.Helper()
	vb := viewBox.FindStringSubmatch(svg)
	d := pathD.FindStringSubmatch(svg)
	if vb == nil || d == nil || vb[1] != vb[2] {
		t.Fatalf("no square viewBox and one path in %.200s", svg)
	}
	n, _ := strconv.Atoi(vb[1])
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	rest := d[1]
	for rest != "" {
		m := run.FindStringSubmatch(rest)
		if m == nil {
			t.Fatalf("path data not understood at %.40q", rest)
		}
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		w, _ := strconv.Atoi(m[3])
		if m[4] != m[3] {
			t.Fatalf("run %q does not close", m[0])
		}
		if x < qr.Quiet || y < qr.Quiet || x+w > n-qr.Quiet || y+1 > n-qr.Quiet {
			t.Fatalf("run %q lies in the quiet zone of a %d-module square", m[0], n)
		}
		for py := y * scale; py < (y+1)*scale; py++ {
			for px := x * scale; px < (x+w)*scale; px++ {
				img.SetGray(px, py, color.Gray{})
			}
		}
		rest = rest[len(m[0]):]
	}
	return img
}

// Decode reads the QR codes in img with zbarimg and returns their text.
func Decode(t testing.TB, zbar string, img image.Image) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "qr.png")
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := Read(zbar, file)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// Read reads the QR codes in an image file with zbarimg and returns their
// text; an error when it finds none.
func Read(zbar, file string) (string, error) {
	out, err := exec.Command(zbar, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", file).Output()
	if err != nil {
		return "", fmt.Errorf("zbarimg found no QR code in %s: %w", filepath.Base(file), err)
	}
	return strings.TrimSuffix(string(out), "\n"), nil
}
