package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"krachtpunt/generator/internal/schedule"
)

// withheldSite is a site with a story whose resident withdrew consent and
// an activity that is a draft, both linked from the home page, a plain
// page, a story and an activity. {S} and {A} stand for the path words of
// stories and activities.
func withheldSite(lang string) map[string][]byte {
	w := PathWords[lang]
	r := strings.NewReplacer("{S}", w.Stories, "{A}", w.Activities, "{LANG}", lang)
	files := map[string]string{
		"site.toml": `title = "De Linde"
language = "{LANG}"
baseURL = "https://www.delinde.example/"
`,
		"content/_index.md": `Welkom in de Linde.

Lees [het verhaal van Rie](stories/geheime-tuin.md) of kom naar [de les op woensdag](activities/verborgen-yoga.md).
`,
		"content/over-ons.md": `+++
title = "Over ons"
+++
Wij zijn een buurthuis.

- Zie ook [ons mooiste verhaal](/{S}/geheime-tuin/).
- En [**de nieuwe les**](activities/verborgen-yoga.md#wanneer).
`,
		"content/stories/gewoon.md": `+++
title = "Gewoon een verhaal"
date = 2026-10-01
consent = true
+++
Net als [Rie](geheime-tuin.md) kom ik hier graag. Zij doet [mee](../activities/verborgen-yoga.md).
`,
		"content/activities/koffie.md": `+++
title = "Koffieochtend"
when = "elke dinsdag 10:00-12:00"
+++
Daarna is er [yoga](verborgen-yoga.md), zie [het verhaal](/{S}/geheime-tuin/index.html).
`,
		"content/stories/geheime-tuin.md": `+++
titel = "Rie en haar moestuin"
datum = 2026-11-01
auteur = "Rie"
toestemming = false
tags = ["moestuin"]
+++
Rie vertelt over de bonen achter haar flat.
`,
		"content/activities/verborgen-yoga.md": `+++
title = "Stoelyoga voor ouderen"
summary = "Rustig bewegen op een stoel."
when = "elke woensdag 14:00-15:00"
room = "Zaal Zonnebloem"
concept = true
+++
Yoga op een stoel met Anneke.
`,
	}
	out := map[string][]byte{}
	for name, data := range files {
		out[name] = []byte(r.Replace(data))
	}
	return out
}

// withheldWords are what of the withheld story and activity no published
// file may hold: titles, slugs, and words of their text and settings.
var withheldWords = []string{
	"Rie en haar moestuin", "geheime-tuin", "geheime tuin", "moestuin", "bonen achter haar flat",
	"Stoelyoga voor ouderen", "verborgen-yoga", "Rustig bewegen op een stoel", "Zaal Zonnebloem", "Anneke",
}

// assertWithheld fails for every published file that mentions the
// withheld story or activity.
func assertWithheld(t *testing.T, files map[string][]byte) {
	t.Helper()
	if len(files) < 10 {
		t.Fatalf("only %d files published", len(files))
	}
	for p, data := range files {
		for _, w := range withheldWords {
			if strings.Contains(strings.ToLower(p), strings.ToLower(w)) || strings.Contains(strings.ToLower(string(data)), strings.ToLower(w)) {
				t.Errorf("%s mentions %q", p, w)
			}
		}
	}
}

