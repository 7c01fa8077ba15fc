package diag

import (
	"errors"
	"testing"
)

func TestListSortsAndDropsRepeats(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "content/b.md", Line: 2}, "x", T("b", "b"), Text{})
	l.Errorf(Pos{File: "content/a.md", Line: 9}, "x", T("a9", "a9"), Text{})
	l.Errorf(Pos{File: "content/a.md", Line: 3}, "x", T("a3", "a3"), Text{})
	l.Errorf(Pos{File: "content/a.md", Line: 3}, "x", T("a3", "a3"), Text{})
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.Pos.String())
	}
	want := []string{"content/a.md:3", "content/a.md:9", "content/b.md:2"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	if e := l.Error(); e != "content/a.md:3: a3 (and 2 more problems)" {
		t.Errorf("Error() = %q", e)
	}
}

func TestFormatInBothLanguages(t *testing.T) {
	d := &Diagnostic{Pos: Pos{File: "content/activities/koffie.md", Line: 4}, Msg: T("onbekende sleutel %q", "unknown key %q", "tittel"), Hint: T("bedoel je %q?", "did you mean %q?", "titel")}
	if got, want := d.Format("nl"), "content/activities/koffie.md:4: onbekende sleutel \"tittel\"\n    bedoel je \"titel\"?"; got != want {
		t.Errorf("nl: got %q, want %q", got, want)
	}
	if got, want := d.Format("en"), "content/activities/koffie.md:4: unknown key \"tittel\"\n    did you mean \"titel\"?"; got != want {
		t.Errorf("en: got %q, want %q", got, want)
	}
}

func TestWarningsAreNotErrors(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list is an error")
	}
	l.Warnf(Pos{File: "content/stories/x.md"}, "no-consent", T("overgeslagen", "skipped"), Text{})
	if l.Err() != nil {
		t.Fatal("a warning stops the build")
	}
	l.Errorf(Pos{File: "site.toml", Line: 1}, "x", T("fout", "wrong"), Text{})
	var got List
	if !errors.As(l.Err(), &got) || len(got.Errors()) != 1 || len(got.Warnings()) != 1 {
		t.Fatalf("Err() = %v", l.Err())
	}
}

func TestClosest(t *testing.T) {
	keys := []string{"title", "titel", "summary", "when", "wanneer", "room"}
	for word, want := range map[string]string{
		"tittel":  "titel",
		"Titel":   "titel",
		"sumary":  "summary",
		"wanner":  "wanneer",
		"colour":  "",
		"x":       "",
		"roomz":   "room",
		"locatie": "",
	} {
		if got := Closest(word, keys); got != want {
			t.Errorf("Closest(%q) = %q, want %q", word, got, want)
		}
	}
}
