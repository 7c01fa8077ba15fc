package schedule

import (
	"slices"
	"strings"
)

// A time in a when phrase is read exactly as the content format writes it
// ("10:00", "10.00", and "12u30" beyond it). Volunteers also write hours
// without minutes ("10-12 uur", "van 2 tot 4"), spoken times ("half 11",
// "kwart over 10") and the English clock ("2pm", "noon"). Those are read
// only when a single reading is possible; otherwise the phrase is refused
// with the readings written out.

// spokenWords are the words of spoken times.
var spokenWords = set("half", "kwart", "over", "voor", "quarter", "past", "am", "pm", "a.m.", "p.m.", "noon", "midday",
	"midnight", "middernacht", "twaalf")

// clockItem is one time as written.
type clockItem struct {
	first, last token
	c           Clock // the literal reading on a 24-hour clock
	exact       bool  // hours and minutes ("10:00", "12u30"), noon or midnight
	spoken      bool  // "half 11", "kwart over 10"
	ampm        int   // 1 for am, 2 for pm
	end24       bool  // "24:00", "24", midnight
}

// timeSpan is the time of a phrase as written: a start and, normally, an
// end.
type timeSpan struct {
	a, b        clockItem
	single      bool // no end time
	first, last token
}

// clockLen returns the number of tokens of a time k tokens ahead, or 0.
func (p *parser) clockLen(k int) int {
	t, ok := p.peekAt(k)
	if !ok {
		return 0
	}
	switch {
	case t.kind == tokTime:
		return 1
	case t.kind == tokNumber && len(t.text) <= 2:
		if p.isMonthAt(k + 1) {
			return 0 // "12 oktober": a date
		}
		return 1
	case t.kind != tokWord:
		return 0
	case isHourWord(t.low):
		return 1
	case t.low == "noon" || t.low == "midday" || t.low == "midnight" || t.low == "middernacht":
		return 1
	case t.low == "half" && p.isNumberAt(k+1):
		return 2
	case (t.low == "half" || t.low == "quarter") && p.wordAt(k+1, "past", "to") && p.isNumberAt(k+2):
		return 3
	case t.low == "kwart" && p.wordAt(k+1, "over", "voor") && p.isNumberAt(k+2):
		return 3
	}
	return 0
}

func (p *parser) clockAt(k int) bool { return p.clockLen(k) > 0 }

func (p *parser) isNumberAt(k int) bool {
	t, ok := p.peekAt(k)
	return ok && t.kind == tokNumber && len(t.text) <= 2
}

// isHourWord reports whether w is an hour with a letter: "10u", "10h",
// "2pm", "10am", "10uur".
func isHourWord(w string) bool {
	n, rest := leadingDigits(w)
	if n == "" || len(n) > 2 {
		return false
	}
	switch rest {
	case "u", "h", "uur", "am", "pm", "a", "p":
		return true
	}
	return false
}

func leadingDigits(w string) (string, string) {
	i := 0
	for i < len(w) && isDigit(w[i]) {
		i++
	}
	return w[:i], w[i:]
}

// timeSpan reads "[van|from|om|at|tussen|between] TIME [(-|tot|to|en|and)
// TIME]".
func (p *parser) timeSpan() (*timeSpan, error) {
	sp := &timeSpan{}
	sp.first, _ = p.peek()
	if t, _ := p.peek(); t.kind == tokWord && whenIntro[t.low] {
		p.next()
	}
	a, err := p.clockItem(false)
	if err != nil {
		return nil, err
	}
	sp.a = a
	sep, ok := p.peek()
	isSep := ok && (sep.kind == tokDash || sep.kind == tokWord && timeSep[sep.low])
	if !isSep || !p.clockAt(1) {
		if isSep && sep.kind == tokDash {
			p.next()
			if _, ok := p.peek(); !ok {
				return nil, p.missing(CodeMissingTime, sep)
			}
			return nil, p.unknown(expectTime, nil)
		}
		if ok && sep.kind == tokTime {
			return nil, errorAt(p.phrase, sep, CodeUnknownWord)
		}
		sp.single, sp.last = true, a.last
		return sp, nil
	}
	p.next()
	b, err := p.clockItem(true)
	if err != nil {
		return nil, err
	}
	sp.b, sp.last = b, b.last
	return sp, nil
}

