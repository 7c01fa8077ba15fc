package content

import (
	"path"
	"strings"

	"krachtpunt/generator/internal/decode"
	"krachtpunt/generator/internal/diag"
)

// imageFinder resolves an image name written in a file of dir (a slash path
// under content/) to the image's slash path under content/, or "".
type imageFinder func(dir, name string) string

func imageFields(t *decode.Table, find imageFinder) (img, alt string) {
	img = strings.TrimSpace(t.String(fImage))
	alt = strings.TrimSpace(t.String(fImageAlt))
	if img == "" {
		return "", alt
	}
	if strings.Contains(img, "://") || strings.HasPrefix(img, "//") {
		t.Errorf(fImage, "remote-image",
			diag.T("de afbeelding %q staat op een andere website", "the image %q is on another website", img),
			diag.T("Zet de foto in de map content/ (bijvoorbeeld naast dit bestand) en schrijf alleen de bestandsnaam.", "Put the photo in the content/ folder (for example next to this file) and write only its file name."))
		return "", alt
	}
	dir := strings.TrimPrefix(path.Dir(t.File()), "content")
	dir = strings.TrimPrefix(dir, "/")
	found := find(dir, img)
	if found == "" {
		t.Errorf(fImage, "image-missing",
			diag.T("de afbeelding %q is niet gevonden", "the image %q was not found", img),
			diag.T("Zet het bestand naast dit bestand of in content/, en controleer de schrijfwijze (hoofdletters tellen mee).", "Put the file next to this file or in content/, and check the spelling (capitals count)."))
		return "", alt
	}
	if alt == "" {
		altKey := fImageAlt.Name // say it in the language the image key was written in
		if t.KeyName(fImage) == fImage.Alias {
			altKey = fImageAlt.Alias
		}
		t.Errorf(fImage, "image-alt",
			diag.T("bij de afbeelding hoort een beschrijving in %q", "the image needs a description in %q", altKey),
			diag.T(`Beschrijf in een korte zin wat er op de foto staat, voor wie hem niet kan zien: %s = "Twee buren aan de koffietafel"`, `Describe in a short sentence what the photo shows, for people who cannot see it: %s = "Two neighbours at the coffee table"`, altKey))
	}
	return found, alt
}
