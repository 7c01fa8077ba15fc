package build

import (
	"html/template"
	"sync"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
)

// fragments keeps pieces of pages that several pages share (a day of the
// agenda is also a day of its week page), and that the next build may take
// over when nothing in them changed. A key names everything a piece shows.
type fragments struct {
	html    *carry[string, template.HTML]            // days, by dayKey
	cards   *carry[*content.Activity, template.HTML] // activity cards
	stories *carry[storyKey, storyResult]            // story views
	occ     *carry[occKey, *render.Occurrence]       // occurrence list items
}

// occKey names an occurrence by the activity value it comes from (a changed
// file is a new value) and the start its rule gave.
type occKey struct {
	act      *content.Activity
	rule     int
	original int64
}

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
