package build

import (
	"errors"
	"strings"
	"testing"

	"krachtpunt/generator/internal/diag"
)

// TestVolunteerMistakes shows, for mistakes volunteers make, the exact
// message, file and line, in Dutch and in English.
func TestVolunteerMistakes(t *testing.T) {
	const site = "title = \"De Linde\"\n"
	const act = "content/activities/koffie.md"
	tests := []struct {
		name  string
		file  string // the file with the mistake; site.toml gets a valid one unless this is it
		src   string
		pos   string
		nl    string // message and hint, as Format prints them
		en    string
		extra map[string]string
	}{
		{
			name: "Dutch key misspelled", file: act,
			src: "+++\ntitel = \"Koffie\"\nwanneer = \"elke dinsdag 10:00-12:00\"\ntittel = \"x\"\n+++\n",
			pos: "content/activities/koffie.md:4:1",
			nl:  "onbekende sleutel \"tittel\"\n    Bedoel je \"titel\"?",
			en:  "unknown key \"tittel\"\n    Did you mean \"titel\"?",
		},
		{
			name: "English key misspelled", file: act,
			src: "+++\ntitle = \"Koffie\"\nsumary = \"Kom\"\nwhen = \"every tuesday 10:00-12:00\"\n+++\n",
			pos: "content/activities/koffie.md:3:1",
			nl:  "onbekende sleutel \"sumary\"\n    Bedoel je \"summary\"?",
			en:  "unknown key \"sumary\"\n    Did you mean \"summary\"?",
		},
		{
			name: "title missing", file: act,
			src: "+++\nwhen = \"every tuesday 10:00-12:00\"\n+++\n",
			pos: "content/activities/koffie.md:1",
			nl:  "\"titel\" ontbreekt; dit moet er altijd in staan\n    Voeg een regel toe, bijvoorbeeld: titel = \"Koffieochtend\"",
			en:  "\"title\" is missing; it is required\n    Add a line, for example: title = \"Koffieochtend\"",
		},
		{
			name: "when missing", file: act,
			src: "+++\ntitle = \"Koffie\"\n+++\n",
			pos: "content/activities/koffie.md:1",
			nl:  "\"wanneer\" ontbreekt; dit moet er altijd in staan\n    Voeg een regel toe, bijvoorbeeld: wanneer = \"elke dinsdag 10:00-12:00\"",
			en:  "\"when\" is missing; it is required\n    Add a line, for example: when = \"elke dinsdag 10:00-12:00\"",
		},
		{
			name: "title and titel both", file: act,
			src: "+++\ntitle = \"Koffie\"\ntitel = \"Koffie\"\nwhen = \"every tuesday 10:00-12:00\"\n+++\n",
			pos: "content/activities/koffie.md:3:1",
			nl:  "\"title\" (regel 2) en \"titel\" (regel 3) betekenen hetzelfde; gebruik er maar één\n    Haal een van de twee regels weg.",
			en:  "\"title\" (line 2) and \"titel\" (line 3) mean the same; use only one of them\n    Remove one of the two lines.",
		},
		{
			name: "text without quotes", file: act,
			src: "+++\ntitle = \"Koffie\"\nroom = Huiskamer\nwhen = \"every tuesday 10:00-12:00\"\n+++\n",
			pos: "content/activities/koffie.md:3:8",
			nl:  "tekst moet tussen rechte aanhalingstekens (\") staan\n    Schrijf de regel zo: room = \"Huiskamer\"",
			en:  "text must be between straight double quotes (\")\n    Write the line like this: room = \"Huiskamer\"",
		},
		{
			name: "title is a number", file: act,
			src: "+++\ntitle = 12\nwhen = \"every tuesday 10:00-12:00\"\n+++\n",
			pos: "content/activities/koffie.md:2:9",
			nl:  "\"title\" moet tekst tussen aanhalingstekens zijn\n    Bijvoorbeeld: title = \"...\"",
			en:  "\"title\" must be text between double quotes\n    For example: title = \"...\"",
		},
		{
			name: "true in quotes", file: act,
			src: "+++\ntitle = \"Koffie\"\nwhen = \"every tuesday 10:00-12:00\"\nconcept = \"true\"\n+++\n",
			pos: "content/activities/koffie.md:4:11",
			nl:  "\"concept\" moet true of false zijn, zonder aanhalingstekens\n    Schrijf: concept = true",
			en:  "\"concept\" must be true or false, without quotes\n    Write: concept = true",
		},
		{
			name: "front matter not closed", file: act,
			src: "+++\ntitle = \"Koffie\"\nwhen = \"every tuesday 10:00-12:00\"\nKoffie!\n",
			pos: "content/activities/koffie.md:1:1",
			nl:  "de gegevens bovenaan beginnen met +++ maar worden niet afgesloten\n    Zet onder de laatste gegevensregel (regel 3) een regel met alleen +++.",
			en:  "the settings at the top start with +++ but are never closed\n    Put a line with only +++ below the last settings line (line 3).",
		},
		{
			name: "YAML fences", file: act,
			src: "---\ntitle: Koffie\n---\n",
			pos: "content/activities/koffie.md:1:1",
			nl:  "de gegevens bovenaan staan tussen --- regels; Krachtpunt verwacht +++",
			en:  "the settings at the top are between --- lines; Krachtpunt expects +++",
		},
		{
			name: "weekday misspelled", file: act,
			src: "+++\ntitle = \"Koffie\"\nwhen = \"elke dinsdg 10:00-12:00\"\n+++\n",
			pos: "content/activities/koffie.md:3:14",
			nl:  "Het woord “dinsdg” begrijpen we hier niet.\n    Bedoel je “dinsdag”?",
			en:  "“dinsdg” is not a word we understand here.\n    Did you mean “dinsdag”?",
		},
		{
			name: "every other without a start date", file: act,
			src: "+++\ntitle = \"Koffie\"\n\nwhen = \"every other wednesday 14:00-16:00\"\n+++\n",
			pos: "content/activities/koffie.md:4:15",
			nl:  "Schrijf: \"every other wednesday 14:00-16:00 from JJJJ-MM-DD\", en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
			en:  "Every few weeks needs a start date, or we cannot know which weeks.\n    Write: \"every other wednesday 14:00-16:00 from YYYY-MM-DD\", and fill in the date of the first time for YYYY-MM-DD.",
		},
		{
			name: "time that does not exist", file: act,
			src: "+++\ntitle = \"Koffie\"\nwanneer = \"elke dinsdag 10:00-24:30\"\n+++\n",
			pos: "content/activities/koffie.md:3:31",
			nl:  "24:30",
			en:  "“24:30” is not a time.\n    Write times as hours and minutes from 00:00 to 23:59, for example “10:00” or “10.00”.",
		},
		{
			name: "cancel on a day without the activity", file: act,
			src: "+++\ntitle = \"Koffie\"\nwhen = \"elke dinsdag 10:00-12:00\"\n\n[[cancel]]\ndate = 2026-12-30\nreason = \"Kerst\"\n+++\n",
			pos: "content/activities/koffie.md:6:8",
			nl:  "Op woensdag 30 december 2026 is deze activiteit niet, dus je kunt die dag niet laten vervallen.\n    Kijk de datum na. De dichtstbijzijnde keer is dinsdag 29 december 2026.",
			en:  "This activity does not take place on Wednesday 30 December 2026, so it cannot be cancelled.\n    Check the date. The nearest time it takes place is Tuesday 29 December 2026.",
		},
		{
			name: "image without description", file: act,
			src:   "+++\ntitle = \"Koffie\"\nwhen = \"elke dinsdag 10:00-12:00\"\nimage = \"koffie.jpg\"\n+++\n",
			extra: map[string]string{"content/activities/koffie.jpg": "jpeg"},
			pos:   "content/activities/koffie.md:4:9",
			nl:    "bij de afbeelding hoort een beschrijving in \"image_alt\"\n    Beschrijf in een korte zin wat er op de foto staat, voor wie hem niet kan zien: image_alt = \"Twee buren aan de koffietafel\"",
			en:    "the image needs a description in \"image_alt\"\n    Describe in a short sentence what the photo shows, for people who cannot see it: image_alt = \"Two neighbours at the coffee table\"",
		},
		{
			name: "image not there", file: act,
			src: "+++\ntitel = \"Koffie\"\nwanneer = \"elke dinsdag 10:00-12:00\"\nafbeelding = \"Koffie.JPG\"\nafbeelding_alt = \"Koffie\"\n+++\n",
			pos: "content/activities/koffie.md:4:14",
			nl:  "de afbeelding \"Koffie.JPG\" is niet gevonden\n    Zet het bestand naast dit bestand of in content/, en controleer de schrijfwijze (hoofdletters tellen mee).",
			en:  "the image \"Koffie.JPG\" was not found\n    Put the file next to this file or in content/, and check the spelling (capitals count).",
		},
		{
			name: "story without date", file: "content/stories/tuin.md",
			src: "+++\ntitel = \"De tuin\"\ntoestemming = true\n+++\n",
			pos: "content/stories/tuin.md:1",
			nl:  "\"datum\" ontbreekt; dit moet er altijd in staan\n    Voeg een regel toe, bijvoorbeeld: datum = 2026-12-08",
			en:  "\"date\" is missing; it is required\n    Add a line, for example: date = 2026-12-08",
		},
		{
			name: "date that does not exist", file: "content/stories/tuin.md",
			src: "+++\ntitle = \"De tuin\"\ndate = \"2026-02-30\"\nconsent = true\n+++\n",
			pos: "content/stories/tuin.md:3:8",
			nl:  "\"2026-02-30\" is geen bestaande datum\n    Schrijf een datum als jaar-maand-dag, bijvoorbeeld: date = 2026-12-08",
			en:  "\"2026-02-30\" is not a valid date\n    Write a date as year-month-day, for example: date = 2026-12-08",
		},
		{
			name: "link to a page that is not there", file: "content/over-ons.md",
			src: "+++\ntitle = \"Over ons\"\n+++\nIntro.\n\nZie de [route](rout.md).\n",
			pos: "content/over-ons.md:6",
			nl:  "de link naar \"rout.md\" gaat naar een pagina die niet bestaat\n    Controleer de bestandsnaam; een link naar een ander bestand schrijf je als [Route](route.md).",
			en:  "the link to \"rout.md\" points to a page that does not exist\n    Check the file name; a link to another file is written as [Route](route.md).",
		},
		{
			name: "day name misspelled in opening hours", file: "content/opening-hours.md",
			src: "+++\n[uren]\nmaandag = \"09:00-17:00\"\ndinsdg = \"09:00-17:00\"\n+++\n",
			pos: "content/opening-hours.md:4:1",
			nl:  "onbekende sleutel \"dinsdg\"\n    Bedoel je \"dinsdag\"?",
			en:  "unknown key \"dinsdg\"\n    Did you mean \"dinsdag\"?",
		},
		{
			name: "two files, one address", file: "content/activities/koffie.md",
			src:   "+++\ntitle = \"Koffie\"\nwhen = \"elke dinsdag 10:00-12:00\"\n+++\n",
			extra: map[string]string{"content/activities/zz.md": "+++\ntitle = \"Koffie 2\"\nslug = \"koffie\"\nwhen = \"elke dinsdag 10:00-12:00\"\n+++\n"},
			pos:   "content/activities/zz.md",
			nl:    "content/activities/koffie.md en content/activities/zz.md krijgen hetzelfde webadres \"koffie\"",
			en:    "content/activities/koffie.md and content/activities/zz.md get the same web address \"koffie\"",
		},
		{
			name: "Dutch image key without description", file: act,
			src:   "+++\ntitel = \"Koffie\"\nwanneer = \"elke dinsdag 10:00-12:00\"\nafbeelding = \"koffie.jpg\"\n+++\n",
			extra: map[string]string{"content/activities/koffie.jpg": "jpeg"},
			pos:   "content/activities/koffie.md:4:14",
			nl:    "bij de afbeelding hoort een beschrijving in \"afbeelding_alt\"",
			en:    "the image needs a description in \"afbeelding_alt\"",
		},
		{
			name: "date written day-month-year", file: "content/stories/tuin.md",
			src: "+++\ntitel = \"De tuin\"\ndatum = \"12-10-2026\"\ntoestemming = true\n+++\n",
			pos: "content/stories/tuin.md:3:9",
			nl:  "\"12-10-2026\" is dag-maand-jaar; Krachtpunt leest datums als jaar-maand-dag\n    Bedoel je datum = 2026-10-12?",
			en:  "\"12-10-2026\" is day-month-year; Krachtpunt reads dates as year-month-day\n    Did you mean datum = 2026-10-12?",
		},
		{
			name: "empty list of when-phrases", file: act,
			src: "+++\ntitle = \"Koffie\"\nwhen = []\n+++\n",
			pos: "content/activities/koffie.md:3:8",
			nl:  "\"when\" is een lege lijst: de activiteit heeft dan geen datums\n    Schrijf er minstens één regel in, bijvoorbeeld: when = [\"elke dinsdag 10:00-12:00\"]",
			en:  "\"when\" is an empty list: the activity then has no dates\n    Write at least one rule in it, for example: when = [\"every tuesday 10:00-12:00\"]",
		},
		{
			name: "language not supported", file: "site.toml",
			src: "title = \"De Linde\"\nlanguage = \"de\"\n",
			pos: "site.toml:2:12",
			nl:  "taal \"de\" wordt niet ondersteund\n    Kies language = \"nl\" (Nederlands) of language = \"en\" (Engels).",
			en:  "language \"de\" is not supported\n    Choose language = \"nl\" (Dutch) or language = \"en\" (English).",
		},
		{
			name: "timezone misspelled", file: "site.toml",
			src: "title = \"De Linde\"\n\ntimezone = \"Europe/Amsterdan\"\n",
			pos: "site.toml:3:12",
			nl:  "tijdzone \"Europe/Amsterdan\" bestaat niet",
			en:  "time zone \"Europe/Amsterdan\" does not exist",
		},
		{
			name: "Dutch key in site.toml", file: "site.toml",
			src: "titel = \"De Linde\"\n",
			pos: "site.toml:1:1",
			nl:  "onbekende sleutel \"titel\"\n    Bedoel je \"title\"?",
			en:  "unknown key \"titel\"\n    Did you mean \"title\"?",
		},
	}
	if len(tests) < 15 {
		t.Fatal("fewer than 15 mistakes")
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string][]byte{"site.toml": []byte(site)}
			files[tc.file] = []byte(tc.src)
			for k, v := range tc.extra {
				files[k] = []byte(v)
			}
			_, res, err := buildFiles(t, files, "2026-11-25")
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("build: err = %v, want problems", err)
			}
			var found *diag.Diagnostic
			for _, d := range list.Errors() {
				if d.Pos.String() == tc.pos {
					found = d
					break
				}
			}
			if found == nil {
				t.Fatalf("no problem at %s; got:\n%s", tc.pos, res.Diags.Format("en"))
			}
			for lang, want := range map[string]string{"nl": tc.nl, "en": tc.en} {
				got := found.Format(lang)
				if !strings.HasPrefix(got, tc.pos+": ") || !strings.Contains(got, want) {
					t.Errorf("%s:\n got: %q\nwant: %q", lang, got, tc.pos+": "+want)
				}
			}
		})
	}
}
