package sitegen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"strings"
	"time"
)

// Options says what Generate makes.
type Options struct {
	Activities int // activities, cycling through every form of the when phrase
	Stories    int // resident stories of a few paragraphs
	Pages      int // plain pages
	Photos     int // JPEG photos under content/photos/, shown by some activities and stories
	Weeks      int // calendar weeks in site.toml; 0 means 12
}

// Pages returns the files of a site that publishes about n HTML pages:
// n/2 activities and n/2 stories, a plain page for every 200 pages and eight
// photos, with a calendar of 12 weeks. Pages(10000) is the site of 5,000
// activities and 5,000 stories that the benchmarks measure.
func Pages(n int) map[string][]byte {
	return Generate(Options{Activities: n / 2, Stories: n / 2, Pages: max(1, n/200), Photos: 8})
}

// Today is the first day of the calendar the generated sites are made for:
// the dates of cancels and changes fall inside its window.
const Today = "2026-11-25"

// Generate returns the files of a site as volunteers write them: activities
// using every form of the when phrase of the content format (weekly on one
// or several days, every weekday, every day, every other week and every N
// weeks from a date, the nth and last weekday of the month, once, from and
// until clauses, times written in each accepted way, past midnight, lists of
// phrases), Dutch and English keys, cancels and changes (moved, other time,
// other room), opening hours with a season, a closure and a special day,
// stories of a few paragraphs with headings, lists, links and photos, plain
// pages in the menu and without front matter. The output depends on o only.
func Generate(o Options) map[string][]byte {
	weeks := o.Weeks
	if weeks == 0 {
		weeks = 12
	}
	files := map[string][]byte{
		"site.toml": fmt.Appendf(nil, `title = "Buurthuis De Brug"
tagline = "Een huiskamer voor de wijk"
baseURL = "https://debrug.example/"
language = "nl"
timezone = "Europe/Amsterdam"

[address]
street = "Brugstraat 1"
postcode = "1234 AB"
city = "Utrecht"
phone = "030 123 45 67"
email = "info@debrug.example"

[calendar]
weeks = %d
`, weeks),
		"content/_index.md": []byte("Welkom in **Buurthuis De Brug**. Loop gerust binnen voor koffie, een vraag of een praatje.\n\n" +
			"Kijk in de [agenda](/agenda/) wat er deze week te doen is.\n"),
		"content/opening-hours.md": []byte(`+++
title = "Openingstijden"
public_holidays = "nl"

[hours]
monday = "09:00-12:30, 13:30-17:00"
tuesday = "09:00-17:00"
wednesday = "09:00-17:00"
thursday = "09:00-21:00"
friday = "09:00-17:00"
saturday = "10:00-14:00"
sunday = "closed"

[[season]]
from = 2027-07-12
until = 2027-08-22
reason = "Zomertijden"
[season.hours]
monday = "10:00-14:00"
tuesday = "10:00-14:00"

[[closed]]
from = 2026-12-24
until = 2027-01-01
reason = "Kerstsluiting"

[[special]]
date = 2026-12-05
hours = "09:00-15:00"
reason = "Sinterklaas"
+++
Op feestdagen zijn we dicht. In de zomer hebben we kortere tijden.
`),
	}
	for i := range o.Photos {
		files[photoPath(i)] = photo(i)
	}
	for i := range o.Activities {
		name, data := activity(i, o.Photos)
		files[name] = data
	}
	for i := range o.Stories {
		name, data := story(i, o.Activities, o.Photos)
		files[name] = data
	}
	for i := range o.Pages {
		name, data := page(i, o.Activities)
		files[name] = data
	}
	return files
}

func photoPath(i int) string { return fmt.Sprintf("content/photos/foto-%02d.jpg", i) }

// photo returns a small JPEG of its own for the number i, 640 by 480 or
// 480 by 640.
func photo(i int) []byte {
	w, h := 640, 480
	if i%3 == 2 {
		w, h = h, w
	}
	return Photo(w, h, i)
}

