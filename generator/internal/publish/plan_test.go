package publish

import (
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"testing"
	"time"
)

func local(files ...string) map[string]Local {
	m := map[string]Local{}
	for _, f := range files {
		name, sum, _ := strings.Cut(f, "=")
		m[name] = Local{Size: int64(len(sum)), SHA256: sum}
	}
	return m
}

func names(us []Upload) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Name)
	}
	return out
}

func TestPlanOrderAndTrust(t *testing.T) {
	list := &Listing{
		Files: map[string]Entry{
			"index.html":                 {Size: 2},
			"style.css":                  {Size: 2},
			"oud/index.html":             {Size: 2},
			"van-de-host.txt":            {Size: 9},
			"verhalen/a/index.html":      {Size: 2},
			"verhalen/.x.krachtpunt-tmp": {Size: 1},
			"gewijzigd.txt":              {Size: 7}, // someone changed it: 7 bytes, not 2
		},
		Dirs: map[string]bool{"oud": true, "verhalen": true, "verhalen/a": true},
	}
	st := &State{Files: map[string]File{
		"index.html":            {SHA256: "i1", Size: 2},
		"style.css":             {SHA256: "s1", Size: 2},
		"oud/index.html":        {SHA256: "o1", Size: 2},
		"verhalen/a/index.html": {SHA256: "a1", Size: 2},
		"gewijzigd.txt":         {SHA256: "g1", Size: 2},
		"weg.txt":               {SHA256: "w1", Size: 2}, // gone from the server
	}}
	p := MakePlan(local("index.html=i2", "style.css=s1", "verhalen/a/index.html=a2", "verhalen/b/index.html=b1",
		"agenda/week/2026-W49/index.html=w1", "agenda.json=j1", "404.html=n1"), list, st)
	wantUploads := []string{"agenda.json", "agenda/week/2026-W49/index.html", "verhalen/a/index.html", "verhalen/b/index.html", "404.html", "index.html"}
	if got := names(p.Uploads); !slices.Equal(got, wantUploads) {
		t.Errorf("uploads %q, want %q", got, wantUploads)
	}
	if !slices.Equal(p.Deletes, []string{"oud/index.html"}) {
		t.Errorf("deletes %q, want only oud/index.html", p.Deletes)
	}
	if !slices.Equal(p.EmptyDirs, []string{"oud"}) {
		t.Errorf("empty dirs %q", p.EmptyDirs)
	}
	if !slices.Equal(p.Dirs, []string{"agenda", "agenda/week", "verhalen/b", "agenda/week/2026-W49"}) {
		t.Errorf("dirs %q", p.Dirs)
	}
	if !slices.Equal(p.Stale, []string{"gewijzigd.txt", "weg.txt"}) || !slices.Equal(p.Kept, []string{"gewijzigd.txt"}) {
		t.Errorf("stale %q kept %q", p.Stale, p.Kept)
	}
	if !slices.Equal(p.Leftovers, []string{"verhalen/.x.krachtpunt-tmp"}) {
		t.Errorf("leftovers %q", p.Leftovers)
	}
	if p.Unchanged != 1 || p.Published != 4 {
		t.Errorf("unchanged %d published %d", p.Unchanged, p.Published)
	}
}

func TestPlanWithoutStateDeletesNothing(t *testing.T) {
	list := &Listing{Files: map[string]Entry{"index.html": {Size: 5}, "old.html": {Size: 3}}, Dirs: map[string]bool{}}
	p := MakePlan(local("index.html=abcde"), list, nil)
	if len(p.Deletes) != 0 || !p.NoState || p.Count(Replace) != 1 {
		t.Errorf("without a state: deletes %q, replace %d", p.Deletes, p.Count(Replace))
	}
	if _, risky := p.Risky(); risky {
		t.Errorf("replacing a host's placeholder index.html needs no --yes")
	}
}

