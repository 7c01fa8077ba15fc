package fileid

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestChangeTimeCannotBeSetBack edits a file with the length it had and
// sets its modification time back: the modification time says nothing
// changed, the change time and the number say what happened. A hard link
// keeps the number and moves the change time on.
func TestChangeTimeCannotBeSetBack(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("no change time on " + runtime.GOOS)
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "index.html")
	if err := os.WriteFile(name, []byte("aaaa"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	// Until the clock has moved on, which coarse clocks take a few
	// milliseconds to do.
	changed := func(then os.FileInfo) os.FileInfo {
		t.Helper()
		for range 1000 {
			fi, err := os.Lstat(name)
			if err != nil {
				t.Fatal(err)
			}
			if ChangeTime(fi) != ChangeTime(then) {
				return fi
			}
			time.Sleep(time.Millisecond)
			if err := os.Chtimes(name, then.ModTime(), then.ModTime()); err != nil {
				t.Fatal(err)
			}
		}
		t.Fatal("the change time did not move on")
		return nil
	}
	if err := os.WriteFile(name, []byte("bbbb"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(name, before.ModTime(), before.ModTime()); err != nil {
		t.Fatal(err)
	}
	edited := changed(before)
	if !edited.ModTime().Equal(before.ModTime()) || edited.Size() != before.Size() {
		t.Fatalf("the edit has modification time %v and size %d, want %v and %d", edited.ModTime(), edited.Size(), before.ModTime(), before.Size())
	}
	n1, ok1 := Number(before)
	n2, ok2 := Number(edited)
	if !ok1 || !ok2 || n1 != n2 {
		t.Errorf("the file's number is %d (%v), then %d (%v), want one number", n1, ok1, n2, ok2)
	}
	if err := os.Link(name, name+".link"); err != nil {
		t.Fatal(err)
	}
	linked := changed(edited)
	if n3, _ := Number(linked); n3 != n1 {
		t.Errorf("after a hard link the number is %d, want %d", n3, n1)
	}
}
