package schedule

import (
	"slices"
	"time"
	"unicode/utf8"
)

// Parse reads one when phrase (see the content format) into a Rule. Words
// are case-insensitive and may be English or Dutch. The error, if any, is a
// *ParseError whose Col points at the word that was not understood.
func Parse(phrase string) (Rule, error) {
	p := &parser{phrase: phrase, toks: lex(phrase), end: utf8.RuneCountInString(phrase) + 1}
	r, err := p.parse()
	if err != nil {
		return Rule{}, err
	}
	r.Phrase = phrase
	return r, nil
}

// ParseList parses each phrase of a list. The rules of the phrases that
// parse come first, in order; the errors, one per failing phrase, in order.
func ParseList(phrases []string) ([]Rule, []error) {
	var (
		rules []Rule
		errs  []error
	)
	for _, ph := range phrases {
		r, err := Parse(ph)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rules = append(rules, r)
	}
	return rules, errs
}

// parser is a recursive-descent parser over the tokens of one phrase.
type parser struct {
	phrase string
	toks   []token
	i      int
	end    int // column one past the last character
}

func (p *parser) peek() (token, bool) {
	if p.i < len(p.toks) {
		return p.toks[p.i], true
	}
	return token{}, false
}

func (p *parser) peekAt(k int) (token, bool) {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k], true
	}
	return token{}, false
}

// is reports whether the next token is a word in words.
func (p *parser) is(words map[string]bool) bool {
	t, ok := p.peek()
	return ok && t.kind == tokWord && words[t.low]
}

// isAt is like is, k tokens ahead.
func (p *parser) isAt(k int, words map[string]bool) bool {
	t, ok := p.peekAt(k)
	return ok && t.kind == tokWord && words[t.low]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	p.i++
	return t
}

// missing returns an error about something missing at the next token, or
// at the end of the phrase.
func (p *parser) missing(code string, after token) *ParseError {
	e := &ParseError{Col: p.end, Code: code, Word: after.text, Phrase: p.phrase}
	if t, ok := p.peek(); ok {
		e.Col = t.col
	}
	return e
}

// unknown returns an unknown-word error about the next token, with the
// closest of candidates as suggestion. A known word in the wrong place is
// an unexpected-word error instead.
func (p *parser) unknown(want expectation, candidates []string) *ParseError {
	t, ok := p.peek()
	if !ok {
		code := CodeMissingTime
		if want == expectDay {
			code = CodeMissingDay
		}
		return &ParseError{Col: p.end, Code: code, Phrase: p.phrase, want: want}
	}
	e := errorAt(p.phrase, t, CodeUnknownWord)
	e.want = want
	if t.kind != tokWord || !isKnownWord(t.low) {
		if t.kind == tokWord {
			e.Suggestion = suggest(t.low, candidates)
		}
		return e
	}
	e.Code = CodeUnexpectedWord
	return e
}

// isKnownWord reports whether w is in the vocabulary of when phrases.
func isKnownWord(w string) bool {
	if _, ok := weekdayWords[w]; ok {
		return true
	}
	if _, ok := pluralDays[w]; ok {
		return true
	}
	if _, ok := ordinalWords[w]; ok {
		return true
	}
	if _, ok := numberWords[w]; ok {
		return true
	}
	for _, s := range []map[string]bool{everyWords, otherWords, weekWords, onWords, andWords, dayWords,
		workdayWords, weekendWords, fromWords, untilWords, timeIntro, timeSep, hourWords, ofWords,
		theWords, monthWords, fifthWords} {
		if s[w] {
			return true
		}
	}
	return w == "om" || w == "de" || w == "met"
}

