package build

import (
	"bytes"
	"io"
	"sort"
	"sync"
)

// Output receives every published file. All files of a build are written
// through one Output, so a build can go to a folder (outdir.Dir), to memory
// or nowhere. Files are written as they are made; none is kept.
type Output interface {
	// Create starts the file at slash path p; it is complete when Close
	// returns nil. key is the content hash of everything the file was made
	// from ("" when unknown): equal keys mean equal bytes.
	Create(p, key string) (io.WriteCloser, error)
}

// A Keeper is an Output that holds an earlier build (an output folder over
// an existing public/). A build asks it for the key each file was made
// with, and keeps the files whose key has not changed instead of making
// them again.
type Keeper interface {
	// PreviousKey returns the key the build that made the current folder
	// recorded for p, or "" (no such file, no record).
	PreviousKey(p string) string
	// Keep publishes the earlier build's file p unchanged and records key.
	Keep(p, key string) error
}

// Memory keeps a built site in memory: for the preview server and tests.
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte
	Keys  map[string]string // the key of every file
}

// Create implements Output: the file is stored under p when it is closed.
func (m *Memory) Create(p, key string) (io.WriteCloser, error) {
	return &memFile{m: m, p: p, key: key}, nil
}

type memFile struct {
	bytes.Buffer
	m      *Memory
	p, key string
}

func (f *memFile) Close() error {
	f.m.put(f.p, f.key, f.Bytes())
	return nil
}

func (m *Memory) put(p, key string, data []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Files == nil {
		m.Files = make(map[string][]byte)
		m.Keys = make(map[string]string)
	}
	m.Files[p] = data
	m.Keys[p] = key
}

// Paths returns the stored paths, sorted.
func (m *Memory) Paths() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, 0, len(m.Files))
	for p := range m.Files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Discard drops everything: for `check`.
type Discard struct{}

// Create implements Output.
func (Discard) Create(string, string) (io.WriteCloser, error) { return discard{}, nil }

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) Close() error                { return nil }

// FileWriter writes a whole file at once.
type FileWriter interface {
	WriteFile(p string, data []byte) error
}

// WriteFiles returns an Output over w: each file is collected and handed
// to w.WriteFile when it is closed. When w is an Output itself it is
// returned as it is, so its Create (and Keep) are used.
func WriteFiles(w FileWriter) Output {
	if o, ok := w.(Output); ok {
		return o
	}
	return fileWriter{w}
}

type fileWriter struct{ w FileWriter }

func (o fileWriter) Create(p, _ string) (io.WriteCloser, error) {
	return &wholeFile{w: o.w, p: p}, nil
}

type wholeFile struct {
	bytes.Buffer
	w FileWriter
	p string
}

func (f *wholeFile) Close() error { return f.w.WriteFile(f.p, f.Bytes()) }

// writeTo writes data to p through o.
func writeTo(o Output, p, key string, data []byte) error {
	w, err := o.Create(p, key)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
