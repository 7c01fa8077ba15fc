package schedule

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// monthly parses "ordinal day [of the month]" and refuses what cannot be
// one monthly rule. every is the "every" before the ordinal, if any.
func (p *parser) monthly(every token) (Rule, error) {
	return p.monthlyIn(every, false)
}

// monthlyIn is monthly; inMonth says the phrase already said "month"
// ("elke maand op de eerste zaterdag").
func (p *parser) monthlyIn(every token, inMonth bool) (Rule, error) {
	first := p.next()
	nths := []token{first}
	for p.isOrdinalAt(0) || p.is(andWords) && p.isOrdinalAt(1) {
		if p.is(andWords) {
			p.next()
		}
		nths = append(nths, p.next())
	}
	for _, t := range nths {
		if ordinal(t.low) == 5 {
			return Rule{}, errorAt(p.phrase, t, CodeNthRange)
		}
	}
	nth := ordinal(first.low)
	dayTok, _ := p.peek()
	days, err := p.days()
	if err != nil {
		return Rule{}, err
	}
	lastDay := p.toks[p.i-1]
	if len(days) != 1 {
		return Rule{}, errorAt(p.phrase, dayTok, CodeOneDay)
	}
	// "of the month", "of every month", "van de maand", "van elke maand".
	if p.is(ofWords) && p.partLen(0) == 0 && !p.clockAt(1) {
		p.next()
		if p.is(theWords) {
			p.next()
		}
		if !p.is(monthWords) {
			return Rule{}, p.unknown(expectNothing, []string{"month", "maand"})
		}
		p.next()
		inMonth = true
	}
	ofMonth := pick(p.nl, " van de maand", " of the month")
	if inMonth {
		ofMonth = ""
	}
	if len(nths) > 1 {
		// "elke tweede en vierde dinsdag": one rule per week of the month.
		e := errorAt(p.phrase, nths[1], CodeSeveralNth)
		e.Word = p.spanText(first, lastDay)
		e.fix = func(nl bool) []alt {
			var list []string
			for _, t := range nths {
				list = append(list, t.text+" "+p.phrase[dayTok.off:lastDay.off+len(lastDay.text)]+ofMonth+p.phrase[lastDay.off+len(lastDay.text):])
			}
			return []alt{{list: list}}
		}
		return Rule{}, e
	}
	if !inMonth && nth >= 2 && nth <= 4 {
		// "elke tweede dinsdag": the second of the month, or every other?
		e := errorAt(p.phrase, first, CodeAmbiguousNth)
		e.N = nth
		start := first
		if every.text != "" {
			start = every
		}
		e.Word = p.spanText(start, lastDay)
		monthlyFix := p.insertAfter(lastDay, ofMonth)
		e.fix = func(nl bool) []alt {
			a := monthlyFix(nl)[0]
			a.label = [2]string{"één keer per maand", "once a month"}
			alts := []alt{a}
			if s, ok := settle(a, nl, p.depth); ok {
				if r, err := parse(s.text, true); err == nil {
					r.Kind, r.Interval, r.Nth = Weekly, nth, 0
					if r.From.IsZero() {
						r.From = probeDate
					}
					label := [2]string{"om de week", "every other week"}
					if nth > 2 {
						label = [2]string{"om de " + strconv.Itoa(nth) + " weken", "every " + strconv.Itoa(nth) + " weeks"}
					}
					alts = append(alts, alt{text: canonical(r, p.nl || !p.langKnown && nl), label: label})
				}
			}
			return alts
		}
		return Rule{}, e
	}
	return Rule{Kind: Monthly, Nth: nth, Days: days}, nil
}

// monthlyWord parses what follows "maandelijks", "monthly" or "every
// month": an ordinal and a day ("elke maand op de eerste zaterdag"), or
// refuses the phrase because it does not say which week of the month.
func (p *parser) monthlyWord() (Rule, error) {
	kw := p.next()
	startTok := kw
	if i := p.i - 2; i >= 0 && everyWords[p.toks[i].low] {
		startTok = p.toks[i]
	}
	endTok := kw
	if p.is(onWords) {
		endTok = p.next()
	}
	if p.is(articleWords) && p.isOrdinalAt(1) {
		p.next()
	}
	if p.isOrdinalAt(0) {
		return p.monthlyIn(token{}, true)
	}
	e := errorAt(p.phrase, kw, CodeWhichWeek)
	e.Word = p.spanText(startTok, kw)
	if p.isDayAt(0) {
		if _, err := p.days(); err == nil {
			lastDay := p.toks[p.i-1]
			e.fix = func(nl bool) []alt {
				nl = p.nl || !p.langKnown && nl
				s := p.phrase[:startTok.off] + pick(nl, "eerste ", "first ") +
					p.phrase[endTok.off+len(endTok.text):lastDay.off+len(lastDay.text)] +
					pick(nl, " van de maand", " of the month") + p.phrase[lastDay.off+len(lastDay.text):]
				return []alt{{text: tidy(s)}}
			}
			e.example = true
		}
	}
	return Rule{}, e
}

