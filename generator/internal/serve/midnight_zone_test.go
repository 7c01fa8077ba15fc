package serve

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestRunMidnightFollowsTheSiteTimezone starts the preview with one time
// zone while site.toml gives another, in which midnight comes two seconds
// later: the site is rebuilt at that midnight, not at the one of the zone
// the preview started with, hours away.
func TestRunMidnightFollowsTheSiteTimezone(t *testing.T) {
	kiritimati := mustLoad(t, "Pacific/Kiritimati") // UTC+14: its midnight is 10:00 UTC
	midnight := time.Date(2026, time.December, 2, 0, 0, 0, 0, kiritimati)
	start := time.Now()
	now := func() time.Time { return midnight.Add(-2*time.Second + time.Since(start)) }

	site := newTestSite(t)
	reloads := make(chan EventKind, 8)
	p := startPreview(t, site, func(o *Options) {
		o.Location, o.Now = time.UTC, now
		o.OnEvent = func(k EventKind) { reloads <- k }
		build := o.Build
		o.Build = func(ctx context.Context, changed []string) (Result, error) {
			r, err := build(ctx, changed)
			r.Location = kiritimati // as site.toml gives it now
			return r, err
		}
	})
	for range 2 { // the first build, then the one at midnight in Kiritimati
		select {
		case k := <-reloads:
			if k != EventReload {
				t.Fatalf("got %q", k)
			}
		case <-time.After(wait):
			t.Fatal("no rebuild at midnight in the site's time zone")
		}
	}
	if got := p.builder.call(2); got != nil {
		t.Errorf("the midnight build got changed = %v, want nil (everything)", got)
	}
	if log := p.log.String(); !strings.Contains(log, "Pacific/Kiritimati") || !strings.Contains(log, "midnight") {
		t.Errorf("the change of time zone and the midnight rebuild are not logged:\n%s", log)
	}
}
