// Package residents says in plain words what residents will see change when
// a published site is replaced by a new build: the last look a coordinator
// takes before publish uploads anything. It reads only what the site
// publishes (agenda.json, the pages of activities and stories, and the
// structured data of the opening hours), so it compares any two builds.
package residents

import (
	"cmp"
	"encoding/json"
	"html"
	"regexp"
	"slices"
	"strings"
	"time"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/diag"
)

// Snapshot is a published site as Changes reads it: on the server or in
// public/.
type Snapshot struct {
	Files map[string]bool                   // every file, by slash-separated path
	Read  func(name string) ([]byte, error) // the content of one of Files
}

func (s Snapshot) read(name string) []byte {
	if !s.Files[name] || s.Read == nil {
		return nil
	}
	b, err := s.Read(name)
	if err != nil {
		return nil
	}
	return b
}

// Changes says in plain words what residents will see change when the site
// old (on the server) is replaced by new: activities added or removed,
// sessions cancelled, moved, changed or added in the weeks both calendars
// show, stories added or taken offline, and exceptions to the opening hours.
// The lines are in a fixed order: activities, sessions by date, stories,
// opening hours.
func Changes(old, new Snapshot, lang string) []diag.Text {
	if !old.Files["agenda.json"] {
		return []diag.Text{diag.T("De site komt voor het eerst online.", "The site goes online for the first time.")}
	}
	words, ok := build.PathWords[lang]
	if !ok {
		words = build.PathWords["en"]
	}
	var out []diag.Text
	oldActs, newActs := sections(old.Files, words.Activities), sections(new.Files, words.Activities)
	addedActs := setMinus(newActs, oldActs)
	removedActs := setMinus(oldActs, newActs)
	for _, slug := range addedActs {
		out = append(out, diag.T("Nieuwe activiteit: %s", "New activity: %s", pageTitle(new, words.Activities, slug)))
	}
	for _, slug := range removedActs {
		out = append(out, diag.T("Activiteit verdwijnt van de site: %s", "Activity taken off the site: %s", pageTitle(old, words.Activities, slug)))
	}
	skip := map[string]bool{}
	for _, s := range addedActs {
		skip[s] = true
	}
	for _, s := range removedActs {
		skip[s] = true
	}
	oa, na := readAgenda(old.read("agenda.json")), readAgenda(new.read("agenda.json"))
	hoursPage := words.Hours + "/index.html"
	oldHours, newHours := readHours(old.read(hoursPage)), readHours(new.read(hoursPage))
	var from, until string
	if oa != nil && na != nil {
		from, until = max(oa.From, na.From), min(oa.Until, na.Until)
		out = append(out, sessions(oa, na, from, until, skip, newHours)...)
	}
	oldStories, newStories := sections(old.Files, words.Stories), sections(new.Files, words.Stories)
	for _, slug := range setMinus(newStories, oldStories) {
		out = append(out, diag.T("Nieuw verhaal: %s", "New story: %s", pageTitle(new, words.Stories, slug)))
	}
	for _, slug := range setMinus(oldStories, newStories) {
		out = append(out, diag.T("Verhaal gaat offline: %s", "Story taken offline: %s", pageTitle(old, words.Stories, slug)))
	}
	if from != "" {
		out = append(out, hours(oldHours, newHours, from, until, na.From[:4])...)
	}
	return out
}

// sections returns the slugs of the pages under dir: "verhalen/<slug>/index.html".
func sections(files map[string]bool, dir string) map[string]bool {
	out := map[string]bool{}
	for name := range files {
		rest, ok := strings.CutPrefix(name, dir+"/")
		if !ok {
			continue
		}
		if slug, ok := strings.CutSuffix(rest, "/index.html"); ok && !strings.Contains(slug, "/") {
			out[slug] = true
		}
	}
	return out
}

func setMinus(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	slices.Sort(out) // sort for a stable report
	return out
}

var h1 = regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
var tag = regexp.MustCompile(`<[^>]*>`)

// pageTitle is the heading of a page, or its slug when it has none.
func pageTitle(s Snapshot, dir, slug string) string {
	if m := h1.FindSubmatch(s.read(dir + "/" + slug + "/index.html")); m != nil {
		if t := strings.TrimSpace(html.UnescapeString(tag.ReplaceAllString(string(m[1]), ""))); t != "" {
			return t
		}
	}
	return slug
}

type agenda struct {
	From        string       `json:"from"`
	Until       string       `json:"until"`
	Occurrences []occurrence `json:"occurrences"`
}

type occurrence struct {
	Activity string `json:"activity"`
	Title    string `json:"title"`
	Start    string `json:"start"`
	End      string `json:"end"`
	Status   string `json:"status"`
	Room     string `json:"room"`
	Note     string `json:"note"`
}

