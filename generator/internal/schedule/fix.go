package schedule

import (
	"strconv"
	"strings"
	"time"
)

// A refused phrase comes with the phrases to write instead: the
// volunteer's own words with the slip corrected, checked to parse before
// they are shown. Where the volunteer must still fill something in, the
// suggestion holds a placeholder: "YYYY-MM-DD" ("JJJJ-MM-DD" in Dutch) for
// a date, "YYYY" ("JJJJ") for a year.

const (
	placeholderText = "YYYY-MM-DD"
	placeholderYear = "YYYY"
)

// alt is one phrase to write instead, or a list of phrases.
type alt struct {
	text  string
	list  []string  // several phrases, written as a TOML list
	label [2]string // what this reading means: Dutch, English; may be empty
	// example says the phrase holds example values, such as a time, that
	// the volunteer did not write.
	example bool
}

// Suggestions returns the phrases to write instead of the phrase, in the
// words of the phrase; placeholders are written for lang. A suggestion of
// several phrases for one list is written as a TOML list.
func (e *ParseError) Suggestions(lang string) []string {
	var out []string
	for _, a := range e.settled(isDutch(lang)) {
		out = append(out, a.render(isDutch(lang)))
	}
	return out
}

// settled returns the suggestions that parse, after correcting any further
// slips in them the same way.
func (e *ParseError) settled(nl bool) []alt {
	if e.fix == nil {
		return nil
	}
	var out []alt
	for _, a := range e.fix(nl) {
		if s, ok := settle(a, nl, 0); ok {
			out = append(out, s)
		}
	}
	return out
}

// settle corrects the further slips of a suggestion, taking the first
// reading each time, until it parses; it gives up after a few rounds.
func settle(a alt, nl bool, depth int) (alt, bool) {
	if depth > 2 {
		return alt{}, false
	}
	if a.list != nil {
		out := a
		out.list = nil
		for _, s := range a.list {
			sa, ok := settle(alt{text: s}, nl, depth)
			if !ok {
				return alt{}, false
			}
			out.list = append(out.list, sa.text)
		}
		return out, true
	}
	for range 5 {
		if strings.TrimSpace(a.text) == "" {
			return alt{}, false
		}
		_, err := parseAt(a.text, true, depth+1)
		if err == nil {
			return a, true
		}
		pe, ok := err.(*ParseError)
		if !ok || pe.fix == nil {
			return alt{}, false
		}
		next := pe.fix(nl)
		if len(next) == 0 || next[0].list != nil || next[0].text == a.text {
			return alt{}, false
		}
		a.text = next[0].text
		a.example = a.example || pe.example
	}
	return alt{}, false
}

// render writes a suggestion as the message quotes it.
func (a alt) render(nl bool) string {
	if a.list != nil {
		parts := make([]string, len(a.list))
		for i, s := range a.list {
			parts[i] = `"` + localize(s, nl) + `"`
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return localize(a.text, nl)
}

// localize writes the placeholders for Dutch readers as "JJJJ".
func localize(s string, nl bool) string {
	if !nl {
		return s
	}
	return strings.ReplaceAll(s, "YYYY", "JJJJ")
}

func (a alt) hasPlaceholder(year bool) bool {
	texts := append([]string{a.text}, a.list...)
	for _, s := range texts {
		u := strings.ToUpper(s)
		if year && strings.Contains(u, "YYYY") && !strings.Contains(u, "YYYY-MM-DD") {
			return true
		}
		if !year && strings.Contains(u, "YYYY-MM-DD") {
			return true
		}
	}
	return false
}

// spanText returns the phrase from the start of first to the end of last.
func (p *parser) spanText(first, last token) string {
	return p.phrase[first.off : last.off+len(last.text)]
}

// replace suggests the phrase with the tokens first..last replaced by s.
func (p *parser) replace(first, last token, s string) func(bool) []alt {
	text := tidy(p.phrase[:first.off] + " " + s + " " + p.phrase[last.off+len(last.text):])
	return func(bool) []alt { return []alt{{text: text}} }
}

// insertBefore suggests the phrase with word put before t. A capital that
// started the phrase moves to the new first word.
func (p *parser) insertBefore(t token, word string) func(bool) []alt {
	rest := p.phrase[t.off:]
	if c := rest[0]; t.off == strings.IndexFunc(p.phrase, func(r rune) bool { return r != ' ' }) && c >= 'A' && c <= 'Z' {
		word = capitalize(word)
		rest = string(c-'A'+'a') + rest[1:]
	}
	text := tidy(p.phrase[:t.off] + word + " " + rest)
	return func(bool) []alt { return []alt{{text: text}} }
}

// insertAfter suggests the phrase with s put after t.
func (p *parser) insertAfter(t token, s string) func(bool) []alt {
	end := t.off + len(t.text)
	text := tidy(p.phrase[:end] + " " + s + " " + p.phrase[end:])
	return func(bool) []alt { return []alt{{text: text}} }
}

// appendWords suggests the phrase with s at the end.
func (p *parser) appendWords(s string) func(bool) []alt {
	text := tidy(strings.TrimRight(strings.TrimSpace(p.phrase), ".") + " " + s)
	return func(bool) []alt { return []alt{{text: text}} }
}

// tidy puts single spaces between the words of a suggestion and removes
// separators left at its ends.
func tidy(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, " ,", ",")
	s = strings.ReplaceAll(s, "( ", "(")
	s = strings.ReplaceAll(s, "()", "")
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, " ,;(-\u2013.")
}

