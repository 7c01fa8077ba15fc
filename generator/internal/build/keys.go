package build

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"html"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/theme"
)

// Keys. Every output, and every piece of one that is kept between builds,
// is known by a key: the sha256 of what it was made from. A route's key
// sums its kind, its path, the global hash (site.toml, every file of the
// theme, the language, today and the shape of the site: its outputs,
// files, menu and withheld pages) and the hashes of the inputs it declares.
// The hash of a content file is the hash of its bytes; with "shows" it also
// holds the hashes of the static files it shows: the image it names and the
// photos its Markdown shows. Equal keys therefore mean equal bytes, and an
// incremental build equals a full one by construction.

// hasher sums a list of strings, each ended by a zero byte.
type hasher struct{ h hash.Hash }

func newHasher() hasher { return hasher{sha256.New()} }

func (h hasher) add(parts ...string) hasher {
	for _, s := range parts {
		// The bytes of s as they are: a hash only reads what it is given,
		// and io.WriteString would copy each string, as sha256 has no
		// WriteString of its own.
		h.h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
		h.h.Write(zero)
	}
	return h
}

var zero = []byte{0}

func (h hasher) sum() string { return hex.EncodeToString(h.h.Sum(nil)) }

func sumBytes(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// themeSum sums every file of the theme called name as the site sees it:
// each layer of each file, so a site's i18n file laid over the built-in
// one counts with both.
func themeSum(site fs.FS, name string) string {
	h := newHasher().add("theme", name)
	t, err := theme.Open(site, name)
	if err != nil {
		return h.add("missing").sum()
	}
	_ = fs.WalkDir(t, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			h.add("unreadable", p, err.Error())
			return nil
		}
		if d.IsDir() {
			return nil
		}
		layers, err := t.ReadLayers(p)
		if err != nil {
			h.add("unreadable", p)
			return nil
		}
		h.add(p)
		for _, l := range layers {
			h.add(sumBytes(l))
		}
		return nil
	})
	return h.sum()
}

// programSum names the program that makes the files: keys kept in an
// output folder from one version must not match those of another, which
// may write other bytes. It is the hash of the running executable, or else
// what the build recorded.
var programSum = sync.OnceValue(func() string {
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				return hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		return sumBytes([]byte(bi.String()))
	}
	return "unknown"
})

// fileIndex finds the static files of the site that a Markdown text may
// show or link to: a page shows the size of an image it shows.
type fileIndex struct {
	byBase  map[string][]string // lower-case base name -> paths under content/
	lengths map[string][]int    // extension -> lengths of the base names with it
}

func newFileIndex(files []string) *fileIndex {
	ix := &fileIndex{byBase: map[string][]string{}, lengths: map[string][]int{}}
	for _, f := range files {
		base := strings.ToLower(path.Base(f))
		ix.byBase[base] = append(ix.byBase[base], f)
		ext := path.Ext(base)
		if !slices.Contains(ix.lengths[ext], len(base)) {
			ix.lengths[ext] = append(ix.lengths[ext], len(base))
		}
	}
	return ix
}

// shows returns, sorted, every file whose base name appears in the
// Markdown text src, as written or with its escapes undone (backslashes,
// HTML entities, %XX). That is more than the text may show, never less:
// whatever a link or image destination resolves to has its base name, in
// one of those forms, in the text.
func (ix *fileIndex) shows(src string) []string {
	if len(ix.byBase) == 0 || src == "" {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, text := range textForms(src) {
		for ext, lengths := range ix.lengths {
			for i := 0; ; {
				if i > len(text) {
					break
				}
				j := strings.Index(text[i:], ext)
				if j < 0 {
					break
				}
				end := i + j + len(ext)
				for _, n := range lengths {
					if end-n < 0 {
						continue
					}
					for _, rel := range ix.byBase[text[end-n:end]] {
						if !seen[rel] {
							seen[rel] = true
							out = append(out, rel)
						}
					}
				}
				i = i + j + 1
			}
		}
	}
	slices.Sort(out)
	return out
}

// textForms returns src in lower case: as written, with HTML entities
// undone, with backslash escapes undone, and with both and %XX undone.
func textForms(src string) []string {
	lower := strings.ToLower(src)
	forms := []string{lower}
	if !strings.ContainsAny(src, `\&%`) {
		return forms // nothing escaped
	}
	add := func(s string) {
		if !slices.Contains(forms, s) {
			forms = append(forms, s)
		}
	}
	unslash := strings.ReplaceAll(lower, `\`, "")
	add(unslash)
	add(strings.ToLower(html.UnescapeString(src)))
	both := strings.ToLower(html.UnescapeString(strings.ReplaceAll(src, `\`, "")))
	add(both)
	add(strings.ToLower(unpercent(both)))
	add(strings.ToLower(unpercent(html.UnescapeString(src))))
	return forms
}

// unpercent undoes %XX escapes, leaving a % that starts no escape as it is.
func unpercent(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && unhex(s[i+1]) >= 0 && unhex(s[i+2]) >= 0 {
			b.WriteByte(byte(unhex(s[i+1])<<4 | unhex(s[i+2])))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// imageOf returns the image a content file names.
func imageOf(it *content.Item) string {
	switch {
	case it.Activity != nil:
		return it.Activity.Image
	case it.Story != nil:
		return it.Story.Image
	}
	return ""
}
