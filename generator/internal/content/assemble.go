package content

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"krachtpunt/generator/internal/diag"
)

// Assemble puts parsed files together into a Site: it leaves out drafts and
// unconsented stories, sorts, and checks what only shows across files, such
// as two files with the same slug. Items must be in a stable order.
func Assemble(items []*Item) (*Site, diag.List) {
	a := NewAssembly(items)
	return a.Site, a.Diags
}

// An Assembly is a Site as Assemble puts it together, with what Reassemble
// needs to put it together again when a few files changed: the live
// preview does so after every save, and a site of thousands of files
// should not be sorted and checked anew for one of them.
//
// An Assembly and its Site are not changed once made: Reassemble makes a
// new one and shares with it what did not change.
type Assembly struct {
	Site  *Site
	Diags diag.List
	items []*Item
	// bySlug are the published activities, stories and pages sorted by
	// slug and then in the order of their list in Site: what the check for
	// two files with one slug reads.
	bySlug slugLists
}

type slugLists struct {
	activities []*Activity
	stories    []*Story
	pages      []*Page
}

// The orders of the lists of a Site, and of those lists by slug.
func activityOrder(a, b *Activity) int {
	return cmp.Or(cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.File, b.File))
}

func storyOrder(a, b *Story) int {
	return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.File, b.File))
}

func pageOrder(a, b *Page) int {
	return cmp.Or(cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.File, b.File))
}

func activitySlugOrder(a, b *Activity) int { return activityOrder(a, b) } // by slug already
func storySlugOrder(a, b *Story) int       { return cmp.Or(cmp.Compare(a.Slug, b.Slug), storyOrder(a, b)) }
func pageSlugOrder(a, b *Page) int         { return pageOrder(a, b) } // by slug already

// NewAssembly assembles the site of items, as Assemble does.
func NewAssembly(items []*Item) *Assembly {
	s := &Site{Withheld: map[string]Withheld{}}
	for _, it := range items {
		if it == nil {
			continue
		}
		switch it.Kind {
		case KindHome, KindIntro, KindHours:
			s.setSingle(it, it)
		case KindActivity:
			if a := it.Activity; a != nil && a.Draft {
				s.Withheld[it.Rel] = Withheld{Kind: it.Kind, Slug: a.Slug, Title: a.Title, Draft: true}
			} else if a != nil {
				s.Activities = append(s.Activities, a)
			}
		case KindStory:
			if st := it.Story; st != nil && (st.Draft || !st.Consent) {
				s.Withheld[it.Rel] = Withheld{Kind: it.Kind, Slug: st.Slug, Title: st.Title, Draft: st.Draft}
			} else if st != nil {
				s.Stories = append(s.Stories, st)
			}
		case KindPage:
			if p := it.Page; p != nil && p.Draft {
				s.Withheld[it.Rel] = Withheld{Kind: it.Kind, Slug: p.Slug, Title: p.Title, Draft: true}
			} else if p != nil {
				s.Pages = append(s.Pages, p)
			}
		case KindStatic:
			s.Files = append(s.Files, it.Rel)
		}
	}
	slices.SortFunc(s.Activities, activityOrder)
	slices.SortFunc(s.Stories, storyOrder)
	slices.SortFunc(s.Pages, pageOrder)
	slices.Sort(s.Files)
	a := &Assembly{Site: s, items: items}
	a.bySlug.activities = s.Activities // sorted by slug already
	a.bySlug.stories = slices.Clone(s.Stories)
	slices.SortFunc(a.bySlug.stories, storySlugOrder)
	a.bySlug.pages = s.Pages
	a.check()
	return a
}

// setSingle puts the page of item it, of a kind a site has one of, in its
// place; the place is that of was, the same file.
func (s *Site) setSingle(was, it *Item) {
	switch was.Kind {
	case KindHome:
		s.Home = it.Home
	case KindIntro:
		if strings.HasPrefix(was.Rel, "activities/") {
			s.ActivitiesIntro = it.Home
		} else {
			s.StoriesIntro = it.Home
		}
	case KindHours:
		s.Hours = it.Hours
	}
}