// clockItem reads one time and the "uur", "u", "am" or "pm" after it.
func (p *parser) clockItem(end bool) (clockItem, error) {
	t := p.next()
	it := clockItem{first: t, last: t}
	switch {
	case t.kind == tokTime:
		c, ok := parseClock(normalClock(t.text), end)
		if !ok {
			return it, errorAt(p.phrase, t, CodeBadTime)
		}
		it.c, it.exact, it.end24 = c, true, strings.HasPrefix(t.text, "24")
	case t.kind == tokNumber:
		h, _ := digits(t.text)
		if h > 24 || h == 24 && !end {
			return it, errorAt(p.phrase, t, CodeBadTime)
		}
		it.c, it.end24 = At(h%24, 0), h == 24
	case isHourWord(t.low):
		n, rest := leadingDigits(t.low)
		h, _ := digits(n)
		if h > 24 || h == 24 && !end {
			return it, errorAt(p.phrase, t, CodeBadTime)
		}
		it.c, it.end24 = At(h%24, 0), h == 24
		switch rest {
		case "am", "a":
			it.ampm = 1
		case "pm", "p":
			it.ampm = 2
		}
	case t.low == "noon" || t.low == "midday":
		it.c, it.exact = At(12, 0), true
	case t.low == "midnight" || t.low == "middernacht":
		it.c, it.exact, it.end24 = 0, true, end
	default:
		// Spoken: "half 11" is 10:30, "kwart over 10" 10:15, "kwart voor
		// 10" 9:45, "half past 10" 10:30, "quarter to 10" 9:45.
		var rel string
		if t.low == "kwart" || t.low == "quarter" || p.wordAt(0, "past", "to") {
			rel = p.next().low
		}
		nt := p.next()
		it.last = nt
		h, _ := digits(nt.text)
		if h < 1 || h > 12 {
			return it, errorAt(p.phrase, nt, CodeBadTime)
		}
		var m int
		switch {
		case t.low == "half" && rel == "":
			m = (h-1)*60 + 30
		case t.low == "half" && rel == "past":
			m = h*60 + 30
		case rel == "over" || rel == "past":
			m = h*60 + 15
		default: // voor, to
			m = h*60 - 15
		}
		it.c, it.spoken = Clock((m+24*60)%(24*60)), true
	}
	if it.ampm == 0 && p.wordAt(0, "am", "pm", "a.m.", "p.m.") {
		w := p.next()
		it.last = w
		it.ampm = 1
		if w.low[0] == 'p' {
			it.ampm = 2
		}
	}
	if p.is(hourWords) {
		it.last = p.next()
		p.skipDot()
	}
	if it.ampm != 0 {
		h := it.c.Hour()
		if it.spoken || h > 12 || h == 0 {
			return it, errorAt(p.phrase, t, CodeBadTime)
		}
	}
	return it, nil
}

// normalClock writes "12u30" and "10h15" as "12:30" and "10:15".
func normalClock(s string) string { return hourLetters.Replace(s) }

var hourLetters = strings.NewReplacer("u", ":", "U", ":", "h", ":", "H", ":")

