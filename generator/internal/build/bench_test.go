package build

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"krachtpunt/generator/internal/config"
	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// generatedSite returns a site with n activities of every kind of rule,
// some with cancels and changes, n/10 stories and n/100 plain pages.
func generatedSite(n int) map[string][]byte {
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
	for i := range n / 10 {
		files[fmt.Sprintf("content/stories/verhaal-%05d.md", i)] = []byte(fmt.Sprintf(
			"+++\ntitle = \"Verhaal %d\"\ndate = 2026-%02d-%02d\nconsent = true\n+++\n%s\n", i, 1+i%11, 1+i%28, strings.Repeat("Een zin over de buurt. ", 40)))
	}
	for i := range n / 100 {
		files[fmt.Sprintf("content/pagina-%03d.md", i)] = []byte(fmt.Sprintf("# Pagina %d\n\nTekst.\n", i))
	}
	return files
}

// BenchmarkBuild builds a site of 5,000 activities, 500 stories and 50
// pages (about 5,600 pages and 5,000 calendar files) into memory.
func BenchmarkBuild(b *testing.B) {
	fsys := siteFS(b, generatedSite(5000))
	today, _ := schedule.ParseDate("2026-11-25")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), Options{Site: fsys, Today: today, Out: Discard{}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCalendarOutputs measures what the calendar adds for 5,000
// activities over 12 weeks: expanding the occurrences, the agenda, week and
// month pages, agenda.json, agenda.ics and one .ics per activity.
func BenchmarkCalendarOutputs(b *testing.B) {
	fsys := siteFS(b, generatedSite(5000))
	var diags diag.List
	cfg := config.Load(fsys, &diags)
	site, cd, err := content.Load(context.Background(), fsys)
	if err != nil || cd.HasErrors() || diags.HasErrors() {
		b.Fatalf("loading: %v %v %v", err, cd, diags)
	}
	theme, td := render.LoadTheme(fsys, cfg.Theme, cfg.Language)
	if td.HasErrors() {
		b.Fatal(td)
	}
	today, _ := schedule.ParseDate("2026-11-25")
	b.ReportAllocs()
	for b.Loop() {
		p := newPlan(cfg, site, theme, today)
		var jobs []job
		for _, j := range p.jobs() {
			if strings.HasPrefix(j.path, "agenda") || strings.HasSuffix(j.path, ".ics") {
				jobs = append(jobs, j)
			}
		}
		for _, j := range jobs {
			if _, _, err := j.make(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