// refusals finds the words that make a phrase say something a rule cannot
// hold: an exception ("behalve in de schoolvakanties"), even or odd weeks,
// and "biweekly".
func (p *parser) refusals() *ParseError {
	for i, t := range p.toks {
		if t.kind != tokWord {
			continue
		}
		switch {
		case ambiguousWeekly[t.low] || t.low == "bi" && i+2 < len(p.toks) && p.toks[i+1].kind == tokDash && (p.toks[i+2].low == "weekly" || p.toks[i+2].low == "wekelijks"):
			last := t
			if t.low == "bi" {
				last = p.toks[i+2]
			}
			e := errorAt(p.phrase, t, CodeBiweekly)
			e.Word = p.spanText(t, last)
			e.fix = func(nl bool) []alt {
				return p.replace(t, last, pick(p.nl || !p.langKnown && nl, "om de 2 weken", "every 2 weeks"))(nl)
			}
			return e
		case exceptWords[t.low]:
			return p.exception(i)
		case parityWords[t.low] && i+1 < len(p.toks) && weekWords[p.toks[i+1].low]:
			return p.evenWeeks(i)
		}
	}
	return nil
}

// exception refuses the exception that starts at token i, suggesting the
// phrase without it.
func (p *parser) exception(i int) *ParseError {
	t := p.toks[i]
	start := i
	if start > 0 && p.toks[start-1].text == "(" {
		start--
	}
	j := i + 1
	save := p.i
	for ; j < len(p.toks); j++ {
		p.i = j
		u := p.toks[j]
		if p.clockAt(0) && !(u.kind == tokNumber && p.dateLen(0) > 0) || u.kind == tokWord && whenIntro[u.low] && p.clockAt(1) ||
			(p.is(fromWords) || p.untilWord() > 0) && p.dateLen(1) > 0 {
			break
		}
	}
	// "behalve woensdag", "except on sundays": days left out of the days.
	var skip []time.Weekday
	p.i = i + 1
	if p.is(onWords) {
		p.next()
	}
	for p.i < j && p.isDayAt(0) {
		wds, _, _ := p.daysAt(0)
		skip = append(skip, wds...)
		p.next()
		if p.is(andWords) {
			p.next()
		}
	}
	onlyDays := p.i == j && skip != nil
	p.i = save
	last := p.toks[j-1]
	e := errorAt(p.phrase, t, CodeExcept)
	e.Word = strings.TrimRight(p.spanText(t, last), ") ")
	rest := p.replace(p.toks[start], last, "")
	if !onlyDays {
		e.fix = rest
		return e
	}
	e.daysOnly = true
	e.fix = func(nl bool) []alt {
		s, ok := settle(rest(nl)[0], nl, p.depth)
		if !ok {
			return nil
		}
		r, err := parseAt(s.text, true, p.depth+1)
		if err != nil || r.Kind != Weekly {
			return nil
		}
		r.Days = slices.DeleteFunc(r.Days, func(d time.Weekday) bool { return slices.Contains(skip, d) })
		if len(r.Days) == 0 {
			return nil
		}
		if r.From == probeDate {
			r.From = Date{}
		}
		return []alt{{text: canonical(r, p.nl || !p.langKnown && nl)}}
	}
	return e
}

// evenWeeks refuses "even weken" and "odd weeks": ISO week numbers do not
// alternate at the end of a year with 53 weeks, so this is no every other
// week. It suggests every other week from a date to fill in.
func (p *parser) evenWeeks(i int) *ParseError {
	t := p.toks[i]
	start := i
	if start > 0 && articleWords[p.toks[start-1].low] {
		start--
	}
	if start > 0 && slices.Contains([]string{"in", "op", "on", "during", "tijdens"}, p.toks[start-1].low) {
		start--
	}
	last := p.toks[i+1]
	e := errorAt(p.phrase, t, CodeEvenWeeks)
	e.Word = p.spanText(t, last)
	rest := p.replace(p.toks[start], last, "")
	e.fix = func(nl bool) []alt {
		a := rest(nl)[0]
		s, ok := settle(a, nl, p.depth)
		if !ok {
			return nil
		}
		r, err := parse(s.text, true)
		if err != nil || r.Kind != Weekly || r.Interval != 1 {
			return nil
		}
		r.Interval = 2
		if r.From.IsZero() {
			r.From = probeDate
		}
		return []alt{{text: canonical(r, p.nl || !p.langKnown && nl)}}
	}
	return e
}
