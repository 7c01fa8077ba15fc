package build

import "slices"

// slicesSortUnique sorts a list of strings and drops repeats, for
// deterministic output.
func slicesSortUnique(l *[]string) {
	slices.Sort(*l)
	*l = slices.Compact(*l)
}

// extraPages are the HTML pages of the calendar and the opening hours.
func (p *plan) extraPages() []string {
	out := []string{p.sectionPath(p.words.Agenda)}
	for _, m := range p.weeks() {
		out = append(out, p.weekPath(m))
	}
	for _, m := range p.months() {
		out = append(out, p.monthPath(m))
	}
	if p.site.Hours != nil {
		out = append(out, p.sectionPath(p.words.Hours))
	}
	return out
}
