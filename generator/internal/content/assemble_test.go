package content

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// assembleFiles is a small site: activities, stories and pages, parsed
// from their text.
type assembleFiles struct {
	rels  []string
	texts map[string]string
}

func (f *assembleFiles) items(t *testing.T) []*Item {
	t.Helper()
	items := make([]*Item, len(f.rels))
	for i, rel := range f.rels {
		items[i] = ParseFile(rel, []byte(f.texts[rel]), func(string) bool { return false })
	}
	return items
}

func storyText(title, date, slug string, consent, draft bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\ndate = %s\nconsent = %v\ndraft = %v\n", title, date, consent, draft)
	if slug != "" {
		fmt.Fprintf(&b, "slug = %q\n", slug)
	}
	b.WriteString("+++\nEen verhaal.\n")
	return b.String()
}

func activityText(title, slug string, draft bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\nwhen = \"every tuesday 10:00-12:00\"\ndraft = %v\n", title, draft)
	if slug != "" {
		fmt.Fprintf(&b, "slug = %q\n", slug)
	}
	b.WriteString("+++\nKoffie.\n")
	return b.String()
}

func pageText(title, slug string, draft bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\ndraft = %v\n", title, draft)
	if slug != "" {
		fmt.Fprintf(&b, "slug = %q\n", slug)
	}
	b.WriteString("+++\nOver ons.\n")
	return b.String()
}

// sameAssembly fails unless got and want give the same site and problems.
func sameAssembly(t *testing.T, step string, got, want *Assembly) {
	t.Helper()
	if !reflect.DeepEqual(got.Site, want.Site) {
		t.Fatalf("%s: the site put together again differs from one put together from scratch:\nstories %v\nwant    %v\nactivities %v\nwant       %v",
			step, slugsOf(got.Site.Stories), slugsOf(want.Site.Stories), slugsOf(got.Site.Activities), slugsOf(want.Site.Activities))
	}
	if g, w := got.Diags.Format("en"), want.Diags.Format("en"); g != w {
		t.Fatalf("%s: problems\n%s\nwant\n%s", step, g, w)
	}
}

func slugsOf[T interface{ *Story | *Activity }](list []T) []string {
	var out []string
	for _, x := range list {
		switch x := any(x).(type) {
		case *Story:
			out = append(out, x.Slug+"@"+x.Date.String())
		case *Activity:
			out = append(out, x.Slug)
		}
	}
	return out
}

// TestReassembleMovesAStoryInTheOrder: a story whose date changes moves
// to its new place among the newest first, and a story that gets the slug
// of another is reported as a clash, and no longer once it is undone.
func TestReassembleMovesAStoryInTheOrder(t *testing.T) {
	f := &assembleFiles{texts: map[string]string{}}
	for i, d := range []string{"2026-11-01", "2026-10-01", "2026-09-01"} {
		rel := fmt.Sprintf("stories/s%d.md", i)
		f.rels = append(f.rels, rel)
		f.texts[rel] = storyText(fmt.Sprintf("Verhaal %d", i), d, "", true, false)
	}
	a := NewAssembly(f.items(t))
	if got := slugsOf(a.Site.Stories); !slices.Equal(got, []string{"s0@2026-11-01", "s1@2026-10-01", "s2@2026-09-01"}) {
		t.Fatalf("stories %v", got)
	}
	items := slices.Clone(a.items)
	items[2] = ParseFile("stories/s2.md", []byte(storyText("Verhaal 2", "2026-11-20", "", true, false)), func(string) bool { return false })
	b := a.Reassemble(items)
	if got := slugsOf(b.Site.Stories); !slices.Equal(got, []string{"s2@2026-11-20", "s0@2026-11-01", "s1@2026-10-01"}) {
		t.Fatalf("after moving s2 to the newest: stories %v", got)
	}
	if got := slugsOf(a.Site.Stories); !slices.Equal(got, []string{"s0@2026-11-01", "s1@2026-10-01", "s2@2026-09-01"}) {
		t.Fatalf("the earlier assembly changed: %v", got)
	}
	items = slices.Clone(b.items)
	items[1] = ParseFile("stories/s1.md", []byte(storyText("Verhaal 1", "2026-10-01", "s0", true, false)), func(string) bool { return false })
	c := b.Reassemble(items)
	if !strings.Contains(c.Diags.Format("en"), `content/stories/s0.md and content/stories/s1.md get the same web address "s0"`) {
		t.Fatalf("a slug clash made by an edit is not reported:\n%s", c.Diags.Format("en"))
	}
	sameAssembly(t, "clash", c, NewAssembly(items))
	items = slices.Clone(c.items)
	items[1] = ParseFile("stories/s1.md", []byte(storyText("Verhaal 1", "2026-10-01", "", true, false)), func(string) bool { return false })
	d := c.Reassemble(items)
	if d.Diags.HasErrors() {
		t.Fatalf("the clash is still reported once undone:\n%s", d.Diags.Format("en"))
	}
}

// TestRandomReassembleEqualsAssemble edits random files of a random site,
// one to three at a time (dates, slugs that clash, drafts, consent, text
// that does not parse), and checks after every step that the site put
// together again from the last one equals the site put together from
// scratch, problems included.
func TestRandomReassembleEqualsAssemble(t *testing.T) {
	sequences := 300
	if testing.Short() {
		sequences = 40
	}
	for seq := range sequences {
		rng := rand.New(rand.NewPCG(uint64(seq), 7))
		slug := func() string {
			if rng.IntN(3) == 0 {
				return ""
			}
			return fmt.Sprintf("naam-%d", rng.IntN(6)) // often one another's
		}
		date := func() string { return fmt.Sprintf("2026-%02d-%02d", 1+rng.IntN(3), 1+rng.IntN(4)) }
		text := func(rel string) string {
			if rng.IntN(12) == 0 {
				return "+++\ntitle = \"kapot\n+++\n" // does not parse
			}
			switch {
			case strings.HasPrefix(rel, "stories/"):
				return storyText("Verhaal "+rel, date(), slug(), rng.IntN(5) > 0, rng.IntN(6) == 0)
			case strings.HasPrefix(rel, "activities/"):
				return activityText("Activiteit "+rel, slug(), rng.IntN(6) == 0)
			}
			return pageText("Pagina "+rel, slug(), rng.IntN(6) == 0)
		}
		f := &assembleFiles{texts: map[string]string{}}
		for _, dir := range []string{"activities", "pages", "stories"} {
			for i := range 2 + rng.IntN(8) {
				rel := fmt.Sprintf("%s/f%d.md", dir, i)
				if dir == "pages" {
					rel = fmt.Sprintf("p%d.md", i)
				}
				f.rels = append(f.rels, rel)
			}
		}
		f.rels = append(f.rels, "photo.jpg")
		slices.Sort(f.rels)
		for _, rel := range f.rels {
			f.texts[rel] = text(rel)
		}
		items := f.items(t)
		a := NewAssembly(items)
		for step := range 15 {
			items = slices.Clone(items)
			for range 1 + rng.IntN(3) {
				i := rng.IntN(len(f.rels))
				if f.rels[i] == "photo.jpg" {
					continue
				}
				items[i] = ParseFile(f.rels[i], []byte(text(f.rels[i])), func(string) bool { return false })
			}
			a = a.Reassemble(items)
			sameAssembly(t, fmt.Sprintf("sequence %d step %d", seq, step), a, NewAssembly(items))
		}
	}
}
