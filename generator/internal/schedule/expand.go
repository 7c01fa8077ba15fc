package schedule

import (
	"cmp"
	"slices"
	"time"
)

// Cancel says one occurrence does not take place. It stays listed, marked
// cancelled, with Reason as its note.
type Cancel struct {
	Date   Date   // the date the rules give
	Reason string // shown with the cancelled occurrence
	Line   int    // line of the [[cancel]] table in its file, for errors
}

// Change says one occurrence is different.
type Change struct {
	Date    Date      // the date the rules give
	NewDate Date      // zero: the same day
	Time    *Interval // nil: the same time
	Room    string    // "": the same room
	Note    string
	Line    int // line of the [[change]] table in its file, for errors
}

// Activity is what the schedule needs of one activity.
type Activity struct {
	Slug    string
	Rules   []Rule
	Cancels []Cancel
	Changes []Change
	// OnHolidays keeps the activity going when the centre is closed.
	OnHolidays bool
}

// Status is the state of an occurrence. It is a byte, as a calendar holds
// a great many occurrences; String gives the word agenda.json writes.
type Status uint8

// The statuses of an occurrence.
const (
	Scheduled Status = iota + 1
	Changed
	Cancelled
)

// String returns the status as agenda.json writes it: "scheduled",
// "changed" or "cancelled"; "" for the zero Status.
func (s Status) String() string {
	switch s {
	case Scheduled:
		return "scheduled"
	case Changed:
		return "changed"
	case Cancelled:
		return "cancelled"
	}
	return ""
}

// Occurrence is one time an activity takes place (or would have). A
// calendar holds a great many, so it is kept small (80 bytes): what only
// a change or a cancel gives (a room, a note, another start) is held apart.
type Occurrence struct {
	Slug       string
	Start, End time.Time // in the site location
	Rule       int32     // index in Activity.Rules of the rule that produced it
	Status     Status
	change     *occChange // nil when no change or cancel set a room, a note or another start
}

// occChange is what a change or a cancel made different in an occurrence.
type occChange struct {
	room, note string
	moved      time.Duration // Start less the start the rule gave
}

// Room returns the changed room, else "" (the caller fills in the
// activity's room).
func (o *Occurrence) Room() string {
	if o.change == nil {
		return ""
	}
	return o.change.room
}

// Note returns the change's note or the cancel's reason.
func (o *Occurrence) Note() string {
	if o.change == nil {
		return ""
	}
	return o.change.note
}

// Original is the start the rule gave, before any change: the
// RECURRENCE-ID of a changed occurrence. It equals Start when unchanged.
func (o *Occurrence) Original() time.Time {
	if o.change == nil {
		return o.Start
	}
	return o.Start.Add(-o.change.moved)
}

// setChange records what a change or cancel made different; nothing is
// kept when it made nothing different.
func (o *Occurrence) setChange(room, note string, original time.Time) {
	moved := o.Start.Sub(original)
	if room == "" && note == "" && moved == 0 {
		o.change = nil
		return
	}
	o.change = &occChange{room: room, note: note, moved: moved}
}

// Expand returns the occurrences of acts that start on a date in w, in loc,
// sorted by start and then slug. Occurrences on a day h closes (see
// Hours.ClosedOn) are left out unless the activity has OnHolidays, or has a
// cancel for that day, which is listed. Two rules of one activity giving
// the same start give one occurrence, of the first rule. h may be nil.
func Expand(acts []Activity, h *Hours, w Window, loc *time.Location) []Occurrence {
	return NewExpander(h, w, loc).Expand(acts)
}

// Expander expands activities over one window, as Expand does. Making one
// works out every day of the window once (closed or not, its offset from
// UTC), which costs about as much as expanding a few activities: expanding
// many activities one at a time over the same window should share one.
// An Expander is safe for concurrent use.
type Expander struct {
	e *expander // nil for an empty window
}

// NewExpander returns an Expander of the window w with the opening hours h
// (may be nil) in loc.
func NewExpander(h *Hours, w Window, loc *time.Location) *Expander {
	if w.Until.Before(w.From) {
		return &Expander{}
	}
	return &Expander{e: newExpander(h, w, loc)}
}

// Window returns the window x expands.
func (x *Expander) Window() Window {
	if x.e == nil {
		return Window{}
	}
	return x.e.w
}

// Expand returns the occurrences of acts in x's window, as Expand does.
func (x *Expander) Expand(acts []Activity) []Occurrence {
	e := x.e
	if e == nil {
		return nil
	}
	if len(acts) == 1 {
		// One activity: no slugs to rank.
		occs, _ := e.activity(nil, &acts[0], nil)
		if len(occs) == 0 {
			return nil
		}
		keys := make([]sortKey, len(occs))
		for j := range occs {
			keys[j] = sortKey{start: occs[j].Start.Unix(), index: int32(j)}
		}
		sortKeys(keys, occs)
		permute(occs, keys)
		return occs
	}
	ranks := slugRanks(acts)
	occs := make([]Occurrence, 0, e.estimate(acts))
	keys := make([]sortKey, 0, cap(occs))
	var scratch []raw
	for i := range acts {
		before := len(occs)
		occs, scratch = e.activity(occs, &acts[i], scratch)
		for j := before; j < len(occs); j++ {
			keys = append(keys, sortKey{start: occs[j].Start.Unix(), rank: ranks[i], index: int32(j)})
		}
	}
	sortKeys(keys, occs)
	permute(occs, keys)
	return occs
}

