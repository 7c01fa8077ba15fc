package outdir

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// TestSecondBuildWaitsForTheFirst opens one output folder twice: the second
// Open says it waits, and gets the folder only after the first is done.
func TestSecondBuildWaitsForTheFirst(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.WriteFile("index.html", []byte("eerste")); err != nil {
		t.Fatal(err)
	}
	var released atomic.Bool
	waiting := make(chan struct{})
	type opened struct {
		d        *Dir
		err      error
		released bool
	}
	second := make(chan opened)
	go func() {
		d, err := Open(context.Background(), out, Options{Waiting: func() { close(waiting) }})
		second <- opened{d, err, released.Load()}
	}()
	select {
	case <-waiting:
	case got := <-second:
		if got.d != nil {
			got.d.Abort()
		}
		t.Fatalf("the second Open returned (%v) while the first build holds the folder", got.err)
	}
	// The second build waits: it has not touched the first one's files.
	if data, err := os.ReadFile(filepath.Join(first.staging, "index.html")); err != nil || string(data) != "eerste" {
		t.Fatalf("the first build's file while the second waits: %q, %v", data, err)
	}
	released.Store(true)
	if err := first.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := <-second
	if got.err != nil {
		t.Fatal(got.err)
	}
	if !got.released {
		t.Fatal("the second Open returned before the first build was done")
	}
	defer got.d.Abort()
	if data, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(data) != "eerste" {
		t.Errorf("the first build's site: %q, %v", data, err)
	}
}

// TestCancelWhileWaiting stops a waiting Open, as Ctrl-C does: it returns
// the context's error, holds nothing and leaves the first build alone.
func TestCancelWhileWaiting(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.WriteFile("index.html", []byte("eerste")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	d, err := Open(ctx, out, Options{Waiting: cancel})
	if d != nil {
		d.Abort()
	}
	if !errors.Is(err, context.Canceled) || d != nil {
		t.Fatalf("Open cancelled while waiting: err %v, opened %v; want context.Canceled", err, d != nil)
	}
	if err := first.Commit(context.Background()); err != nil {
		t.Fatalf("the first build after the second gave up: %v", err)
	}
	if data, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(data) != "eerste" {
		t.Errorf("the first build's site: %q, %v", data, err)
	}
	// The cancelled Open holds no lock: the next one does not wait.
	next, err := Open(context.Background(), out, Options{Waiting: func() { t.Error("the next Open waits") }})
	if err != nil {
		t.Fatal(err)
	}
	next.Abort()
}

// TestOneLockWhateverThePath opens a folder through a symbolic link while
// it is open under its own name: both are one folder and take turns.
func TestOneLockWhateverThePath(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "www", "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "site")
	if err := os.Symlink(filepath.Join(root, "www"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	first, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	ctx, cancel := context.WithCancel(context.Background())
	waited := false
	_, err = Open(ctx, filepath.Join(link, "public"), Options{Waiting: func() { waited = true; cancel() }})
	if !waited || !errors.Is(err, context.Canceled) {
		t.Errorf("Open through a link while the folder is open: waited %v, err %v; want a wait", waited, err)
	}
}

// TestHoldKeepsBuildsOut shows that a reader of the finished site, such as
// publish, keeps a build from swapping the folder under it.
func TestHoldKeepsBuildsOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	release, err := Hold(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	var released atomic.Bool
	waiting := make(chan struct{})
	done := make(chan bool)
	go func() {
		d, err := Open(context.Background(), out, Options{Waiting: func() { close(waiting) }})
		if err == nil {
			d.Abort()
		}
		done <- released.Load()
	}()
	select {
	case <-waiting:
	case <-done:
		t.Fatal("a build opened the folder while it was held")
	}
	released.Store(true)
	release()
	if !<-done {
		t.Fatal("the build went on before the folder was released")
	}
	// And Hold waits for a build in the same way.
	d, err := Open(context.Background(), out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	held := make(chan error)
	go func() {
		_, err := Hold(ctx, out, cancel)
		held <- err
	}()
	if err := <-held; err == nil {
		t.Fatal("Hold took the folder while a build had it")
	}
	d.Abort()
}
