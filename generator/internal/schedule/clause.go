package schedule

import (
	"strings"
	"time"
)

// tail parses the time, the part of the day and the from/until clauses,
// in any order, up to the end of the phrase.
func (p *parser) tail(r *Rule) error {
	var (
		span                *timeSpan
		haveFrom, haveUntil bool
		untilTok            token
	)
	for {
		t, ok := p.peek()
		if !ok {
			break
		}
		switch {
		case p.partLen(0) > 0:
			k := p.partLen(0)
			if p.part != noPart {
				return errorAt(p.phrase, t, CodeDuplicate)
			}
			last, _ := p.peekAt(k - 1)
			p.setPart(partWords[strings.TrimPrefix(last.low, "'s")], t, last)
			p.i += k
		case p.clockAt(0) || t.kind == tokWord && whenIntro[t.low] && p.clockAt(1):
			if span != nil {
				return errorAt(p.phrase, t, CodeDuplicate)
			}
			sp, err := p.timeSpan()
			if err != nil {
				return err
			}
			span = sp
		case t.kind == tokNumber && span == nil:
			// "1000-1200", "10 11": digits that are no time.
			return errorAt(p.phrase, t, CodeBadTime)
		case p.is(fromWords) || t.kind == tokWord && t.low == "van" && p.dateLen(1) > 0:
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
		case span == nil && p.untilWord() > 0 && p.clockAt(p.untilWord()):
			// "elke dinsdag tot 12:00": when does it start?
			return p.missingStart()
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
		case span != nil && p.is(andWords) && (p.isDayAt(1) || p.clockAt(1)):
			return p.twoRules(span)
		default:
			want, cands := expectClause, suggestClause
			if span == nil {
				want = expectTime
			}
			return p.unknown(want, cands)
		}
	}
	if span == nil {
		return p.missingTime()
	}
	iv, err := p.resolve(span)
	if err != nil {
		return err
	}
	r.Time = iv
	if haveFrom && haveUntil && r.Until.Before(r.From) && r.From != probeDate {
		return errorAt(p.phrase, untilTok, CodeUntilBeforeFrom)
	}
	return nil
}

// whenIntro are the words that may stand before the time of a phrase.
var whenIntro = set("from", "van", "at", "om", "between", "tussen", "vanaf")

// missingTime is the error for a phrase without a time. It suggests the
// phrase with a time typical of the part of the day it names.
func (p *parser) missingTime() *ParseError {
	e := &ParseError{Col: p.end, Code: CodeMissingTime, Phrase: p.phrase}
	iv := Interval{At(10, 0), At(12, 0)}
	if p.part != noPart {
		e.Code, e.Col, e.Word = CodePartOfDay, p.partFirst.col, p.spanText(p.partFirst, p.partLast)
		iv = p.part.example()
		times := canonicalInterval(iv)
		if p.partDay != "" {
			e.fix = p.replace(p.partFirst, p.partLast, p.partDay+" "+times)
		} else {
			e.fix = p.replace(p.partFirst, p.partLast, times)
		}
	} else {
		e.fix = p.appendWords(canonicalInterval(iv))
	}
	e.example = true
	return e
}

// untilWord returns the number of tokens of an until keyword at the next
// position ("until", "tot", "t/m", "tot en met"), or 0. "to" counts only
// before a date.
func (p *parser) untilWord() int {
	if !p.is(untilWords) {
		return 0
	}
	t, _ := p.peek()
	if t.low == "tot" && p.wordAt(1, "en") && p.wordAt(2, "met") {
		return 3
	}
	if t.low == "to" && p.dateLen(1) == 0 {
		return 0
	}
	return 1
}

// clauseDate reads the date after a from or until keyword.
func (p *parser) clauseDate(kw token) (Date, error) {
	if p.dateLen(0) == 0 {
		t, ok := p.peek()
		if ok && t.kind == tokNumber {
			return Date{}, errorAt(p.phrase, t, CodeBadDate)
		}
		e := p.missing(CodeMissingDate, kw)
		e.Word = kw.text
		return Date{}, e
	}
	return p.date()
}

// probeDate stands for the date placeholder while a suggestion is checked.
var probeDate = Date{Year: -1, Month: time.January, Day: 1}

