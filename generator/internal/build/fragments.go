package build

import (
	"errors"
	"html/template"
	"strconv"
	"sync"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
	"krachtpunt/generator/internal/schedule"
)

// fragments keeps pieces of pages that several pages share (a day of the
// agenda is also a day of its week page), and that the next build may take
// over when nothing in them changed. A key names everything a piece shows.
type fragments struct {
	html    *carry[string, template.HTML]            // days, by dayKey
	cards   *carry[*content.Activity, template.HTML] // activity cards
	stories *carry[storyKey, storyResult]            // story views
	occ     *carry[occKey, occItems]                 // occurrence list items
}

// occKey names an occurrence by the activity value it comes from (a changed
// file is a new value) and the start its rule gave.
type occKey struct {
	act      *content.Activity
	rule     int
	original int64
}

// occItems are an occurrence's list items: all that the day fragments
// read of it, kept without the rest of its view.
type occItems struct{ html, cell template.HTML }

// storyKey names a story view: the story value (a changed file is a new
// value) and the photos of the site, which the view shows.
type storyKey struct {
	story  *content.Story
	photos string
}

type storyResult struct {
	view  *render.Story
	diags diag.List
}

func newFragments(prev *fragments) *fragments {
	if prev == nil {
		prev = &fragments{}
	}
	return &fragments{
		html:    newCarry(prev.html),
		cards:   newCarry(prev.cards),
		stories: newCarry(prev.stories),
		occ:     newCarry(prev.occ),
	}
}

// carry holds values made in this build, and those of the last build that
// this build may take over. It is safe for concurrent use.
type carry[K comparable, V any] struct {
	mu   sync.Mutex
	prev map[K]V // from the last build
	made map[K]V // used or made in this build
}

func newCarry[K comparable, V any](prev *carry[K, V]) *carry[K, V] {
	c := &carry[K, V]{made: map[K]V{}}
	if prev != nil {
		c.prev = prev.made
	}
	return c
}

// get returns the value for k, making it with make when neither this build
// nor the last one has it.
func (c *carry[K, V]) get(k K, make func() (V, error)) (V, error) {
	c.mu.Lock()
	v, ok := c.made[k]
	if !ok {
		v, ok = c.prev[k]
	}
	c.mu.Unlock()
	if !ok {
		var err error
		if v, err = make(); err != nil {
			return v, err
		}
	}
	c.mu.Lock()
	c.made[k] = v
	c.mu.Unlock()
	return v, nil
}

// dayKey names what a day shows: its date and the build that last worked
// out its occurrences. Everything else a day shows (today, the window, the
// closures, the words) is the same between builds that share fragments.
func (p *plan) dayKey(d schedule.Date) string {
	return d.String() + "#" + strconv.FormatUint(p.cal.generation(d), 10)
}

// dayFragment returns day d rendered with the partial layout, made once
// for every build that shares the day's occurrences.
func (p *plan) dayFragment(partial string, d schedule.Date) (template.HTML, error) {
	return p.frags.html.get(partial+" "+p.dayKey(d), func() (template.HTML, error) {
		v, err := p.dayView(d)
		if err != nil {
			return "", err
		}
		return p.theme.Fragment(partial, v)
	})
}

// daySection returns a day as the agenda and week pages show it.
func (p *plan) daySection(d schedule.Date) (*render.Day, error) {
	h, err := p.dayFragment("_day.html", d)
	return &render.Day{Date: d.String(), HTML: h}, err
}

// monthCell returns a day as a cell of a month table.
func (p *plan) monthCell(d schedule.Date) (*render.Day, error) {
	h, err := p.dayFragment("_month-day.html", d)
	return &render.Day{Date: d.String(), Cell: h}, err
}

// activityCard returns an activity as the list of activities shows it.
func (p *plan) activityCard(a *content.Activity) (*render.Activity, error) {
	h, err := p.frags.cards.get(a, func() (template.HTML, error) {
		return p.theme.Fragment("_activity-card.html", p.activityView(a))
	})
	return &render.Activity{Card: h}, err
}

// occurrenceItems returns an occurrence with its list items rendered: the
// only fields the day fragments read. An occurrence of an activity that did
// not change is taken over from the last build.
func (p *plan) occurrenceItems(o schedule.Occurrence) (*render.Occurrence, error) {
	k := occKey{p.cal.acts[o.Slug], o.Rule, o.Original.Unix()}
	items, err := p.frags.occ.get(k, func() (occItems, error) {
		full := p.occurrenceView(o)
		html, err1 := p.theme.Fragment("_occurrence.html", full)
		cell, err2 := p.theme.Fragment("_month-occurrence.html", full)
		return occItems{html, cell}, errors.Join(err1, err2)
	})
	if err != nil {
		return nil, err
	}
	return &render.Occurrence{HTML: items.html, Cell: items.cell}, nil
}
