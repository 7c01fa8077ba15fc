//go:build !linux

package outdir

import "testing"

// usage is not measured on this system.
type usage struct{}

func usageNow() usage { return usage{} }

func (usage) report(*testing.B) {}
