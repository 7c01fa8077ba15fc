package build

import (
	"sort"
	"sync"
)

// Output receives every published file. All files of a build are written
// through one Output, so a build can go to a folder (outdir.Dir), to memory
// or nowhere.
type Output interface {
	WriteFile(path string, data []byte) error
}

// Memory keeps a built site in memory: for the preview server and tests.
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// WriteFile stores data under the slash path p.
func (m *Memory) WriteFile(p string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Files == nil {
		m.Files = make(map[string][]byte)
	}
	m.Files[p] = data
	return nil
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

// WriteFile does nothing.
func (Discard) WriteFile(string, []byte) error { return nil }
