package build

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

// TestRecordHoldsNoMarkdown builds as the command line does and reads the
// record of the parsed files it leaves: it holds the stories' settings but
// not their text, which the pages read again from the files. A later
// build that needs the text of stories it did not parse (the list of
// stories after one story edit, every file after a photo came) makes the
// same site as a full build.
func TestRecordHoldsNoMarkdown(t *testing.T) {
	site := writeRecordSite(t, recordSite, time.Now().Add(-time.Hour))
	first, _ := buildWithRecord(t, site)
	checkFull(t, "the first build", site, first)
	rec, err := os.ReadFile(filepath.Join(filepath.Dir(site), ".krachtpunt-parsed-public"))
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"Tomaten in de tuin.", "Banden plakken.", "Koffie en thee.", "Wij zijn het buurthuis."} {
		if bytes.Contains(rec, []byte(text)) {
			t.Errorf("the record holds the text %q", text)
		}
	}
	if !bytes.Contains(rec, []byte("De fiets")) {
		t.Error("the record does not hold the title of a story it parsed")
	}
	if page := string(first.files["verhalen/fiets/index.html"]); !strings.Contains(page, "Banden plakken.") {
		t.Errorf("the story's page lacks its text:\n%s", page)
	}

	p := filepath.Join(site, "content", "stories", "tuin.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte("Tomaten"), []byte("Bonen"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	after, parsed := buildWithRecord(t, site)
	checkParsed(t, "after the edit", parsed, []string{"stories/tuin.md"})
	checkFull(t, "after the edit", site, after)
	if page := string(after.files["verhalen/fiets/index.html"]); !strings.Contains(page, "Banden plakken.") {
		t.Errorf("after another story's edit, the story's page lacks its text:\n%s", page)
	}
}

// TestFileChangedWhileBuilding saves a story while the build makes its
// files, after the build read it: its page would show the new text under the old
// settings and a key that claims the old bytes. The build stops instead,
// and says which file changed and what to do, in the site's language.
func TestFileChangedWhileBuilding(t *testing.T) {
	site := writeRecordSite(t, recordSite, time.Now().Add(-time.Hour))
	name := "content/stories/fiets.md"
	orig, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	later := bytes.Replace(orig, []byte("Banden plakken."), []byte("Banden plakken en ketting smeren."), 1)
	for _, withRecord := range []bool{false, true} {
		fsys := &laterFS{FS: os.DirFS(site), name: name, bytes: later}
		out := &onFirstFile{Output: &Memory{}, then: func() { fsys.later.Store(true) }}
		b := &Builder{site: fsys, out: out}
		if withRecord {
			b.rec = NewRecord(filepath.Join(t.TempDir(), ".krachtpunt-parsed-public"), site)
		}
		up, err := b.Build(context.Background(), nil, recordToday)
		if err == nil {
			t.Fatalf("record %v: the build went on with a file that changed while it ran", withRecord)
		}
		found := false
		for _, d := range up.Result.Diags {
			if d.Code == "changed-while-building" && d.File == name {
				found = true
			}
		}
		msg := up.Result.Diags.Format("nl")
		if !found || !strings.Contains(msg, "veranderde terwijl de site gebouwd werd") || !strings.Contains(msg, "Bouw de site opnieuw") {
			t.Errorf("record %v: the build does not say that %s changed:\n%s", withRecord, name, msg)
		}
	}
}

// laterFS is a site folder whose file name has other bytes once later
// is set: a volunteer who saves while the build runs.
type laterFS struct {
	fs.FS
	name  string
	bytes []byte
	later atomic.Bool
}

func (l *laterFS) Open(name string) (fs.File, error) {
	if name == l.name && l.later.Load() {
		return fstest.MapFS{name: {Data: l.bytes, Mode: 0o644, ModTime: time.Now()}}.Open(name)
	}
	return l.FS.Open(name)
}

// onFirstFile is an Output that calls then when the build starts its
// first file.
type onFirstFile struct {
	Output
	once sync.Once
	then func()
}

func (o *onFirstFile) Create(p, key string) (io.WriteCloser, error) {
	o.once.Do(o.then)
	return o.Output.Create(p, key)
}
