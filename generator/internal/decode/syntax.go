package decode

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"krachtpunt/generator/internal/diag"
)

// explain turns a syntax error of BurntSushi/toml into a problem a volunteer
// understands. The parser's own message says what its lexer expected; here
// the line itself is read again to find the slip a person makes (curly
// quotes from a word processor, True, a day-month-year date, text without
// quotes, a missing = or quote, a key given twice) and to write the line as
// it should be. A repaired line is only offered when it parses. The parser's
// message is kept in Detail, for programmers.
func explain(src string, offset int, pe toml.ParseError) *diag.Diagnostic {
	lines := strings.Split(src, "\n")
	ln := pe.Position.Line
	if s := pe.Position.Start; s > 0 && s <= len(src) {
		ln = strings.Count(src[:s], "\n") + 1
	}
	ln = min(max(ln, 1), len(lines))
	d := &diag.Diagnostic{Severity: diag.Error, Code: "toml-syntax", Detail: pe.Error()}
	if open, kind := unclosed(lines); open > 0 && open <= ln {
		text := strings.TrimRight(lines[open-1], "\r")
		d.Line, d.Col = open+offset, column(text, strings.IndexAny(text, `["'`))
		d.Code = "unclosed-" + kind
		if kind == "list" {
			key := strings.TrimSpace(text[:max(equalsOutsideQuotes(text), 0)])
			d.Msg = diag.T("de lijst die hier begint, wordt niet afgesloten met ]", "the list that starts here is not closed with ]")
			d.Hint = diag.T(`Zet een ] achter het laatste stuk tekst van de lijst, zoals: %s = ["...", "..."]`, `Put a ] after the last piece of text of the list, as in: %s = ["...", "..."]`, key)
		} else {
			d.Msg = diag.T(`de tekst die hier met %s begint, wordt niet afgesloten`, `the text that starts here with %s is never closed`, kind)
			d.Hint = diag.T(`Zet aan het eind van de tekst ook %s.`, `Put %s at the end of the text too.`, kind)
		}
		return d
	}
	text := strings.TrimRight(lines[ln-1], "\r")
	d.Line = ln + offset
	col := pe.Position.Col
	if start := pe.Position.Start; start >= 0 && start <= len(src) {
		lineStart := strings.LastIndex(src[:start], "\n") + 1
		col = column(text, min(start-lineStart, len(text)))
	}
	d.Col = max(col, 1)
	if s, ok := slip(text, lines[:ln-1], offset); ok {
		d.Col, d.Code, d.Msg, d.Hint = s.col, s.code, s.msg, s.hint
		return d
	}
	d.Msg = diag.T("deze regel kan Krachtpunt niet lezen", "this line cannot be read")
	d.Hint = diag.T(`Schrijf elke regel als sleutel = waarde, met tekst tussen rechte aanhalingstekens: titel = "Koffieochtend". Een datum schrijf je zonder aanhalingstekens: datum = 2026-12-08.`,
		`Write each line as key = value, with text between straight double quotes: title = "Coffee morning". Write a date without quotes: date = 2026-12-08.`)
	return d
}

// found is a recognised slip on one line.
type found struct {
	col       int
	code      string
	msg, hint diag.Text
}

func writeAs(fixed string) diag.Text {
	fixed = strings.TrimSpace(fixed)
	return diag.T("Schrijf de regel zo: %s", "Write the line like this: %s", fixed)
}

var (
	dayMonthYear = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)
	yearMonthDay = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	decimalComma = regexp.MustCompile(`^-?\d+,\d+$`)
	bareKey      = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	curly        = "“”„‟«»″"
)

var booleans = map[string]string{
	"true": "true", "waar": "true", "ja": "true", "yes": "true", "aan": "true", "wel": "true",
	"false": "false", "onwaar": "false", "nee": "false", "no": "false", "uit": "false", "niet": "false",
}

