package outdir

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"krachtpunt/generator/internal/sitegen"
)

var killSeed = flag.Uint64("killseed", 0, "seed of the moments TestKilledBuild kills a build (default: from the clock)")

// The helper process: TestHelperBuild builds the site folder $KRACHTPUNT_SITE
// into $KRACHTPUNT_OUT and writes each step to file descriptor 3 ("open"
// once it holds the folder, the steps of the swap, "done"). With
// $KRACHTPUNT_PAUSE it stops at that step until it is killed; with
// $KRACHTPUNT_FALLBACK=1 it swaps with two renames.
const helperEnv = "KRACHTPUNT_OUTDIR_HELPER"

func TestHelperBuild(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		return
	}
	steps := os.NewFile(3, "steps")
	say := func(s string) {
		if _, err := fmt.Fprintln(steps, s); err != nil {
			os.Exit(3)
		}
	}
	pause := os.Getenv("KRACHTPUNT_PAUSE")
	openStep = func(s string) {
		say(s)
		if s == pause {
			time.Sleep(time.Hour) // until killed
		}
	}
	err := buildInto(context.Background(), os.Getenv("KRACHTPUNT_SITE"), os.Getenv("KRACHTPUNT_OUT"), func(d *Dir) {
		if os.Getenv("KRACHTPUNT_FALLBACK") == "1" {
			noExchange(d)
		}
		d.step = func(s string) {
			say(s)
			if s == pause {
				time.Sleep(time.Hour) // until killed
			}
		}
		say("open")
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	say("done")
	os.Exit(0)
}

// helper is one run of the helper process.
type helper struct {
	cmd   *exec.Cmd
	steps chan string // closed when the process has ended
}

func startHelper(t *testing.T, site, out string, fallback bool, pause string) *helper {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBuild$")
	cmd.Env = append(os.Environ(), helperEnv+"=1", "KRACHTPUNT_SITE="+site, "KRACHTPUNT_OUT="+out, "KRACHTPUNT_PAUSE="+pause)
	if fallback {
		cmd.Env = append(cmd.Env, "KRACHTPUNT_FALLBACK=1")
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	h := &helper{cmd: cmd, steps: make(chan string, 16)}
	go func() {
		defer close(h.steps)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			h.steps <- sc.Text()
		}
		r.Close()
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("helper stderr:\n%s", stderr.Bytes())
		}
	})
	return h
}

// wait returns the next step, or "" when the process has ended.
func (h *helper) wait() string { return <-h.steps }

// kill kills the process with SIGKILL and waits until it is gone. It
// returns false when the process had already ended by itself.
func (h *helper) kill(t *testing.T) bool {
	t.Helper()
	killed := h.cmd.Process.Kill() == nil
	err := h.cmd.Wait()
	for range h.steps {
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) && !exit.Exited() {
		return killed
	}
	if err != nil {
		t.Fatalf("helper build: %v", err)
	}
	return false
}

// fingerprint is the list of a site's files with a hash of each; nil when
// the folder does not exist.
type fingerprint map[string][sha256.Size]byte

