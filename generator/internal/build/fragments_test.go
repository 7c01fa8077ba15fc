package build

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"krachtpunt/generator/internal/schedule"
)

// TestBoundedCarryForgetsLeastRecentlyUsed checks the carry of a one-off
// build: it keeps what fits its budget, forgets the piece used longest
// ago first, and makes a forgotten piece again when it is asked for.
func TestBoundedCarryForgetsLeastRecentlyUsed(t *testing.T) {
	c := newCarry[string, string](nil)
	c.limit = 3 * (10 + entryOverhead)
	c.size = func(s string) int { return len(s) }
	made := map[string]int{}
	get := func(k string) {
		t.Helper()
		v, err := c.get(k, func() (string, error) { made[k]++; return fmt.Sprintf("%-10s", k), nil })
		if err != nil || v != fmt.Sprintf("%-10s", k) {
			t.Fatalf("get(%q) = %q, %v", k, v, err)
		}
		if c.used > c.limit {
			t.Fatalf("after get(%q) the carry holds %d bytes, over its limit of %d", k, c.used, c.limit)
		}
	}
	for _, k := range []string{"a", "b", "c", "a", "d", "a", "b", "c"} {
		get(k)
	}
	// d pushed out b (a was used after b); b coming back pushed out c,
	// and c coming back pushed out d.
	want := map[string]int{"a": 1, "b": 2, "c": 2, "d": 1}
	if !maps.Equal(made, want) {
		t.Errorf("pieces made %v, want %v", made, want)
	}
	if kept := slices.Sorted(maps.Keys(c.byKey)); !slices.Equal(kept, []string{"a", "b", "c"}) {
		t.Errorf("the carry keeps %v, want [a b c]", kept)
	}
	if len(c.made) != 0 {
		t.Errorf("a bounded carry kept %d pieces for a next build", len(c.made))
	}
}

// TestOneOffBuildForgettingEveryPiece builds the example into an Output
// with budgets so small that a one-off build forgets every day, month
// cell, list item and story view as soon as it is made, so each page
// makes its own again, and checks that the site is byte for byte the one
// the preview's Builder, which keeps every piece, makes.
func TestOneOffBuildForgettingEveryPiece(t *testing.T) {
	fsys := siteFS(t, buildExampleFiles(t))
	today, _ := schedule.ParseDate("2026-11-25")
	defer func(p, i, s int) { pieceBudget, itemBudget, storyBudget = p, i, s }(pieceBudget, itemBudget, storyBudget)
	pieceBudget, itemBudget, storyBudget = 1, 1, 1
	ctx := context.Background()
	out := &Memory{}
	if _, err := Build(ctx, Options{Site: fsys, Today: today, Out: out}); err != nil {
		t.Fatal(err)
	}
	up, err := NewBuilder(fsys, nil).Build(ctx, nil, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Files) != len(up.Files) || len(out.Files) < 100 {
		t.Fatalf("the one-off build made %d files, the Builder %d", len(out.Files), len(up.Files))
	}
	for _, p := range slices.Sorted(maps.Keys(up.Files)) {
		if string(out.Files[p]) != string(up.Files[p]) {
			t.Errorf("%s differs between the one-off build and the Builder", p)
		}
	}
}

// TestWorkOrderPutsARouteAfterTheOneItFollows: the pages of stories are
// made right after the page of the list that shows them; every route is
// made once, whatever the hints say (one to a missing path, two that
// follow each other).
func TestWorkOrderPutsARouteAfterTheOneItFollows(t *testing.T) {
	routes := []route{
		{path: "index.html"},
		{path: "verhalen/a/index.html", after: "verhalen/pagina/2/index.html"},
		{path: "verhalen/b/index.html", after: "verhalen/index.html"},
		{path: "verhalen/c/index.html", after: "verhalen/index.html"},
		{path: "verhalen/d/index.html", after: "verhalen/weg/index.html"},
		{path: "verhalen/index.html"},
		{path: "verhalen/pagina/2/index.html"},
		{path: "x/index.html", after: "y/index.html"},
		{path: "y/index.html", after: "x/index.html"},
	}
	var got []string
	for _, i := range workOrder(routes) {
		got = append(got, routes[i].path)
	}
	want := []string{
		"index.html",
		"verhalen/d/index.html", // follows a path no route has
		"verhalen/index.html", "verhalen/b/index.html", "verhalen/c/index.html",
		"verhalen/pagina/2/index.html", "verhalen/a/index.html",
		"x/index.html", "y/index.html",
	}
	if !slices.Equal(got, want) {
		t.Errorf("work order\n%q\nwant\n%q", got, want)
	}
}
