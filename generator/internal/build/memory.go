package build

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// MemoryLimit is the soft limit LimitMemory sets, in bytes of the Go
// heap and runtime; the resident memory of a build is about 15 MB more
// (program text, what the runtime has not handed back yet).
//
// The garbage collector otherwise lets the heap grow to twice what is
// live: a 10,000-page build keeps 70-100 MB live and would reach 250 MB.
// Near the limit it collects more often, which costs CPU time only while
// the live heap comes close to it, when the biggest pages are made. At
// 128 MiB that build's peak resident memory is about 140 MiB (147 MB); at
// 136 MiB it was 146-150 MiB, at about 8% less user CPU.
const MemoryLimit = 128 << 20

// LimitMemory sets the soft memory limit for a one-off build, unless
// GOMEMLIMIT already sets one, and returns the function that lifts it.
// When the live heap nears the limit (past 7/8 of it: a much larger site,
// or a build that makes every page again next to the records of a
// published and a retained site) the limit is raised by half, as often
// as the heap comes near it again: collecting all the time to stay under
// it would cost more than the memory saves, and lifting it altogether
// would let the heap grow to twice what is live. A 10,000-page build
// after a change of day whose live heap came near the limit peaked at
// 186-267 MiB when the limit was lifted, at 137-200 MiB with it raised,
// for about 10% more CPU time.
func LimitMemory() (lift func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	return limitMemory(MemoryLimit)
}

// limitMemory is LimitMemory with the given limit.
func limitMemory(limit int64) (lift func()) {
	was := debug.SetMemoryLimit(limit)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > uint64(limit/8*7) {
				limit += limit / 2
				debug.SetMemoryLimit(limit)
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		debug.SetMemoryLimit(was)
	}
}
