package schedule

import "strings"

// tail parses the time and the from/until clauses, in any order, up to the
// end of the phrase.
func (p *parser) tail(r *Rule) error {
	var haveTime, haveFrom, haveUntil bool
	var untilTok token
	for {
		t, ok := p.peek()
		if !ok {
			break
		}
		switch {
		case t.kind == tokTime || (t.kind == tokWord && timeIntro[t.low] && p.isTimeAt(1)):
			if haveTime {
				return errorAt(p.phrase, t, CodeDuplicate)
			}
			iv, err := p.interval()
			if err != nil {
				return err
			}
			r.Time, haveTime = iv, true
		case t.kind == tokNumber && !haveTime:
			// "10-12": hours without minutes.
			return errorAt(p.phrase, t, CodeBadTime)
		case p.is(fromWords):
			kw := p.next()
			if r.Kind == Once {
				return errorAt(p.phrase, kw, CodeOnceClause)
			}
			if haveFrom {
				return errorAt(p.phrase, kw, CodeDuplicate)
			}
			d, err := p.clauseDate(kw)
			if err != nil {
				return err
			}
			r.From, haveFrom = d, true
		case p.untilWord() > 0:
			k := p.untilWord()
			kw := p.next()
			p.i += k - 1
			if r.Kind == Once {
				return errorAt(p.phrase, kw, CodeOnceClause)
			}
			if haveUntil {
				return errorAt(p.phrase, kw, CodeDuplicate)
			}
			dt, _ := p.peek()
			d, err := p.clauseDate(kw)
			if err != nil {
				return err
			}
			r.Until, haveUntil, untilTok = d, true, dt
		default:
			want, cands := expectClause, suggestClause
			if !haveTime {
				want = expectTime
			}
			return p.unknown(want, cands)
		}
	}
	if !haveTime {
		return &ParseError{Col: p.end, Code: CodeMissingTime, Phrase: p.phrase}
	}
	if haveFrom && haveUntil && r.Until.Before(r.From) {
		return errorAt(p.phrase, untilTok, CodeUntilBeforeFrom)
	}
	return nil
}

// untilWord returns the number of tokens of an until keyword at the next
// position ("until", "tot", "t/m", "tot en met"), or 0.
func (p *parser) untilWord() int {
	if !p.is(untilWords) {
		return 0
	}
	t, _ := p.peek()
	if t.low == "tot" && p.isAt(1, set("en")) && p.isAt(2, set("met")) {
		return 3
	}
	return 1
}

// clauseDate reads the date after a from or until keyword.
func (p *parser) clauseDate(kw token) (Date, error) {
	t, ok := p.peek()
	if !ok || (t.kind != tokDate && t.kind != tokNumber) {
		e := p.missing(CodeMissingDate, kw)
		e.Word = kw.text
		return Date{}, e
	}
	return p.date(p.next())
}

// date checks a date token.
func (p *parser) date(t token) (Date, error) {
	d, ok := parseISODate(t.text)
	if !ok {
		e := errorAt(p.phrase, t, CodeBadDate)
		e.Suggestion = reversedDate(t.text)
		return Date{}, e
	}
	return d, nil
}

// interval parses "[from|van|at|om|between] TIME (-|to|tot|and|en) TIME [uur]".
func (p *parser) interval() (Interval, error) {
	if p.is(timeIntro) {
		p.next()
	}
	iv, err := parseSpan(p)
	if err != nil {
		return Interval{}, err
	}
	if p.is(hourWords) {
		p.next()
	}
	return iv, nil
}

// parseSpan reads TIME sep TIME at the parser's position.
func parseSpan(p *parser) (Interval, error) {
	st := p.next()
	start, ok := parseClock(st.text, false)
	if st.kind != tokTime || !ok {
		return Interval{}, errorAt(p.phrase, st, CodeBadTime)
	}
	sep, ok := p.peek()
	if !ok || !(sep.kind == tokDash || sep.kind == tokWord && timeSep[sep.low]) {
		if ok && (sep.kind == tokNumber || sep.kind == tokTime) {
			return Interval{}, errorAt(p.phrase, sep, CodeUnknownWord)
		}
		return Interval{}, p.missing(CodeMissingTime, st)
	}
	p.next()
	et, ok := p.peek()
	if !ok {
		return Interval{}, p.missing(CodeMissingTime, sep)
	}
	if et.kind != tokTime && et.kind != tokNumber {
		return Interval{}, p.unknown(expectTime, nil)
	}
	p.next()
	end, ok := parseClock(et.text, true)
	if et.kind != tokTime || !ok {
		return Interval{}, errorAt(p.phrase, et, CodeBadTime)
	}
	if end == start && !(start == 0 && strings.HasPrefix(et.text, "24")) {
		return Interval{}, errorAt(p.phrase, et, CodeZeroLength)
	}
	return Interval{Start: start, End: end}, nil
}

// parseClock reads "H:MM", "HH:MM", "H.MM" or "HH.MM". With end set,
// "24:00" is accepted and means the following midnight.
func parseClock(s string, end bool) (Clock, bool) {
	sep := strings.IndexAny(s, ":.")
	if sep < 1 || sep > 2 || len(s)-sep-1 != 2 {
		return 0, false
	}
	h, ok1 := digits(s[:sep])
	m, ok2 := digits(s[sep+1:])
	if !ok1 || !ok2 || m > 59 {
		return 0, false
	}
	if end && h == 24 && m == 0 {
		return 0, true
	}
	if h > 23 {
		return 0, false
	}
	return At(h, m), true
}
