//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"krachtpunt/generator/internal/sitegen"
)

// runEnv makes TestHelperRun run the command line after "--", as the
// program does.
const runEnv = "KRACHTPUNT_RUN_COMMAND"

func TestHelperRun(t *testing.T) {
	if os.Getenv(runEnv) != "1" {
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, flag.Args(), os.Stdout, os.Stderr))
}

// process is the program, run in another process.
type process struct {
	cmd            *exec.Cmd
	mu             sync.Mutex
	stdout, stderr bytes.Buffer
	said           chan string // the lines of stderr; closed at its end
	done           chan struct{}
	code           int
}

func startProcess(t *testing.T, args ...string) *process {
	t.Helper()
	c := &process{said: make(chan string, 64), done: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperRun$", "--"}, args...)...)
	c.cmd.Env = append(os.Environ(), runEnv+"=1")
	outPipe, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errPipe, err := c.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var read sync.WaitGroup
	read.Go(func() {
		sc := bufio.NewScanner(outPipe)
		for sc.Scan() {
			c.mu.Lock()
			fmt.Fprintln(&c.stdout, sc.Text())
			c.mu.Unlock()
		}
	})
	read.Go(func() {
		defer close(c.said)
		sc := bufio.NewScanner(errPipe)
		for sc.Scan() {
			c.mu.Lock()
			fmt.Fprintln(&c.stderr, sc.Text())
			c.mu.Unlock()
			select {
			case c.said <- sc.Text():
			default:
			}
		}
	})
	go func() {
		read.Wait()
		_ = c.cmd.Wait()
		c.code = c.cmd.ProcessState.ExitCode()
		close(c.done)
	}()
	t.Cleanup(func() {
		_ = c.cmd.Process.Signal(syscall.SIGCONT)
		_ = c.cmd.Process.Kill()
		<-c.done
	})
	return c
}

// wait waits until the command has ended and returns its exit code,
// stdout and stderr.
func (c *process) wait() (int, string, string) {
	<-c.done
	return c.code, c.stdout.String(), c.stderr.String()
}

func (c *process) ended() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// writeSiteFiles writes the files of a site into dir.
func writeSiteFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	if err := sitegen.Write(dir, files); err != nil {
		t.Fatal(err)
	}
}

// countFiles counts the files under the folders matching pattern.
func countFiles(pattern string) int {
	n := 0
	dirs, _ := filepath.Glob(pattern)
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
	}
	return n
}

// TestBuildsTakeTurns starts a second build into an output folder while
// the first is writing it, one second build that fails and one that
// succeeds. The second says it waits and does; the first finishes and says
// so over its complete site; at the end the output folder holds exactly
// the site of the last build that succeeded.
func TestBuildsTakeTurns(t *testing.T) {
	root := t.TempDir()
	large := sitegen.Sized(200, 20, 10)
	large["site.toml"] = append([]byte("language = \"nl\"\n"), large["site.toml"]...)
	sites := map[string]map[string][]byte{
		"oud":   {"site.toml": []byte("title = \"De Linde\"\n"), "content/activities/koffie.md": []byte("+++\ntitel = \"Koffie\"\nwanneer = \"elke dinsdag 10:00-12:00\"\n+++\n")},
		"groot": large,
		"kapot": {"site.toml": []byte("title = \"De Linde\"\nlanguage = \"nl\"\n"), "content/activities/koffie.md": []byte("+++\ntitel = \"Koffie\"\nwanneer = \"elke dinsdg 10:00-12:00\"\n+++\n")},
		"ander": {"site.toml": []byte("title = \"The Lime Tree\"\nlanguage = \"en\"\n"), "content/activities/coffee.md": []byte("+++\ntitle = \"Coffee\"\nwhen = \"every tuesday 10:00-12:00\"\n+++\n")},
	}
	ref := map[string]map[string]string{}
	for name, files := range sites {
		writeSiteFiles(t, filepath.Join(root, name), files)
		if name == "kapot" {
			continue
		}
		out := filepath.Join(root, "ref", name)
		if code, o, e := runCmd(t, "build", "--site", filepath.Join(root, name), "--out", out, "--today", "2026-11-25"); code != exitOK {
			t.Fatalf("building %s: exit %d\n%s%s", name, code, o, e)
		}
		ref[name] = snapshot(t, out)
	}

	for _, tc := range []struct {
		second, lang, waits, last string
		code                      int
		says                      string
	}{
		{"kapot", "nl", "er loopt al een build in %s; ik wacht tot die klaar is ...", "groot", exitContent, "content/activities/koffie.md:3:"},
		{"ander", "en", "a build is already running in %s; waiting until it is done ...", "ander", exitOK, "files written to"},
	} {
		t.Run(tc.second, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "www", "public")
			build := func(site string) []string {
				return []string{"build", "--site", filepath.Join(root, site), "--out", out, "--today", "2026-11-25"}
			}
			if code, o, e := runCmd(t, build("oud")...); code != exitOK {
				t.Fatalf("first build of the old site: exit %d\n%s%s", code, o, e)
			}

			// The first build: stopped, as a slow computer would be, once it
			// has written some of its files.
			first := startProcess(t, build("groot")...)
			staging := filepath.Join(filepath.Dir(out), ".krachtpunt-build-public*")
			for countFiles(staging) < 5 {
				if first.ended() {
					code, o, e := first.wait()
					t.Fatalf("the first build ended before it was stopped: exit %d\n%s%s", code, o, e)
				}
				time.Sleep(time.Millisecond)
			}
			if err := first.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
				t.Fatal(err)
			}
			written := countFiles(staging)

			second := startProcess(t, build(tc.second)...)
			want := fmt.Sprintf(tc.waits, out)
			waits := false
			for line := range second.said {
				if waits = line == want; waits {
					break
				}
			}
			if !waits {
				code, o, e := second.wait()
				t.Fatalf("the second build did not say %q: exit %d\n%s%s", want, code, o, e)
			}
			if second.ended() {
				t.Fatal("the second build ended while the first was not done")
			}
			if got := snapshot(t, out); !maps.Equal(got, ref["oud"]) {
				t.Errorf("while the first build is stopped, the output folder changed: %s", diffSnapshots(ref["oud"], got))
			}
			// Writes under way when the signal came may still land.
			if n := countFiles(staging); n < written {
				t.Errorf("while the second build waits, the first one's files went from %d to %d", written, n)
			}

			if err := first.cmd.Process.Signal(syscall.SIGCONT); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := first.wait()
			if code != exitOK || !strings.Contains(stdout, "bestanden in "+out+" gezet") {
				t.Errorf("first build: exit %d\n%s%s", code, stdout, stderr)
			}
			code, stdout, stderr = second.wait()
			if code != tc.code || !strings.Contains(stdout+stderr, tc.says) {
				t.Errorf("second build: exit %d, want %d and %q\n%s%s", code, tc.code, tc.says, stdout, stderr)
			}
			if !strings.HasPrefix(stderr, want+"\n") {
				t.Errorf("the second build's messages do not start with %q:\n%s", want, stderr)
			}
			if got := snapshot(t, out); !maps.Equal(got, ref[tc.last]) {
				t.Errorf("the output folder is not the site of the last good build (%s): %s", tc.last, diffSnapshots(ref[tc.last], got))
			}
			entries, err := os.ReadDir(filepath.Dir(out))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				// The site before the published one is kept for the next build.
				if e.IsDir() && e.Name() != "public" && e.Name() != ".krachtpunt-retained-public" {
					t.Errorf("left next to the output folder: %s", e.Name())
				}
			}
		})
	}
}