// permute puts each occurrence in its place in the order of the sorted
// keys, following the cycles of the permutation, in place.
func permute(occs []Occurrence, keys []sortKey) {
	for i := range keys {
		if keys[i].index < 0 {
			continue
		}
		tmp := occs[i]
		j := i
		for {
			k := int(keys[j].index)
			keys[j].index = -1
			if k == i {
				occs[j] = tmp
				break
			}
			occs[j] = occs[k]
			j = k
		}
	}
}

// sortKey is the part of an occurrence that decides nearly every
// comparison. Sorting these small keys and gathering once is several times
// faster than sorting the large Occurrence values.
type sortKey struct {
	start int64 // Unix seconds
	rank  int32 // the rank of the slug among all slugs
	index int32 // position in the unsorted slice
}

// slugRanks numbers the activities in slug order; equal slugs share a rank.
func slugRanks(acts []Activity) []int32 {
	order := make([]int, len(acts))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(acts[a].Slug, acts[b].Slug) })
	ranks := make([]int32, len(acts))
	for r, i := range order {
		ranks[i] = int32(r)
		if r > 0 && acts[order[r-1]].Slug == acts[i].Slug {
			ranks[i] = ranks[order[r-1]]
		}
	}
	return ranks
}

// sortKeys sorts keys into the order of compareOccurrences. The keys are
// first spread over buckets of one UTC day each (a counting sort, linear
// in the keys), then each bucket is sorted: a window has few days, each
// holding many keys.
func sortKeys(keys []sortKey, occs []Occurrence) {
	compare := func(a, b sortKey) int {
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		if a.rank != b.rank {
			return cmp.Compare(a.rank, b.rank)
		}
		return compareOccurrences(occs[a.index], occs[b.index])
	}
	if len(keys) < 2 {
		return
	}
	lo, hi := keys[0].start, keys[0].start
	for _, k := range keys {
		lo, hi = min(lo, k.start), max(hi, k.start)
	}
	lo, hi = floorDiv64(lo, 86400), floorDiv64(hi, 86400)
	if hi-lo > int64(len(keys)) {
		slices.SortFunc(keys, compare) // few keys spread over many days
		return
	}
	bounds := make([]int, hi-lo+2) // bucket b is sorted[bounds[b]:bounds[b+1]]
	for _, k := range keys {
		bounds[floorDiv64(k.start, 86400)-lo+1]++
	}
	for i := 1; i < len(bounds); i++ {
		bounds[i] += bounds[i-1]
	}
	sorted := make([]sortKey, len(keys))
	next := slices.Clone(bounds)
	for _, k := range keys {
		b := floorDiv64(k.start, 86400) - lo
		sorted[next[b]] = k
		next[b]++
	}
	for b := 0; b+1 < len(bounds); b++ {
		slices.SortFunc(sorted[bounds[b]:bounds[b+1]], compare)
	}
	copy(keys, sorted)
}

// compareOccurrences orders by start, then slug; the rest only makes the
// order total, so that the output is the same on every run.
func compareOccurrences(a, b Occurrence) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Slug, b.Slug); c != 0 {
		return c
	}
	if c := a.End.Compare(b.End); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	return a.Original().Compare(b.Original())
}

// expander holds what one Expand call computes once for all activities:
// the window's day numbers, which days are closed, and the UTC offset of
// each day where it is the same all day.
type expander struct {
	h       *Hours
	w       Window
	loc     *time.Location
	first   int    // day number of w.From
	last    int    // day number of w.Until
	dates   []Date // dates[n-first]
	closed  []bool // closed[n-first]
	offsets []int  // UTC offset in seconds of day n-first, valid when steady
	steady  []bool // the offset is the same from one day before to one day after
}

func newExpander(h *Hours, w Window, loc *time.Location) *expander {
	e := &expander{h: h, w: w, loc: loc, first: w.From.days(), last: w.Until.days()}
	n := e.last - e.first + 2 // one day more for ends after midnight
	e.dates = make([]Date, n)
	e.closed = make([]bool, n)
	e.offsets = make([]int, n)
	e.steady = make([]bool, n)
	for i := 0; i < n; i++ {
		d := fromDays(e.first + i)
		e.dates[i] = d
		e.closed[i] = h.ClosedOn(d)
		// A day's offset is steady when one zone period covers it with
		// room to spare on either side; then wall time minus the offset is
		// the instant, with no gap or repeat to resolve.
		mid := int64(e.first+i)*86400 + 12*3600
		t := time.Unix(mid, 0).In(loc)
		_, off := t.Zone()
		start, end := t.ZoneBounds()
		e.offsets[i] = off
		e.steady[i] = (start.IsZero() || mid-start.Unix() >= 2*maxOffsetSpan) &&
			(end.IsZero() || end.Unix()-mid > 2*maxOffsetSpan)
	}
	return e
}

