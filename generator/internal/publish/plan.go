package publish

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"krachtpunt/generator/internal/diag"
)

// Reason says why a file is uploaded.
type Reason int

const (
	// New is a file that is not on the server yet.
	New Reason = iota
	// Changed is a file published before whose content changed.
	Changed
	// Replace is a file on the server that this package did not publish
	// (or cannot vouch for) and that public/ has a file for.
	Replace
)

// Upload is one file to upload.
type Upload struct {
	Name   string
	Reason Reason
	Local
}

// Plan is what a publish does, in the order it does it.
type Plan struct {
	Leftovers []string // temporary files of a publish that stopped, removed first
	Dirs      []string // folders to make, parents first
	Uploads   []Upload // files first, then pages, deepest first, the home page last
	Deletes   []string // files published before and gone from public/ now
	EmptyDirs []string // folders left empty by Deletes, deepest first
	Unchanged int      // files already on the server as they are in public/

	// Published is the number of files the state vouches for.
	Published int
	// NoState is set when the server has no (readable) state file.
	NoState bool
	// Stale lists files in the state that are gone from the server or differ
	// from what the state says: the state is not trusted for them.
	Stale []string
	// Kept lists files this package published that someone changed on the
	// server since, and that public/ has no file for: they stay.
	Kept []string

	start *State // what the state may keep: the files it vouches for
}

// Limits above which deleting or replacing needs the --yes flag.
const (
	maxDeletes         = 50
	maxDeleteFraction  = 4 // more than a quarter of the published files
	maxForeignReplaced = 3 // a host's placeholder index.html and 404 page
)

// MakePlan compares public/ (local) with the server's folder (list) and the
// state read from it (nil when there is none).
func MakePlan(local map[string]Local, list *Listing, st *State) *Plan {
	p := &Plan{start: &State{Files: map[string]File{}}, NoState: st == nil}
	if st == nil {
		st = &State{}
	}
	// Trust the state only for files the listing shows as the state says.
	for name, f := range st.Files {
		e, ok := list.Files[name]
		switch {
		case !ok:
			p.Stale = append(p.Stale, name)
		case e.Size != f.Size || (f.ModTime != 0 && unix(e.ModTime) != 0 && unix(e.ModTime) != f.ModTime):
			p.Stale = append(p.Stale, name)
			if _, inLocal := local[name]; !inLocal {
				p.Kept = append(p.Kept, name)
			}
		default:
			p.start.Files[name] = f
		}
	}
	p.Published = len(p.start.Files)
	for name := range list.Files {
		if isTmp(name) {
			p.Leftovers = append(p.Leftovers, name)
		}
	}
	for name, l := range local {
		f, ours := p.start.Files[name]
		_, there := list.Files[name]
		_, before := st.Files[name] // published here, changed on the server since
		switch {
		case ours && f.SHA256 == l.SHA256:
			p.Unchanged++
		case ours, there && before:
			p.Uploads = append(p.Uploads, Upload{name, Changed, l})
		case there:
			p.Uploads = append(p.Uploads, Upload{name, Replace, l})
		default:
			p.Uploads = append(p.Uploads, Upload{name, New, l})
		}
	}
	for name := range p.start.Files {
		if _, ok := local[name]; !ok {
			p.Deletes = append(p.Deletes, name)
		}
	}
	p.dirs(list)
	slices.SortFunc(p.Uploads, func(a, b Upload) int { return compareUpload(a.Name, b.Name) })
	slices.Sort(p.Deletes)
	slices.Sort(p.Leftovers)
	slices.Sort(p.Stale)
	slices.Sort(p.Kept)
	return p
}

// compareUpload orders files before pages, deeper pages before the pages
// that link to them, and the home page last.
func compareUpload(a, b string) int {
	pa, pb := isPage(a), isPage(b)
	if pa != pb {
		if pa {
			return 1
		}
		return -1
	}
	if pa {
		if c := cmp.Compare(strings.Count(b, "/"), strings.Count(a, "/")); c != 0 {
			return c
		}
		if a == "index.html" || b == "index.html" {
			return cmp.Compare(b2i(a == "index.html"), b2i(b == "index.html"))
		}
	}
	return cmp.Compare(a, b)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isPage(name string) bool { return strings.HasSuffix(name, ".html") }

// dirs works out the folders to make and those left empty by the deletions.
func (p *Plan) dirs(list *Listing) {
	need := map[string]bool{}
	for _, u := range p.Uploads {
		for d := path.Dir(u.Name); d != "."; d = path.Dir(d) {
			if !list.Dirs[d] {
				need[d] = true
			}
		}
	}
	for d := range need {
		p.Dirs = append(p.Dirs, d)
	}
	// Parents first: a parent sorts before its children.
	slices.SortFunc(p.Dirs, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.Count(a, "/"), strings.Count(b, "/")), cmp.Compare(a, b))
	})

	gone := map[string]bool{}
	for _, d := range p.Deletes {
		gone[d] = true
	}
	for _, l := range p.Leftovers {
		gone[l] = true
	}
	candidate := map[string]bool{}
	for _, d := range p.Deletes {
		for dir := path.Dir(d); dir != "."; dir = path.Dir(dir) {
			candidate[dir] = true
		}
	}
	if len(candidate) == 0 {
		return
	}
	// A folder stays when a file stays or comes under it, or a folder that
	// held none of the deleted files.
	stays := map[string]bool{}
	keep := func(name string) {
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			stays[dir] = true
		}
	}
	for name := range list.Files {
		if !gone[name] {
			keep(name)
		}
	}
	for _, u := range p.Uploads {
		keep(u.Name)
	}
	for d := range list.Dirs {
		if !candidate[d] {
			keep(d)
			stays[d] = true
		}
	}
	for d := range candidate {
		if !stays[d] && list.Dirs[d] {
			p.EmptyDirs = append(p.EmptyDirs, d)
		}
	}
	slices.SortFunc(p.EmptyDirs, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.Count(b, "/"), strings.Count(a, "/")), cmp.Compare(a, b))
	})
}

// Empty reports whether the plan changes nothing on the server.
func (p *Plan) Empty() bool {
	return len(p.Uploads) == 0 && len(p.Deletes) == 0 && len(p.Leftovers) == 0 && len(p.EmptyDirs) == 0
}

// Count returns the number of uploads for each reason.
func (p *Plan) Count(r Reason) int {
	n := 0
	for _, u := range p.Uploads {
		if u.Reason == r {
			n++
		}
	}
	return n
}

// Bytes returns the size of all uploads together.
func (p *Plan) Bytes() int64 {
	var n int64
	for _, u := range p.Uploads {
		n += u.Size
	}
	return n
}

// Risky explains why the plan needs --yes, or returns false when it does not:
// it deletes more than 50 files or a quarter of the published site, or
// replaces more than a few files this package did not publish, which is what
// a wrong path pointing at another site looks like.
func (p *Plan) Risky() (diag.Text, bool) {
	if n := len(p.Deletes); n > maxDeletes || (n > 0 && n*maxDeleteFraction > p.Published) {
		return diag.T("publish zou %d van de %d gepubliceerde bestanden weghalen.", "publish would delete %d of the %d published files.", n, p.Published), true
	}
	if n := p.Count(Replace); n > maxForeignReplaced {
		return diag.T("publish zou %d bestanden vervangen die Krachtpunt daar niet zelf heeft gezet.", "publish would replace %d files that Krachtpunt did not put there itself.", n), true
	}
	return diag.Text{}, false
}
