package build

import "slices"

// slicesSortUnique sorts a list of strings and drops repeats, for
// deterministic output.
func slicesSortUnique(l *[]string) {
	slices.Sort(*l)
	*l = slices.Compact(*l)
}

// extraPages are HTML pages added by the calendar; none yet.
func (p *plan) extraPages() []string { return nil }
