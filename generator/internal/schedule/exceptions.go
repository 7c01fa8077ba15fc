package schedule

import (
	"cmp"
	"slices"
)

// Exception is a departure from the normal week that touches a window: a
// closed period, a special day, a public holiday or a season.
type Exception struct {
	Kind        Source // SourceClosed, SourceSpecial, SourceHoliday or SourceSeason
	From, Until Date   // the whole period, not cut to the window; equal for one day
	Reason      string // the reason, or the holiday's Dutch name
	Hours       []Interval
	Holiday     *Holiday // for SourceHoliday
	Season      *Season  // for SourceSeason
}

// Exceptions returns the closures, special days, public holidays and
// seasons that touch w, sorted by start date (then kind, then reason). A
// public holiday is listed only when it decides its day, that is when no
// closure or special day covers it; a closure partly overridden by
// special days is listed whole, and so are the special days.
func (h *Hours) Exceptions(w Window) []Exception {
	if h == nil || w.Until.Before(w.From) {
		return nil
	}
	var out []Exception
	touches := func(from, until Date) bool { return !until.Before(w.From) && !from.After(w.Until) }
	for _, c := range h.Closed {
		if touches(c.From, c.Until) {
			out = append(out, Exception{Kind: SourceClosed, From: c.From, Until: c.Until, Reason: c.Reason})
		}
	}
	for _, s := range h.Special {
		if w.Contains(s.Date) {
			out = append(out, Exception{Kind: SourceSpecial, From: s.Date, Until: s.Date, Reason: s.Reason, Hours: s.Hours})
		}
	}
	if h.PublicHolidays != "" {
		for y := w.From.Year; y <= w.Until.Year; y++ {
			for _, hd := range Holidays(h.PublicHolidays, y) {
				if !w.Contains(hd.Date) || h.special(hd.Date) != nil || h.closure(hd.Date) != nil {
					continue
				}
				hd := hd
				out = append(out, Exception{Kind: SourceHoliday, From: hd.Date, Until: hd.Date, Reason: hd.Name, Holiday: &hd})
			}
		}
	}
	for i := range h.Seasons {
		s := h.Seasons[i]
		if touches(s.From, s.Until) {
			out = append(out, Exception{Kind: SourceSeason, From: s.From, Until: s.Until, Reason: s.Reason, Season: &s})
		}
	}
	// Sort for determinism: by start, then the stronger kind first.
	slices.SortStableFunc(out, func(a, b Exception) int {
		if c := a.From.Compare(b.From); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Kind, a.Kind); c != 0 {
			return c
		}
		return cmp.Compare(a.Reason, b.Reason)
	})
	return out
}