// canonical writes r as a phrase of the content format, in Dutch or
// English. A From of probeDate is written as the date placeholder.
func canonical(r Rule, nl bool) string {
	var b strings.Builder
	days := mondayFirst(r.Days)
	list := func() string {
		if n := len(days); n >= 3 && days[n-1]-days[0] == time.Weekday(n-1) && days[0] != time.Sunday {
			// "maandag t/m zaterdag"
			return pick(nl, nlDays[days[0]]+" t/m "+nlDays[days[n-1]], enDays[days[0]]+" to "+enDays[days[n-1]])
		}
		names := make([]string, len(days))
		for i, d := range days {
			names[i] = pick(nl, nlDays[d], enDays[d])
		}
		return joinList(names, pick(nl, "en", "and"))
	}
	spec := func() string {
		switch {
		case len(days) == 7:
			return pick(nl, "elke dag", "every day")
		case isWorkweek(days):
			return pick(nl, "werkdagen", "weekdays")
		}
		return list()
	}
	switch r.Kind {
	case Weekly:
		switch n := r.Interval; {
		case n <= 1 && len(days) == 7:
			b.WriteString(pick(nl, "elke dag", "every day"))
		case n <= 1 && isWorkweek(days):
			b.WriteString(pick(nl, "elke werkdag", "every weekday"))
		case n <= 1:
			b.WriteString(pick(nl, "elke ", "every ") + list())
		case nl && n == 2:
			b.WriteString("om de week " + spec())
		case nl:
			b.WriteString("om de " + strconv.Itoa(n) + " weken " + spec())
		case n == 2 && len(days) == 1:
			b.WriteString("every other " + list())
		case n == 2:
			b.WriteString("every other week on " + spec())
		default:
			b.WriteString("every " + strconv.Itoa(n) + " weeks on " + spec())
		}
	case Monthly:
		b.WriteString(ordinalName(r.Nth, nl) + " " + list() + pick(nl, " van de maand", " of the month"))
	case Once:
		b.WriteString(r.Date.String())
	}
	b.WriteString(" " + canonicalInterval(r.Time))
	if !r.From.IsZero() {
		b.WriteString(pick(nl, " vanaf ", " from ") + canonicalDate(r.From))
	}
	if !r.Until.IsZero() {
		b.WriteString(pick(nl, " t/m ", " until ") + canonicalDate(r.Until))
	}
	return b.String()
}

func canonicalDate(d Date) string {
	if d == probeDate {
		return placeholderText
	}
	return d.String()
}

// canonicalInterval writes iv as "10:00-12:00"; an end at midnight is
// "24:00".
func canonicalInterval(iv Interval) string {
	end := FormatTime(iv.End, "en")
	if iv.End == 0 {
		end = "24:00"
	}
	return FormatTime(iv.Start, "en") + "-" + end
}
