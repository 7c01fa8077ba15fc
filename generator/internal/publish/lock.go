package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"time"
)

// LockFile is the name of the lock file in the server's folder: while it is
// there, another publish is busy.
const LockFile = ".krachtpunt-publish.lock"

// lockAge is how long a lock holds; an older one is left by a publish that
// stopped without cleaning up.
const lockAge = 2 * time.Hour

type lockJSON struct {
	Owner string    `json:"owner"` // a hash naming the computer and user, nothing readable
	Since time.Time `json:"since"`
}

// Busy returns the start of another publish that holds the lock, or the
// zero time when the server is free for this one.
func (s *Session) Busy(ctx context.Context) time.Time {
	if !s.locked || s.opts.Now == nil {
		return time.Time{}
	}
	b, err := s.Read(ctx, LockFile)
	if err != nil {
		return time.Time{}
	}
	var l lockJSON
	if json.Unmarshal(b, &l) != nil || l.Owner == s.opts.Owner || s.opts.Now().Sub(l.Since) > lockAge {
		return time.Time{}
	}
	return l.Since
}

// lock writes the lock file, or fails when another publish holds it.
func (s *Session) lock(ctx context.Context) error {
	if s.opts.Now == nil {
		return nil
	}
	if since := s.Busy(ctx); !since.IsZero() {
		return &Error{Kind: Busy, Op: "lock", File: LockFile, Since: since}
	}
	b, _ := json.Marshal(lockJSON{Owner: s.opts.Owner, Since: s.opts.Now().UTC().Truncate(time.Second)})
	return s.do(ctx, func(r Remote) error {
		tmp := tmpName(LockFile)
		if err := r.Put(ctx, tmp, bytes.NewReader(b)); err != nil {
			return wrap("upload", LockFile, err)
		}
		return wrap("rename", LockFile, r.Rename(ctx, tmp, LockFile))
	})
}

// unlock removes the lock file; one try, as the publish is over.
func (s *Session) unlock(ctx context.Context) {
	if s.opts.Now == nil || s.remote == nil {
		return
	}
	s.remote.Remove(ctx, LockFile)
}
