package schedule

import (
	"slices"
	"strings"
	"time"
)

// daySpec parses the days of an every-N-weeks rule: a list of days, or
// "[every] day", "weekday(s)", "weekend".
func (p *parser) daySpec() ([]time.Weekday, error) {
	if p.is(everyWords) && (p.isAt(1, dayWords) || p.isAt(1, workdayWords) || p.isAt(1, weekendWords)) {
		p.next()
	}
	switch {
	case p.is(dayWords):
		p.next()
		return allDays(), nil
	case p.is(workdayWords):
		p.next()
		return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, nil
	case p.is(weekendWords):
		p.next()
		return []time.Weekday{time.Sunday, time.Saturday}, nil
	}
	return p.days()
}

// days parses a list of days: "monday", "monday and thursday", "monday,
// wednesday en vrijdag", "ma/wo/vr", a range "monday to friday" or "ma t/m
// vr". Plural forms ("tuesdays", "dinsdags") and a part of the day
// ("dinsdagmiddag", "tuesday afternoon") are accepted too.
func (p *parser) days() ([]time.Weekday, error) {
	var days []time.Weekday
	for {
		wds, ok := p.day()
		if !ok {
			return nil, p.unknown(expectDay, suggestDays)
		}
		days = append(days, wds...)
		// A range: "monday to friday", "maandag t/m vrijdag", "ma-vr",
		// "maandag tot en met vrijdag".
		if k := p.rangeWord(); k > 0 && len(wds) == 1 && p.isDayAt(k) {
			p.i += k
			last, _ := p.day()
			for d := wds[0] + 1; ; d++ {
				d %= 7
				days = append(days, d)
				if d == last[0] {
					break
				}
			}
		}
		if p.is(andWords) {
			// After "and" only a day may follow.
			p.next()
			continue
		}
		if p.isDayAt(0) {
			continue
		}
		break
	}
	slices.Sort(days)
	return slices.Compact(days), nil
}

// rangeWord returns the number of tokens of a day-range word at the next
// position ("to", "t/m", "-", "tot en met"), or 0.
func (p *parser) rangeWord() int {
	t, ok := p.peek()
	if !ok {
		return 0
	}
	if t.kind == tokDash {
		return 1
	}
	if t.kind != tokWord {
		return 0
	}
	switch t.low {
	case "to", "through", "thru", "till", "until", "t/m", "tm":
		return 1
	case "tot":
		if p.wordAt(1, "en") && p.wordAt(2, "met") {
			return 3
		}
		return 1
	}
	return 0
}

// dayAt reads the day word k tokens ahead: a day name, a plural, a
// compound with a part of the day, or days joined by slashes ("ma/wo").
func (p *parser) dayAt(k int) (time.Weekday, partOfDay, bool) {
	wds, part, ok := p.daysAt(k)
	if !ok {
		return 0, noPart, false
	}
	return wds[0], part, true
}

func (p *parser) daysAt(k int) ([]time.Weekday, partOfDay, bool) {
	t, ok := p.peekAt(k)
	if !ok || t.kind != tokWord {
		return nil, noPart, false
	}
	if wd, ok := weekdayWords[t.low]; ok {
		return []time.Weekday{wd}, noPart, true
	}
	if wd, ok := pluralDays[t.low]; ok {
		return []time.Weekday{wd}, noPart, true
	}
	if wd, part, ok := dayPart(t.low); ok {
		return []time.Weekday{wd}, part, true
	}
	if strings.Contains(t.low, "/") && t.low != "t/m" {
		var wds []time.Weekday
		for _, w := range strings.Split(t.low, "/") {
			wd, ok := weekdayWords[w]
			if !ok {
				return nil, noPart, false
			}
			wds = append(wds, wd)
		}
		return wds, noPart, true
	}
	return nil, noPart, false
}

// day consumes one day word if the next token is one, and the part of the
// day it names or that follows it ("tuesday afternoon").
func (p *parser) day() ([]time.Weekday, bool) {
	t, _ := p.peek()
	wds, part, ok := p.daysAt(0)
	if !ok {
		return nil, false
	}
	p.next()
	if len(t.low) <= 4 {
		p.skipDot()
	}
	if part != noPart {
		p.setPart(part, t, t)
		wd := wds[0]
		p.partDay = t.text[:len(pick(isDutchDay(t.low), nlDays[wd], enDays[wd]))]
	}
	return wds, true
}

func (p *parser) isDayAt(k int) bool {
	_, _, ok := p.daysAt(k)
	return ok
}

func (p *parser) isTimeAt(k int) bool {
	t, ok := p.peekAt(k)
	return ok && t.kind == tokTime
}

// setPart records the part of the day the phrase names.
func (p *parser) setPart(part partOfDay, first, last token) {
	if p.part == noPart {
		p.part, p.partFirst, p.partLast = part, first, last
	}
}

// phraseLanguage tells from the words whether a phrase is Dutch or English.
func phraseLanguage(toks []token) (nl, known bool) {
	var d, e int
	for _, t := range toks {
		if t.kind != tokWord {
			continue
		}
		switch {
		case dutchWords[t.low], slices.Contains(nlDays[:], t.low):
			d++
		case englishWords[t.low], slices.Contains(enDays[:], t.low):
			e++
		}
	}
	return d > e, d != e
}