func TestWithheldPagesAreInNoOutput(t *testing.T) {
	want := map[string]string{
		"nl": `content/_index.md:3:6: waarschuwing: de link naar "stories/geheime-tuin.md" is gewone tekst geworden: dat verhaal staat niet op de site, want er staat geen toestemming = true in
    Haal de link weg, of zet toestemming = true in het verhaal als de bewoner schriftelijk toestemming gaf.
content/_index.md:3:65: waarschuwing: de link naar "activities/verborgen-yoga.md" is gewone tekst geworden: die activiteit is een concept (concept = true) en staat niet op de site
    Haal de link weg, of zet concept = false als het klaar is.
content/activities/koffie.md:5:14: waarschuwing: de link naar "verborgen-yoga.md" is gewone tekst geworden: die activiteit is een concept (concept = true) en staat niet op de site
    Haal de link weg, of zet concept = false als het klaar is.
content/activities/koffie.md:5:45: waarschuwing: de link naar "/verhalen/geheime-tuin/index.html" is gewone tekst geworden: dat verhaal staat niet op de site, want er staat geen toestemming = true in
    Haal de link weg, of zet toestemming = true in het verhaal als de bewoner schriftelijk toestemming gaf.
content/over-ons.md:6:11: waarschuwing: de link naar "/verhalen/geheime-tuin/" is gewone tekst geworden: dat verhaal staat niet op de site, want er staat geen toestemming = true in
    Haal de link weg, of zet toestemming = true in het verhaal als de bewoner schriftelijk toestemming gaf.
content/over-ons.md:7:6: waarschuwing: de link naar "activities/verborgen-yoga.md#wanneer" is gewone tekst geworden: die activiteit is een concept (concept = true) en staat niet op de site
    Haal de link weg, of zet concept = false als het klaar is.
content/stories/geheime-tuin.md:5:15: waarschuwing: verhaal "Rie en haar moestuin" is niet gepubliceerd: er staat geen toestemming = true in
    Publiceer een verhaal pas als de bewoner schriftelijk toestemming gaf; zet dan toestemming = true.
content/stories/gewoon.md:6:9: waarschuwing: de link naar "geheime-tuin.md" is gewone tekst geworden: dat verhaal staat niet op de site, want er staat geen toestemming = true in
    Haal de link weg, of zet toestemming = true in het verhaal als de bewoner schriftelijk toestemming gaf.
content/stories/gewoon.md:6:60: waarschuwing: de link naar "../activities/verborgen-yoga.md" is gewone tekst geworden: die activiteit is een concept (concept = true) en staat niet op de site
    Haal de link weg, of zet concept = false als het klaar is.`,
		"en": `content/_index.md:3:6: warning: the link to "stories/geheime-tuin.md" became plain text: that story is not on the site, because it has no consent = true
    Remove the link, or set consent = true in the story once the resident agreed in writing.
content/_index.md:3:65: warning: the link to "activities/verborgen-yoga.md" became plain text: that activity is a draft (draft = true) and is not on the site
    Remove the link, or set draft = false when it is ready.
content/activities/koffie.md:5:14: warning: the link to "verborgen-yoga.md" became plain text: that activity is a draft (draft = true) and is not on the site
    Remove the link, or set draft = false when it is ready.
content/activities/koffie.md:5:45: warning: the link to "/stories/geheime-tuin/index.html" became plain text: that story is not on the site, because it has no consent = true
    Remove the link, or set consent = true in the story once the resident agreed in writing.
content/over-ons.md:6:11: warning: the link to "/stories/geheime-tuin/" became plain text: that story is not on the site, because it has no consent = true
    Remove the link, or set consent = true in the story once the resident agreed in writing.
content/over-ons.md:7:6: warning: the link to "activities/verborgen-yoga.md#wanneer" became plain text: that activity is a draft (draft = true) and is not on the site
    Remove the link, or set draft = false when it is ready.
content/stories/geheime-tuin.md:5:15: warning: story "Rie en haar moestuin" was not published: it has no consent = true
    Publish a story only when the resident agreed in writing; then set consent = true.
content/stories/gewoon.md:6:9: warning: the link to "geheime-tuin.md" became plain text: that story is not on the site, because it has no consent = true
    Remove the link, or set consent = true in the story once the resident agreed in writing.
content/stories/gewoon.md:6:60: warning: the link to "../activities/verborgen-yoga.md" became plain text: that activity is a draft (draft = true) and is not on the site
    Remove the link, or set draft = false when it is ready.`,
	}
	// The link texts stay, as text.
	plain := map[string][]string{
		"index.html":            {"<p>Lees het verhaal van Rie of kom naar de les op woensdag.</p>"},
		"over-ons/index.html":   {"<li>Zie ook ons mooiste verhaal.</li>", "<li>En <strong>de nieuwe les</strong>.</li>"},
		"{A}/koffie/index.html": {"<p>Daarna is er yoga, zie het verhaal.</p>"},
		"{S}/gewoon/index.html": {"<p>Net als Rie kom ik hier graag. Zij doet mee.</p>"},
		"{S}/feed.xml":          {"Net als Rie kom ik hier graag. Zij doet mee."},
	}
	for _, lang := range []string{"nl", "en"} {
		t.Run(lang, func(t *testing.T) {
			out, res, err := buildFiles(t, withheldSite(lang), "2026-11-25")
			if err != nil {
				t.Fatalf("build failed: %v", err)
			}
			if got := strings.TrimRight(res.Diags.Format(lang), "\n"); got != want[lang] {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, want[lang])
			}
			assertWithheld(t, out.Files)
			w := PathWords[lang]
			for p, texts := range plain {
				p = strings.NewReplacer("{S}", w.Stories, "{A}", w.Activities).Replace(p)
				page := string(out.Files[p])
				for _, text := range texts {
					if !strings.Contains(page, text) {
						t.Errorf("%s lacks %s", p, text)
					}
				}
			}
			for _, p := range []string{"index.html", "over-ons/index.html", w.Activities + "/koffie/index.html", w.Stories + "/gewoon/index.html"} {
				if n := len(anchors.FindAllString(string(out.Files[p]), -1)); n == 0 {
					t.Errorf("%s has no links at all", p)
				}
			}
			checkLinks(t, out.Files, res.Config)
		})
	}
}