// options returns the readings of one time: one for an exact time, two for
// an hour that a 12-hour clock could mean ("2" is 02:00 or 14:00).
func (it clockItem) options(ampmMode bool) []Clock {
	h, m := it.c.Hour(), it.c.Minute()
	switch {
	case it.exact && it.ampm == 0 || it.end24:
		return []Clock{it.c}
	case it.ampm == 1 && h != 12:
		return []Clock{it.c}
	case it.ampm == 2 && h != 12:
		return []Clock{At(h+12, m)}
	case it.ampm != 0 && m == 0: // 12am, 12pm
		return []Clock{At(12, 0), At(0, 0)}
	case it.ampm == 1: // 12:30am
		return []Clock{At(0, m)}
	case it.ampm == 2: // 12:30pm
		return []Clock{it.c}
	case h >= 13 || h == 0 && !it.spoken:
		return []Clock{it.c}
	case h == 12:
		return []Clock{it.c, At(0, m)}
	case h == 0: // "half 1": 00:30 or 12:30
		return []Clock{it.c, At(12, m)}
	}
	return []Clock{it.c, At(h+12, m)}
}

// resolve turns the time as written into an Interval, or refuses it with
// the possible readings as suggestions.
func (p *parser) resolve(sp *timeSpan) (Interval, error) {
	if sp.single {
		return Interval{}, p.missingEnd(sp)
	}
	a, b := sp.a, sp.b
	ampm := a.ampm != 0 || b.ampm != 0
	lit := Interval{a.c, b.c}
	oa, ob := a.options(ampm), b.options(ampm)
	var cands []Interval
	for _, s := range oa {
		for _, e := range ob {
			iv := Interval{s, e}
			if plausible(iv) && p.part.within(s) && !slices.Contains(cands, iv) {
				cands = append(cands, iv)
			}
		}
	}
	// A reading on the 24-hour clock that is evident ("7-21") stays a
	// candidate even when it is long.
	if lit.Start != lit.End && (lit.Start.Hour() >= 13 || lit.End.Hour() >= 13) && !slices.Contains(cands, lit) &&
		!ampm && p.part.within(lit.Start) {
		cands = append(cands, lit)
	}
	twelve := a.ampm != 0 && a.c == At(12, 0) || b.ampm != 0 && b.c == At(12, 0)
	exact := len(oa) == 1 && len(ob) == 1
	switch {
	case a.spoken || b.spoken:
		bad := a
		if !a.spoken {
			bad = b
		}
		e := errorAt(p.phrase, bad.first, CodeSpokenTime)
		e.Word = p.spanText(bad.first, bad.last)
		opts := bad.options(ampm)
		e.clock = opts[0]
		if len(opts) > 1 && (p.part != noPart && !p.part.within(opts[0]) && bad == a || opts[0].Hour() < 7) {
			e.clock = opts[1]
		}
		e.fix = p.timeFix(sp, cands, lit)
		return Interval{}, e
	case twelve:
		bad := a
		if !(a.ampm != 0 && a.c == At(12, 0)) {
			bad = b
		}
		e := errorAt(p.phrase, bad.first, CodeTwelve)
		e.Word = p.spanText(bad.first, bad.last)
		e.fix = p.timeFix(sp, cands, lit)
		return Interval{}, e
	case exact:
		iv := Interval{oa[0], ob[0]}
		if iv.End == iv.Start && !(iv.Start == 0 && b.end24) {
			return Interval{}, errorAt(p.phrase, b.first, CodeZeroLength)
		}
		if !p.part.within(iv.Start) {
			e := errorAt(p.phrase, p.partFirst, CodePartMismatch)
			e.Word = p.spanText(p.partFirst, p.partLast)
			e.clock = iv.Start
			if p.partDay != "" {
				e.fix = p.replace(p.partFirst, p.partLast, p.partDay)
			} else {
				e.fix = p.replace(p.partFirst, p.partLast, "")
			}
			return Interval{}, e
		}
		return iv, nil
	case len(cands) == 1 && (cands[0] == lit || ampm || p.part != noPart):
		return cands[0], nil
	}
	if len(cands) == 0 && lit.Start == lit.End {
		return Interval{}, errorAt(p.phrase, b.first, CodeZeroLength)
	}
	e := errorAt(p.phrase, sp.first, CodeHourOnly)
	e.Word = p.spanText(sp.first, sp.last)
	e.fix = p.timeFix(sp, cands, lit)
	return Interval{}, e
}

