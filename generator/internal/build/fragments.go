package build

import (
	"container/list"
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
	occ     *carry[occKey, template.HTML] // occurrence list items
}

// occKey names an occurrence's list item: the hash of its activity's file,
// what the calendar made of it, and whether it is the item of a month cell.
type occKey struct {
	act                  string
	rule                 int
	original, start, end int64
	status, room, note   string
	cell                 bool
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

// Budgets of a one-off build (see fragments.bound), in bytes, small next
// to the site. Variables for a test.
//
// Pages made one after another share few pieces: the days of the agenda
// are those of its first week pages on a small site, where they are small.
// A day's lines of agenda.json, its month cell and a filter's days are
// each used by one page of a one-off build.
//
// A one-off build keeps no occurrence items (itemBudget 0): each is shown
// on its date's page, and a few more pages show some of them (the agenda,
// a week, the home page, a filter), far apart in the order pages are
// made, so a small budget keeps none long enough to be used again, and
// making an item again costs less than keeping all of them would.
//
// Story views are kept within a small budget too: each story's page is
// made right after the page of the list that shows it (see workOrder),
// which made the view, so its Markdown is converted once, and the views
// of one page of the list are all that need be at hand.
var (
	pieceBudget = 1 << 20
	itemBudget  = 0
	storyBudget = 1 << 20
)

// bound makes f forget pieces once they take more room than a small
// budget, the least recently used first: for a build that no next build
// takes pieces over from, which would otherwise keep every day of the
// calendar in memory to its end. A piece forgotten and asked for again is
// made again, with the same bytes.
func (f *fragments) bound() {
	f.html.limit = pieceBudget
	f.html.size = func(h template.HTML) int { return len(h) }
	f.occ.limit = itemBudget
	f.occ.size = func(h template.HTML) int { return len(h) }
	f.occ.none = itemBudget == 0
	f.stories.limit = storyBudget
	f.stories.size = func(r storyResult) int {
		return len(r.view.Body) + len(r.view.Excerpt) + len(r.view.Title) + 256
	}
}

// carry holds values made in this build, and those of the last build that
// this build may take over. It is safe for concurrent use.
type carry[K comparable, V any] struct {
	mu   sync.Mutex
	prev map[K]V // from the last build
	made map[K]V // used or made in this build
	// limit, when not 0, bounds the bytes (as size counts them, plus
	// entryOverhead for each) of the values kept; made is then unused,
	// and the values are in lru, the most recently used first.
	limit int
	size  func(V) int
	used  int
	lru   list.List // of *lruEntry[K, V]
	byKey map[K]*list.Element
	// none makes the carry keep nothing: every value is made when asked.
	none bool
}

// entryOverhead is about what keeping one value in a bounded carry costs
// besides the value: its key, the list element, the map entry.
const entryOverhead = 384

type lruEntry[K comparable, V any] struct {
	k K
	v V
	n int // size of v plus entryOverhead
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
	if c.none {
		return make()
	}
	if c.limit > 0 {
		return c.getBounded(k, make)
	}
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

// getBounded is get for a carry with a limit.
func (c *carry[K, V]) getBounded(k K, make func() (V, error)) (V, error) {
	c.mu.Lock()
	if e, ok := c.byKey[k]; ok {
		c.lru.MoveToFront(e)
		v := e.Value.(*lruEntry[K, V]).v
		c.mu.Unlock()
		return v, nil
	}
	c.mu.Unlock()
	v, err := make()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[k]; ok { // made meanwhile by another page
		return v, nil
	}
	if c.byKey == nil {
		c.byKey = map[K]*list.Element{}
	}
	n := c.size(v) + entryOverhead
	c.byKey[k] = c.lru.PushFront(&lruEntry[K, V]{k, v, n})
	c.used += n
	for c.used > c.limit && c.lru.Len() > 1 {
		e := c.lru.Back().Value.(*lruEntry[K, V])
		c.lru.Remove(c.lru.Back())
		delete(c.byKey, e.k)
		c.used -= e.n
	}
	return v, nil
}