// Photo returns a JPEG of w by h pixels whose colours depend on seed.
func Photo(w, h, seed int) []byte {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(uint64(seed), 7))
	base := [3]int{r.IntN(200), r.IntN(200), r.IntN(200)}
	for y := range h {
		for x := range w {
			m.SetRGBA(x, y, color.RGBA{
				uint8(base[0] + 55*x/w), uint8(base[1] + 55*y/h), uint8(base[2] + 55*(x+y)/(w+h)), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 80}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// rule is one when phrase and what it means, enough to find the days it
// gives.
type rule struct {
	phrase string
	days   []time.Weekday // the weekdays it falls on; nil: once
	every  int            // weeks between occurrences; 0 or 1: every week
	from   time.Time      // zero: no from clause
	until  time.Time      // zero: no until clause
	nth    int            // 1-4: that weekday of the month; -1: the last one
	once   time.Time
}

var (
	nlDays   = []string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}
	enDays   = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
	nlNth    = map[int]string{1: "eerste", 2: "tweede", 3: "derde", 4: "vierde", -1: "laatste"}
	enNth    = map[int]string{1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
	weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	allDays  = []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func ymd(t time.Time) string { return t.Format("2006-01-02") }

// onOrAfter returns the first day on or after t that is a wd.
func onOrAfter(t time.Time, wd time.Weekday) time.Time {
	return t.AddDate(0, 0, (int(wd)-int(t.Weekday())+7)%7)
}

// times returns a time range written in one of the ways the format accepts.
func times(i int, from, to string) string {
	switch i % 6 {
	case 1:
		return strings.ReplaceAll(from, ":", ".") + "-" + strings.ReplaceAll(to, ":", ".")
	case 2:
		return from + "–" + to
	case 3:
		return from + " - " + to
	case 4:
		return from + " to " + to
	case 5:
		return from + " tot " + to
	}
	return from + "-" + to
}

// rules returns the when phrases of activity i: a form of its own for each
// i modulo 16.
func rules(i int) []rule {
	d := allDays[i%7]
	d2 := allDays[(i+3)%7]
	nl := (i+i/16)%2 == 0 // each form in both languages
	dayName := func(wd time.Weekday) string {
		if nl {
			return nlDays[wd]
		}
		return enDays[wd]
	}
	start := []string{"09:00", "09:30", "10:00", "13:30", "14:00", "19:00"}[i%6]
	end := []string{"11:00", "11:30", "12:00", "15:30", "16:30", "21:00"}[i%6]
	tm := times(i/16, start, end)
	every := func(nlw, enw string) string {
		if nl {
			return nlw
		}
		return enw
	}
	switch i % 16 {
	case 0, 1:
		return []rule{{phrase: every("elke ", "every ") + dayName(d) + " " + tm, days: []time.Weekday{d}}}
	case 2:
		return []rule{{phrase: "iedere " + nlDays[d] + " " + tm, days: []time.Weekday{d}}}
	case 3:
		days := []time.Weekday{min(d, d2), max(d, d2)}
		if days[0] == days[1] {
			days = days[:1]
		}
		names := make([]string, len(days))
		for k, wd := range days {
			names[k] = dayName(wd)
		}
		return []rule{{phrase: every("elke ", "every ") + strings.Join(names, every(" en ", " and ")) + " " + tm, days: days}}
	case 4:
		return []rule{{phrase: every("elke werkdag ", "every weekday ") + times(i/16, "12:00", "13:00"), days: weekdays}}
	case 5:
		// Every day happens, but rarely: a breakfast or a daily walk.
		if i/16%3 != 0 {
			return []rule{{phrase: every("elke ", "every ") + dayName(d) + " " + tm, days: []time.Weekday{d}}}
		}
		return []rule{{phrase: every("elke dag ", "every day ") + times(i/16, "08:30", "09:15"), days: allDays}}
	case 6:
		from := onOrAfter(date(2026, 9, 1), d)
		return []rule{{phrase: every("om de week ", "every other ") + dayName(d) + " " + tm + every(" vanaf ", " from ") + ymd(from),
			days: []time.Weekday{d}, every: 2, from: from}}
	case 7:
		n := 2 + i/16%7
		from := onOrAfter(date(2026, 9, 1+i%20), d)
		phrase := fmt.Sprintf("every %d weeks on %s %s from %s", n, enDays[d], tm, ymd(from))
		if nl {
			phrase = fmt.Sprintf("om de %d weken %s %s vanaf %s", n, nlDays[d], tm, ymd(from))
		}
		return []rule{{phrase: phrase, days: []time.Weekday{d}, every: n, from: from}}
	case 8:
		nth := []int{1, 2, 3, 4, -1}[i/16%5]
		phrase := enNth[nth] + " " + enDays[d] + " of the month " + tm
		if nl {
			phrase = nlNth[nth] + " " + nlDays[d] + " van de maand " + tm
		}
		return []rule{{phrase: phrase, days: []time.Weekday{d}, nth: nth}}
	case 9:
		day := date(2026, 11, 26).AddDate(0, 0, i/16%80)
		return []rule{{phrase: ymd(day) + " " + tm, once: day}}
	case 10:
		from := date(2026, 10, 1).AddDate(0, 0, i/16%60)
		until := date(2027, 2, 1).AddDate(0, 0, i/16%90)
		kw := []string{" until ", " tot ", " t/m "}[i/16%3]
		return []rule{{phrase: every("elke ", "every ") + dayName(d) + " " + tm + every(" vanaf ", " from ") + ymd(from) + kw + ymd(until),
			days: []time.Weekday{d}, from: from, until: until}}
	case 11:
		until := date(2027, 1, 31).AddDate(0, 0, i/16%40)
		return []rule{{phrase: every("elke ", "every ") + dayName(d) + " " + tm + every(" t/m ", " until ") + ymd(until),
			days: []time.Weekday{d}, until: until}}
	case 12:
		// A night: the end before the start ends the next day.
		return []rule{{phrase: every("elke ", "every ") + dayName(d) + " " + times(i/16, "22:00", "01:00"), days: []time.Weekday{d}}}
	case 13:
		nth := []int{1, 3, -1}[i/16%3]
		return []rule{
			{phrase: every("elke ", "every ") + dayName(d) + " " + tm, days: []time.Weekday{d}},
			{phrase: every(nlNth[nth]+" "+nlDays[d2]+" van de maand ", enNth[nth]+" "+enDays[d2]+" of the month ") + times(i/16+1, "14:00", "16:00"),
				days: []time.Weekday{d2}, nth: nth},
		}
	case 14:
		from := date(2026, 11, 2).AddDate(0, 0, i/16%30)
		return []rule{{phrase: every("elke ", "every ") + dayName(d) + " " + tm + every(" vanaf ", " from ") + ymd(from),
			days: []time.Weekday{d}, from: from}}
	}
	return []rule{{phrase: every("ELKE ", "Every ") + strings.ToUpper(dayName(d)[:1]) + dayName(d)[1:] + " " + tm, days: []time.Weekday{d}}}
}

// on reports whether r gives an occurrence on day t.
func (r rule) on(t time.Time) bool {
	if r.days == nil {
		return t.Equal(r.once)
	}
	if !r.from.IsZero() && t.Before(r.from) || !r.until.IsZero() && t.After(r.until) {
		return false
	}
	found := false
	for _, wd := range r.days {
		found = found || wd == t.Weekday()
	}
	switch {
	case !found:
		return false
	case r.every > 1:
		return int(t.Sub(r.from).Hours()/24)/7%r.every == 0
	case r.nth > 0:
		return (t.Day()-1)/7 == r.nth-1
	case r.nth < 0:
		return t.AddDate(0, 0, 7).Month() != t.Month()
	}
	return true
}

// openDays returns the days in the calendar window on which the rules of
// an activity give an occurrence, leaving out the Christmas closure and the
// public holidays, so that cancels and changes have a date to name.
func openDays(rs []rule) []time.Time {
	var out []time.Time
	for t := date(2026, 11, 26); t.Before(date(2027, 2, 14)); t = t.AddDate(0, 0, 1) {
		if !t.Before(date(2026, 12, 24)) && !t.After(date(2027, 1, 1)) {
			continue
		}
		for _, r := range rs {
			if r.on(t) {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

var (
	rooms      = []string{"Huiskamer", "Grote zaal", "Keuken", "Atelier", "Tuin", "Zaal 2"}
	costs      = []string{"gratis", "€ 2,50", "free", "0", "€ 5 per keer", "€ 1 voor koffie"}
	categories = []string{"ontmoeten", "eten", "bewegen", "leren", "creatief", "hulp"}
	audiences  = []string{"iedereen", "ouderen", "kinderen", "jongeren", "ouders", "nieuwkomers"}
	names      = []string{"Koffieochtend", "Taalcafé", "Samen eten", "Repair café", "Breiclub", "Huiswerkklas",
		"Wandelgroep", "Spreekuur", "Yoga op de stoel", "Kinderclub", "Schilderles", "Computerhulp", "Zangkoor", "Klaverjassen"}
	people = []string{"Fatima", "Henk", "Mirjam", "Ahmed", "Joke", "Sven", "Ayşe", "Kees", "Priya", "Wim"}
)

// activity returns the path and bytes of activity i.
func activity(i, photos int) (string, []byte) {
	rs := rules(i)
	dutch := i%16 == 14 || i%10 == 3 || i%194 == 147 // Dutch keys
	key := func(en, nl string) string {
		if dutch {
			return nl
		}
		return en
	}
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "%s = %q\n", key("title", "titel"), fmt.Sprintf("%s %d", names[i%len(names)], i))
	fmt.Fprintf(&b, "%s = %q\n", key("summary", "samenvatting"), "Elke keer weer gezellig: "+strings.ToLower(names[i%len(names)])+" voor de buurt.")
	if len(rs) == 1 && i%3 != 0 {
		fmt.Fprintf(&b, "%s = %q\n", key("when", "wanneer"), rs[0].phrase)
	} else {
		phrases := make([]string, len(rs))
		for k, r := range rs {
			phrases[k] = fmt.Sprintf("%q", r.phrase)
		}
		fmt.Fprintf(&b, "%s = [%s]\n", key("when", "wanneer"), strings.Join(phrases, ", "))
	}
	fmt.Fprintf(&b, "%s = %q\n", key("room", "ruimte"), rooms[i%len(rooms)])
	fmt.Fprintf(&b, "%s = %q\n", key("cost", "kosten"), costs[i%len(costs)])
	if i%4 == 1 {
		fmt.Fprintf(&b, "%s = %q\n", key("signup", "aanmelden"), "Bel of app "+people[i%len(people)]+", 06 1234 5678")
	}
	if i%5 != 4 {
		fmt.Fprintf(&b, "contact = %q\n", people[(i+2)%len(people)]+", 06 8765 4321")
	}
	fmt.Fprintf(&b, "%s = [%q]\n", key("categories", "categorieen"), categories[i%len(categories)])
	fmt.Fprintf(&b, "%s = [%q, %q]\n", key("audience", "doelgroep"), audiences[i%len(audiences)], audiences[(i+1)%len(audiences)])
	if photos > 0 && i%25 == 7 {
		fmt.Fprintf(&b, "%s = %q\n%s = %q\n", key("image", "afbeelding"), strings.TrimPrefix(photoPath(i%photos), "content/"),
			key("image_alt", "afbeelding_alt"), "Buren aan een lange tafel in de "+strings.ToLower(rooms[i%len(rooms)]))
	}
	if i%16 == 15 {
		fmt.Fprintf(&b, "%s = true\n", key("on_holidays", "ook_bij_sluiting"))
	}
	if i%97 == 50 {
		fmt.Fprintf(&b, "%s = true\n", key("draft", "concept"))
	}
	// Every fifth activity has a cancel, a change or both, on days its rules give.
	if days := openDays(rs); len(days) >= 2 && i%5 == 0 {
		a, c := days[i%len(days)], days[(i+len(days)/2)%len(days)]
		if a.Equal(c) {
			c = days[(i+1)%len(days)]
		}
		if i%15 != 10 {
			fmt.Fprintf(&b, "\n[[%s]]\n%s = %s\n%s = %q\n", key("cancel", "vervalt"), key("date", "datum"), ymd(a), key("reason", "reden"),
				[]string{"Studiedag", "Zaal verhuurd", "Vrijwilliger ziek", "Verkiezingen"}[i%4])
		}
		if i%15 != 5 {
			fmt.Fprintf(&b, "\n[[%s]]\n%s = %s\n", key("change", "wijziging"), key("date", "datum"), ymd(c))
			switch i / 5 % 3 {
			case 0:
				fmt.Fprintf(&b, "%s = %q\n", key("time", "tijd"), times(i, "14:00", "16:00"))
			case 1:
				fmt.Fprintf(&b, "%s = %q\n", key("room", "ruimte"), "Grote zaal")
			case 2:
				fmt.Fprintf(&b, "%s = %s\n", key("new_date", "nieuwe_datum"), ymd(c.AddDate(0, 0, 1)))
			}
			fmt.Fprintf(&b, "%s = %q\n", key("note", "opmerking"), "Deze keer anders, let op!")
		}
	}
	b.WriteString("+++\n")
	r := rand.New(rand.NewPCG(uint64(i), 1))
	b.WriteString(paragraph(r, 30+r.IntN(40)))
	b.WriteString("\nWat we doen:\n\n")
	for range 2 + r.IntN(3) {
		b.WriteString("- " + sentence(r, 4+r.IntN(5)) + "\n")
	}
	b.WriteString("\n" + paragraph(r, 20+r.IntN(30)))
	return fmt.Sprintf("content/activities/activiteit-%05d.md", i), []byte(b.String())
}

// story returns the path and bytes of story i: a few paragraphs, headings,
// a list now and then, links to an activity and to another website, and
// for some a photo in the front matter or in the text.
func story(i, activities, photos int) (string, []byte) {
	r := rand.New(rand.NewPCG(uint64(i), 2))
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %q\n", capital(sentence(r, 3+r.IntN(4))))
	day := date(2026, 11, 24).AddDate(0, 0, -(i*7)%1000-i%3)
	fmt.Fprintf(&b, "date = %s\n", ymd(day))
	if i%3 != 0 {
		fmt.Fprintf(&b, "author = %q\n", people[i%len(people)])
	}
	switch {
	case i%200 == 199: // no consent (yet): skipped, with a warning
	default:
		b.WriteString("consent = true\n")
	}
	if i%5 == 2 {
		fmt.Fprintf(&b, "tags = [%q]\n", categories[i%len(categories)])
	}
	if photos > 0 && i%10 == 3 {
		fmt.Fprintf(&b, "image = %q\nimage_alt = %q\n", strings.TrimPrefix(photoPath(i%photos), "content/"), "Bewoners in de buurttuin")
	}
	if i%211 == 100 {
		b.WriteString("draft = true\n")
	}
	b.WriteString("+++\n")
	for p := range 3 + r.IntN(4) {
		if p > 0 && r.IntN(3) == 0 {
			fmt.Fprintf(&b, "## %s\n\n", capital(sentence(r, 2+r.IntN(3))))
		}
		text := paragraph(r, 40+r.IntN(60))
		if p == 1 && activities > 0 {
			a := (i * 37) % activities
			if a%97 == 50 { // drafts are not linked
				a++
			}
			text = strings.TrimSuffix(text, "\n") + fmt.Sprintf(" Ik ga nu elke week naar de [%s](../activities/activiteit-%05d.md).\n",
				strings.ToLower(names[a%len(names)]), a%activities)
		}
		if p == 2 && i%4 == 0 {
			text = strings.TrimSuffix(text, "\n") + " Meer weten? Kijk op [de site van de gemeente](https://www.utrecht.example/wonen).\n"
		}
		b.WriteString(text + "\n")
		if p == 1 && i%6 == 1 {
			for range 3 {
				b.WriteString("- " + sentence(r, 3+r.IntN(6)) + "\n")
			}
			b.WriteString("\n")
		}
		if p == 2 && photos > 0 && i%20 == 9 {
			fmt.Fprintf(&b, "![%s](../photos/foto-%02d.jpg)\n\n", capital(sentence(r, 4)), i%photos)
		}
	}
	return fmt.Sprintf("content/stories/verhaal-%05d.md", i), []byte(b.String())
}

// page returns the path and bytes of plain page i: the first few are in
// the menu, every fourth has no front matter and takes its title from its
// heading.
func page(i, activities int) (string, []byte) {
	r := rand.New(rand.NewPCG(uint64(i), 3))
	title := capital(sentence(r, 2+r.IntN(2)))
	var b strings.Builder
	if i%4 == 3 {
		fmt.Fprintf(&b, "# %s\n\n", title)
	} else {
		fmt.Fprintf(&b, "+++\ntitle = %q\n", title)
		if i < 4 {
			fmt.Fprintf(&b, "menu = %d\n", i+1)
		}
		b.WriteString("+++\n")
	}
	for p := range 3 + r.IntN(3) {
		if p > 0 {
			fmt.Fprintf(&b, "## %s\n\n", capital(sentence(r, 2+r.IntN(3))))
		}
		b.WriteString(paragraph(r, 50+r.IntN(50)) + "\n")
	}
	if activities > 0 {
		fmt.Fprintf(&b, "Zie ook de [%s](activities/activiteit-%05d.md).\n", strings.ToLower(names[(i*13)%activities%len(names)]), (i*13)%activities/97*97)
	}
	return fmt.Sprintf("content/pagina-%04d.md", i), []byte(b.String())
}

var words = strings.Fields(`de het een en van in op met voor buurt buurthuis koffie tafel samen
	tuin buren wijk vrijwilliger middag ochtend straat kinderen school markt fiets boek soep
	gesprek lachen praten helpen leren koken zingen wandelen plant bloemen regen zon winter
	zomer week dag avond oma opa moeder vader vriendin vriend nieuw oud mooi fijn gezellig
	warm druk rustig lekker eerst later altijd soms vaak nooit echt heel veel weinig iedereen
	niemand samen alleen thuis buiten binnen kwam ging zag hoorde vond maakte bracht kreeg
	wilde kon moest mocht zei vroeg dacht wist bleef liep zat stond hielp kookte plantte`)

func sentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for k := range w {
		w[k] = words[r.IntN(len(words))]
	}
	return strings.Join(w, " ")
}

// paragraph returns about n words in sentences, ending in a newline.
func paragraph(r *rand.Rand, n int) string {
	var b strings.Builder
	for n > 0 {
		k := min(n, 6+r.IntN(10))
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(capital(sentence(r, k)) + ".")
		n -= k
	}
	b.WriteString("\n")
	return b.String()
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