// plausible reports whether iv could be an activity: longer than nothing,
// at most 12 hours.
func plausible(iv Interval) bool {
	return iv.Start != iv.End && iv.Length() <= 12*60*60*1e9
}

// timeFix suggests the phrase with each plausible reading of the time
// written out, the most likely first: starting in the day before the
// evening.
func (p *parser) timeFix(sp *timeSpan, cands []Interval, lit Interval) func(bool) []alt {
	if len(cands) == 0 {
		cands = []Interval{lit}
	}
	cands = slices.Clone(cands)
	// Readings in the night or late evening only when there is no other.
	if slices.ContainsFunc(cands, daytime) {
		cands = slices.DeleteFunc(cands, func(iv Interval) bool { return !daytime(iv) })
	}
	slices.SortStableFunc(cands, func(x, y Interval) int {
		return rank(x) - rank(y)
	})
	if len(cands) > 2 {
		cands = cands[:2]
	}
	return func(nl bool) []alt {
		var alts []alt
		for _, iv := range cands {
			a := p.replace(sp.first, sp.last, canonicalInterval(iv))(nl)[0]
			if len(cands) > 1 {
				part := partOf(iv.Start)
				a.label = [2]string{part.name(true), part.name(false)}
			}
			alts = append(alts, a)
		}
		return alts
	}
}

func daytime(iv Interval) bool { return iv.Start.Hour() >= 7 && iv.Start.Hour() < 22 }

// rank orders readings: daytime starts (07:00-21:59) first, then by start.
func rank(iv Interval) int {
	r := int(iv.Start)
	if iv.Start.Hour() < 7 || iv.Start.Hour() >= 22 {
		r += 24 * 60
	}
	return r
}

// partOf is the part of the day in which c falls, for labels.
func partOf(c Clock) partOfDay {
	switch h := c.Hour(); {
	case h >= 6 && h < 12:
		return morning
	case h >= 12 && h < 18:
		return afternoon
	case h >= 18:
		return evening
	}
	return night
}

// missingEnd is the error for a time without an end ("om 10:00"). It
// suggests the phrase with an example end two hours later.
func (p *parser) missingEnd(sp *timeSpan) *ParseError {
	e := &ParseError{Col: sp.a.first.col, Code: CodeMissingEnd, Word: p.spanText(sp.first, sp.last), Phrase: p.phrase}
	opts := sp.a.options(sp.a.ampm != 0)
	start := opts[0]
	for _, o := range opts {
		if p.part != noPart && p.part.within(o) || p.part == noPart && rank(Interval{Start: o}) < 24*60 {
			start = o
			break
		}
	}
	e.fix = p.replace(sp.first, sp.last, canonicalInterval(Interval{start, (start + 120) % (24 * 60)}))
	e.example = true
	return e
}

// partLen returns the number of tokens that name a part of the day k
// tokens ahead: "'s middags", "smiddags", "ochtend", "in the morning", "in
// de ochtend"; or 0.
func (p *parser) partLen(k int) int {
	t, ok := p.peekAt(k)
	if !ok || t.kind != tokWord {
		return 0
	}
	switch {
	case t.low == "'s" && p.isAt(k+1, partWordsSet):
		return 2
	case partWords[t.low] != noPart:
		return 1
	case (t.low == "in" || t.low == "at") && p.wordAt(k+1, "the", "de") && p.isAt(k+2, partWordsSet):
		return 3
	case t.low == "at" && p.wordAt(k+1, "night"):
		return 2
	}
	return 0
}

var partWordsSet = func() map[string]bool {
	m := make(map[string]bool, len(partWords))
	for w := range partWords {
		m[w] = true
	}
	return m
}()