// slip recognises what went wrong on line, given the lines above it.
func slip(line string, above []string, offset int) (found, bool) {
	eq := equalsOutsideQuotes(line)
	if strings.HasPrefix(strings.TrimSpace(line), "[") && (eq < 0 || strings.Index(line, "[") < eq) {
		return headerSlip(line, above, offset)
	}
	if eq < 0 {
		return noEquals(line)
	}
	key := strings.TrimSpace(line[:eq])
	keyStart := strings.Index(line, key)
	vStart := eq + 1 + len(line[eq+1:]) - len(strings.TrimLeft(line[eq+1:], " \t"))
	value := strings.TrimRight(stripComment(line[vStart:]), " \t")
	rest := line[vStart+len(value):]
	fix := func(v string) string { return line[:vStart] + v + rest }
	vcol := column(line, vStart)

	if parses(line) {
		return duplicate(line, key, keyStart, above, offset)
	}
	switch {
	case key == "":
		return found{}, false
	case !validKey(key):
		good := fixKey(key)
		fixed := line[:keyStart] + good + line[keyStart+len(key):]
		bad := strings.IndexFunc(key, func(r rune) bool {
			return !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.\"' ", r)
		})
		if bad < 0 {
			bad = strings.Index(key, " ")
		}
		f := found{col: column(line, keyStart+max(bad, 0)), code: "bad-key",
			msg: diag.T("in de naam voor de = mogen alleen letters zonder accent, cijfers, _ en - staan; geen spaties", "the name before the = may only hold letters without accents, digits, _ and -; no spaces")}
		if parses(fixed) {
			f.hint = writeAs(fixed)
		} else {
			f.hint = diag.T("Schrijf bijvoorbeeld: %s", "Write for example: %s", good+` = "..."`)
		}
		return f, true
	case value == "":
		return found{col: column(line, eq), code: "empty-value",
			msg:  diag.T("achter de = staat niets", "there is nothing after the ="),
			hint: diag.T(`Schrijf er iets achter, bijvoorbeeld: %s = "...", of haal de regel weg.`, `Write something after it, for example: %s = "...", or remove the line.`, key)}, true
	case strings.ContainsAny(value, curly+"‘’"):
		v := value
		for _, q := range curly {
			v = strings.ReplaceAll(v, string(q), `"`)
		}
		if strings.HasPrefix(v, "‘") {
			v = `"` + strings.TrimPrefix(v, "‘")
		}
		if strings.HasSuffix(v, "’") {
			v = strings.TrimSuffix(v, "’") + `"`
		}
		if !parses(fix(v)) {
			break
		}
		i := strings.IndexAny(value, curly+"‘’")
		q, _ := utf8.DecodeRuneInString(value[i:])
		return found{col: column(line, vStart+i), code: "curly-quotes",
			msg:  diag.T(`hier staat een krom aanhalingsteken (%c) uit een tekstverwerker; Krachtpunt begrijpt alleen rechte aanhalingstekens (")`, `this is a curly quote (%c) from a word processor; Krachtpunt only understands straight quotes (")`, q),
			hint: writeAs(fix(v))}, true
	}
	if b, ok := booleans[strings.ToLower(value)]; ok {
		return found{col: vcol, code: "bad-bool",
			msg:  diag.T("%s begrijpt Krachtpunt hier niet: schrijf true voor ja of false voor nee, met kleine letters en zonder aanhalingstekens", "%s is not understood here: write true for yes or false for no, in lower case and without quotes", value),
			hint: writeAs(fix(b))}, true
	}
	if m := dayMonthYear.FindStringSubmatch(value); m != nil {
		return dateSlip(fix, vcol, key, m[3], m[2], m[1], true)
	}
	if m := yearMonthDay.FindStringSubmatch(value); m != nil {
		return dateSlip(fix, vcol, key, m[1], m[2], m[3], false)
	}
	if decimalComma.MatchString(value) && parses(fix(strings.Replace(value, ",", ".", 1))) {
		return found{col: vcol, code: "decimal-comma",
			msg:  diag.T("een getal schrijf je hier met een punt, niet met een komma", "write a number here with a point, not a comma"),
			hint: writeAs(fix(strings.Replace(value, ",", ".", 1)))}, true
	}
	if q := value[0]; q == '"' || q == '\'' {
		return quotedSlip(line, fix, vStart, value)
	}
	if strings.HasPrefix(value, "[") && strings.HasSuffix(value, "]") {
		var items []string
		for _, it := range strings.Split(value[1:len(value)-1], ",") {
			if it = strings.TrimSpace(it); it != "" && !strings.HasPrefix(it, `"`) {
				it = `"` + strings.ReplaceAll(it, `"`, `\"`) + `"`
			}
			items = append(items, it)
		}
		if v := "[" + strings.Join(items, ", ") + "]"; parses(fix(v)) {
			return found{col: vcol, code: "list-without-quotes",
				msg:  diag.T(`tekst in een lijst moet ook tussen rechte aanhalingstekens (") staan`, `text in a list must be between straight double quotes (") too`),
				hint: writeAs(fix(v))}, true
		}
	}
	if value[0] != '[' && value[0] != '{' {
		v := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(value) + `"`
		if parses(fix(v)) {
			return found{col: vcol, code: "text-without-quotes",
				msg:  diag.T(`tekst moet tussen rechte aanhalingstekens (") staan`, `text must be between straight double quotes (")`),
				hint: writeAs(fix(v))}, true
		}
	}
	return found{}, false
}