func TestPlanRisky(t *testing.T) {
	for _, tc := range []struct {
		published, deleted int
		risky              bool
	}{
		{100, 25, false}, {100, 26, true}, {400, 50, false}, {400, 51, true}, {3, 1, true}, {8, 2, false},
	} {
		list := &Listing{Files: map[string]Entry{}, Dirs: map[string]bool{}}
		st := &State{Files: map[string]File{}}
		loc := map[string]Local{}
		for i := range tc.published {
			name := fmt.Sprintf("f%03d.txt", i)
			list.Files[name] = Entry{Size: 1}
			st.Files[name] = File{SHA256: "x", Size: 1}
			if i >= tc.deleted {
				loc[name] = Local{Size: 1, SHA256: "x"}
			}
		}
		p := MakePlan(loc, list, st)
		if _, risky := p.Risky(); risky != tc.risky {
			t.Errorf("deleting %d of %d: risky %v, want %v", tc.deleted, tc.published, risky, tc.risky)
		}
	}
}

// TestPlanInvariants checks on random servers what must hold for every
// plan: only files the state vouches for are deleted, every file of public/
// is on the server as it is or uploaded, pages come after files, parents
// before children.
func TestPlanInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() string {
		dirs := []string{"", "a/", "a/b/", "c/"}
		exts := []string{".html", ".css", ".jpg"}
		return dirs[r.IntN(len(dirs))] + fmt.Sprintf("f%d", r.IntN(6)) + exts[r.IntN(len(exts))]
	}
	for range 2000 {
		loc := map[string]Local{}
		list := &Listing{Files: map[string]Entry{}, Dirs: map[string]bool{}}
		var st *State
		if r.IntN(5) > 0 {
			st = &State{Files: map[string]File{}}
		}
		for range r.IntN(12) {
			loc[pick()] = Local{Size: int64(r.IntN(3)), SHA256: fmt.Sprint(r.IntN(2))}
		}
		for range r.IntN(12) {
			name := pick()
			size := int64(r.IntN(3))
			list.Files[name] = Entry{Size: size, ModTime: time.Unix(int64(1+r.IntN(2)), 0)}
			for d := path.Dir(name); d != "."; d = path.Dir(d) {
				list.Dirs[d] = true
			}
			if st != nil && r.IntN(3) > 0 {
				st.Files[name] = File{Size: int64(r.IntN(3)), SHA256: fmt.Sprint(r.IntN(2)), ModTime: int64(r.IntN(3))}
			}
		}
		p := MakePlan(loc, list, st)
		uploaded := map[string]bool{}
		for _, u := range p.Uploads {
			uploaded[u.Name] = true
		}
		for _, d := range p.Deletes {
			f, ok := st.Files[d]
			e, there := list.Files[d]
			if !ok || !there || e.Size != f.Size || (f.ModTime != 0 && e.ModTime.Unix() != f.ModTime) {
				t.Fatalf("deletes %s, which the state does not vouch for", d)
			}
			if _, inLocal := loc[d]; inLocal {
				t.Fatalf("deletes %s, which public/ has", d)
			}
		}
		for name, l := range loc {
			if uploaded[name] {
				continue
			}
			f, ok := p.start.Files[name]
			if !ok || f.SHA256 != l.SHA256 {
				t.Fatalf("%s is neither on the server as it is nor uploaded", name)
			}
		}
		seenPage := false
		for i, u := range p.Uploads {
			if isPage(u.Name) {
				seenPage = true
			} else if seenPage {
				t.Fatalf("file %s after a page", u.Name)
			}
			if u.Name == "index.html" && i != len(p.Uploads)-1 {
				t.Fatalf("the home page is not last")
			}
			for d := path.Dir(u.Name); d != "."; d = path.Dir(d) {
				if !list.Dirs[d] && !slices.Contains(p.Dirs, d) {
					t.Fatalf("%s goes into %s, which is not made", u.Name, d)
				}
			}
		}
		for i, d := range p.Dirs {
			if parent := path.Dir(d); parent != "." && !list.Dirs[parent] && slices.Index(p.Dirs, parent) > i {
				t.Fatalf("folder %s made before its parent", d)
			}
		}
		for _, d := range p.EmptyDirs {
			for name := range list.Files {
				if strings.HasPrefix(name, d+"/") && !slices.Contains(p.Deletes, name) && !isTmp(name) {
					t.Fatalf("removes folder %s, which still holds %s", d, name)
				}
			}
			for name := range uploaded {
				if strings.HasPrefix(name, d+"/") {
					t.Fatalf("removes folder %s, which gets %s", d, name)
				}
			}
		}
	}
}
