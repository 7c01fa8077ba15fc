package build

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/schedule"
)

// calendarDump writes down what a calendar shows: every date's
// occurrences in their order, and each activity's own.
func calendarDump(c *calendar) string {
	var b strings.Builder
	for d := c.shown.From; !d.After(c.shown.Until); d = d.AddDays(1) {
		for _, o := range c.byDate[d] {
			fmt.Fprintf(&b, "%s %s %s-%s %s %s %s %d\n", d, o.Slug, o.Start.Format("15:04"), o.End.Format("15:04"), o.Status, o.Room(), o.Note(), o.Rule)
		}
	}
	for _, slug := range c.order {
		fmt.Fprintf(&b, "%s: %d\n", slug, len(c.occ[slug]))
		for _, o := range c.occ[slug] {
			fmt.Fprintf(&b, "  %s %s\n", o.Start.Format(time.RFC3339), o.Status)
		}
	}
	return b.String()
}

// TestCalendarAfterAnEditEqualsAFreshOne edits, adds, removes and renames
// random activities of a random site (rules that start at the same time as
// other activities' and as the activity's own other rules, cancels,
// changes that move an occurrence to another date) and checks after every
// step that the calendar taken over from the last one shows exactly what
// a calendar expanded from scratch shows.
func TestCalendarAfterAnEditEqualsAFreshOne(t *testing.T) {
	sequences := 100
	if testing.Short() {
		sequences = 20
	}
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	today := schedule.Date{Year: 2026, Month: time.November, Day: 25}
	days := []string{"monday", "tuesday", "wednesday", "saturday"}
	for seq := range sequences {
		rng := rand.New(rand.NewPCG(uint64(seq), 11))
		// The first rule is weekly, so that cancels and changes have dates
		// it takes place on: the first of each day in December.
		first := []int{7, 1, 2, 5}
		text := func(i int) string {
			var b strings.Builder
			di := rng.IntN(len(days))
			fmt.Fprintf(&b, "+++\ntitle = \"Activiteit %d\"\nwhen = [\"every %s %02d:00-11:30\"", i, days[di], 9+rng.IntN(2))
			for range rng.IntN(2) {
				switch rng.IntN(3) {
				case 0:
					fmt.Fprintf(&b, ", \"every %s %02d:00-%02d:30\"", days[rng.IntN(len(days))], 9+rng.IntN(2), 11)
				case 1:
					fmt.Fprintf(&b, ", \"2026-12-%02d 10:00-11:00\"", 1+rng.IntN(20))
				default:
					fmt.Fprintf(&b, ", \"first saturday of the month %02d:00-12:00\"", 9+rng.IntN(2))
				}
			}
			b.WriteString("]\n")
			if rng.IntN(3) == 0 {
				fmt.Fprintf(&b, "[[cancel]]\ndate = 2026-12-%02d\nreason = \"Vakantie\"\n", first[di])
			}
			if rng.IntN(3) == 0 {
				fmt.Fprintf(&b, "[[change]]\ndate = 2026-12-%02d\nnew_date = 2026-12-%02d\nnote = \"Anders\"\n", first[di]+7*(1+rng.IntN(2)), 1+rng.IntN(27))
			}
			b.WriteString("+++\nSamen.\n")
			return b.String()
		}
		files := map[string]string{}
		for i := range 3 + rng.IntN(8) {
			files[fmt.Sprintf("activities/a%02d.md", i)] = text(i)
		}
		parsed := map[string]*content.Item{}
		assemble := func() *content.Site {
			rels := slices.Sorted(func(yield func(string) bool) {
				for rel := range files {
					if !yield(rel) {
						return
					}
				}
			})
			var items []*content.Item
			for _, rel := range rels {
				if parsed[rel] == nil {
					parsed[rel] = content.ParseFile(rel, []byte(files[rel]), func(string) bool { return false })
				}
				items = append(items, parsed[rel])
			}
			site, diags := content.Assemble(items)
			if diags.HasErrors() {
				t.Fatalf("sequence %d: %s", seq, diags.Format("en"))
			}
			return site
		}
		fresh := func(site *content.Site) *calendar { return newCalendar(site, today, 4, loc) }
		site := assemble()
		c := newCalendar(site, today, 4, loc)
		c.expand(nil, nil)
		for step := range 12 {
			next := len(files) + step*10 + 100
			for range 1 + rng.IntN(2) {
				rels := slices.Sorted(func(yield func(string) bool) {
					for rel := range files {
						if !yield(rel) {
							return
						}
					}
				})
				rel := rels[rng.IntN(len(rels))]
				switch k := rng.IntN(6); {
				case k < 3: // edit
					files[rel] = text(step)
				case k == 3 && len(files) > 1: // remove
					delete(files, rel)
				case k == 4: // rename: another slug
					files[fmt.Sprintf("activities/b%03d.md", next)] = files[rel]
					delete(files, rel)
				default: // add
					files[fmt.Sprintf("activities/c%03d.md", next)] = text(next)
				}
				delete(parsed, rel)
				next++
			}
			newSite := assemble()
			after, diff := newCalendarAfter(newSite, today, 4, loc, &lastCalendar{cal: c, activities: site.Activities})
			after.expandAfter(c, diff)
			if !maps.Equal(after.acts, fresh(newSite).acts) || !slices.Equal(after.order, fresh(newSite).order) {
				t.Fatalf("sequence %d step %d: the activities of the calendar differ from a fresh one's", seq, step)
			}
			scratch := fresh(newSite)
			scratch.expand(nil, nil)
			if got, want := calendarDump(after), calendarDump(scratch); got != want {
				t.Fatalf("sequence %d step %d: the calendar after the edit differs from a fresh one:\n%s\nwant\n%s", seq, step, got, want)
			}
			c, site = after, newSite
		}
	}
}