// Reassemble returns the Assembly of items, the items of a and the same
// files in the same order, some of them parsed again: only the items that
// differ from those of a are sorted in and checked. Items of other files
// are assembled from scratch.
func (a *Assembly) Reassemble(items []*Item) *Assembly {
	if len(items) != len(a.items) {
		return NewAssembly(items)
	}
	var changed []int
	for i, it := range items {
		if it == a.items[i] {
			continue
		}
		was := a.items[i]
		if it == nil || was == nil || it.Rel != was.Rel || it.Kind != was.Kind {
			return NewAssembly(items)
		}
		changed = append(changed, i)
	}
	s := *a.Site
	n := &Assembly{Site: &s, items: items, bySlug: a.bySlug}
	ownWithheld := false
	withheld := func() map[string]Withheld {
		if !ownWithheld {
			s.Withheld = maps.Clone(s.Withheld)
			ownWithheld = true
		}
		return s.Withheld
	}
	// Take each old item out and put the new one in; the lists are copied
	// once, when first changed.
	var own [6]bool
	for _, i := range changed {
		was, it := a.items[i], items[i]
		if _, ok := s.Withheld[it.Rel]; ok {
			delete(withheld(), it.Rel)
		}
		switch it.Kind {
		case KindHome, KindIntro, KindHours:
			s.setSingle(was, it)
		case KindActivity:
			if old := was.Activity; old != nil && !old.Draft {
				s.Activities = remove(s.Activities, old, activityOrder, &own[0])
				n.bySlug.activities = s.Activities
			}
			if a := it.Activity; a != nil && a.Draft {
				withheld()[it.Rel] = Withheld{Kind: it.Kind, Slug: a.Slug, Title: a.Title, Draft: true}
			} else if a != nil {
				s.Activities = insert(s.Activities, a, activityOrder, &own[0])
				n.bySlug.activities = s.Activities
			}
		case KindStory:
			if old := was.Story; old != nil && !old.Draft && old.Consent {
				s.Stories = remove(s.Stories, old, storyOrder, &own[1])
				n.bySlug.stories = remove(n.bySlug.stories, old, storySlugOrder, &own[2])
			}
			if st := it.Story; st != nil && (st.Draft || !st.Consent) {
				withheld()[it.Rel] = Withheld{Kind: it.Kind, Slug: st.Slug, Title: st.Title, Draft: st.Draft}
			} else if st != nil {
				s.Stories = insert(s.Stories, st, storyOrder, &own[1])
				n.bySlug.stories = insert(n.bySlug.stories, st, storySlugOrder, &own[2])
			}
		case KindPage:
			if old := was.Page; old != nil && !old.Draft {
				s.Pages = remove(s.Pages, old, pageOrder, &own[3])
				n.bySlug.pages = s.Pages
			}
			if p := it.Page; p != nil && p.Draft {
				withheld()[it.Rel] = Withheld{Kind: it.Kind, Slug: p.Slug, Title: p.Title, Draft: true}
			} else if p != nil {
				s.Pages = insert(s.Pages, p, pageOrder, &own[3])
				n.bySlug.pages = s.Pages
			}
		}
	}
	// A list left empty is no list, as from scratch.
	s.Activities, s.Stories, s.Pages = orNil(s.Activities), orNil(s.Stories), orNil(s.Pages)
	n.bySlug = slugLists{orNil(n.bySlug.activities), orNil(n.bySlug.stories), orNil(n.bySlug.pages)}
	n.check()
	return n
}

func orNil[T any](list []T) []T {
	if len(list) == 0 {
		return nil
	}
	return list
}

// check gathers the problems of the items and those only the whole site
// shows: unconsented stories and two files with one slug.
func (a *Assembly) check() {
	var diags diag.List
	for _, it := range a.items {
		if it == nil {
			continue
		}
		diags.Append(it.Diags)
		if st := it.Story; it.Kind == KindStory && st != nil && !st.Draft && !st.Consent {
			diags.Warnf(st.ConsentPos, "no-consent",
				diag.T("verhaal %q is niet gepubliceerd: er staat geen toestemming = true in", "story %q was not published: it has no consent = true", st.Title),
				diag.T("Publiceer een verhaal pas als de bewoner schriftelijk toestemming gaf; zet dan toestemming = true.", "Publish a story only when the resident agreed in writing; then set consent = true."))
		}
	}
	duplicates(&diags, a.bySlug.activities, func(a *Activity) (string, string) { return a.Slug, a.File })
	duplicates(&diags, a.bySlug.stories, func(s *Story) (string, string) { return s.Slug, s.File })
	duplicates(&diags, a.bySlug.pages, func(p *Page) (string, string) { return p.Slug, p.File })
	diags.Sort()
	a.Diags = diags
}

// duplicates reports each file of list, sorted by slug, whose slug is that
// of the one before.
func duplicates[T any](diags *diag.List, list []T, of func(T) (slug, file string)) {
	for i := 1; i < len(list); i++ {
		prevSlug, prevFile := of(list[i-1])
		slug, file := of(list[i])
		if slug == prevSlug {
			diags.Errorf(diag.Pos{File: file}, "duplicate-slug",
				diag.T("%s en %s krijgen hetzelfde webadres %q", "%s and %s get the same web address %q", prevFile, file, slug),
				diag.T(`Geef een van de twee een andere bestandsnaam, of zet slug = "andere-naam" in de gegevens.`, `Give one of them another file name, or set slug = "other-name" in its settings.`))
		}
	}
}

// remove returns list, sorted by order, without x; insert returns it with
// x in its place. The list is copied first unless *own says it was
// already: the lists of an Assembly are shared with the next one.
func remove[T comparable](list []T, x T, order func(a, b T) int, own *bool) []T {
	i, ok := slices.BinarySearchFunc(list, x, order)
	if !ok || list[i] != x {
		panic("content: an item to take out of an assembled list is not in it")
	}
	if !*own {
		list, *own = slices.Clone(list), true
	}
	return slices.Delete(list, i, i+1)
}

func insert[T any](list []T, x T, order func(a, b T) int, own *bool) []T {
	i, _ := slices.BinarySearchFunc(list, x, order)
	if !*own {
		out := make([]T, 0, len(list)+1)
		out = append(out, list[:i]...)
		out = append(out, x)
		*own = true
		return append(out, list[i:]...)
	}
	return slices.Insert(list, i, x)
}
