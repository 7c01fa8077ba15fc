package build

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"krachtpunt/generator/internal/sitegen"
)

// occTimes returns the times of the occurrences listed in a piece of a
// page, in order.
func occTimes(html string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<li class="occ[^"]*"[^>]*>\s*<span class="time">([^<]*)</span>`).FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// weekSection returns the section of date on a week page.
func weekSection(t *testing.T, page, date string) string {
	t.Helper()
	for _, s := range strings.Split(page, `<section class="day`)[1:] {
		if strings.Contains(s, `data-date="`+date+`"`) {
			return s[:strings.Index(s, "</section>")]
		}
	}
	t.Fatalf("no section for %s", date)
	return ""
}

// TestBusyDayCappedAndPaged builds busy-day-nl and -en: on the week page
// 1 December lists exactly its first weekDayItems activities, in order of
// time, and links to its page with the number of the others; that page
// and its second page list all 56 of the day, each once, in order;
// Wednesday with exactly weekDayItems lists them all without a link. Two
// builds give the same bytes.
func TestBusyDayCappedAndPaged(t *testing.T) {
	for _, tc := range []struct{ archive, week, day, page, more string }{
		{"busy-day-nl", "agenda/week/2026-W49/", "agenda/dag/", "pagina", "En nog 50 activiteiten op dinsdag 1 december"},
		{"busy-day-en", "calendar/week/2026-W49/", "calendar/day/", "page", "And 50 more activities on Tuesday 1 December"},
	} {
		t.Run(tc.archive, func(t *testing.T) {
			a := readArchive(t, "testdata/"+tc.archive+".txtar")
			out, _, err := buildFiles(t, a.input, a.today)
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for i := range 50 {
				m := 8*60 + 10*i
				all = append(all, fmt.Sprintf("%02d.%02d-%02d.%02d", m/60, m%60, (m+10)/60, (m+10)%60))
			}
			for i := 1; i <= 6; i++ {
				all = append(all, fmt.Sprintf("18.%02d-19.00", 5*i))
			}
			if strings.HasSuffix(tc.archive, "-en") {
				for i, s := range all {
					all[i] = strings.ReplaceAll(s, ".", ":")
				}
			} else {
				for i, s := range all {
					all[i] = s + " uur"
				}
			}
			week := string(out.Files[tc.week+"index.html"])
			tue := weekSection(t, week, "2026-12-01")
			if got := occTimes(tue); !slices.Equal(got, all[:weekDayItems]) {
				t.Errorf("the week page lists on 1 December %v, want the first %d: %v", got, weekDayItems, all[:weekDayItems])
			}
			link := `<p class="more"><a href="/` + tc.day + `2026-12-01/">` + tc.more + `</a></p>`
			if !strings.Contains(tue, link) {
				t.Errorf("1 December on the week page has no link %s:\n%s", link, tue)
			}
			wed := weekSection(t, week, "2026-12-02")
			if n := len(occTimes(wed)); n != weekDayItems || strings.Contains(wed, `class="more"`) {
				t.Errorf("2 December lists %d with a link = %v; want all %d without one", n, strings.Contains(wed, `class="more"`), weekDayItems)
			}
			first := string(out.Files[tc.day+"2026-12-01/index.html"])
			second := string(out.Files[tc.day+"2026-12-01/"+tc.page+"/2/index.html"])
			if got := occTimes(first); !slices.Equal(got, all[:dayPageItems]) {
				t.Errorf("the first page of 1 December lists %d: %v", len(got), got)
			}
			if got := occTimes(second); !slices.Equal(got, all[dayPageItems:]) {
				t.Errorf("the second page of 1 December lists %v, want %v", got, all[dayPageItems:])
			}
			if _, ok := out.Files[tc.day+"2026-12-01/"+tc.page+"/3/index.html"]; ok {
				t.Error("1 December has a third page")
			}
			again, _, err := buildFiles(t, a.input, a.today)
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, out.Files, again.Files)
		})
	}
}

// pageBudget is what the HTML of a home, week or activity page and its
// style sheet may weigh together.
const pageBudget = 30_000

