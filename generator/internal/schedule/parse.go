package schedule

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Parse reads one when phrase (see the content format) into a Rule. Words
// are case-insensitive and may be English or Dutch. The error, if any, is a
// *ParseError whose Col points at the word that was not understood.
func Parse(phrase string) (Rule, error) {
	r, err := parse(phrase, false)
	if err != nil {
		return Rule{}, err
	}
	r.Phrase = phrase
	return r, nil
}

// parse parses phrase. With probe set it reads the date placeholder of a
// suggestion as a date, so that a suggestion can be checked before it is
// shown.
func parse(phrase string, probe bool) (Rule, error) { return parseAt(phrase, probe, 0) }

// parseAt is parse for a suggestion being checked, depth suggestions deep.
func parseAt(phrase string, probe bool, depth int) (Rule, error) {
	toks := lex(phrase)
	// A full stop at the end closes the sentence; it means nothing.
	if n := len(toks); n > 1 && toks[n-1].kind == tokOther && toks[n-1].text == "." {
		toks = toks[:n-1]
	}
	p := &parser{phrase: phrase, toks: toks, end: utf8.RuneCountInString(phrase) + 1, probe: probe, depth: depth}
	p.nl, p.langKnown = phraseLanguage(toks)
	return p.parse()
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
	end    int  // column one past the last character
	probe  bool // read placeholders as dates (checking a suggestion)
	depth  int  // how many suggestions deep this phrase is

	nl, langKnown bool // the language of the phrase's words, when they tell

	part      partOfDay // the part of the day the phrase names
	partFirst token     // its first token
	partLast  token     // its last token
	partDay   string    // for a compound ("dinsdagmiddag"): the day as written
}

func (p *parser) peek() (token, bool) {
	if p.i < len(p.toks) {
		return p.toks[p.i], true
	}
	return token{}, false
}

func (p *parser) peekAt(k int) (token, bool) {
	if p.i+k >= 0 && p.i+k < len(p.toks) {
		return p.toks[p.i+k], true
	}
	return token{}, false
}

// is reports whether the next token is a word in words.
func (p *parser) is(words map[string]bool) bool {
	t, ok := p.peek()
	return ok && t.kind == tokWord && words[t.low]
}

