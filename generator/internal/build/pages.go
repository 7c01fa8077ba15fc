package build

import (
	"html/template"
	"slices"
	"strings"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

func (p *plan) home() ([]byte, diag.List, error) {
	pg := p.page("home", p.cfg.Title, "/")
	pg.Summary = p.cfg.Tagline
	var diags diag.List
	if h := p.site.Home; h != nil {
		pg.Body, diags = p.markdown(h.Source)
	}
	pg.Stories = p.storyViews(3)
	cal := &render.Calendar{Data: p.scriptData(), ICS: p.cfg.Link("/agenda.ics")}
	if p.cal.hours != nil {
		cal.Today = p.todayView(p.today)
	}
	// Today, and the rest of this week up to Sunday, as far as homeItems
	// reach; the week page has the rest.
	room, left := homeItems, 0
	for d := p.today; d == p.today || d.Weekday() != time.Monday; d = d.AddDays(1) {
		n := len(p.cal.byDate[d])
		if n == 0 && d != p.today {
			continue
		}
		if room == 0 {
			left += n
			continue
		}
		var h template.HTML
		var err error
		if n <= room {
			h, err = p.dayFragment("_home-day.html", d)
		} else {
			h, err = p.partDay(d, room)
			left += n - room
			n = room
		}
		if err != nil {
			return nil, nil, err
		}
		room -= n
		cal.ThisWeek = append(cal.ThisWeek, &render.Day{Date: d.String(), HTML: h})
	}
	if left > 0 {
		cal.More = p.cfg.Link(p.weekPath(mondayOf(p.today)))
		cal.MoreText = p.theme.T("more_this_week", left)
		if left == 1 {
			cal.MoreText = p.theme.T("more_this_week_one")
		}
	}
	pg.Calendar = cal
	pg.Script = pageScript
	pg.JSONLD = p.placeJSONLD()
	return p.render(pg, diags)
}

// homeItems is about how many activities the home page lists under "this
// week": enough for a few days on a small site, a page a phone loads
// quickly on a large one.
const homeItems = 30

// partDay returns day d as the home page shows it with only its first n
// occurrences.
func (p *plan) partDay(d schedule.Date, n int) (template.HTML, error) {
	full, err := p.dayView(d)
	if err != nil {
		return "", err
	}
	v := *full
	v.Occurrences = full.Occurrences[:n]
	var items strings.Builder
	for i, o := range v.Occurrences {
		if i > 0 {
			items.WriteByte('\n')
		}
		items.WriteString(string(o.HTML))
	}
	v.Items = template.HTML(items.String()) // #nosec: pieces rendered by html/template
	return p.theme.Fragment("_home-day.html", &v)
}

func (p *plan) notFound() ([]byte, diag.List, error) {
	pg := p.page("404", p.theme.T("not_found_title"), "/404.html")
	pg.Canonical = ""
	return p.render(pg, nil)
}

func (p *plan) plainPage(c *content.Page) ([]byte, diag.List, error) {
	pg := p.page("page", c.Title, "/"+c.Slug+"/")
	pg.NoTitle = c.Heading
	var diags diag.List
	pg.Body, diags = p.markdown(c.Source)
	return p.render(pg, diags)
}

// nextDates is how many coming dates an activity page lists.
const nextDates = 8

func (p *plan) activityView(a *content.Activity) *render.Activity {
	lang := p.cfg.Language
	v := &render.Activity{
		Title: a.Title, URL: p.cfg.Link(p.activityPath(a)), Summary: a.Summary,
		Room: a.Room, Cost: a.Cost, Free: a.Free(), WalkIn: a.WalkIn(), Signup: a.Signup, Contact: a.Contact,
		ImageAlt: a.ImageAlt, Tags: a.Categories,
		ICS: p.cfg.Link(p.activityPath(a) + "agenda.ics"),
	}
	if img, ok := p.Image(a.Image); ok {
		v.Image, v.ImageW, v.ImageH, v.ImageSrcset, v.ImageSizes = img.URL, img.Width, img.Height, img.Srcset, img.Sizes
	}
	for _, r := range a.Rules {
		v.When = append(v.When, r.Describe(lang))
	}
	return v
}

func (p *plan) activity(a *content.Activity) ([]byte, diag.List, error) {
	pg := p.page("activity", a.Title, p.activityPath(a))
	pg.Summary = a.Summary
	pg.Activity = p.activityView(a)
	var diags diag.List
	pg.Body, diags = p.markdown(a.Source)
	next := p.cal.upcoming(a.Slug, nextDates)
	if len(next) > nextDates {
		next = next[:nextDates]
	}
	cal := &render.Calendar{ICS: pg.Activity.ICS, Subscribe: p.subscribe(p.activityPath(a)+"agenda.ics", p.calendarName(a))}
	for _, o := range next {
		cal.Next = append(cal.Next, p.occurrenceView(o))
	}
	pg.Calendar = cal
	pg.Script = pageScript
	pg.JSONLD = p.eventsJSONLD(a, next)
	return p.render(pg, diags)
}

// intro returns the title and text a volunteer wrote for a list page, or
// the default title.
func (p *plan) intro(pg *render.Page, intro *content.Page) diag.List {
	if intro == nil {
		return nil
	}
	if intro.Title != "" {
		pg.Title = intro.Title
	}
	pg.NoTitle = intro.Heading
	var diags diag.List
	pg.Body, diags = p.markdown(intro.Source)
	return diags
}

// activities lists every activity that has a date to come, grouped by the
// day of the week it is on, Monday first; activities that happen once come
// last, by date.
func (p *plan) activities() ([]byte, diag.List, error) {
	pg := p.page("activities", p.theme.T("activities"), p.sectionPath(p.words.Activities))
	diags := p.intro(pg, p.site.ActivitiesIntro)
	var byDay [7][]*render.Activity
	type dated struct {
		d schedule.Date
		v *render.Activity
	}
	var once []dated
	for _, a := range p.site.Activities {
		if len(p.cal.upcoming(a.Slug, 1)) == 0 {
			continue // over, or not yet planned: its page says so
		}
		v, err := p.activityCard(a)
		if err != nil {
			return nil, nil, err
		}
		var days [7]bool
		for _, r := range a.Rules {
			if r.Kind == schedule.Once {
				once = append(once, dated{r.Date, v})
				continue
			}
			for _, d := range r.Days {
				days[d] = true
			}
		}
		for d, on := range days {
			if on {
				byDay[d] = append(byDay[d], v)
			}
		}
	}
	for i := range 7 {
		d := (i + 1) % 7 // Monday first
		if len(byDay[d]) == 0 {
			continue
		}
		pg.Activities = append(pg.Activities, &render.ActivityGroup{
			ID: "day-" + time.Weekday(d).String(), Title: p.theme.T("day." + string(rune('0'+d))), Activities: byDay[d],
		})
	}
	if len(once) > 0 {
		slices.SortStableFunc(once, func(a, b dated) int { return a.d.Compare(b.d) })
		g := &render.ActivityGroup{ID: "once", Title: p.theme.T("once")}
		for _, o := range once {
			if !slices.Contains(g.Activities, o.v) {
				g.Activities = append(g.Activities, o.v)
			}
		}
		pg.Activities = append(pg.Activities, g)
	}
	return p.render(pg, diags)
}

// storyView returns a story as pages and the feed show it, made once and
// taken over by the next build while the story does not change.
func (p *plan) storyView(s *content.Story) (*render.Story, diag.List) {
	r, _ := p.frags.stories.get(storyKey{s, p.photos.sum}, func() (storyResult, error) {
		v, d := p.makeStoryView(s)
		return storyResult{v, d}, nil
	})
	return r.view, r.diags
}

func (p *plan) makeStoryView(s *content.Story) (*render.Story, diag.List) {
	body, diags := p.markdown(s.Source)
	author := s.Author
	if author == "" {
		author = p.theme.T("a_resident")
	}
	v := &render.Story{
		Title: s.Title, URL: p.cfg.Link(p.storyPath(s)),
		Date: schedule.FormatDayMonthYear(s.Date, p.cfg.Language), ISODate: s.Date.String(),
		Author: author, ImageAlt: s.ImageAlt, Tags: s.Tags,
		Excerpt: excerpt(string(body), 200), Body: body,
	}
	if img, ok := p.Image(s.Image); ok {
		v.Image, v.ImageW, v.ImageH, v.ImageSrcset, v.ImageSizes = img.URL, img.Width, img.Height, img.Srcset, img.Sizes
	}
	return v, diags
}

// storyViews returns the newest n stories (all when n < 0). Problems in a
// story are reported once, by the story's own page.
func (p *plan) storyViews(n int) []*render.Story {
	list := p.site.Stories
	if n >= 0 && len(list) > n {
		list = list[:n]
	}
	out := make([]*render.Story, 0, len(list))
	for _, s := range list {
		v, _ := p.storyView(s)
		out = append(out, v)
	}
	return out
}

// storiesPerPage is how many stories one page of the list of stories
// shows, newest first.
const storiesPerPage = 20

// storyPages returns how many pages the list of stories has: one at least,
// which says when there are no stories yet.
func (p *plan) storyPages() int {
	return max(1, (len(p.site.Stories)+storiesPerPage-1)/storiesPerPage)
}

// storiesPath returns the path of page n (from 1) of the list of stories:
// /verhalen/, then /verhalen/pagina/2/.
func (p *plan) storiesPath(n int) string {
	if n == 1 {
		return p.sectionPath(p.words.Stories)
	}
	return p.sectionPath(p.words.Stories) + p.words.Page + "/" + itoa(n) + "/"
}

// stories is page n of the list of stories. The first page has the text a
// volunteer wrote above the list; every page links to the pages before
// and after it.
func (p *plan) stories(n int) ([]byte, diag.List, error) {
	total := p.storyPages()
	pg := p.page("stories", p.theme.T("stories"), p.storiesPath(n))
	diags := p.intro(pg, p.site.StoriesIntro)
	if n > 1 {
		pg.Title = p.theme.T("title_page", pg.Title, n)
		pg.Body, pg.NoTitle = "", false
		// The menu leads to the first page, not to this one.
		for i := range pg.Site.Menu {
			pg.Site.Menu[i].Current = false
		}
	}
	list := p.site.Stories[min((n-1)*storiesPerPage, len(p.site.Stories)):min(n*storiesPerPage, len(p.site.Stories))]
	for _, s := range list {
		v, _ := p.storyView(s)
		pg.Stories = append(pg.Stories, v)
	}
	if total > 1 {
		pager := &render.Pager{Number: n, Total: total, Label: p.theme.T("page_of", n, total)}
		if n > 1 {
			pager.Prev = p.cfg.Link(p.storiesPath(n - 1))
		}
		if n < total {
			pager.Next = p.cfg.Link(p.storiesPath(n + 1))
		}
		pg.Pager = pager
	}
	return p.render(pg, diags)
}

func (p *plan) story(s *content.Story) ([]byte, diag.List, error) {
	pg := p.page("story", s.Title, p.storyPath(s))
	v, diags := p.storyView(s)
	pg.Story = v
	pg.Summary = v.Excerpt
	return p.render(pg, diags)
}
