package build

import (
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// The filter pages pick the activities residents ask for, each at an
// address of its own with its own calendar file:
//
//	/activiteiten/voor/<doelgroep>/   the activities for an audience
//	/activiteiten/soort/<categorie>/  the activities of a category
//	/activiteiten/op/<dag>/           the activities on a day of the week
//	/activiteiten/gratis/             the free activities
//	/activiteiten/vrije-inloop/       the activities without signing up
//
// with the English words of PathWords on an English site. Audiences and
// categories are taken together by slug (content.Terms). A page exists for
// every term, day and kind that a published activity has, so that the
// links of activity pages always lead somewhere; it lists, and its
// calendar holds, those of its activities that have a date to come. The
// page of a day shows the dates on that day; its calendar file holds its
// activities whole, also their dates on other days, as one rule ("elke
// maandag en donderdag") is one series there.

// The filter pages; their calendar files are the kind filter-ics.
var _ = register(kind{name: "filter", routes: func(p *plan) []route {
	var rs []route
	for _, f := range p.filters() {
		rs = append(rs, route{path: indexPath(f.path), inputs: []input{anyActivity, fileInput(content.HoursFile)},
			make: func(w io.Writer) (diag.List, error) { return p.filterPage(w, f) }})
	}
	return rs
}})

// FilterWords are the path words of the filter pages.
type FilterWords struct {
	For, Kind, On, Free, WalkIn string
	Days                        [7]string // Sunday first, as time.Weekday
}

// The groups of filters, in the order the overview shows them.
const (
	groupFor = iota
	groupKind
	groupDay
	groupOther
)

// filter is one filter page.
type filter struct {
	path  string // site path: "/activiteiten/voor/kinderen/"
	title string // "Voor kinderen"
	name  string // the link text in the overview: "kinderen"
	group int
	acts  []*content.Activity // every activity it picks, in the order of the site
	// day is the day of the week of a day filter, whose page shows the
	// dates on that day only; -1 for other filters.
	day time.Weekday
}

// filters returns every filter page: audiences and categories by slug, the
// days Monday first, then free and walk-in. It depends only on
// what the activities say, not on their dates.
func (p *plan) filters() []*filter {
	set := &p.filterSet
	set.once.Do(func() {
		set.terms = [2][]*content.Term{content.Terms(p.site.Activities, content.Audiences), content.Terms(p.site.Activities, content.Categories)}
		set.list = p.makeFilters(set.terms[0], set.terms[1])
	})
	return set.list
}

func (p *plan) makeFilters(audiences, categories []*content.Term) []*filter {
	w := p.words.Filters
	base := p.sectionPath(p.words.Activities)
	var out []*filter
	for _, t := range audiences {
		out = append(out, &filter{path: base + w.For + "/" + t.Slug + "/", title: p.theme.T("filter_for", t.Name), name: t.Name, group: groupFor, acts: t.Activities, day: -1})
	}
	for _, t := range categories {
		out = append(out, &filter{path: base + w.Kind + "/" + t.Slug + "/", title: p.theme.T("filter_kind", t.Name), name: t.Name, group: groupKind, acts: t.Activities, day: -1})
	}
	var days [7][]*content.Activity
	var free, walkIn []*content.Activity
	for _, a := range p.site.Activities {
		for d, on := range activityDays(a) {
			if on {
				days[d] = append(days[d], a)
			}
		}
		if a.Free() {
			free = append(free, a)
		}
		if a.WalkIn() {
			walkIn = append(walkIn, a)
		}
	}
	for i := range 7 {
		d := (i + 1) % 7 // Monday first
		if len(days[d]) > 0 {
			out = append(out, &filter{path: base + w.On + "/" + w.Days[d] + "/", title: p.theme.T("filter_on." + itoa(d)), name: p.theme.T("day." + itoa(d)), group: groupDay, acts: days[d], day: time.Weekday(d)})
		}
	}
	if len(free) > 0 {
		out = append(out, &filter{path: base + w.Free + "/", title: p.theme.T("filter_free"), name: p.theme.T("free"), group: groupOther, acts: free, day: -1})
	}
	if len(walkIn) > 0 {
		out = append(out, &filter{path: base + w.WalkIn + "/", title: p.theme.T("filter_walk_in"), name: p.theme.T("walk_in"), group: groupOther, acts: walkIn, day: -1})
	}
	return out
}

// activityDays tells on which days of the week, Sunday first, the rules of
// a put the activity: the days of repeating rules, the date's day of a
// rule that happens once.
func activityDays(a *content.Activity) [7]bool {
	var days [7]bool
	for _, r := range a.Rules {
		if r.Kind == schedule.Once {
			days[r.Date.Weekday()] = true
			continue
		}
		for _, d := range r.Days {
			days[d] = true
		}
	}
	return days
}

// coming returns the activities of acts that have a date to come.
func (p *plan) coming(acts []*content.Activity) []*content.Activity {
	var out []*content.Activity
	for _, a := range acts {
		if len(p.cal.upcoming(a.Slug, 1)) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// filterFeedName is the name a calendar app shows for the calendar of a
// filter: "Buurthuis De Linde – Voor kinderen".
func (p *plan) filterFeedName(f *filter) string { return p.cfg.Title + " – " + f.title }

// filterPage lists the activities of a filter with a date to come: their
// dates in the coming two weeks, as on the agenda, as far as filterItems
// reach, and each as a card. A day filter shows the dates on its day, and
// those moved from it.
func (p *plan) filterPage(w io.Writer, f *filter) (diag.List, error) {
	pg := p.page("filter", f.title, f.path)
	acts := p.coming(f.acts)
	v := &render.Filter{Overview: p.cfg.Link(p.sectionPath(p.words.Activities)) + "#filters"}
	switch len(acts) {
	case 0:
	case 1:
		v.Count = p.theme.T("filter_count_one")
	default:
		v.Count = p.theme.T("filter_count", len(acts))
	}
	in := make(map[string]bool, len(acts))
	shows := func(o *schedule.Occurrence) bool {
		return in[o.Slug] && (f.day < 0 || o.Start.Weekday() == f.day || o.Original().Weekday() == f.day)
	}
	for _, a := range acts {
		in[a.Slug] = true
		card, err := p.activityCard(a)
		if err != nil {
			return nil, err
		}
		v.Activities = append(v.Activities, card)
	}
	room := filterItems
	for d := p.cal.window.From; !d.After(p.agendaUntil()); d = d.AddDays(1) {
		n := 0
		for _, o := range p.cal.byDate[d] {
			if shows(o) {
				n++
			}
		}
		if n == 0 {
			continue
		}
		if room == 0 || n > room && len(v.Days) > 0 {
			v.More = true
			break
		}
		take := min(n, room)
		v.More = take < n
		room -= take
		key := "filter " + f.path + " " + itoa(take) + " " + p.dayKey(d)
		h, err := p.frags.html.get(key, func() (template.HTML, error) { return p.filterDay(d, shows, take) })
		if err != nil {
			return nil, err
		}
		v.Days = append(v.Days, &render.Day{Date: d.String(), HTML: h})
	}
	pg.Filter = v
	pg.Summary = titles(acts, 8)
	ics := f.path + "agenda.ics"
	pg.Calendar = &render.Calendar{ICS: p.cfg.Link(ics), Subscribe: p.subscribe(ics, p.filterFeedName(f))}
	pg.Script = pageScript
	return p.write(w, pg, nil)
}

// titles returns the titles of the first n activities, for the summary a
// link preview shows: "Kinderclub, Knutselochtend, Voorlezen".
func titles(acts []*content.Activity, n int) string {
	var out []string
	for _, a := range acts[:min(n, len(acts))] {
		out = append(out, a.Title)
	}
	s := strings.Join(out, ", ")
	if len(acts) > n {
		s += ", …"
	}
	return s
}

// filterItems is about how many dates a filter page shows: the coming two
// weeks on a small site, a page a phone loads quickly on a large one.
const filterItems = 40

// filterDay renders day d as the agenda shows it, with only the first n
// occurrences that shows picks.
func (p *plan) filterDay(d schedule.Date, shows func(*schedule.Occurrence) bool, n int) (template.HTML, error) {
	v := &render.Day{
		Date: d.String(), Title: schedule.FormatDate(d, p.cfg.Language), Short: itoa(d.Day),
		Today: d == p.today, InWindow: p.cal.window.Contains(d), Closed: p.closedReason(d),
	}
	var items strings.Builder
	for _, o := range p.cal.byDate[d] {
		if !shows(o) || len(v.Occurrences) == n {
			continue
		}
		item, err := p.occurrenceItems(*o, false)
		if err != nil {
			return "", err
		}
		if len(v.Occurrences) > 0 {
			items.WriteByte('\n')
		}
		v.Occurrences = append(v.Occurrences, item)
		items.WriteString(string(item.HTML))
	}
	v.Items = template.HTML(items.String()) // #nosec: pieces rendered by html/template
	return p.theme.Fragment("_day.html", v)
}

// filterOverview returns the filters for the activities page, by group:
// those with an activity with a date to come.
func (p *plan) filterOverview() []*render.FilterGroup {
	groups := []*render.FilterGroup{
		{ID: "filters-for", Title: p.theme.T("filters_for")},
		{ID: "filters-kind", Title: p.theme.T("filters_kind")},
		{ID: "filters-day", Title: p.theme.T("filters_day")},
		{ID: "filters-other", Title: p.theme.T("filters_other")},
	}
	for _, f := range p.filters() {
		n := len(p.coming(f.acts))
		if n == 0 {
			continue
		}
		g := groups[f.group]
		g.Links = append(g.Links, render.Link{Title: p.theme.T("filter_link", f.name, n), URL: p.cfg.Link(f.path)})
	}
	return slices.DeleteFunc(groups, func(g *render.FilterGroup) bool { return len(g.Links) == 0 })
}

// termLinks links the terms of an activity, as it writes them, to their
// filter pages.
func (p *plan) termLinks(a *content.Activity) (audience, categories []render.Term) {
	w := p.words.Filters
	base := p.sectionPath(p.words.Activities)
	link := func(names []string, word string) []render.Term {
		var out []render.Term
		seen := map[string]bool{}
		for _, n := range names {
			slug := content.Slugify(n)
			if slug == "" || seen[slug] {
				continue
			}
			seen[slug] = true
			out = append(out, render.Term{Name: strings.TrimSpace(n), URL: p.cfg.Link(base + word + "/" + slug + "/")})
		}
		return out
	}
	return link(a.Audience, w.For), link(a.Categories, w.Kind)
}

// checkFilters reports activities whose address is that of a filter page,
// and warns about audiences and categories that look like a misspelling
// of another (content.Variants).
func (p *plan) checkFilters(diags *diag.List) {
	w := p.words.Filters
	for _, a := range p.site.Activities {
		if a.Slug == w.Free || a.Slug == w.WalkIn {
			diags.Errorf(diag.Pos{File: a.File}, "reserved-slug",
				diag.T("het webadres %s is al in gebruik door Krachtpunt", "the address %s is already used by Krachtpunt", p.activityPath(a)),
				diag.T(`Geef de activiteit een andere bestandsnaam, of zet slug = "andere-naam" in de gegevens.`, `Give the activity another file name, or set slug = "other-name" in its settings.`))
		}
	}
	base := p.sectionPath(p.words.Activities)
	p.filters()
	for i, kind := range []struct {
		word string
		what diag.Text
	}{
		{w.For, diag.T("de doelgroep", "the audience")},
		{w.Kind, diag.T("de categorie", "the category")},
	} {
		for _, v := range content.Variants(p.filterSet.terms[i]) {
			others := len(v.Term.Activities)
			diags.Warnf(v.Use.Pos, "term-variant",
				diag.T("%s ‘%s’ staat alleen bij deze activiteit: bedoel je ‘%s’? die staat bij %d andere activiteiten",
					"%s ‘%s’ is only on this activity: did you mean ‘%s’? that one is on %d other activities",
					kind.what, v.Use.Name, v.Term.Name, others),
				diag.T("Schrijf het zoals bij die andere activiteiten; dan staan ze samen op %s. Bedoel je iets anders, dan kan het zo blijven.",
					"Write it as those other activities do; then they are listed together on %s. If you mean something else, it can stay as it is.",
					base+kind.word+"/"+v.Term.Slug+"/"))
		}
	}
}