// estimate guesses the number of occurrences, to size the result once.
func (e *expander) estimate(acts []Activity) int {
	weeks := (e.last-e.first)/7 + 1
	n := 0
	for i := range acts {
		for _, r := range acts[i].Rules {
			switch r.Kind {
			case Weekly:
				n += weeks * len(r.Days)
			case Monthly:
				n += weeks/4 + 1
			case Once:
				n++
			}
		}
	}
	return n
}

// at returns the instant of wall-clock c on day number n.
func (e *expander) at(n int, c Clock) time.Time {
	if i := n - e.first; i >= 0 && i < len(e.steady) && e.steady[i] {
		return time.Unix(int64(n)*86400+int64(c)*60-int64(e.offsets[i]), 0).In(e.loc)
	}
	return wallTime(fromDays(n), c, e.loc)
}

// span returns the start and end of iv on day number n.
func (e *expander) span(n int, iv Interval) (time.Time, time.Time) {
	start := e.at(n, iv.Start)
	en := n
	if iv.Overnight() {
		en++
	}
	end := e.at(en, iv.End)
	if !end.After(start) {
		end = start.Add(iv.Length())
	}
	return start, end
}

func (e *expander) closedOn(n int) bool {
	if i := n - e.first; i >= 0 && i < len(e.closed) {
		return e.closed[i]
	}
	return e.h.ClosedOn(fromDays(n))
}

// raw is an occurrence as a rule gives it, before cancels and changes.
type raw struct {
	day  int // day number
	rule int
	iv   Interval
}

// activity appends the occurrences of a to out. scratch is room for the
// rule occurrences, returned for the next call. With out nil, the result has room for exactly the rule occurrences.
func (e *expander) activity(out []Occurrence, a *Activity, scratch []raw) ([]Occurrence, []raw) {
	scratch = e.rawsOf(a, scratch[:0])
	if out == nil && len(scratch) > 0 {
		out = make([]Occurrence, 0, len(scratch))
	}
	for _, r := range scratch {
		d := fromDays(r.day)
		start, end := e.span(r.day, r.iv)
		o := Occurrence{Slug: a.Slug, Start: start, End: end, Status: Scheduled, Rule: int32(r.rule)}
		day := r.day
		if c := findCancel(a.Cancels, d); c != nil {
			o.Status = Cancelled
			o.setChange("", c.Reason, start)
			if e.inWindow(day) {
				out = append(out, o)
			}
			continue
		}
		if ch := findChange(a.Changes, d); ch != nil {
			iv := r.iv
			if ch.Time != nil {
				iv = *ch.Time
			}
			if !ch.NewDate.IsZero() {
				day = ch.NewDate.days()
			}
			o.Start, o.End = e.span(day, iv)
			o.Status = Changed
			o.setChange(ch.Room, ch.Note, start)
		}
		if !e.inWindow(day) || (!a.OnHolidays && e.closedOn(day)) {
			continue
		}
		out = append(out, o)
	}
	return out, scratch
}

func (e *expander) inWindow(n int) bool { return n >= e.first && n <= e.last }

// rawsOf appends to rs the rule occurrences of a whose date is in the
// window, or whose change moves them into it, without repeats of one start,
// in no particular order.
func (e *expander) rawsOf(a *Activity, rs []raw) []raw {
	add := func(n int, ri int) {
		iv := a.Rules[ri].Time
		if ri > 0 {
			for _, r := range rs {
				if r.day == n && r.iv.Start == iv.Start {
					return // two rules coincide: keep the first
				}
			}
		}
		rs = append(rs, raw{day: n, rule: ri, iv: iv})
	}
	for ri := range a.Rules {
		r := &a.Rules[ri]
		first, last := e.first, e.last
		if !r.From.IsZero() {
			first = max(first, r.From.days())
		}
		if !r.Until.IsZero() {
			last = min(last, r.Until.days())
		}
		if r.Kind == Once {
			if n := r.Date.days(); n >= first && n <= last {
				add(n, ri)
			}
			continue
		}
		for n := first; n <= last; n++ {
			if r.occursOn(e.dates[n-e.first], n) {
				add(n, ri)
			}
		}
	}
	// Changes that move an occurrence from outside the window into it.
	for _, ch := range a.Changes {
		n := ch.Date.days()
		if ch.NewDate.IsZero() || e.inWindow(n) || !e.inWindow(ch.NewDate.days()) {
			continue
		}
		for ri := range a.Rules {
			if a.Rules[ri].occursOn(ch.Date, n) {
				add(n, ri)
			}
		}
	}
	return rs
}

func findCancel(cs []Cancel, d Date) *Cancel {
	for i := range cs {
		if cs[i].Date == d {
			return &cs[i]
		}
	}
	return nil
}

func findChange(cs []Change, d Date) *Change {
	for i := range cs {
		if cs[i].Date == d {
			return &cs[i]
		}
	}
	return nil
}
