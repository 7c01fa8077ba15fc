package build

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The soft memory limit holds while the live heap stays well under it,
// is lifted once the live heap comes near it, and the limit from before
// is back afterwards.
func TestMemoryLimitIsLiftedNearIt(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	const limit = 64 << 20
	lift := limitMemory(limit)
	if got := debug.SetMemoryLimit(-1); got != limit {
		lift()
		t.Fatalf("limit %d while the heap is small, want %d", got, limit)
	}
	held := make([][]byte, 0, 64)
	for range 64 { // 64 MB live, more than 7/8 of the limit
		held = append(held, make([]byte, 1<<20))
	}
	lifted := false
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		runtime.GC()
		if debug.SetMemoryLimit(-1) == math.MaxInt64 {
			lifted = true
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	runtime.KeepAlive(held)
	lift()
	if !lifted {
		t.Error("the limit stayed with the live heap near it")
	}
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d after the build, want %d as before", got, before)
	}
}
