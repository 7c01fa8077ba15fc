package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"time"

	"krachtpunt/generator/internal/diag"
)

// Options says what to publish and how.
type Options struct {
	Connect Connector
	Dir     string           // public/
	Files   map[string]Local // the files of Dir, from ScanDir
	// Attempts is how often an action is tried on a dropped connection
	// (default 4); Backoff the wait before the second try, doubled after
	// every try (default 1 s).
	Attempts int
	Backoff  time.Duration
	// SaveEvery is the number of uploads between writes of the state
	// (default 20); it is written at the end of every phase as well.
	SaveEvery int
	// Log receives a line for every retry.
	Log func(diag.Text)
	// Progress, when set, is told about every byte sent.
	Progress *Progress
	// Now and Owner, when Now is set, guard against two publishes at once:
	// Owner names this computer and user (a hash, as the lock file can be
	// read on the web), Now dates the lock.
	Now   func() time.Time
	Owner string
}

// Session is a connection to the server with the plan made from it.
type Session struct {
	opts    Options
	remote  Remote
	Listing *Listing
	Plan    *Plan
	state   *State // files confirmed on the server
	// StateErr is why the state file on the server could not be read,
	// when it is there but unreadable.
	StateErr error
	locked   bool // the server had a lock file when it was listed
}

// Prepare connects, reads the server's folder and state, and makes the plan.
// It changes nothing on the server.
func Prepare(ctx context.Context, opts Options) (*Session, error) {
	if opts.Attempts <= 0 {
		opts.Attempts = 4
	}
	if opts.Backoff <= 0 {
		opts.Backoff = time.Second
	}
	if opts.SaveEvery <= 0 {
		opts.SaveEvery = 20
	}
	s := &Session{opts: opts}
	err := s.do(ctx, func(r Remote) error {
		l, err := r.List(ctx)
		if err != nil {
			return wrap("list", "", err)
		}
		s.Listing = l
		return nil
	})
	if err != nil {
		s.Close()
		return nil, err
	}
	var st *State
	if _, ok := s.Listing.Files[StateFile]; ok {
		b, err := s.Read(ctx, StateFile)
		if err != nil {
			s.Close()
			return nil, err
		}
		if st, err = ParseState(b); err != nil {
			s.StateErr = err
		}
	}
	delete(s.Listing.Files, StateFile)
	if _, ok := s.Listing.Files[LockFile]; ok {
		s.locked = true
		delete(s.Listing.Files, LockFile)
	}
	s.Plan = MakePlan(opts.Files, s.Listing, st)
	s.state = &State{Files: maps.Clone(s.Plan.start.Files)}
	return s, nil
}

// Read returns a file from the server.
func (s *Session) Read(ctx context.Context, name string) ([]byte, error) {
	var b []byte
	err := s.do(ctx, func(r Remote) error {
		rc, err := r.Open(ctx, name)
		if err != nil {
			return wrap("read", name, err)
		}
		defer rc.Close()
		b, err = io.ReadAll(rc)
		return wrap("read", name, err)
	})
	return b, err
}

// Close ends the connection.
func (s *Session) Close() {
	if s.remote != nil {
		s.remote.Close()
		s.remote = nil
	}
}

