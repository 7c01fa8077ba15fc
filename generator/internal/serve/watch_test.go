package serve

import (
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func startWatcher(t *testing.T, site *testSite, roots ...string) *Watcher {
	t.Helper()
	if len(roots) == 0 {
		roots = []string{"site.toml", "content", "themes/default"}
	}
	ctx, cancel := context.WithCancel(context.Background())
	w, err := NewWatcher(ctx, WatchOptions{SiteDir: site.dir, Paths: roots, Debounce: testDebounce, MaxWait: wait})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		w.Close()
	})
	return w
}

func nextBatch(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b, ok := <-w.Batches():
		if !ok {
			t.Fatal("the watcher stopped")
		}
		return b
	case <-time.After(wait):
		t.Fatal("no batch of changes")
	}
	return Batch{}
}

// expectBatch waits for the next batch and fails unless it lists want.
func expectBatch(t *testing.T, w *Watcher, all bool, want ...string) {
	t.Helper()
	b := nextBatch(t, w)
	if b.All != all || !slices.Equal(b.Paths, want) {
		t.Fatalf("got batch %s (all=%v), want %s (all=%v)", paths(b.Paths), b.All, paths(want), all)
	}
}

func TestWatcherEditorSaveStyles(t *testing.T) {
	site := newTestSite(t)
	w := startWatcher(t, site)

	site.write("content/koffie.md", "in place")
	expectBatch(t, w, false, "content/koffie.md")

	// gedit, VS Code with atomic save: a new file renamed over the old one.
	site.write("content/koffie.md.tmp", "renamed over")
	site.rename("content/koffie.md.tmp", "content/koffie.md")
	expectBatch(t, w, false, "content/koffie.md")

	// vim: its test file, a backup by renaming, a new file, the backup deleted.
	site.write("content/4913", "")
	site.remove("content/4913")
	site.rename("content/koffie.md", "content/koffie.md~")
	site.write("content/koffie.md", "vim")
	site.remove("content/koffie.md~")
	expectBatch(t, w, false, "content/koffie.md")

	site.remove("content/koffie.md")
	site.write("content/koffie.md", "deleted and created")
	expectBatch(t, w, false, "content/koffie.md")

	site.write("site.toml.tmp", "title = \"Nieuw\"\n")
	site.rename("site.toml.tmp", "site.toml")
	expectBatch(t, w, false, "site.toml")
}

func TestWatcherIgnoresBackupAndSwapFiles(t *testing.T) {
	site := newTestSite(t)
	w := startWatcher(t, site)

	for _, name := range []string{"koffie.md~", ".koffie.md.swp", "#koffie.md#", ".#koffie.md", "_concept.md", "4913"} {
		site.write("content/"+name, "editor leftovers")
	}
	site.write("content/_drafts/x.md", "in an ignored folder")
	site.write("content/_drafts/y.md", "in an ignored folder")
	site.remove("content/4913")
	// Only this one counts; had the others been reported, they would come
	// first or in the same batch.
	site.write("content/marker.md", "marker")
	expectBatch(t, w, false, "content/marker.md")
}

func TestWatcherReportsOnlyWatchedPaths(t *testing.T) {
	site := newTestSite(t)
	w := startWatcher(t, site)

	site.write("public/index.html", "generated")
	site.write("themes/other/style.css", "another theme")
	site.write("README.txt", "notes")
	site.write("content/marker.md", "marker")
	expectBatch(t, w, false, "content/marker.md")
}

func TestWatcherFollowsNewFolders(t *testing.T) {
	site := newTestSite(t)
	w := startWatcher(t, site)

	// Written at once after the folders are made: before the watcher could
	// add a watch for them, so it must find the file by listing them.
	site.mkdirAll("content/activiteiten/zomer")
	site.write("content/activiteiten/zomer/zwemmen.md", "zwemmen")
	expectBatch(t, w, false, "content/activiteiten/zomer/zwemmen.md")

	site.write("content/activiteiten/zomer/fietsen.md", "fietsen")
	expectBatch(t, w, false, "content/activiteiten/zomer/fietsen.md")

	for _, d := range []string{"content/activiteiten", "content/activiteiten/zomer"} {
		if !slices.Contains(w.watched(), d) {
			t.Errorf("%s is not watched: %v", d, w.watched())
		}
	}
}