func (p *parser) parse() (Rule, error) {
	t, ok := p.peek()
	if !ok {
		return Rule{}, &ParseError{Col: 1, Code: CodeEmpty, Phrase: p.phrase}
	}
	var (
		r           Rule
		intervalTok token // the token that asked for every N weeks
	)
	switch {
	case t.kind == tokDate:
		d, err := p.date(p.next())
		if err != nil {
			return Rule{}, err
		}
		r = Rule{Kind: Once, Date: d}
	case t.kind == tokWord && onWords[t.low] && p.isDateAt(1):
		p.next()
		d, err := p.date(p.next())
		if err != nil {
			return Rule{}, err
		}
		r = Rule{Kind: Once, Date: d}
	case p.is(everyWords):
		every := p.next()
		var err error
		r, intervalTok, err = p.afterEvery(every)
		if err != nil {
			return Rule{}, err
		}
	case t.kind == tokWord && t.low == "om" && p.isAt(1, set("de")):
		p.next()
		p.next()
		var err error
		r, intervalTok, err = p.weeksThenDays()
		if err != nil {
			return Rule{}, err
		}
	case p.is(dayWords) && (t.low == "daily" || t.low == "dagelijks"):
		p.next()
		r = Rule{Kind: Weekly, Interval: 1, Days: allDays()}
	case t.kind == tokWord && ordinalWords[t.low] != 0, p.is(fifthWords):
		var err error
		r, err = p.monthly()
		if err != nil {
			return Rule{}, err
		}
	case p.is(onWords) || isPluralDay(t):
		// "on tuesdays", "dinsdags": every week.
		if p.is(onWords) {
			p.next()
		}
		days, err := p.days()
		if err != nil {
			return Rule{}, err
		}
		r = Rule{Kind: Weekly, Interval: 1, Days: days}
	case t.kind == tokWord && isDayWord(t.low):
		// "dinsdag 10:00-12:00": every week, or once? Ask.
		e := errorAt(p.phrase, t, CodeMissingEvery)
		wd := weekdayWords[t.low]
		e.Suggestion = "every " + enDays[wd]
		if slices.Contains(nlDays[:], t.low) || len(t.low) == 2 {
			e.Suggestion = "elke " + nlDays[wd]
		}
		return Rule{}, e
	default:
		return Rule{}, p.unknown(expectStart, suggestStart)
	}
	if err := p.tail(&r); err != nil {
		return Rule{}, err
	}
	if r.Kind == Weekly && r.Interval > 1 && r.From.IsZero() {
		e := errorAt(p.phrase, intervalTok, CodeMissingFrom)
		e.N = r.Interval
		return Rule{}, e
	}
	return r, nil
}

func allDays() []time.Weekday {
	return []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
}

func isDayWord(w string) bool {
	_, ok := weekdayWords[w]
	return ok
}

func isPluralDay(t token) bool {
	_, ok := pluralDays[t.low]
	return t.kind == tokWord && ok
}

func (p *parser) isDateAt(k int) bool {
	t, ok := p.peekAt(k)
	return ok && t.kind == tokDate
}

// afterEvery parses what follows "every": a day list, "day", "weekday",
// "weekend", "other", a number of weeks, or an ordinal of the month.
func (p *parser) afterEvery(every token) (Rule, token, error) {
	t, ok := p.peek()
	if !ok {
		return Rule{}, token{}, &ParseError{Col: p.end, Code: CodeMissingDay, Word: every.text, Phrase: p.phrase}
	}
	switch {
	case p.is(dayWords):
		p.next()
		return Rule{Kind: Weekly, Interval: 1, Days: allDays()}, token{}, nil
	case p.is(workdayWords):
		p.next()
		return Rule{Kind: Weekly, Interval: 1, Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}}, token{}, nil
	case p.is(weekendWords):
		p.next()
		return Rule{Kind: Weekly, Interval: 1, Days: []time.Weekday{time.Sunday, time.Saturday}}, token{}, nil
	case p.is(otherWords):
		p.next()
		// "every other day" would mean every second day, which is not a
		// form of the contract: without "week" only day names may follow.
		spec := p.days
		if p.is(weekWords) {
			p.next()
			if p.is(onWords) {
				p.next()
			}
			spec = p.daySpec
		}
		days, err := spec()
		if err != nil {
			return Rule{}, token{}, err
		}
		return Rule{Kind: Weekly, Interval: 2, Days: days}, t, nil
	case t.kind == tokNumber || (t.kind == tokWord && numberWords[t.low] != 0):
		return p.weeksThenDays()
	case t.kind == tokWord && ordinalWords[t.low] != 0, p.is(fifthWords):
		r, err := p.monthly()
		return r, token{}, err
	case p.is(weekWords):
		// "every week on tuesday"
		p.next()
		if p.is(onWords) {
			p.next()
		}
	}
	days, err := p.days()
	if err != nil {
		return Rule{}, token{}, err
	}
	return Rule{Kind: Weekly, Interval: 1, Days: days}, token{}, nil
}