func fingerprintOf(t *testing.T, dir string) fingerprint {
	t.Helper()
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	fp := fingerprint{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		fp[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

// TestKilledBuild kills a build of a large site with SIGKILL at random
// moments and at every step of the swap. After every kill the output folder
// holds exactly the complete old or the complete new site, and the next
// build finds nothing in its way and leaves no folder behind. The manifest
// next to the output folder describes the site in it, or is missing while
// the swap is under way (the next build then compares every file). With two
// renames instead of one exchange, a build killed between them leaves no
// output folder; then the old site must be whole beside it, and the next
// build must put it back before it begins. Kills also land at each step of
// the retained site's use: when Open takes it, after the build removed
// what it no longer makes, and when Commit keeps the replaced site; the
// next build begins in the retained site only when its record names
// exactly what is in it.
func TestKilledBuild(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL and the exchange of folders are Unix matters")
	}
	seed := *killSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (repeat with -killseed=%d)", seed, seed)

	root := t.TempDir()
	sites := [2]string{filepath.Join(root, "oud"), filepath.Join(root, "nieuw")}
	writeSite(t, sites[0], sitegen.Sized(200, 20, 10))
	other := sitegen.Sized(210, 16, 10)
	other["site.toml"] = bytes.Replace(other["site.toml"], []byte("Groot Buurthuis"), []byte("Groter Buurthuis"), 1)
	writeSite(t, sites[1], other)
	var want [2]fingerprint
	for i, site := range sites {
		ref := filepath.Join(root, "ref", fmt.Sprint(i), "public")
		if err := buildInto(context.Background(), site, ref, nil); err != nil {
			t.Fatal(err)
		}
		want[i] = fingerprintOf(t, ref)
	}
	t.Logf("old site %d files, new site %d files", len(want[0]), len(want[1]))
	which := func(fp fingerprint) int {
		for i, w := range want {
			if fp != nil && maps.Equal(fp, w) {
				return i
			}
		}
		return -1
	}

	modes := []struct {
		name     string
		fallback bool
		kills    int
		steps    []string // steps of Open and of the swap to kill at
	}{
		{"exchange", false, 36, []string{"unretained", "reused", "cleaned", "unrecorded", "swap", "exchanged", "recorded", "retained", "kept"}},
		{"two renames", true, 20, []string{"unretained", "reused", "cleaned", "unrecorded", "swap", "aside", "renamed", "recorded", "retained", "kept"}},
	}
	// A retained site is a folder with its record beside it.
	retained := func(out string) bool {
		_, err := os.Lstat(filepath.Join(filepath.Dir(out), retainedRecPrefix+filepath.Base(out)))
		_, ferr := os.Lstat(filepath.Join(filepath.Dir(out), retainedPrefix+filepath.Base(out)))
		return err == nil && ferr == nil
	}
	for mi, m := range modes {
		if testing.Short() {
			m.kills = 2 * len(m.steps)
		}
		// The modes run side by side, each in a folder of its own with
		// moments of its own: most of the time goes to waiting for the
		// helper's build, and a kill's moment is measured against the
		// time a build of that mode takes while the other runs too.
		rng := rand.New(rand.NewPCG(seed, seed>>32+uint64(mi)))
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			if !m.fallback && !canExchange(t) {
				t.Skip("this system or file system cannot exchange two folders in one step")
			}
			out := filepath.Join(t.TempDir(), "public")
			staging := filepath.Join(filepath.Dir(out), stagingPrefix+"public")
			if err := buildInto(context.Background(), sites[0], out, nil); err != nil {
				t.Fatal(err)
			}
			have := 0 // the site now in out

			// One build that runs to the end: how long it holds the folder.
			start := time.Now()
			h := startHelper(t, sites[1], out, m.fallback, "")
			var took time.Duration
			for s := h.wait(); s != ""; s = h.wait() {
				if s == "open" {
					start = time.Now()
				}
				if s == "done" {
					took = time.Since(start)
				}
			}
			if h.kill(t) || took == 0 || which(fingerprintOf(t, out)) != 1 {
				t.Fatal("the build that was not killed did not publish the new site")
			}
			have = 1
			t.Logf("a build holds the folder for %v", took)

			hadRecord := manifestMatches(t, out)
			if !hadRecord {
				t.Fatal("the build that was not killed left no manifest")
			}
			outcomes := map[string]int{}
			for i := range m.kills {
				next := 1 - have
				// Every second kill lands at a step of the swap, the others at a
				// random moment from just before the build has the folder until
				// after it should be done.
				pause, delay := "", time.Duration(rng.Int64N(int64(took*11/10)))-took/20
				if i%2 == 0 {
					pause = m.steps[(i/2)%len(m.steps)]
				}
				opening := pause == "unretained" || pause == "reused"
				// Open uses a retained site only when there is one: make
				// sure, building the site in the folder again.
				for range 2 {
					if opening && !retained(out) {
						if err := buildInto(context.Background(), sites[have], out, nil); err != nil {
							t.Fatal(err)
						}
						hadRecord = true
					}
				}
				if opening && !retained(out) {
					t.Fatalf("kill %d: no retained site after two builds", i)
				}
				h := startHelper(t, sites[next], out, m.fallback, pause)
				at := "before the folder was taken"
				if opening {
					at = "writing"
				} else if delay > 0 || pause != "" {
					s := h.wait()
					for s == "unretained" || s == "reused" { // Open taking a retained site
						s = h.wait()
					}
					if s != "open" {
						t.Fatalf("kill %d: the helper said %q, want open", i, s)
					}
					at = "writing"
				}
				if pause != "" {
					for s := h.wait(); s != pause; s = h.wait() {
						if s == "" {
							t.Fatalf("kill %d: the helper ended before step %s", i, pause)
						}
					}
					at = "at " + pause
				} else if delay > 0 {
					timer := time.NewTimer(delay)
				wait:
					for {
						select {
						case s := <-h.steps:
							if s == "" {
								break wait
							}
							at = s
						case <-timer.C:
							break wait
						}
					}
					timer.Stop()
				}
				if !h.kill(t) {
					at = "after the end"
				}

				got, aside := which(fingerprintOf(t, out)), -1
				if got < 0 && m.fallback {
					if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
						aside = which(fingerprintOf(t, staging+asideSuffix))
						if aside != have {
							t.Fatalf("kill %d (%s): no output folder, and the old site is not whole beside it", i, at)
						}
					}
				}
				if got < 0 && aside < 0 {
					t.Fatalf("kill %d (%s): the output folder holds neither the old nor the new site", i, at)
				}
				switch at {
				case "at unretained", "at reused", "at cleaned", "at unrecorded", "at swap", "at aside", "before the folder was taken":
					if got == next {
						t.Errorf("kill %d (%s): the new site is in place", i, at)
					}
				case "at exchanged", "at renamed", "at recorded", "at retained", "at kept", "after the end":
					if got != next {
						t.Errorf("kill %d (%s): the new site is not in place", i, at)
					}
				}
				// The manifest describes the site in the output folder, or
				// there is none; before and after the swap there is one.
				recorded := manifestMatches(t, out)
				switch at {
				case "before the folder was taken":
					if recorded != hadRecord {
						t.Errorf("kill %d (%s): a manifest next to the output folder: %v, before: %v", i, at, recorded, hadRecord)
					}
				case "at recorded", "at retained", "at kept", "after the end":
					if !recorded {
						t.Errorf("kill %d (%s): no manifest next to the output folder", i, at)
					}
				}
				hadRecord = recorded

				// The next build: it gets the folder at once, puts back a site
				// left aside and clears the way.
				d, err := Open(context.Background(), out, Options{Waiting: func() { t.Errorf("kill %d: the next build waits for the killed one", i) }})
				if err != nil {
					t.Fatal(err)
				}
				if err := d.wait(); err != nil {
					t.Fatal(err)
				}
				now := which(fingerprintOf(t, out))
				if now < 0 || got >= 0 && now != got || aside >= 0 && now != aside {
					t.Fatalf("kill %d (%s): after the next build began, the output folder holds site %d, want %d", i, at, now, max(got, aside))
				}
				// The build folder holds exactly the retained site Open took,
				// or nothing.
				if left := slices.Sorted(maps.Keys(files(t, staging))); !slices.Equal(left, slices.Sorted(maps.Keys(d.start))) {
					t.Errorf("kill %d (%s): the next build starts with %d files, its record of them has %d", i, at, len(left), len(d.start))
				}
				if d.start != nil {
					outcomes["next build reused the retained site"]++
				}
				d.Abort()
				onlyOutput(t, out)
				have = now
				if now == next {
					outcomes[at+": new"]++
				} else {
					outcomes[at+": old"]++
				}
			}
			t.Logf("kills: %v", outcomes)
			if err := buildInto(context.Background(), sites[1-have], out, nil); err != nil {
				t.Fatal(err)
			}
			if which(fingerprintOf(t, out)) != 1-have {
				t.Error("the build after the kills did not publish its site")
			}
			onlyOutput(t, out)
		})
	}
}
