package build

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"testing"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/render"
)

// recordingLinks resolves links against a set of files and records the
// images a text shows, as the build's links do.
type recordingLinks struct {
	files map[string]bool
	shown []string
}

func (l *recordingLinks) PageURL(rel string) (string, bool) { return "/" + rel, false }
func (l *recordingLinks) Withheld(string) (content.Withheld, bool) {
	return content.Withheld{}, false
}

func (l *recordingLinks) FileURL(rel string) (string, bool) {
	if l.files[rel] {
		l.shown = append(l.shown, rel)
	}
	return "/" + rel, l.files[rel]
}

func (l *recordingLinks) Image(rel string) (render.Image, bool) {
	if !l.files[rel] {
		return render.Image{}, false
	}
	l.shown = append(l.shown, rel)
	return render.Image{URL: "/" + rel, Width: 1, Height: 1}, true
}

// TestScanFindsEveryImageATextShows writes links and images to photos in
// every way Markdown allows (angle brackets, %XX, backslash escapes, HTML
// entities, references, folders, queries) and checks that the scan that
// keys use finds every image the Markdown renderer resolves: an image it
// missed would leave a page with the old size of a changed photo.
func TestScanFindsEveryImageATextShows(t *testing.T) {
	files := []string{"foto.jpg", "stories/tuin.png", "De Tuin (1).jpeg", "café_&_thee.webp", "a/b/klein.gif", "stories/x.jpg", "x.jpg", "doc.pdf"}
	exists := map[string]bool{}
	for _, f := range files {
		exists[f] = true
	}
	ix := newFileIndex(files)
	md := render.NewMarkdown()
	r := rand.New(rand.NewPCG(1, 2))
	encode := func(s string) string {
		var b strings.Builder
		for _, c := range s {
			switch n := r.IntN(6); {
			case n == 0 && c < 128:
				fmt.Fprintf(&b, "%%%02X", c)
			case n == 1 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~", c):
				b.WriteString(`\` + string(c))
			case n == 2:
				fmt.Fprintf(&b, "&#%d;", c)
			case n == 3 && c == '&':
				b.WriteString("&amp;")
			case c == ' ':
				b.WriteString("%20")
			default:
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	found := 0
	for i := range 3000 {
		target := files[r.IntN(len(files))]
		dir := []string{"", "stories", "a/b"}[r.IntN(3)]
		file := path.Join("content", dir, "tekst.md")
		rel := target
		if dir != "" {
			rel = strings.Repeat("../", strings.Count(dir, "/")+1) + target
		}
		if r.IntN(3) == 0 {
			rel = "./" + rel
		}
		dest := encode(rel)
		if r.IntN(4) == 0 {
			dest = "<" + strings.ReplaceAll(rel, ">", "%3E") + ">"
		}
		if r.IntN(5) == 0 {
			dest += "?v=" + fmt.Sprint(i)
		}
		var src string
		switch r.IntN(4) {
		case 0:
			src = fmt.Sprintf("Kijk: ![Een foto](%s) mooi.\n", dest)
		case 1:
			src = fmt.Sprintf("Zie [het bestand](%s \"titel\").\n", dest)
		case 2:
			src = fmt.Sprintf("![Foto][f]\n\n[f]: %s\n", dest)
		default:
			src = fmt.Sprintf("* Een lijst\n  ![Foto *nadruk*](%s)\n", dest)
		}
		l := &recordingLinks{files: exists}
		md.Convert(file, src, 1, l)
		scan := ix.shows(src)
		for _, f := range l.shown {
			found++
			if !slices.Contains(scan, f) {
				t.Fatalf("the text %q shows %s, but the scan found only %v", src, f, scan)
			}
		}
	}
	// Many forms lead nowhere (goldmark leaves "&#110;" as it is, and its
	// "#" then starts a fragment); enough must lead to a file.
	if found < 600 {
		t.Fatalf("only %d images were shown in 3000 texts: the test writes too few that resolve", found)
	}
}

// TestRouteKeyIsTheHashOfItsParts: a route's key, gathered and hashed at
// once, is the hash the hasher gives of the same parts, for any parts
// (empty ones and zero bytes included), and an input's error stops it.
func TestRouteKeyIsTheHashOfItsParts(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	text := func() string {
		b := make([]byte, rng.IntN(70))
		for i := range b {
			b[i] = "ab/.\x00é"[rng.IntN(7)]
		}
		return string(b)
	}
	for range 2000 {
		kind, path, global := text(), text(), text()
		inputs := make([]input, rng.IntN(6))
		sums := map[input]string{}
		for i := range inputs {
			inputs[i] = input(text())
			sums[inputs[i]] = text()
		}
		got, err := routeKey(kind, path, global, inputs, func(in input) (string, error) { return sums[in], nil })
		want := newHasher().add("route", kind, path, global)
		for _, in := range inputs {
			want.add(string(in), sums[in])
		}
		if err != nil || got != want.sum() {
			t.Fatalf("routeKey(%q, %q, %q, %q) = %q, %v; want %q", kind, path, global, inputs, got, err, want.sum())
		}
	}
	broken := errors.New("unreadable")
	if _, err := routeKey("k", "p", "g", []input{"a"}, func(input) (string, error) { return "", broken }); !errors.Is(err, broken) {
		t.Errorf("routeKey with an unreadable input: %v, want %v", err, broken)
	}
}
