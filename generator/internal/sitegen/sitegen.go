// Package sitegen makes large sites for benchmarks: every kind of when
// rule, cancels and changes, stories and plain pages, in the files a
// volunteer would write. It is used by tests and benchmarks only.
package sitegen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Site returns the files of a site with n activities, n/10 stories and
// n/100 plain pages.
func Site(n int) map[string][]byte { return Sized(n, n/10, n/100) }

// Sized returns the files of a site with n activities of every kind of
// rule (some with cancels and changes), and the given numbers of stories and
// plain pages.
func Sized(n, stories, pages int) map[string][]byte {
	files := map[string][]byte{
		"site.toml": []byte("title = \"Groot Buurthuis\"\nbaseURL = \"https://groot.example/\"\n[calendar]\nweeks = 12\n"),
		"content/opening-hours.md": []byte("+++\npublic_holidays = \"nl\"\n[hours]\nmonday = \"09:00-17:00\"\ntuesday = \"09:00-17:00\"\n" +
			"[[closed]]\nfrom = 2026-12-24\nuntil = 2027-01-01\nreason = \"Kerst\"\n+++\n"),
		"content/_index.md": []byte("Welkom.\n"),
	}
	days := []string{"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"}
	nth := []string{"eerste", "tweede", "derde", "vierde", "laatste"}
	for i := range n {
		var when, extra string
		switch i % 6 {
		case 0:
			when = fmt.Sprintf("elke %s 10:00-12:00", days[i%7])
		case 1:
			when = fmt.Sprintf("every %s and %s 09:30-11:30", []string{"monday", "tuesday", "wednesday"}[i%3], []string{"thursday", "friday"}[i%2])
		case 2:
			when = fmt.Sprintf("om de %d weken %s 19:00-21:00 vanaf 2026-09-0%d", 2+i%3, days[(i+1)%7], 1+(i+1)%7)
		case 3:
			when = fmt.Sprintf("%s %s van de maand 14:00-16:00", nth[i%5], days[i%7])
		case 4:
			when = "elke werkdag 12:00-13:00"
		case 5:
			when = fmt.Sprintf("2027-01-%02d 15:00-17:00", 2+i%28)
		}
		if i%6 == 4 && i%12 == 4 {
			extra = "\n[[cancel]]\ndate = 2026-12-08\nreason = \"Studiedag\"\n\n[[change]]\ndate = 2026-12-15\ntime = \"14:00-15:00\"\nnote = \"Later\"\n"
		}
		files[fmt.Sprintf("content/activities/activiteit-%05d.md", i)] = []byte(fmt.Sprintf(
			"+++\ntitle = \"Activiteit %d\"\nsummary = \"Een activiteit om te testen.\"\nwhen = %q\nroom = \"Zaal %d\"\ncost = \"gratis\"\n%s+++\nBeschrijving van activiteit %d.\n\n- een\n- twee\n",
			i, when, i%5, extra, i))
	}
	for i := range stories {
		files[fmt.Sprintf("content/stories/verhaal-%05d.md", i)] = []byte(fmt.Sprintf(
			"+++\ntitle = \"Verhaal %d\"\ndate = 2026-%02d-%02d\nconsent = true\n+++\n%s\n", i, 1+i%11, 1+i%28, strings.Repeat("Een zin over de buurt. ", 40)))
	}
	for i := range pages {
		files[fmt.Sprintf("content/pagina-%04d.md", i)] = []byte(fmt.Sprintf("# Pagina %d\n\nTekst.\n", i))
	}
	return files
}

// Write writes files into the folder dir.
func Write(dir string, files map[string][]byte) error {
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