func readAgenda(b []byte) *agenda {
	if b == nil {
		return nil
	}
	var a agenda
	if json.Unmarshal(b, &a) != nil {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, a.From); err != nil {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, a.Until); err != nil {
		return nil
	}
	return &a
}

func (o occurrence) day() string { return o.Start[:min(len(o.Start), 10)] }

func (o occurrence) key() string { return o.Activity + " " + o.Start }

// sessions compares the occurrences of the days from..until.
func sessions(oa, na *agenda, from, until string, skip map[string]bool, closed map[string]hoursDay) []diag.Text {
	in := func(a *agenda) (map[string]occurrence, []occurrence) {
		m := map[string]occurrence{}
		var list []occurrence
		for _, o := range a.Occurrences {
			if d := o.day(); d < from || d > until || skip[o.Activity] {
				continue
			}
			m[o.key()] = o
			list = append(list, o)
		}
		return m, list
	}
	oldM, oldL := in(oa)
	newM, newL := in(na)
	type line struct {
		day, title string
		text       diag.Text
	}
	var lines []line
	add := func(o occurrence, t diag.Text) { lines = append(lines, line{o.day(), o.Title, t}) }
	year := na.From[:4]
	// Occurrences that are in only one of the two, per activity, in order.
	var gone, come []occurrence
	for _, o := range oldL {
		if _, ok := newM[o.key()]; !ok {
			gone = append(gone, o)
		}
	}
	for _, n := range newL {
		o, ok := oldM[n.key()]
		if !ok {
			come = append(come, n)
			continue
		}
		switch {
		case o.Status == n.Status && o.End == n.End && o.Room == n.Room && o.Note == n.Note:
		case n.Status == "cancelled":
			add(n, diag.T("%s: %s vervalt%s", "%s: %s is cancelled%s", n.Title, dayText(n, year), noteText(n.Note)))
		case o.Status == "cancelled":
			add(n, diag.T("%s: %s gaat toch door", "%s: %s takes place after all", n.Title, dayText(n, year)))
		default:
			add(n, diag.T("%s: %s gewijzigd: %s%s", "%s: %s changed: %s%s", n.Title, dayText(n, year), whenWhere(n), noteText(n.Note)))
		}
	}
	// A moved occurrence: gone on its old date, come as "changed" on another.
	used := map[int]bool{}
	extra, dropped := map[string][]occurrence{}, map[string][]occurrence{}
	for _, n := range come {
		moved := -1
		if n.Status == "changed" {
			for i, o := range gone {
				if !used[i] && o.Activity == n.Activity && o.Status != "cancelled" {
					moved = i
					break
				}
			}
		}
		if moved >= 0 {
			used[moved] = true
			o := gone[moved]
			add(o, diag.T("%s: %s verplaatst naar %s %s%s", "%s: %s moved to %s %s%s", n.Title, dayText(o, year), dayText(n, year), whenWhere(n), noteText(n.Note)))
			continue
		}
		if n.Status == "cancelled" {
			continue // a new date that is off from the start changes nothing
		}
		extra[n.Activity] = append(extra[n.Activity], n)
	}
	for i, o := range gone {
		if used[i] || o.Status == "cancelled" {
			continue
		}
		if d, ok := closed[o.day()]; ok && d.closed && len(d.hours) == 0 {
			add(o, diag.T("%s: %s vervalt (het buurthuis is dan dicht)", "%s: %s is cancelled (the centre is closed that day)", o.Title, dayText(o, year)))
			continue
		}
		dropped[o.Activity] = append(dropped[o.Activity], o)
	}
	// A few sessions one by one; a whole series in one line.
	for _, list := range extra {
		if len(list) < seriesAt {
			for _, n := range list {
				add(n, diag.T("%s: extra op %s %s", "%s: extra session on %s %s", n.Title, dayText(n, year), whenWhere(n)))
			}
			continue
		}
		first, last := list[0], list[len(list)-1]
		add(first, diag.T("%s: %d keer extra, van %s tot en met %s", "%s: %d extra sessions, from %s to %s", first.Title, len(list), dayText(first, year), dayText(last, year)))
	}
	for _, list := range dropped {
		if len(list) < seriesAt {
			for _, o := range list {
				add(o, diag.T("%s: %s staat niet meer in de agenda", "%s: %s is no longer in the calendar", o.Title, dayText(o, year)))
			}
			continue
		}
		first, last := list[0], list[len(list)-1]
		add(first, diag.T("%s: %d keer niet meer in de agenda, van %s tot en met %s", "%s: %d sessions no longer in the calendar, from %s to %s", first.Title, len(list), dayText(first, year), dayText(last, year)))
	}
	slices.SortStableFunc(lines, func(a, b line) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.title, b.title), cmp.Compare(a.text.EN, b.text.EN))
	})
	out := make([]diag.Text, len(lines))
	for i, l := range lines {
		out[i] = l.text
	}
	return out
}