// TestWeekPagesStayLight builds a week in which every day is full of
// activities with long names, rooms, prices, changes and cancellations,
// in both languages: every week page and every date page, with the style
// sheet, stays within pageBudget. So do the home, week and activity pages
// of the generated site the browser checks open (sitegen.Site).
func TestWeekPagesStayLight(t *testing.T) {
	for _, lang := range []string{"nl", "en"} {
		files := map[string][]byte{"site.toml": []byte("title = \"Buurthuis De Lindeboom aan de Singel\"\nlanguage = \"" + lang + "\"\nbaseURL = \"https://www.buurthuis-delindeboom.example/\"\n" +
			"[address]\nstreet = \"Burgemeester van Walsumweg 123\"\npostcode = \"1234 AB\"\ncity = \"Rotterdam\"\nphone = \"010 123 45 67\"\n[calendar]\nweeks = 2\n")}
		for i := range 12 {
			var b strings.Builder
			fmt.Fprintf(&b, "+++\ntitle = \"Taalcafé voor nieuwe buurtbewoners, groep %02d\"\nwhen = \"elke dag %02d:00-%02d:30\"\nroom = \"Grote zaal op de eerste verdieping\"\ncost = \"€ 3,50 (kinderen tot 12 jaar € 1,50)\"\nsignup = \"Bel of mail de balie\"\n", i, 8+i, 8+i)
			if i%3 == 0 {
				b.WriteString("[[cancel]]\ndate = 2026-12-01\nreason = \"De begeleider is op cursus\"\n")
			}
			if i%3 == 1 {
				b.WriteString("[[change]]\ndate = 2026-12-02\nroom = \"Kleine zaal naast de keuken\"\nnote = \"Andere zaal vanwege de verbouwing\"\n")
			}
			b.WriteString("+++\n")
			files[fmt.Sprintf("content/activities/taal-%02d.md", i)] = []byte(b.String())
		}
		out, res, err := buildFiles(t, files, "2026-11-25")
		if err != nil {
			t.Fatalf("%s: %v\n%s", lang, err, res.Diags.Format("en"))
		}
		css := len(out.Files["style.css"])
		heaviest, weeks := 0, 0
		for p, data := range out.Files {
			if !regexp.MustCompile(`^(agenda|calendar)/(week|dag|day)/[^/]+/((pagina|page)/\d+/)?index\.html$`).MatchString(p) {
				continue
			}
			if strings.Contains(p, "/week/") {
				weeks++
				if c := strings.Count(string(data), `class="more"`); c != 7 {
					t.Errorf("%s: %s has %d days cut short, want 7", lang, p, c)
				}
			}
			w := len(data) + css
			heaviest = max(heaviest, w)
			if w > pageBudget {
				t.Errorf("%s: %s weighs %d bytes with its style sheet, more than %d", lang, p, w, pageBudget)
			}
		}
		if weeks < 2 {
			t.Errorf("%s: %d week pages", lang, weeks)
		}
		t.Logf("%s: the heaviest week or date page weighs %d bytes with the style sheet", lang, heaviest)
	}
	if testing.Short() {
		t.Skip("building the generated site takes seconds")
	}
	out, _, err := buildFiles(t, sitegen.Site(generatedActivities), "2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	css := len(out.Files["style.css"])
	heavy := regexp.MustCompile(`^(index\.html|agenda/week/[^/]+/index\.html|activiteiten/activiteit-\d+/index\.html|agenda/dag/.*index\.html)$`)
	n, heaviest := 0, ""
	for p, data := range out.Files {
		if !heavy.MatchString(p) {
			continue
		}
		n++
		if heaviest == "" || len(data) > len(out.Files[heaviest]) {
			heaviest = p
		}
		if w := len(data) + css; w > pageBudget {
			t.Errorf("generated site: %s weighs %d bytes with its style sheet, more than %d", p, w, pageBudget)
		}
	}
	if n < 500 {
		t.Errorf("generated site: only %d pages weighed", n)
	}
	t.Logf("generated site: the heaviest of %d pages is %s, %d bytes with the style sheet", n, heaviest, len(out.Files[heaviest])+css)
}
