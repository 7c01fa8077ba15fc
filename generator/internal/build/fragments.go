package build

import (
	"errors"
	"fmt"
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
	mu   sync.Mutex
	prev map[string]template.HTML // from the last build
	made map[string]template.HTML // used or made in this build

	prevStories map[*content.Story]storyResult
	stories     map[*content.Story]storyResult

	prevOcc map[occKey]*render.Occurrence
	occ     map[occKey]*render.Occurrence
}

// occKey names an occurrence by the activity value it comes from (a changed
// file is a new value) and the start its rule gave.
type occKey struct {
	act      *content.Activity
	rule     int
	original int64
}

type storyResult struct {
	view  *render.Story
	diags diag.List
}

func newFragments(prev *fragments) *fragments {
	f := &fragments{made: map[string]template.HTML{}, stories: map[*content.Story]storyResult{}, occ: map[occKey]*render.Occurrence{}}
	if prev != nil {
		f.prev, f.prevStories, f.prevOcc = prev.made, prev.stories, prev.occ
	}
	return f
}

// story returns the view of s, made with make unless this build or the last
// one made it already (an unchanged story file is the same value).
func (f *fragments) story(s *content.Story, make func(*content.Story) (*render.Story, diag.List)) (*render.Story, diag.List) {
	f.mu.Lock()
	r, ok := f.stories[s]
	if !ok {
		r, ok = f.prevStories[s]
	}
	f.mu.Unlock()
	if !ok {
		v, d := make(s)
		r = storyResult{v, d}
	}
	f.mu.Lock()
	f.stories[s] = r
	f.mu.Unlock()
	return r.view, r.diags
}

// get returns the piece for key, making it with make when neither this build
// nor the last one has it.
func (f *fragments) get(key string, make func() (template.HTML, error)) (template.HTML, error) {
	f.mu.Lock()
	if h, ok := f.made[key]; ok {
		f.mu.Unlock()
		return h, nil
	}
	h, ok := f.prev[key]
	f.mu.Unlock()
	if !ok {
		var err error
		if h, err = make(); err != nil {
			return "", err
		}
	}
	f.mu.Lock()
	f.made[key] = h
	f.mu.Unlock()
	return h, nil
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
	return p.frags.get(partial+" "+p.dayKey(d), func() (template.HTML, error) {
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
	h, err := p.frags.get(fmt.Sprintf("card %p", a), func() (template.HTML, error) {
		return p.theme.Fragment("_activity-card.html", p.activityView(a))
	})
	return &render.Activity{Card: h}, err
}

// occurrenceItems returns an occurrence with its list items rendered: the
// only fields the day fragments read. An occurrence of an activity that did
// not change is taken over from the last build.
func (p *plan) occurrenceItems(o schedule.Occurrence) (*render.Occurrence, error) {
	k := occKey{p.cal.acts[o.Slug], o.Rule, o.Original.Unix()}
	f := p.frags
	f.mu.Lock()
	v, ok := f.occ[k]
	if !ok {
		v, ok = f.prevOcc[k]
	}
	f.mu.Unlock()
	if !ok {
		full := p.occurrenceView(o)
		html, err1 := p.theme.Fragment("_occurrence.html", full)
		cell, err2 := p.theme.Fragment("_month-occurrence.html", full)
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		v = &render.Occurrence{HTML: html, Cell: cell}
	}
	f.mu.Lock()
	f.occ[k] = v
	f.mu.Unlock()
	return v, nil
}
