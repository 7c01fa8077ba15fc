package publish

import (
	"context"
	"io"
	"time"
)

// Entry is one file in a listing of the server's folder.
type Entry struct {
	Size    int64
	ModTime time.Time // zero when the transport has no exact time
}

// Listing is every file and folder under the server's folder, by
// slash-separated path relative to it.
type Listing struct {
	Files map[string]Entry
	Dirs  map[string]bool
}

// Remote is the server's folder as a transport reaches it. Names are
// slash-separated paths relative to that folder. Errors are *Error values.
type Remote interface {
	// List walks the whole folder. A folder that does not exist is an
	// *Error of Kind NotFound.
	List(ctx context.Context) (*Listing, error)
	// Open reads a file.
	Open(ctx context.Context, name string) (io.ReadCloser, error)
	// Put writes a file, replacing one of that name.
	Put(ctx context.Context, name string, r io.Reader) error
	// Rename moves from to to, replacing to when it exists.
	Rename(ctx context.Context, from, to string) error
	// Stat returns the size and time of a file.
	Stat(ctx context.Context, name string) (Entry, error)
	// Remove deletes a file.
	Remove(ctx context.Context, name string) error
	// Mkdir makes a folder whose parent exists.
	Mkdir(ctx context.Context, name string) error
	// RemoveDir deletes an empty folder.
	RemoveDir(ctx context.Context, name string) error
	// Close ends the connection.
	Close() error
}

// Connector opens a connection to the server; a publish calls it again
// after a dropped connection.
type Connector func(ctx context.Context) (Remote, error)
