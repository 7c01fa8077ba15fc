package publish

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"krachtpunt/generator/internal/diag"
)

// Progress shows how far the uploads are, once they take longer than a few
// seconds: a bar on a terminal, a plain line now and then otherwise.
type Progress struct {
	W        io.Writer
	Terminal bool
	Lang     string
	Now      func() time.Time
	// After is how long uploads run before progress shows (default 2 s).
	After time.Duration

	mu                sync.Mutex
	start, last       time.Time
	files, total      int
	bytes, totalBytes int64
	shown             bool
}

// Start begins counting a run of files holding totalBytes together.
func (p *Progress) Start(files int, totalBytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.After == 0 {
		p.After = 2 * time.Second
	}
	p.start, p.total, p.totalBytes = p.Now(), files, totalBytes
}

// Add counts files finished and bytes sent (negative for a retried file).
func (p *Progress) Add(files int, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files += files
	p.bytes += bytes
	now := p.Now()
	if now.Sub(p.start) < p.After {
		return
	}
	every := 5 * time.Second
	if p.Terminal {
		every = 100 * time.Millisecond
	}
	if p.shown && now.Sub(p.last) < every && (files == 0 || !p.Terminal) {
		return
	}
	p.last, p.shown = now, true
	p.print()
}

// Done ends the bar.
func (p *Progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown && p.Terminal {
		p.print()
		fmt.Fprintln(p.W)
	}
}

func (p *Progress) print() {
	line := diag.T("%d van %d bestanden, %s van %s", "%d of %d files, %s of %s",
		p.files, p.total, size(p.bytes, p.Lang), size(p.totalBytes, p.Lang)).In(p.Lang)
	if !p.Terminal {
		fmt.Fprintln(p.W, line)
		return
	}
	const width = 24
	n := width
	if p.totalBytes > 0 {
		n = int(int64(width) * max(p.bytes, 0) / p.totalBytes)
	}
	n = min(n, width)
	fmt.Fprintf(p.W, "\r[%s%s] %s ", strings.Repeat("#", n), strings.Repeat("-", width-n), line)
}

// size writes a number of bytes for people: "840 KB", "1,2 MB" in Dutch.
func size(n int64, lang string) string {
	var s string
	switch {
	case n < 1000:
		s = fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		s = fmt.Sprintf("%d kB", (n+500)/1000)
	default:
		s = fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	if lang == "nl" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
