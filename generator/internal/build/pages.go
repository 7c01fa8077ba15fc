package build

import (
	"slices"
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
	// Today, and the rest of this week up to Sunday.
	for d := p.today; d == p.today || d.Weekday() != time.Monday; d = d.AddDays(1) {
		if len(p.cal.byDate[d]) == 0 && d != p.today {
			continue
		}
		h, err := p.dayFragment("_home-day.html", d)
		if err != nil {
			return nil, nil, err
		}
		cal.ThisWeek = append(cal.ThisWeek, &render.Day{Date: d.String(), HTML: h})
	}
	pg.Calendar = cal
	pg.Script = pageScript
	pg.JSONLD = p.placeJSONLD()
	return p.render(pg, diags)
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
	next := p.cal.upcoming(a.Slug)
	if len(next) > nextDates {
		next = next[:nextDates]
	}
	cal := &render.Calendar{ICS: pg.Activity.ICS}
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
		if len(p.cal.upcoming(a.Slug)) == 0 {
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

func (p *plan) stories() ([]byte, diag.List, error) {
	pg := p.page("stories", p.theme.T("stories"), p.sectionPath(p.words.Stories))
	diags := p.intro(pg, p.site.StoriesIntro)
	pg.Stories = p.storyViews(-1)
	return p.render(pg, diags)
}

func (p *plan) story(s *content.Story) ([]byte, diag.List, error) {
	pg := p.page("story", s.Title, p.storyPath(s))
	v, diags := p.storyView(s)
	pg.Story = v
	pg.Summary = v.Excerpt
	return p.render(pg, diags)
}
