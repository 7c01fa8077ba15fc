package build

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The soft memory limit holds while the live heap stays well under it,
// is raised by half once the live heap comes near it (and only then), and
// the limit from before is back afterwards.
func TestMemoryLimitIsRaisedNearIt(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	const limit = 64 << 20
	lift := limitMemory(limit)
	if got := debug.SetMemoryLimit(-1); got != limit {
		lift()
		t.Fatalf("limit %d while the heap is small, want %d", got, limit)
	}
	held := make([][]byte, 0, 64)
	for range 64 { // 64 MB live, more than 7/8 of the limit, less than 7/8 of half as much again
		held = append(held, make([]byte, 1<<20))
	}
	var got int64
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		runtime.GC()
		if got = debug.SetMemoryLimit(-1); got != limit {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // four looks more: the limit must stay
	runtime.GC()
	time.Sleep(100 * time.Millisecond)
	got = debug.SetMemoryLimit(-1)
	runtime.KeepAlive(held)
	lift()
	if want := int64(limit + limit/2); got != want {
		t.Errorf("limit %d MiB with 64 MiB live, want %d MiB", got>>20, want>>20)
	}
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d after the build, want %d as before", got, before)
	}
}