// wordAt reports whether the token k ahead is one of words.
func (p *parser) wordAt(k int, words ...string) bool {
	t, ok := p.peekAt(k)
	return ok && t.kind == tokWord && slices.Contains(words, t.low)
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

// skipDot skips a full stop after an abbreviation ("di.", "okt.").
func (p *parser) skipDot() {
	if t, ok := p.peek(); ok && t.kind == tokOther && t.text == "." {
		p.i++
	}
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
			if e.Suggestion != "" {
				e.fix = p.replace(t, t, e.Suggestion)
			}
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
	if ordinal(w) != 0 || numberWords[w] != 0 || nWeekly[w] != 0 {
		return true
	}
	if _, ok := monthNames[w]; ok {
		return true
	}
	if _, ok := partWords[w]; ok {
		return true
	}
	for _, s := range []map[string]bool{everyWords, otherWords, weekWords, onWords, andWords, dayWords,
		workdayWords, weekendWords, fromWords, untilWords, timeIntro, timeSep, hourWords, ofWords,
		theWords, monthWords, weeklyWords, monthlyWords, exceptWords, ambiguousWeekly, spokenWords} {
		if s[w] {
			return true
		}
	}
	return w == "om" || w == "de" || w == "met" || w == "'s"
}

func (p *parser) parse() (Rule, error) {
	t, ok := p.peek()
	if !ok {
		return Rule{}, &ParseError{Col: 1, Code: CodeEmpty, Phrase: p.phrase}
	}
	if err := p.refusals(); err != nil {
		return Rule{}, err
	}
	// "de eerste zaterdag", "the last friday": the article adds nothing.
	if p.is(articleWords) && p.isOrdinalAt(1) {
		p.next()
		t, _ = p.peek()
	}
	var (
		r           Rule
		intervalTok token // the token that asked for every N weeks
		err         error
	)
	switch {
	case p.dateLen(0) > 0:
		var d Date
		if d, err = p.date(); err != nil {
			return Rule{}, err
		}
		r = Rule{Kind: Once, Date: d}
	case t.kind == tokWord && onWords[t.low] && p.dateLen(1) > 0:
		p.next()
		var d Date
		if d, err = p.date(); err != nil {
			return Rule{}, err
		}
		r = Rule{Kind: Once, Date: d}
	case p.is(everyWords):
		every := p.next()
		if r, intervalTok, err = p.afterEvery(every); err != nil {
			return Rule{}, err
		}
	case p.is(weeklyWords):
		// "wekelijks op dinsdag", "weekly on tuesday".
		kw := p.next()
		if p.is(onWords) {
			p.next()
		}
		if !p.isDayAt(0) && !p.is(dayWords) && !p.is(workdayWords) && !p.is(weekendWords) && !p.is(everyWords) {
			e := p.unknown(expectDay, suggestDays)
			if e.Code != CodeUnknownWord || e.Suggestion == "" {
				e = p.missing(CodeMissingDay, kw)
				e.fix = p.replace(kw, kw, pick(p.nl, "elke dinsdag", "every tuesday"))
				e.example = true
			}
			return Rule{}, e
		}
		var days []time.Weekday
		if days, err = p.daySpec(); err != nil {
			return Rule{}, err
		}
		r = Rule{Kind: Weekly, Interval: 1, Days: days}
	case t.kind == tokWord && nWeekly[t.low] != 0,
		t.kind == tokNumber && p.isDashAt(1) && p.wordAt(2, "wekelijks"):
		// "tweewekelijks op dinsdag", "2-wekelijks", "fortnightly".
		intervalTok = p.next()
		n := nWeekly[t.low]
		if t.kind == tokNumber {
			n, _ = digits(t.text)
			p.next()
			p.next()
			if n < 2 || n > 8 {
				e := errorAt(p.phrase, t, CodeIntervalRange)
				e.N = n
				return Rule{}, e
			}
		}
		if p.is(onWords) {
			p.next()
		}
		var days []time.Weekday
		if days, err = p.daySpec(); err != nil {
			return Rule{}, err
		}
		r = Rule{Kind: Weekly, Interval: n, Days: days}
	case p.is(monthlyWords):
		if r, err = p.monthlyWord(); err != nil {
			return Rule{}, err
		}
	case t.kind == tokWord && t.low == "om" && p.wordAt(1, "de"):
		p.next()
		p.next()
		if r, intervalTok, err = p.weeksThenDays(); err != nil {
			return Rule{}, err
		}
	case p.is(dayWords) && (t.low == "daily" || t.low == "dagelijks"):
		p.next()
		r = Rule{Kind: Weekly, Interval: 1, Days: allDays()}
	case p.isOrdinalAt(0):
		if r, err = p.monthly(token{}); err != nil {
			return Rule{}, err
		}
	case p.is(onWords) || isPluralDay(t):
		// "on tuesdays", "dinsdags": every week.
		if p.is(onWords) {
			p.next()
		}
		var days []time.Weekday
		if days, err = p.days(); err != nil {
			return Rule{}, err
		}
		r = Rule{Kind: Weekly, Interval: 1, Days: days}
	case p.isDayAt(0):
		// "dinsdag 10:00-12:00": every week, or once? Ask.
		e := errorAt(p.phrase, t, CodeMissingEvery)
		wd, _, _ := p.dayAt(0)
		nl := p.nl || !p.langKnown && isDutchDay(strings.Split(t.low, "/")[0])
		e.Suggestion = pick(nl, "elke ", "every ") + pick(nl, nlDays[wd], enDays[wd])
		e.fix = p.insertBefore(t, pick(nl, "elke", "every"))
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
		e.fix = p.appendWords(pick(p.nl, "vanaf", "from") + " " + placeholderText)
		return Rule{}, e
	}
	return r, nil
}

func isDutchDay(w string) bool {
	return slices.Contains(nlDays[:], w) || len(w) == 2 || strings.HasSuffix(w, "dag") || strings.Contains(w, "dag")
}

func allDays() []time.Weekday {
	return []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
}

func isPluralDay(t token) bool {
	_, ok := pluralDays[t.low]
	return t.kind == tokWord && ok
}

func (p *parser) isDashAt(k int) bool {
	t, ok := p.peekAt(k)
	return ok && t.kind == tokDash
}

func (p *parser) isOrdinalAt(k int) bool {
	t, ok := p.peekAt(k)
	return ok && t.kind == tokWord && ordinal(t.low) != 0
}

// afterEvery parses what follows "every": a day list, "day", "weekday",
// "weekend", "other", a number of weeks, "week", "month" or an ordinal of
// the month.
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
	case p.isOrdinalAt(0) && p.isAt(1, weekWords) && ordinal(t.low) >= 2 && ordinal(t.low) <= 4:
		// "elke tweede week op dinsdag": every other week.
		p.next()
		p.next()
		if p.is(onWords) {
			p.next()
		}
		days, err := p.daySpec()
		if err != nil {
			return Rule{}, token{}, err
		}
		return Rule{Kind: Weekly, Interval: ordinal(t.low), Days: days}, t, nil
	case p.isOrdinalAt(0):
		r, err := p.monthly(every)
		return r, token{}, err
	case p.is(monthWords):
		r, err := p.monthlyWord()
		return r, token{}, err
	case p.is(weekWords) && !p.isAt(1, dayWords):
		// "every week on tuesday"
		wk := p.next()
		if p.is(onWords) {
			p.next()
		}
		if !p.isDayAt(0) {
			// "elke week 10:00-12:00": which day?
			e := p.unknown(expectDay, suggestDays)
			if e.Code != CodeUnknownWord || e.Suggestion == "" {
				e = p.missing(CodeMissingDay, every)
				e.Word = every.text + " " + wk.text
				e.fix = p.replace(every, wk, pick(p.nl, "elke dinsdag", "every tuesday"))
				e.example = true
			}
			return Rule{}, token{}, e
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
		switch {
		case p.wordAt(0, "dagen", "days") && n%7 == 0 && n > 7:
			// "om de 14 dagen", "every 14 days": every two weeks.
			p.next()
			n /= 7
		case !p.is(weekWords):
			return Rule{}, token{}, p.unknown(expectNothing, []string{"weeks", "weken"})
		default:
			p.next()
		}
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
