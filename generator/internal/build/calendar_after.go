package build

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/schedule"
)

// The calendar after a save. The live preview plans the site again after
// every save, and most saves change one activity or none: the calendar of
// the last plan is taken over, with only the occurrences of the activities
// that changed, came or went made again and sorted into the lists of their
// dates.

// newCalendarAfter is newCalendar for a site planned before: the lookup of
// the activities of prev's calendar is shared, or copied with those that
// changed, came or went put right; the diff says which they are (nil when
// there is no calendar to take over).
func newCalendarAfter(site *content.Site, today schedule.Date, weeks int, loc *time.Location, prev *lastCalendar) (*calendar, *activityDiff) {
	if prev == nil || prev.cal == nil {
		return newCalendar(site, today, weeks, loc), nil
	}
	c := newCalendar(&content.Site{Hours: site.Hours}, today, weeks, loc)
	diff := diffActivities(prev.activities, site.Activities)
	switch {
	case diff.none():
		c.acts, c.order = prev.cal.acts, prev.cal.order
		return c, diff
	case len(diff.gone) == 0 && len(diff.came) == 0:
		c.order = prev.cal.order // the same slugs
	default:
		c.order = make([]string, len(site.Activities))
		for i, a := range site.Activities {
			c.order[i] = a.Slug
		}
	}
	c.acts = maps.Clone(prev.cal.acts)
	for _, slug := range diff.gone {
		delete(c.acts, slug)
	}
	for _, a := range diff.redo {
		c.acts[a.Slug] = a
	}
	return c, diff
}

// activityDiff says how the activities of a site differ from those of the
// last plan: redo are those whose occurrences are made again, because
// they changed (another parsed file, same slug) or came, sorted by slug;
// gone and came are the slugs that went and came.
type activityDiff struct {
	redo       []*content.Activity
	gone, came []string
}

func (d *activityDiff) none() bool { return len(d.redo) == 0 && len(d.gone) == 0 }

// diffActivities compares two lists of activities sorted by slug, each
// slug once, as a site that plans has them.
func diffActivities(was, now []*content.Activity) *activityDiff {
	d := &activityDiff{}
	if sameList(was, now) {
		return d
	}
	i, j := 0, 0
	for i < len(was) || j < len(now) {
		switch {
		case j == len(now) || i < len(was) && was[i].Slug < now[j].Slug:
			d.gone = append(d.gone, was[i].Slug)
			i++
		case i == len(was) || now[j].Slug < was[i].Slug:
			d.redo = append(d.redo, now[j])
			d.came = append(d.came, now[j].Slug)
			j++
		default:
			if was[i] != now[j] {
				d.redo = append(d.redo, now[j])
			}
			i++
			j++
		}
	}
	return d
}

// lastCalendar is the calendar of the last plan and the activities it was
// made from.
type lastCalendar struct {
	cal        *calendar
	activities []*content.Activity
}

// sameList reports whether a and b are the same list: the same items in
// the same places.
func sameList[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return slices.Equal(a, b)
}

// expandAfter computes the occurrences as expand does, taking over from
// prev, the last plan's calendar for the same dates and opening hours (or
// nil), the occurrences of every activity that is the same (the same
// parsed file) and the lists of the dates no other activity had or has
// occurrences on. The lists of the other dates are those of prev without
// the activities that changed or went, merged with the new occurrences of
// those that changed or came: in the order expand gives, by start, then
// slug.
func (c *calendar) expandAfter(prev *calendar, diff *activityDiff) {
	if prev == nil || diff == nil || prev.shown != c.shown || prev.span != c.span || prev.today != c.today {
		c.expand(nil, nil)
		return
	}
	c.current = prev.current + 1
	redoSlugs := make([]string, len(diff.redo)) // slugs whose occurrences are made again, sorted
	for i, a := range diff.redo {
		redoSlugs[i] = a.Slug
	}
	gone := diff.gone // slugs of prev that the site no longer has
	for slug, evs := range prev.events {
		c.events[slug] = evs
	}
	if len(redoSlugs) == 0 && len(gone) == 0 {
		c.occ, c.byDate, c.gen = prev.occ, prev.byDate, prev.gen
		return
	}
	out := slices.Concat(gone, redoSlugs) // the activities whose occurrences in prev go: a few
	c.occ = maps.Clone(prev.occ)
	redo := map[schedule.Date]bool{}
	for _, slug := range out {
		delete(c.events, slug)
		for _, o := range prev.occ[slug] {
			redo[schedule.DateOf(o.Start)] = true
		}
		delete(c.occ, slug)
	}
	x := schedule.NewExpander(c.hours, c.shown, c.loc)
	added := map[schedule.Date][]*schedule.Occurrence{}
	for _, slug := range redoSlugs {
		list := x.Expand([]schedule.Activity{c.acts[slug].Schedule()})
		c.occ[slug] = list
		for i := range list {
			d := schedule.DateOf(list[i].Start)
			redo[d] = true
			added[d] = append(added[d], &list[i])
		}
	}
	c.byDate = maps.Clone(prev.byDate)
	c.gen = maps.Clone(prev.gen)
	for d := range redo {
		delete(c.gen, d) // worked out in this build
		// Slugs came in order, and so did each activity's occurrences,
		// which a stable sort keeps.
		in := added[d]
		slices.SortStableFunc(in, func(a, b *schedule.Occurrence) int { return a.Start.Compare(b.Start) })
		list := make([]*schedule.Occurrence, 0, len(prev.byDate[d])+len(in))
		for _, o := range prev.byDate[d] {
			if slices.Contains(out, o.Slug) {
				continue
			}
			for len(in) > 0 && occurrenceOrder(in[0], o) < 0 {
				list, in = append(list, in[0]), in[1:]
			}
			list = append(list, o)
		}
		list = append(list, in...)
		if len(list) == 0 {
			delete(c.byDate, d)
		} else {
			c.byDate[d] = list
		}
	}
}

// occurrenceOrder is the order of the occurrences of a date: by start,
// then slug. Occurrences of one activity that start together keep the
// order of the activity's own.
func occurrenceOrder(a, b *schedule.Occurrence) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	return strings.Compare(a.Slug, b.Slug)
}

// sameMap reports whether a and b are the same map, not a copy.
func sameMap[K comparable, V any](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 {
		return true
	}
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}