// dateLen returns the number of tokens of a date k tokens ahead, or 0:
// "2026-12-12", "12 december 2026", "zaterdag 12 december 2026", "December
// 12, 2026", and also "12 okt" and "12-10-2026", which date refuses.
func (p *parser) dateLen(k int) int {
	n := 0
	if t, ok := p.peekAt(k); ok && t.kind == tokWord {
		if _, ok := weekdayWords[t.low]; ok {
			n = 1
			if p.isDotAt(k + 1) {
				n = 2
			}
		}
	}
	m := p.bareDateLen(k + n)
	if m == 0 {
		return 0
	}
	return n + m
}

func (p *parser) isDotAt(k int) bool {
	t, ok := p.peekAt(k)
	return ok && t.kind == tokOther && t.text == "."
}

func (p *parser) isMonthAt(k int) bool {
	t, ok := p.peekAt(k)
	if !ok || t.kind != tokWord {
		return false
	}
	_, ok = monthNames[t.low]
	return ok
}

func (p *parser) isDayNumberAt(k int) bool {
	t, ok := p.peekAt(k)
	return ok && t.kind == tokNumber && len(t.text) <= 2
}

func (p *parser) isYearAt(k int) bool {
	t, ok := p.peekAt(k)
	return ok && (t.kind == tokNumber && len(t.text) == 4 || t.kind == tokWord && (t.low == "yyyy" || t.low == "jjjj"))
}

func (p *parser) bareDateLen(k int) int {
	t, ok := p.peekAt(k)
	if !ok {
		return 0
	}
	n := 0
	switch {
	case t.kind == tokDate:
		return 1
	case p.isDayNumberAt(k) && p.isMonthAt(k+1):
		n = 2
		if p.isDotAt(k + n) {
			n++
		}
	case p.isMonthAt(k) && (p.isDayNumberAt(k+1) || p.isDotAt(k+1) && p.isDayNumberAt(k+2)):
		n = 2
		if p.isDotAt(k + 1) {
			n++
		}
	default:
		return 0
	}
	if p.isYearAt(k + n) {
		n++
	}
	return n
}

// date reads the date at the parser's position (dateLen > 0).
func (p *parser) date() (Date, error) {
	n := p.dateLen(0)
	all := p.toks[p.i : p.i+n]
	p.i += n
	var (
		wdTok  token
		hasWd  bool
		parts  []token
		first  = all[0]
		last   = all[len(all)-1]
		probeY bool
	)
	for _, t := range all {
		switch {
		case t.kind == tokOther:
		case !hasWd && len(parts) == 0 && t.kind == tokWord && isWeekdayName(t.low):
			wdTok, hasWd = t, true
		default:
			parts = append(parts, t)
		}
	}
	var d Date
	switch dt := parts[0]; {
	case dt.kind == tokDate:
		if dt.low == placeholder {
			if p.probe {
				return probeDate, nil
			}
			return Date{}, p.placeholderError(dt)
		}
		var ok bool
		if d, ok = parseISODate(dt.text); !ok {
			return Date{}, p.badDate(dt)
		}
	default:
		var dayTok, monTok token
		if dt.kind == tokNumber {
			dayTok, monTok = parts[0], parts[1]
		} else {
			monTok, dayTok = parts[0], parts[1]
		}
		day, _ := digits(dayTok.text)
		month := monthNames[monTok.low]
		if len(parts) < 3 {
			e := errorAt(p.phrase, first, CodeNoYear)
			e.Word = p.spanText(first, last)
			e.fix = p.insertAfter(parts[len(parts)-1], placeholderYear)
			return Date{}, e
		}
		yt := parts[2]
		var year int
		if yt.kind == tokWord {
			if !p.probe {
				return Date{}, p.placeholderError(yt)
			}
			year, probeY = 2000, true
		} else {
			year, _ = digits(yt.text)
		}
		if year < 1 || day < 1 || day > daysIn(year, month) {
			e := errorAt(p.phrase, first, CodeBadDate)
			e.Word = p.spanText(first, last)
			return Date{}, e
		}
		d = Date{Year: year, Month: month, Day: day}
	}
	if hasWd && !probeY {
		if wd := weekdayWords[wdTok.low]; wd != d.Weekday() {
			e := errorAt(p.phrase, wdTok, CodeWrongWeekday)
			e.date = d
			nl := isDutchDay(wdTok.low)
			name := pick(nl, nlDays[d.Weekday()], enDays[d.Weekday()])
			if r := wdTok.text[0]; r >= 'A' && r <= 'Z' {
				name = capitalize(name)
			}
			e.fix = p.replace(wdTok, wdTok, name)
			return Date{}, e
		}
	}
	return d, nil
}