func TestWatcherSeesAWatchedFolderAppearLater(t *testing.T) {
	site := newTestSite(t)
	w := startWatcher(t, site, "site.toml", "content", "themes/linde")

	site.write("themes/linde/static/css/site.css", "body {}")
	expectBatch(t, w, false, "themes/linde/static/css/site.css")

	site.write("themes/linde/static/css/site.css", "body { margin: 0 }")
	expectBatch(t, w, false, "themes/linde/static/css/site.css")
}

func TestWatcherDropsWatchesOfRemovedFolders(t *testing.T) {
	site := newTestSite(t)
	w := startWatcher(t, site)

	site.write("content/oud/a/een.md", "1")
	site.write("content/oud/b/twee.md", "2")
	expectBatch(t, w, false, "content/oud/a/een.md", "content/oud/b/twee.md")

	site.remove("content/oud")
	b := nextBatch(t, w)
	if !b.All {
		t.Fatalf("removing a folder gave %s without All", paths(b.Paths))
	}
	for _, d := range w.watched() {
		if strings.HasPrefix(d, "content/oud") {
			t.Errorf("still watching %s after it was removed", d)
		}
	}

	// The same name again is a new folder, watched again.
	site.write("content/oud/drie.md", "3")
	expectBatch(t, w, false, "content/oud/drie.md")
}

func TestWatcherFollowsRenamedFolders(t *testing.T) {
	site := newTestSite(t)
	w := startWatcher(t, site)

	site.write("content/verhalen/2025/zomer.md", "zomer")
	expectBatch(t, w, false, "content/verhalen/2025/zomer.md")

	site.rename("content/verhalen", "content/stories")
	b := nextBatch(t, w)
	if !b.All || !slices.Equal(b.Paths, []string{"content/stories/2025/zomer.md"}) {
		t.Fatalf("renaming a folder gave %s (all=%v), want the files under its new name and All", paths(b.Paths), b.All)
	}
	watched := w.watched()
	if !slices.Contains(watched, "content/stories/2025") {
		t.Errorf("content/stories/2025 is not watched: %v", watched)
	}
	for _, d := range watched {
		if strings.HasPrefix(d, "content/verhalen") {
			t.Errorf("still watching %s after it was renamed", d)
		}
	}

	site.write("content/stories/2025/zomer.md", "zomer, later")
	expectBatch(t, w, false, "content/stories/2025/zomer.md")
}

func TestWatcherBurstIsOneBatch(t *testing.T) {
	site := newTestSite(t)
	w := startWatcher(t, site)

	names := burstNames(500)
	for _, name := range names {
		site.write(name, "burst")
	}
	expectBatch(t, w, false, names...)

	site.write("content/marker.md", "marker")
	expectBatch(t, w, false, "content/marker.md")
}

func TestWatcherRejectsPathsOutsideTheSite(t *testing.T) {
	site := newTestSite(t)
	for _, p := range []string{"../elsewhere", "/etc"} {
		w, err := NewWatcher(context.Background(), WatchOptions{SiteDir: site.dir, Paths: []string{p}})
		if err == nil {
			w.Close()
			t.Errorf("NewWatcher accepted %q", p)
		}
	}
}

func TestWatcherMaxWait(t *testing.T) {
	site := newTestSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w, err := NewWatcher(ctx, WatchOptions{SiteDir: site.dir, Paths: []string{"content"}, Debounce: time.Second, MaxWait: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	// A file written again and again, never quiet for the debounce time:
	// a batch still comes while the writing goes on.
	stop := make(chan struct{})
	writing := make(chan struct{})
	go func() {
		defer close(writing)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
				if err := os.WriteFile(site.abs("content/log.md"), []byte(strconv.Itoa(i)), 0o644); err != nil {
					t.Error(err)
					return
				}
			}
		}
	}()
	defer func() { close(stop); <-writing }()
	expectBatch(t, w, false, "content/log.md")
}
