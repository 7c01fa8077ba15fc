package build

import (
	"html/template"
	"sync"

	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/render"
)

// fragments keeps pieces of pages that several pages share (a day of the
// agenda is also a day of its week page), and that the next build may take
// over. A piece is known by the hashes of what it shows (see keys.go); the
// pieces of a build with another global hash are never taken over.
type fragments struct {
	html    *carry[string, template.HTML] // days, by dayKey
	cards   *carry[string, template.HTML] // activity cards, by the hash of the activity and its images
	stories *carry[string, storyResult]   // story views, by the hash of the story and its images
	occ     *carry[occKey, occItems]      // occurrence list items
}

// occKey names an occurrence: the hash of its activity's file, and what the
// calendar made of it.
type occKey struct {
	act                  string
	rule                 int
	original, start, end int64
	status, room, note   string
}

// occItems are an occurrence's list items: all that the day fragments
// read of it, kept without the rest of its view.
type occItems struct{ html, cell template.HTML }

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