// quotedSlip explains a value that starts with a quote.
func quotedSlip(line string, fix func(string) string, vStart int, value string) (found, bool) {
	q := value[0]
	end := closing(value)
	vcol := column(line, vStart)
	switch {
	case end < 0:
		if v := value + string(q); parses(fix(v)) {
			return found{col: vcol, code: "missing-quote",
				msg:  diag.T("het aanhalingsteken aan het eind van de tekst ontbreekt", "the quote at the end of the text is missing"),
				hint: writeAs(fix(v))}, true
		}
		if q == '"' && strings.Contains(value, `\`) {
			v := strings.ReplaceAll(value, `\`, `/`)
			if parses(fix(v)) {
				return found{col: column(line, vStart+strings.Index(value, `\`)), code: "backslash",
					msg:  diag.T(`een \ heeft in tekst een speciale betekenis`, `a \ has a special meaning in text`),
					hint: diag.T(`Schrijf / in plaats van \: %s`, `Write / instead of \: %s`, strings.TrimSpace(fix(v)))}, true
			}
		}
	case q == '"' && strings.Contains(value[:end], `\`):
		v := strings.ReplaceAll(value, `\`, `/`)
		if parses(fix(v)) {
			return found{col: column(line, vStart+strings.Index(value, `\`)), code: "backslash",
				msg:  diag.T(`een \ heeft in tekst een speciale betekenis`, `a \ has a special meaning in text`),
				hint: diag.T(`Schrijf / in plaats van \: %s`, `Write / instead of \: %s`, strings.TrimSpace(fix(v)))}, true
		}
	}
	if end < 0 {
		return found{}, false
	}
	after := strings.TrimSpace(value[end+1:])
	if q == '\'' {
		inner := value[1:]
		if v := `"` + strings.ReplaceAll(inner[:len(inner)-1], `"`, `\"`) + `"`; strings.HasSuffix(value, "'") && parses(fix(v)) {
			return found{col: vcol, code: "apostrophe",
				msg:  diag.T(`deze tekst staat tussen enkele aanhalingstekens (') en bevat er zelf ook een`, `this text is between single quotes (') and holds one itself`),
				hint: writeAs(fix(v))}, true
		}
	}
	if strings.HasPrefix(after, ",") {
		if v := "[" + value + "]"; parses(fix(v)) {
			return found{col: column(line, vStart+end+1+strings.Index(value[end+1:], ",")), code: "list-without-brackets",
				msg:  diag.T("meer dan één waarde hoort in een lijst tussen [ en ]", "more than one value goes in a list between [ and ]"),
				hint: writeAs(fix(v))}, true
		}
	}
	if after != "" {
		f := found{col: column(line, vStart+end+1+strings.Index(value[end+1:], after)), code: "after-value",
			msg:  diag.T("na het aanhalingsteken dat de tekst afsluit, staat nog %s", "after the quote that ends the text there is still %s", after),
			hint: diag.T("Zet alle tekst tussen de aanhalingstekens, of zet # voor een opmerking.", "Put all of the text between the quotes, or put # before a comment.")}
		inner := value[1:end] + " " + strings.Trim(after, `"' `)
		if v := `"` + strings.ReplaceAll(inner, `"`, "") + `"`; parses(fix(v)) {
			f.hint = diag.T("Zet alle tekst tussen de aanhalingstekens: %s", "Put all of the text between the quotes: %s", strings.TrimSpace(fix(v)))
		}
		return f, true
	}
	return found{}, false
}

// closing returns the index of the quote that ends the text value starts
// with, or -1.
func closing(value string) int {
	q := value[0]
	for i := 1; i < len(value); i++ {
		switch {
		case q == '"' && value[i] == '\\':
			i++
		case value[i] == q:
			return i
		}
	}
	return -1
}

func dateSlip(fix func(string) string, vcol int, key, y, m, d string, dayFirst bool) (found, bool) {
	iso := fmt.Sprintf("%s-%02s-%02s", y, m, d)
	if _, err := time.Parse(time.DateOnly, iso); err != nil {
		return found{col: vcol, code: "bad-date",
			msg:  diag.T("deze datum bestaat niet", "this date does not exist"),
			hint: diag.T("Kijk de datum na op een kalender en schrijf hem als jaar-maand-dag, bijvoorbeeld: %s = 2026-12-08", "Check the date on a calendar and write it as year-month-day, for example: %s = 2026-12-08", key)}, true
	}
	if dayFirst {
		return found{col: vcol, code: "day-month-year",
			msg:  diag.T("deze datum is dag-maand-jaar; Krachtpunt leest datums als jaar-maand-dag", "this date is day-month-year; Krachtpunt reads dates as year-month-day"),
			hint: writeAs(fix(iso))}, true
	}
	return found{col: vcol, code: "bad-date",
		msg:  diag.T("schrijf een datum als jaar-maand-dag met twee cijfers voor de maand en de dag", "write a date as year-month-day, with two digits for the month and the day"),
		hint: writeAs(fix(iso))}, true
}

// noEquals explains a line without "=" that is not a header.
func noEquals(line string) (found, bool) {
	s := strings.TrimSpace(stripComment(line))
	start := strings.Index(line, s)
	if i := strings.Index(s, ":"); i > 0 && bareKey.MatchString(strings.TrimSpace(s[:i])) {
		key, v := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		fixed := key + " = " + v
		if !parses(fixed) {
			fixed = key + ` = "` + strings.ReplaceAll(v, `"`, `\"`) + `"`
		}
		if parses(fixed) {
			return found{col: column(line, start+i), code: "colon",
				msg:  diag.T("tussen de naam en de waarde hoort een = en geen :", "an = belongs between the name and the value, not a :"),
				hint: writeAs(line[:start] + fixed)}, true
		}
	}
	if key, v, ok := strings.Cut(s, " "); ok && bareKey.MatchString(key) {
		// Only a value that is one as it stands: "titel "Koffie"", not a sentence.
		fixed := key + " = " + strings.TrimSpace(v)
		if parses(fixed) {
			return found{col: column(line, start+len(key)), code: "missing-equals",
				msg:  diag.T("tussen de naam en de waarde hoort een =", "an = belongs between the name and the value"),
				hint: writeAs(line[:start] + fixed)}, true
		}
	}
	return found{col: column(line, start), code: "not-a-setting",
		msg: diag.T("deze regel is geen gegeven van de vorm naam = waarde", "this line is not a setting of the form name = value"),
		hint: diag.T(`Schrijf elke regel als naam = waarde, zoals titel = "Koffieochtend". Gewone tekst hoort onder de tweede regel +++.`,
			`Write each line as name = value, such as title = "Coffee morning". Plain text goes below the second line of +++.`)}, true
}

// headerSlip explains a [table] or [[table]] header line.
func headerSlip(line string, above []string, offset int) (found, bool) {
	s := strings.TrimSpace(stripComment(line))
	start := strings.Index(line, s)
	open := "["
	if strings.HasPrefix(s, "[[") {
		open = "[["
	}
	closeBr := strings.Repeat("]", len(open))
	name := strings.TrimSpace(strings.Trim(s, "[] "))
	if parses(line) {
		return duplicate(line, name, start, above, offset)
	}
	fixed := line[:start] + open + name + closeBr
	if name != "" && bareKey.MatchString(strings.ReplaceAll(name, ".", "")) && parses(fixed) {
		return found{col: column(line, start), code: "bad-header",
			msg:  diag.T("het kopje %s moet beginnen met %s en eindigen met %s", "the heading %s must start with %s and end with %s", s, open, closeBr),
			hint: writeAs(fixed)}, true
	}
	return found{col: column(line, start), code: "bad-header",
		msg:  diag.T("het kopje %s kan Krachtpunt niet lezen", "the heading %s cannot be read", s),
		hint: diag.T("Schrijf een kopje als [[vervalt]] of [[wijziging]]: een naam zonder spaties tussen haken.", "Write a heading such as [[cancel]] or [[change]]: a name without spaces between brackets.")}, true
}

// duplicate explains a line that is fine on its own: it gives a key or a
// table that the lines above gave already.
func duplicate(line, key string, keyStart int, above []string, offset int) (found, bool) {
	idx, table := locate(strings.Join(above, "\n"))
	s := strings.TrimSpace(stripComment(line))
	header := strings.HasPrefix(s, "[")
	path := keyPath(key)
	if header {
		if strings.HasPrefix(s, "[[") {
			return found{}, false
		}
		arrays := map[string]int{}
		for p := range idx {
			if name, n, ok := strings.Cut(p, "#"); ok && !strings.Contains(n, ".") {
				arrays[name] = max(arrays[name], atoi(n)+1)
			}
		}
		path = resolve(arrays, path)
	} else if table != "" {
		path = table + "." + path
	}
	first, ok := idx[path]
	if !ok {
		return found{}, false
	}
	col := column(line, keyStart)
	if header && first.header == "[[]]" {
		h := "[[" + headerOf(path) + "]]"
		return found{col: col, code: "single-brackets",
			msg:  diag.T("op regel %d staat %s met dubbele haken; hier staat %s met enkele", "line %d has %s with double brackets; this line has %s with single ones", first.line+offset, h, s),
			hint: writeAs(line[:keyStart] + h)}, true
	}
	if header {
		return found{col: col, code: "key-twice",
			msg:  diag.T("het kopje %s staat er twee keer: op regel %d en op regel %d", "the heading %s is given twice: on line %d and on line %d", s, first.line+offset, len(above)+1+offset),
			hint: diag.T("Zet alles onder één kopje %s en haal het tweede weg.", "Put everything under one heading %s and remove the second.", s)}, true
	}
	f := found{col: col, code: "key-twice",
		msg:  diag.T("%q staat er twee keer: op regel %d en op regel %d", "%q is given twice: on line %d and on line %d", key, first.line+offset, len(above)+1+offset),
		hint: diag.T("Haal een van de twee regels weg.", "Remove one of the two lines.")}
	if i := strings.LastIndex(table, "#"); i >= 0 {
		h := "[[" + headerOf(table) + "]]"
		f.hint = diag.T("Hoort de tweede bij een ander onderdeel? Zet er dan een eigen %s boven. Anders: haal een van de twee regels weg.",
			"Does the second belong to another entry? Then put a %s of its own above it. Else remove one of the two lines.", h)
	}
	return f, true
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// unclosed finds a multi-line list or text that is never closed, and
// returns its first line and what should close it ("list", `"""`, "”'").
func unclosed(lines []string) (int, string) {
	start, kind := 0, ""
	depth := 0
	var closer string
	for n, line := range lines {
		if closer != "" {
			if i := strings.Index(line, closer); i >= 0 {
				closer = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDelta(line)
			continue
		}
		s := strings.TrimSpace(stripComment(line))
		eq := equalsOutsideQuotes(s)
		if eq < 0 || strings.HasPrefix(s, "[") {
			continue
		}
		val := strings.TrimSpace(s[eq+1:])
		switch {
		case strings.HasPrefix(val, `"""`) && !strings.Contains(val[3:], `"""`):
			start, kind, closer = n+1, `"""`, `"""`
		case strings.HasPrefix(val, "'''") && !strings.Contains(val[3:], "'''"):
			start, kind, closer = n+1, "'''", "'''"
		case strings.HasPrefix(val, "["):
			if depth = bracketDelta(val); depth > 0 {
				if n+1 == len(lines) || !nextLinesContinue(lines[n+1:]) {
					return n + 1, "list"
				}
				start, kind = n+1, "list"
			}
		}
	}
	if closer != "" || depth > 0 {
		return start, kind
	}
	return 0, ""
}

// nextLinesContinue reports whether the lines after an open list look like
// more of the list rather than new settings.
func nextLinesContinue(lines []string) bool {
	for _, l := range lines {
		s := strings.TrimSpace(stripComment(l))
		if s == "" {
			continue
		}
		return equalsOutsideQuotes(s) < 0 && !strings.HasPrefix(s, "[[")
	}
	return false
}

func validKey(key string) bool {
	for _, part := range strings.Split(key, ".") {
		part = strings.TrimSpace(part)
		if len(part) >= 2 && (part[0] == '"' || part[0] == '\'') && part[len(part)-1] == part[0] {
			continue
		}
		if !bareKey.MatchString(part) {
			return false
		}
	}
	return true
}

var accents = strings.NewReplacer("á", "a", "à", "a", "ä", "a", "â", "a", "é", "e", "è", "e", "ë", "e", "ê", "e",
	"í", "i", "ì", "i", "ï", "i", "î", "i", "ó", "o", "ò", "o", "ö", "o", "ô", "o", "ú", "u", "ù", "u", "ü", "u", "û", "u", "ç", "c", "ñ", "n")

func fixKey(key string) string {
	k := accents.Replace(strings.ToLower(strings.TrimSpace(key)))
	k = strings.Join(strings.Fields(k), "_")
	return k
}

// IsSetting reports whether line reads as a TOML setting, key = value: it
// parses on its own, or its value starts with a quote (straight or curly).
func IsSetting(line string) bool {
	if parses(line) {
		return strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "#")
	}
	eq := equalsOutsideQuotes(line)
	if eq <= 0 || !bareKey.MatchString(strings.TrimSpace(line[:eq])) {
		return false
	}
	v := strings.TrimSpace(line[eq+1:])
	for _, q := range []string{`"`, "'", "“", "”", "„", "‘"} {
		if strings.HasPrefix(v, q) {
			return true
		}
	}
	return false
}

// parses reports whether one line is valid TOML on its own.
func parses(line string) bool {
	var m map[string]any
	_, err := toml.Decode(line, &m)
	return err == nil
}

// column returns the column, in characters from 1, of byte i of line.
func column(line string, i int) int {
	i = min(max(i, 0), len(line))
	return utf8.RuneCountInString(line[:i]) + 1
}