func isWeekdayName(w string) bool {
	_, ok := weekdayWords[w]
	return ok
}

// badDate is the error for a date token that is no date. A day-first date
// ("12-10-2026", "12/10/2026", "12.10.2026") gets the date written year
// first as suggestion.
func (p *parser) badDate(t token) *ParseError {
	e := errorAt(p.phrase, t, CodeBadDate)
	f := strings.FieldsFunc(t.text, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(f) == 3 && len(f[0]) == 4 && len(f[1]) <= 2 && len(f[2]) <= 2 {
		// "2026-9-1": the year first, without the zeros.
		y, _ := digits(f[0])
		m, _ := digits(f[1])
		d, _ := digits(f[2])
		if m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m)) {
			e.Suggestion = Date{Year: y, Month: time.Month(m), Day: d}.String()
			e.fix = p.replace(t, t, e.Suggestion)
		}
		return e
	}
	if len(f) != 3 || len(f[2]) != 4 || len(f[0]) > 2 || len(f[1]) > 2 {
		return e
	}
	day, _ := digits(f[0])
	month, _ := digits(f[1])
	year, _ := digits(f[2])
	valid := func(y, m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m)) }
	if valid(year, month, day) {
		d := Date{Year: year, Month: time.Month(month), Day: day}
		e.Suggestion = d.String()
		e.date = d
		e.fix = func(nl bool) []alt {
			alts := p.replace(t, t, d.String())(nl)
			// An English reader may have meant month first.
			if !nl && day != month && valid(year, day, month) {
				d2 := Date{Year: year, Month: time.Month(day), Day: month}
				alts = append(alts, p.replace(t, t, d2.String())(nl)...)
				alts[0].label = [2]string{"", FormatDayMonthYear(d, "en")}
				alts[1].label = [2]string{"", FormatDayMonthYear(d2, "en")}
			}
			return alts
		}
	}
	return e
}

func (p *parser) placeholderError(t token) *ParseError {
	e := errorAt(p.phrase, t, CodePlaceholder)
	return e
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

// twoRules refuses "elke dinsdag 10:00-12:00 en donderdag 14:00-16:00" and
// "elke dinsdag 10:00-12:00 en 14:00-16:00": two rules in one phrase. It
// suggests them as a list.
func (p *parser) twoRules(sp *timeSpan) *ParseError {
	and := p.next()
	e := errorAt(p.phrase, and, CodeTwoRules)
	first := tidy(p.phrase[:and.off])
	rest := p.phrase[and.off+len(and.text):]
	var second string
	if p.isDayAt(0) {
		every := p.toks[0]
		lead := every.text
		if !everyWords[every.low] {
			lead = pick(p.nl, "elke", "every")
		}
		second = tidy(lead + " " + rest)
	} else {
		second = tidy(p.phrase[:sp.first.off] + " " + rest)
	}
	e.fix = func(bool) []alt { return []alt{{list: []string{first, second}}} }
	return e
}

// missingStart is the error for an end time without a start ("tot
// 12:00"). It suggests the phrase with an example start two hours before.
func (p *parser) missingStart() error {
	k := p.untilWord()
	kw := p.next()
	p.i += k - 1
	it, err := p.clockItem(true)
	if err != nil {
		return err
	}
	e := errorAt(p.phrase, kw, CodeMissingStart)
	e.Word = p.spanText(kw, it.last)
	end := it.options(it.ampm != 0)[0]
	e.fix = p.replace(kw, it.last, canonicalInterval(Interval{(end + 22*60) % (24 * 60), end}))
	e.example = true
	return e
}
