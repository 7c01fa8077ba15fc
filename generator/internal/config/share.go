package config

import (
	"io/fs"
	"path"
	"strings"

	"krachtpunt/generator/internal/decode"
	"krachtpunt/generator/internal/diag"
)

var (
	fShareImage    = decode.F("share_image", "")
	fShareImageAlt = decode.F("share_image_alt", "")
)

// loadShareImage reads share_image, the photo link previews show of pages
// without a photo of their own, and share_image_alt, what it shows. The
// photo is a file under content/, named by its path there.
func (c *Config) loadShareImage(fsys fs.FS, t *decode.Table) {
	img := strings.TrimSpace(t.String(fShareImage))
	alt := strings.TrimSpace(t.String(fShareImageAlt))
	if img == "" {
		return
	}
	c.ShareImagePos = t.Pos(fShareImage.Name)
	if strings.Contains(img, "://") || strings.HasPrefix(img, "//") {
		t.Errorf(fShareImage, "remote-image",
			diag.T("de afbeelding %q staat op een andere website", "the image %q is on another website", img),
			diag.T("Zet de foto in de map content/ en schrijf de naam, bijvoorbeeld share_image = \"deelfoto.jpg\".", "Put the photo in the content/ folder and write its name, for example share_image = \"share-photo.jpg\"."))
		return
	}
	rel := strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(img, `\`, "/")), "/")
	rel = strings.TrimPrefix(rel, "content/") // the folder written with it
	switch strings.ToLower(path.Ext(rel)) {
	case ".jpg", ".jpeg", ".jpe", ".png", ".webp":
	default:
		t.Errorf(fShareImage, "share-image-format",
			diag.T("%q is geen foto die een voorbeeld van een link kan tonen", "%q is not a photo a link preview can show", img),
			diag.T("Gebruik een foto in JPEG (.jpg), PNG (.png) of WebP (.webp).", "Use a photo in JPEG (.jpg), PNG (.png) or WebP (.webp)."))
		return
	}
	if st, err := fs.Stat(fsys, "content/"+rel); err != nil || !st.Mode().IsRegular() {
		hint := diag.T("Zet de foto in content/ en schrijf de naam zoals hij daar staat (hoofdletters tellen mee), of haal deze regel weg: dan tekent Krachtpunt een afbeelding met de naam van het buurthuis.", "Put the photo in content/ and write its name as it is there (capitals count), or remove this line: Krachtpunt then draws a picture with the centre's name.")
		if found := findByName(fsys, path.Base(rel)); found != "" {
			hint = diag.T(`Bedoel je share_image = "%s"? Schrijf de naam zoals hij onder content/ staat.`, `Did you mean share_image = "%s"? Write the name as it is under content/.`, found)
		}
		t.Errorf(fShareImage, "image-missing",
			diag.T("de afbeelding %q is niet gevonden in de map content/", "the image %q was not found in the content/ folder", img), hint)
		return
	}
	if alt == "" {
		t.Errorf(fShareImage, "image-alt",
			diag.T("bij de afbeelding hoort een beschrijving in %q", "the image needs a description in %q", fShareImageAlt.Name),
			diag.T(`Beschrijf in een korte zin wat er op de foto staat, voor wie hem niet kan zien: %s = "De voordeur van het buurthuis"`, `Describe in a short sentence what the photo shows, for people who cannot see it: %s = "The front door of the centre"`, fShareImageAlt.Name))
		return
	}
	c.ShareImage, c.ShareImageAlt = rel, alt
}

// findByName returns the one file under content/ named name (in any case),
// as a path under content/; "" when there is none or more than one.
func findByName(fsys fs.FS, name string) string {
	var found []string
	_ = fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(d.Name(), name) {
			found = append(found, strings.TrimPrefix(p, "content/"))
		}
		return nil
	})
	if len(found) != 1 {
		return ""
	}
	return found[0]
}
