package content

import (
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/schedule"
)

// Story is one resident's story in content/stories/.
type Story struct {
	Source
	Slug     string
	Title    string
	Date     schedule.Date
	Author   string // "" when the resident gave none
	Consent  bool
	Image    string
	ImageAlt string
	Tags     []string
	Draft    bool
	// ConsentPos is where consent is written, or the first line of the file
	// when it is not: where the warning for a story without consent points.
	ConsentPos diag.Pos
}

func parseStory(file, slug string, text string, images imageFinder, diags *diag.List) *Story {
	t, src, ok := splitFrontMatter(file, text, diags)
	if !ok {
		return nil
	}
	if t == nil {
		diags.Errorf(diag.Pos{File: file, Line: 1}, "no-front-matter",
			diag.T("een verhaal moet bovenaan gegevens hebben tussen twee regels +++", "a story needs settings at the top between two lines of +++"),
			diag.T("Maak een nieuw verhaal met: go run ./generator new story NAAM", "Start a new story with: go run ./generator new story NAME"))
		return nil
	}
	s := &Story{Source: src}
	s.Slug = slugField(t, slug)
	s.Title = requiredText(t, fTitle, `"Mijn eerste repair café"`)
	s.Date, _ = requiredDate(t, fDate)
	s.Author = t.String(fAuthor)
	s.Consent = t.Bool(fConsent)
	s.ConsentPos = diag.Pos{File: file, Line: 1}
	if t.Has(fConsent) {
		s.ConsentPos = t.Pos(t.KeyName(fConsent))
	}
	s.Image, s.ImageAlt = imageFields(t, images)
	s.Tags = t.Strings(fTags)
	s.Draft = t.Bool(fDraft)
	t.Done()
	return s
}