// weeksThenDays parses "[N] weeks [on] days" after "every" or "om de". The
// returned token is the one the missing-from error points at.
func (p *parser) weeksThenDays() (Rule, token, error) {
	n := 2
	var at token
	if t, ok := p.peek(); ok && (t.kind == tokNumber || (t.kind == tokWord && numberWords[t.low] != 0)) {
		p.next()
		at = t
		if t.kind == tokNumber {
			n, _ = digits(t.text)
			if len(t.text) > 3 {
				n = 1000
			}
		} else {
			n = numberWords[t.low]
		}
		if !p.is(weekWords) {
			return Rule{}, token{}, p.unknown(expectNothing, []string{"weeks", "weken"})
		}
		p.next()
		if n < 2 || n > 8 {
			e := errorAt(p.phrase, t, CodeIntervalRange)
			e.N = n
			return Rule{}, token{}, e
		}
	} else {
		if !p.is(weekWords) {
			return Rule{}, token{}, p.unknown(expectNothing, []string{"week", "weken"})
		}
		at = p.next()
	}
	if p.is(onWords) {
		p.next()
	}
	days, err := p.daySpec()
	if err != nil {
		return Rule{}, token{}, err
	}
	return Rule{Kind: Weekly, Interval: n, Days: days}, at, nil
}

// monthly parses "ordinal day [of the month]", with an optional leading
// "every" already consumed.
func (p *parser) monthly() (Rule, error) {
	t := p.next()
	if fifthWords[t.low] {
		return Rule{}, errorAt(p.phrase, t, CodeNthRange)
	}
	nth := ordinalWords[t.low]
	first, _ := p.peek()
	days, err := p.days()
	if err != nil {
		return Rule{}, err
	}
	if len(days) != 1 {
		e := errorAt(p.phrase, first, CodeOneDay)
		return Rule{}, e
	}
	// "of the month", "of every month", "van de maand", "van elke maand".
	if p.is(ofWords) && !p.isTimeAt(1) {
		p.next()
		if p.is(theWords) {
			p.next()
		}
		if !p.is(monthWords) {
			return Rule{}, p.unknown(expectNothing, []string{"month", "maand"})
		}
		p.next()
	}
	return Rule{Kind: Monthly, Nth: nth, Days: days}, nil
}

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
// wednesday en vrijdag", a range "monday to friday" or "ma t/m vr". Plural
// forms ("tuesdays", "dinsdags") are accepted too.
func (p *parser) days() ([]time.Weekday, error) {
	var days []time.Weekday
	for {
		wd, ok := p.day()
		if !ok {
			return nil, p.unknown(expectDay, suggestDays)
		}
		days = append(days, wd)
		// A range: "monday to friday", "maandag t/m vrijdag", "ma-vr",
		// "maandag tot en met vrijdag".
		if k := p.rangeWord(); k > 0 && p.isDayAt(k) {
			p.i += k
			last, _ := p.day()
			for d := wd + 1; ; d++ {
				d %= 7
				days = append(days, d)
				if d == last {
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
		if p.isAt(1, set("en")) && p.isAt(2, set("met")) {
			return 3
		}
		return 1
	}
	return 0
}

// day consumes one day name if the next token is one.
func (p *parser) day() (time.Weekday, bool) {
	t, ok := p.peek()
	if !ok || t.kind != tokWord {
		return 0, false
	}
	if wd, ok := weekdayWords[t.low]; ok {
		p.next()
		return wd, true
	}
	if wd, ok := pluralDays[t.low]; ok {
		p.next()
		return wd, true
	}
	return 0, false
}

func (p *parser) isDayAt(k int) bool {
	t, ok := p.peekAt(k)
	if !ok || t.kind != tokWord {
		return false
	}
	_, a := weekdayWords[t.low]
	_, b := pluralDays[t.low]
	return a || b
}

func (p *parser) isTimeAt(k int) bool {
	t, ok := p.peekAt(k)
	return ok && t.kind == tokTime
}