// seriesAt is the number of sessions from which added or dropped sessions of
// one activity are said in one line.
const seriesAt = 3

func noteText(note string) string {
	if note == "" {
		return ""
	}
	return " (" + note + ")"
}

// whenWhere is "14:00-16:00" or "14:00-16:00, Grote zaal".
func whenWhere(o occurrence) string {
	s := clock(o.Start) + "-" + clock(o.End)
	if o.Room != "" {
		s += ", " + o.Room
	}
	return s
}

func clock(rfc3339 string) string {
	t, err := time.Parse(time.RFC3339, rfc3339)
	if err != nil {
		return rfc3339
	}
	return t.Format("15:04")
}

var months = [2][12]string{
	{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

func dayText(o occurrence, year string) diag.Text { return dateText(o.day(), year) }

// dateText writes 2027-01-19 as "19 januari" and "19 January", with the
// year when it is not year.
func dateText(day, year string) diag.Text {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return diag.Text{NL: day, EN: day}
	}
	nl := t.Format("2") + " " + months[0][t.Month()-1]
	en := t.Format("2") + " " + months[1][t.Month()-1]
	if day[:4] != year {
		nl += " " + day[:4]
		en += " " + day[:4]
	}
	return diag.Text{NL: nl, EN: en}
}

func nextDay(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, 1).Format(time.DateOnly)
}

// hoursDay is the opening hours of one day that is not a regular day.
type hoursDay struct {
	closed bool
	hours  []string
}

func (h hoursDay) equal(o hoursDay) bool {
	return h.closed == o.closed && slices.Equal(h.hours, o.hours)
}

var ldScript = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// readHours reads the special days and closures from the structured data of
// the opening hours page, by date.
func readHours(page []byte) map[string]hoursDay {
	m := ldScript.FindSubmatch(page)
	if m == nil {
		return nil
	}
	var place struct {
		Hours []struct {
			DayOfWeek []string `json:"dayOfWeek"`
			Opens     string   `json:"opens"`
			Closes    string   `json:"closes"`
			From      string   `json:"validFrom"`
		} `json:"openingHoursSpecification"`
	}
	if json.Unmarshal(m[1], &place) != nil {
		return nil
	}
	out := map[string]hoursDay{}
	for _, h := range place.Hours {
		if h.From == "" {
			continue
		}
		d := out[h.From]
		if h.Opens == "00:00" && h.Closes == "00:00" {
			d.closed = true
		} else {
			d.hours = append(d.hours, h.Opens+"-"+h.Closes)
		}
		out[h.From] = d
	}
	return out
}

// hours compares the exceptions to the opening hours from..until.
func hours(old, new map[string]hoursDay, from, until, year string) []diag.Text {
	if old == nil || new == nil {
		return nil
	}
	days := map[string]bool{}
	for d := range old {
		days[d] = true
	}
	for d := range new {
		days[d] = true
	}
	var list []string
	for d := range days {
		if d >= from && d <= until {
			list = append(list, d)
		}
	}
	slices.Sort(list)
	var out []diag.Text
	for i := 0; i < len(list); i++ {
		d := list[i]
		o, hadOld := old[d]
		n, hasNew := new[d]
		closedNow := func(d string) bool {
			o, hadOld := old[d]
			n, hasNew := new[d]
			return hasNew && n.closed && len(n.hours) == 0 && !(hadOld && o.equal(n))
		}
		switch {
		case hadOld && hasNew && o.equal(n):
		case !hasNew:
			out = append(out, diag.T("Openingstijden: %s weer de gewone tijden", "Opening hours: %s back to the usual hours", dateText(d, year)))
		case closedNow(d):
			last := d
			for i+1 < len(list) && list[i+1] == nextDay(last) && closedNow(list[i+1]) {
				i++
				last = list[i]
			}
			if last == d {
				out = append(out, diag.T("Openingstijden: %s gesloten", "Opening hours: closed on %s", dateText(d, year)))
			} else {
				out = append(out, diag.T("Openingstijden: %s tot en met %s gesloten", "Opening hours: closed from %s to %s", dateText(d, year), dateText(last, year)))
			}
		default:
			out = append(out, diag.T("Openingstijden: %s open %s", "Opening hours: %s open %s", dateText(d, year), strings.Join(n.hours, ", ")))
		}
	}
	return out
}
