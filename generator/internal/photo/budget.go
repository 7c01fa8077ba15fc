package photo

import "sync"

// DecodePixels is how many pixels the photos being decoded at once may
// have together. A decoded photo takes 4 bytes a pixel, and scaling it
// makes another copy: a 12-megapixel photo needs about 100 MB while it is
// processed. Photos are processed in parallel, so without a bound a build
// on a machine with many cores would hold many of them at once. A photo
// with more pixels than the budget is decoded alone.
const DecodePixels = 16_000_000

// decoding is the budget every Process shares.
var decoding = newPixelBudget(DecodePixels)

// pixelBudget hands out pixels of a fixed budget; take waits until enough
// are free.
type pixelBudget struct {
	mu   sync.Mutex
	free sync.Cond
	size int64
	used int64
	peak int64 // the most pixels ever taken at once
}

func newPixelBudget(size int64) *pixelBudget {
	b := &pixelBudget{size: size}
	b.free.L = &b.mu
	return b
}

// take waits until n pixels (at most the whole budget) are free, takes
// them, and returns how many it took, for give.
func (b *pixelBudget) take(n int64) int64 {
	n = min(max(n, 1), b.size)
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.used+n > b.size {
		b.free.Wait()
	}
	b.used += n
	b.peak = max(b.peak, b.used)
	return n
}

// give returns n pixels taken by take.
func (b *pixelBudget) give(n int64) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	b.free.Broadcast()
}