var anchors = regexp.MustCompile(`<a [^>]*href=`)

// TestWithdrawnConsentTakesAStoryOffline builds a site with a story into a
// folder, then builds it again into the same folder after the resident
// withdrew consent: the second build has the story nowhere, the first
// build's files included.
func TestWithdrawnConsentTakesAStoryOffline(t *testing.T) {
	site := t.TempDir()
	files := withheldSite("nl")
	story := files["content/stories/geheime-tuin.md"]
	activity := files["content/activities/verborgen-yoga.md"]
	files["content/stories/geheime-tuin.md"] = []byte(strings.Replace(string(story), "toestemming = false", "toestemming = true", 1))
	files["content/activities/verborgen-yoga.md"] = []byte(strings.Replace(string(activity), "concept = true", "concept = false", 1))
	for name, data := range files {
		writeFile(t, filepath.Join(site, filepath.FromSlash(name)), data)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := buildDir(t, site, out); err != nil {
		t.Fatal(err)
	}
	first := readDir(t, out)
	for _, p := range []string{"verhalen/geheime-tuin/index.html", "activiteiten/verborgen-yoga/index.html", "activiteiten/verborgen-yoga/agenda.ics"} {
		if _, ok := first[p]; !ok {
			t.Fatalf("the first build lacks %s", p)
		}
	}
	if !strings.Contains(string(first["agenda.json"]), "Stoelyoga voor ouderen") || !strings.Contains(string(first["verhalen/feed.xml"]), "Rie en haar moestuin") {
		t.Fatal("the first build does not carry the story and the activity")
	}

	writeFile(t, filepath.Join(site, "content/stories/geheime-tuin.md"), story)
	writeFile(t, filepath.Join(site, "content/activities/verborgen-yoga.md"), activity)
	if err := buildDir(t, site, out); err != nil {
		t.Fatal(err)
	}
	assertWithheld(t, readDir(t, out))
}

// TestWithdrawnConsentInThePreview does the same in the preview's
// incremental builds.
func TestWithdrawnConsentInThePreview(t *testing.T) {
	files := withheldSite("en")
	story := files["content/stories/geheime-tuin.md"]
	files["content/stories/geheime-tuin.md"] = []byte(strings.Replace(string(story), "toestemming = false", "toestemming = true", 1))
	fsys := siteFS(t, files).(fstest.MapFS)
	b := NewBuilder(fsys, nil)
	today, _ := schedule.ParseDate("2026-11-25")
	up, err := b.Build(context.Background(), nil, today)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := up.Files["stories/geheime-tuin/index.html"]; !ok {
		t.Fatal("the first build lacks the story")
	}
	fsys["content/stories/geheime-tuin.md"] = &fstest.MapFile{Data: story, Mode: 0o644}
	fsys["content/activities/verborgen-yoga.md"].Data = []byte(strings.Replace(string(fsys["content/activities/verborgen-yoga.md"].Data), "concept = true", "draft = true", 1))
	up, err = b.Build(context.Background(), []string{"content/stories/geheime-tuin.md", "content/activities/verborgen-yoga.md"}, today)
	if err != nil {
		t.Fatal(err)
	}
	assertWithheld(t, up.Files)
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