// do runs fn on a connection, connecting again and retrying with backoff
// when the connection dropped.
func (s *Session) do(ctx context.Context, fn func(Remote) error) error {
	wait := s.opts.Backoff
	for attempt := 1; ; attempt++ {
		var err error
		if s.remote == nil {
			var r Remote
			r, err = s.opts.Connect(ctx)
			if err == nil {
				s.remote = r
			} else {
				err = wrap("connect", "", err)
			}
		}
		if err == nil {
			err = fn(s.remote)
		}
		var e *Error
		if err == nil || !errors.As(err, &e) || !e.Retry() || attempt >= s.opts.Attempts || ctx.Err() != nil {
			return err
		}
		s.Close()
		if s.opts.Log != nil {
			s.opts.Log(diag.T("%s; over %s opnieuw (poging %d van %d)", "%s; trying again in %s (attempt %d of %d)",
				firstLine(e.Text()), wait, attempt+1, s.opts.Attempts))
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait *= 2
	}
}

func firstLine(t diag.Text) diag.Text {
	cut := func(s string) string {
		if i := bytes.IndexByte([]byte(s), '\n'); i >= 0 {
			return s[:i]
		}
		return s
	}
	return diag.Text{NL: cut(t.NL), EN: cut(t.EN)}
}

// Result counts what a publish did.
type Result struct {
	Uploaded, Deleted int
	Bytes             int64
}

// Apply carries out the plan. On an error the state on the server holds
// every file confirmed so far, so the next publish carries on from there.
func (s *Session) Apply(ctx context.Context) (Result, error) {
	var res Result
	p := s.Plan
	if err := s.lock(ctx); err != nil {
		return res, err
	}
	defer s.unlock(ctx)
	err := s.apply(ctx, p, &res)
	if err != nil {
		// Keep what was confirmed; one attempt, the error is what counts.
		s.opts.Attempts = 2
		s.saveState(ctx)
		return res, err
	}
	return res, nil
}

func (s *Session) apply(ctx context.Context, p *Plan, res *Result) error {
	for _, name := range p.Leftovers {
		if err := s.remove(ctx, name); err != nil {
			return err
		}
	}
	for _, d := range p.Dirs {
		if err := s.do(ctx, func(r Remote) error { return wrap("mkdir", d, r.Mkdir(ctx, d)) }); err != nil {
			return err
		}
	}
	if s.opts.Progress != nil {
		s.opts.Progress.Start(len(p.Uploads), p.Bytes())
		defer s.opts.Progress.Done()
	}
	unsaved := 0
	for _, u := range p.Uploads {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.upload(ctx, u); err != nil {
			return err
		}
		res.Uploaded++
		res.Bytes += u.Size
		if unsaved++; unsaved >= s.opts.SaveEvery {
			if err := s.saveState(ctx); err != nil {
				return err
			}
			unsaved = 0
		}
	}
	if len(p.Uploads) > 0 || len(p.Deletes) > 0 || p.NoState || len(p.Stale) > 0 {
		if err := s.saveState(ctx); err != nil {
			return err
		}
	}
	for _, name := range p.Deletes {
		if err := s.remove(ctx, name); err != nil {
			return err
		}
		delete(s.state.Files, name)
		res.Deleted++
	}
	for _, d := range p.EmptyDirs {
		err := s.do(ctx, func(r Remote) error { return wrap("delete", d+"/", r.RemoveDir(ctx, d)) })
		if err != nil && !kindIs(err, NotFound) {
			return err
		}
	}
	if len(p.Deletes) > 0 {
		return s.saveState(ctx)
	}
	return nil
}

func (s *Session) remove(ctx context.Context, name string) error {
	err := s.do(ctx, func(r Remote) error { return wrap("delete", name, r.Remove(ctx, name)) })
	if kindIs(err, NotFound) {
		return nil
	}
	return err
}

// upload puts one file under its temporary name, checks its size on the
// server and renames it over the old one; only then the state records it.
func (s *Session) upload(ctx context.Context, u Upload) error {
	return s.do(ctx, func(r Remote) error {
		f, err := os.Open(filepath.Join(s.opts.Dir, filepath.FromSlash(u.Name)))
		if err != nil {
			return fmt.Errorf("reading %s: %w", u.Name, err)
		}
		defer f.Close()
		tmp := tmpName(u.Name)
		h := sha256.New()
		var src io.Reader = io.TeeReader(f, h)
		var counted *countingReader
		if s.opts.Progress != nil {
			counted = &countingReader{r: src, p: s.opts.Progress}
			src = counted
		}
		if err := r.Put(ctx, tmp, src); err != nil {
			if counted != nil {
				s.opts.Progress.Add(0, -counted.n)
			}
			err = wrap("upload", u.Name, err)
			if !kindIs(err, Network) {
				r.Remove(ctx, tmp) // best effort: do not leave half a file
			}
			return err
		}
		if hex.EncodeToString(h.Sum(nil)) != u.SHA256 {
			r.Remove(ctx, tmp)
			return fmt.Errorf("%s changed while it was uploaded; build again and publish again", u.Name)
		}
		e, err := r.Stat(ctx, tmp)
		if err != nil {
			return wrap("upload", u.Name, err)
		}
		if e.Size != u.Size {
			return &Error{Kind: Network, Op: "upload", File: u.Name,
				Err: fmt.Errorf("the server holds %d of %d bytes", e.Size, u.Size)}
		}
		if err := r.Rename(ctx, tmp, u.Name); err != nil {
			return wrap("rename", u.Name, err)
		}
		s.state.Files[u.Name] = File{SHA256: u.SHA256, Size: u.Size, ModTime: unix(e.ModTime)}
		if s.opts.Progress != nil {
			s.opts.Progress.Add(1, 0)
		}
		return nil
	})
}

// saveState writes the state under a temporary name and renames it over the
// old one, so the server never holds half a state.
func (s *Session) saveState(ctx context.Context) error {
	b := s.state.Marshal()
	return s.do(ctx, func(r Remote) error {
		tmp := tmpName(StateFile)
		if err := r.Put(ctx, tmp, bytes.NewReader(b)); err != nil {
			return wrap("upload", StateFile, err)
		}
		return wrap("rename", StateFile, r.Rename(ctx, tmp, StateFile))
	})
}

type countingReader struct {
	r io.Reader
	p *Progress
	n int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	c.p.Add(0, int64(n))
	return n, err
}
