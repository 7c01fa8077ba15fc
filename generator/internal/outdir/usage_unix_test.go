//go:build linux

package outdir

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// usage is what the process has used so far: CPU time, and from
// /proc/self/io the bytes handed to write calls and those that went to
// the disk. Unlike the time a benchmark takes, these hardly depend on what
// else the machine is doing.
type usage struct {
	cpu           time.Duration
	wchar, wbytes int64
}

func usageNow() usage {
	var u usage
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		u.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	data, _ := os.ReadFile("/proc/self/io")
	for _, line := range bytes.Split(data, []byte("\n")) {
		k, v, _ := bytes.Cut(line, []byte(": "))
		n, _ := strconv.ParseInt(string(v), 10, 64)
		switch string(k) {
		case "wchar":
			u.wchar = n
		case "write_bytes":
			u.wbytes = n
		}
	}
	return u
}

// report adds what was used since u, per loop of b, to its results.
func (u usage) report(b *testing.B) {
	now := usageNow()
	n := float64(b.N)
	b.ReportMetric(float64(now.cpu-u.cpu)/n, "cpu-ns/op")
	b.ReportMetric(float64(now.wchar-u.wchar)/n, "wchar-B/op")
	b.ReportMetric(float64(now.wbytes-u.wbytes)/n, "disk-B/op")
}
