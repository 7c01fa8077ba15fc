// Package decode reads TOML written by volunteers (site.toml and the front
// matter of content files) into typed values, keeping the line of every key.
//
// It checks what a volunteer can get wrong: the syntax (explained in plain
// words, with the line as it should be written; syntax.go), the file's
// encoding (encoding.go), unknown keys and headings (with the closest known
// one as a hint), keys written below a [table] they do not belong to, an
// English key and its Dutch alias used together, values of the wrong kind and
// missing required keys. Every problem is a diag.Diagnostic with the line and
// column in the file itself, not in the TOML fragment: a problem about a value
// points at the value, one about a key at the key. All problems of a document
// are collected in one pass.
package decode

import (
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"krachtpunt/generator/internal/diag"
)

// Field names a key: its English name and, in content files, its Dutch alias.
type Field struct {
	Name  string
	Alias string // "" when the key has no alias
}

// F is shorthand for a Field.
func F(name, alias string) Field { return Field{Name: name, Alias: alias} }

// Doc is one parsed TOML document.
type Doc struct {
	file   string
	offset int // lines in the file before the document's first line
	lines  map[string]loc
	diags  *diag.List
}

// Parse parses src, the TOML of file whose first line is line offset+1 of the
// file. A syntax error is added to diags in plain words, at its line and
// column, with the line as it should be written where that can be worked
// out; the result is nil then.
func Parse(file string, src string, offset int, diags *diag.List) *Table {
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			pe = toml.ParseError{Message: err.Error()}
		}
		d := explain(src, offset, pe)
		d.File = file
		diags.Add(d)
		return nil
	}
	lines, _ := locate(src)
	d := &Doc{file: file, offset: offset, lines: lines, diags: diags}
	return &Table{doc: d, m: m}
}

// Table is one TOML table: the document itself, a [table] or one entry of an
// [[array of tables]].
type Table struct {
	doc     *Doc
	parent  *Table // nil for the document
	path    string // located path, e.g. "" or "cancel#1" or "season#0.hours"
	m       map[string]any
	known   []Field
	tables  []Field      // the known keys that are tables or arrays of tables
	missing []missingKey // reported by Done, unless a misspelt key explains them
	// moved holds the keys of this table that were written below a
	// [table] they do not belong to; reported there, not as missing here.
	moved map[string]bool
}

type missingKey struct {
	f       Field
	example string
}

// Pos returns the position of the value of key (as written) in the table,
// or of the table's header when key is "" or names a table. A key that is
// not there gives the position of the table.
func (t *Table) Pos(key string) diag.Pos {
	l := t.find(key)
	col := l.valCol
	if col == 0 {
		col = l.keyCol
	}
	return t.doc.at(l.line, col)
}

// KeyPos returns the position of key itself (as written) in the table.
func (t *Table) KeyPos(key string) diag.Pos {
	l := t.find(key)
	return t.doc.at(l.line, l.keyCol)
}

// TextPos returns the position of character col (from 1) of the text value
// of key, written between quotes on one line.
func (t *Table) TextPos(key string, col int) diag.Pos {
	p := t.Pos(key)
	if l := t.find(key); l.valCol > 0 && col > 0 {
		p.Col = l.valCol + col
	}
	return p
}

func (d *Doc) at(line, col int) diag.Pos {
	if line == 0 {
		return diag.Pos{File: d.file, Line: d.offset}
	}
	return diag.Pos{File: d.file, Line: line + d.offset, Col: col}
}

func (t *Table) find(key string) loc {
	p := t.path
	if key != "" {
		if p != "" {
			p += "."
		}
		p += key
	}
	for {
		if l, ok := t.doc.lines[p]; ok {
			return l
		}
		i := strings.LastIndexAny(p, ".#")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return loc{}
}

// File returns the file the table was read from.
func (t *Table) File() string { return t.doc.file }

// Diags returns the list problems are added to.
func (t *Table) Diags() *diag.List { return t.doc.diags }

// lookup finds the value of f, under its English name or its alias, and
// reports both being used.
func (t *Table) lookup(f Field) (key string, v any, ok bool) {
	t.known = append(t.known, f)
	v1, ok1 := t.m[f.Name]
	var v2 any
	ok2 := false
	if f.Alias != "" && f.Alias != f.Name {
		v2, ok2 = t.m[f.Alias]
	}
	switch {
	case ok1 && ok2:
		n, a := t.KeyPos(f.Name).Line, t.KeyPos(f.Alias).Line
		t.doc.diags.Errorf(t.KeyPos(f.Alias), "alias-twice",
			diag.T("%q (regel %d) en %q (regel %d) betekenen hetzelfde; gebruik er maar één", "%q (line %d) and %q (line %d) mean the same; use only one of them", f.Name, n, f.Alias, a),
			diag.T("Haal een van de twee regels weg.", "Remove one of the two lines."))
		return f.Name, v1, true
	case ok1:
		return f.Name, v1, true
	case ok2:
		return f.Alias, v2, true
	}
	return "", nil, false
}

// Has reports whether f is set.
func (t *Table) Has(f Field) bool {
	_, ok1 := t.m[f.Name]
	_, ok2 := t.m[f.Alias]
	return ok1 || (f.Alias != "" && ok2)
}

func (t *Table) wrongType(key string, want diag.Text, example string) {
	t.doc.diags.Errorf(t.Pos(key), "wrong-type",
		diag.T("%q moet %s zijn", "%q must be %s", key, want),
		diag.T("Bijvoorbeeld: %s", "For example: %s", example))
}

// Kinds of value, in the words a volunteer knows.
var (
	kindText   = diag.Text{NL: "tekst tussen aanhalingstekens", EN: "text between double quotes"}
	kindNumber = diag.Text{NL: "een getal", EN: "a number"}
	kindBool   = diag.Text{NL: "true of false", EN: "true or false"}
	kindDate   = diag.Text{NL: "een datum (jaar-maand-dag)", EN: "a date (year-month-day)"}
	kindList   = diag.Text{NL: "tekst of een lijst met tekst", EN: "text or a list of texts"}
	kindTable  = diag.Text{NL: "een tabel", EN: "a table"}
)

// Missing reports a required key that is not there. The report waits for
// Done: when a misspelt key there is taken for this one ("tittel" for
// "titel"), the hint on that key says it all.
func (t *Table) Missing(f Field, example string) {
	t.missing = append(t.missing, missingKey{f, example})
}

func (t *Table) reportMissing(f Field, example string) {
	t.doc.diags.Errorf(t.Pos(""), "missing-key",
		diag.T("%q ontbreekt; dit moet er altijd in staan", "%q is missing; it is required", diag.Text{NL: name(f, "nl"), EN: f.Name}),
		diag.T("Voeg een regel toe, bijvoorbeeld: %s", "Add a line, for example: %s", diag.Text{NL: exampleFor(f, "nl", example), EN: exampleFor(f, "en", example)}))
}

func name(f Field, lang string) string {
	if lang == "nl" && f.Alias != "" {
		return f.Alias
	}
	return f.Name
}

func exampleFor(f Field, lang, value string) string {
	return name(f, lang) + " = " + value
}

// String returns the text value of f, or "" when it is not set.
func (t *Table) String(f Field) string {
	key, v, ok := t.lookup(f)
	if !ok {
		return ""
	}
	s, isString := v.(string)
	if !isString {
		t.wrongType(key, kindText, key+` = "..."`)
		return ""
	}
	return s
}

// Bool returns the true/false value of f, false when it is not set.
func (t *Table) Bool(f Field) bool {
	key, v, ok := t.lookup(f)
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		if s, isString := v.(string); isString && (s == "true" || s == "false") {
			t.doc.diags.Errorf(t.Pos(key), "wrong-type",
				diag.T("%q moet true of false zijn, zonder aanhalingstekens", "%q must be true or false, without quotes", key),
				diag.T("Schrijf: %s = %s", "Write: %s = %s", key, s))
			return false
		}
		t.wrongType(key, kindBool, key+" = true")
	}
	return b
}

// Int returns the whole-number value of f, and whether it was set.
func (t *Table) Int(f Field) (int, bool) {
	key, v, ok := t.lookup(f)
	if !ok {
		return 0, false
	}
	switch n := v.(type) {
	case int64:
		return int(n), true
	case string:
		if i, err := strconv.Atoi(strings.TrimSpace(n)); err == nil {
			return i, true
		}
	}
	t.wrongType(key, kindNumber, key+" = 1")
	return 0, false
}

// Float returns the number value of f, and whether it was set.
func (t *Table) Float(f Field) (float64, bool) {
	key, v, ok := t.lookup(f)
	if !ok {
		return 0, false
	}
	switch n := v.(type) {
	case float64:
		return n, true
	case int64:
		return float64(n), true
	}
	t.wrongType(key, kindNumber, key+" = 52.09")
	return 0, false
}

// Date returns the date value of f as midnight UTC of that day, and whether
// it was set and valid. A date between quotes ("2026-12-08") is accepted too.
func (t *Table) Date(f Field) (time.Time, bool) {
	key, v, ok := t.lookup(f)
	if !ok {
		return time.Time{}, false
	}
	switch d := v.(type) {
	case time.Time:
		if d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 {
			t.doc.diags.Errorf(t.Pos(key), "date-with-time",
				diag.T("%q moet alleen een datum zijn, zonder tijd", "%q must be a date only, without a time", key),
				diag.T("Schrijf bijvoorbeeld: %s = 2026-12-08", "Write for example: %s = 2026-12-08", key))
			return time.Time{}, false
		}
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), true
	case string:
		if p, err := time.Parse(time.DateOnly, strings.TrimSpace(d)); err == nil {
			return p, true
		}
		for _, layout := range []string{"02-01-2006", "2-1-2006", "02/01/2006", "2/1/2006"} {
			if p, err := time.Parse(layout, strings.TrimSpace(d)); err == nil {
				t.doc.diags.Errorf(t.Pos(key), "bad-date",
					diag.T("%q is dag-maand-jaar; Krachtpunt leest datums als jaar-maand-dag", "%q is day-month-year; Krachtpunt reads dates as year-month-day", d),
					diag.T("Bedoel je %s = %s?", "Did you mean %s = %s?", key, p.Format(time.DateOnly)))
				return time.Time{}, false
			}
		}
		t.doc.diags.Errorf(t.Pos(key), "bad-date",
			diag.T("%q is geen bestaande datum", "%q is not a valid date", d),
			diag.T("Schrijf een datum als jaar-maand-dag, bijvoorbeeld: %s = 2026-12-08", "Write a date as year-month-day, for example: %s = 2026-12-08", key))
		return time.Time{}, false
	}
	t.wrongType(key, kindDate, key+" = 2026-12-08")
	return time.Time{}, false
}

// Strings returns the value of f as a list: one text, or a list of texts.
// The second result gives the line of each entry's key (TOML lists keep no
// per-entry line).
func (t *Table) Strings(f Field) []string {
	key, v, ok := t.lookup(f)
	if !ok {
		return nil
	}
	switch l := v.(type) {
	case string:
		return []string{l}
	case []any:
		out := make([]string, 0, len(l))
		for _, e := range l {
			s, isString := e.(string)
			if !isString {
				t.wrongType(key, kindList, key+` = ["...", "..."]`)
				return nil
			}
			out = append(out, s)
		}
		return out
	}
	t.wrongType(key, kindList, key+` = ["...", "..."]`)
	return nil
}

// Table returns the sub-table f, or nil when it is not set.
func (t *Table) Table(f Field) *Table {
	t.tables = append(t.tables, f)
	key, v, ok := t.lookup(f)
	if !ok {
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		t.wrongType(key, kindTable, "["+key+"]")
		return nil
	}
	return &Table{doc: t.doc, parent: t, path: t.join(key), m: m}
}

// Tables returns the entries of the array of tables f ([[f]]).
func (t *Table) Tables(f Field) []*Table {
	t.tables = append(t.tables, f)
	key, v, ok := t.lookup(f)
	if !ok {
		return nil
	}
	var list []map[string]any
	switch l := v.(type) {
	case []map[string]any:
		list = l
	case []any:
		for _, e := range l {
			m, isMap := e.(map[string]any)
			if !isMap {
				t.wrongType(key, kindTable, "[["+key+"]]")
				return nil
			}
			list = append(list, m)
		}
	case map[string]any:
		list = []map[string]any{l}
	default:
		t.wrongType(key, kindTable, "[["+key+"]]")
		return nil
	}
	out := make([]*Table, len(list))
	for i, m := range list {
		out[i] = &Table{doc: t.doc, parent: t, path: t.join(key) + "#" + strconv.Itoa(i), m: m}
	}
	return out
}

func (t *Table) join(key string) string {
	if t.path == "" {
		return key
	}
	return t.path + "." + key
}

// Keys returns the keys written in the table, sorted, for tables whose keys
// are data (such as day names).
func (t *Table) Keys() []string {
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Raw returns the value of key as written, for tables whose keys are data.
func (t *Table) Raw(key string) any { return t.m[key] }

// Done reports every key of the table that none of the getters asked for,
// with the closest known key as a hint. Call it after reading all fields.
// lang chooses which spelling of a known key the hint prefers first.
func (t *Table) Done() {
	names := fieldNames(t.known)
	suggested := map[string]bool{}
	for _, k := range t.Keys() {
		if slices.Contains(names, k) {
			continue
		}
		if c := t.UnknownKey(k, names); c != "" {
			suggested[c] = true
		}
	}
	for _, m := range t.missing {
		if suggested[m.f.Name] || t.moved[m.f.Name] || (m.f.Alias != "" && (suggested[m.f.Alias] || t.moved[m.f.Alias])) {
			continue
		}
		t.reportMissing(m.f, m.example)
	}
	t.missing = nil
}

func fieldNames(fields []Field) []string {
	var names []string
	for _, f := range fields {
		if !slices.Contains(names, f.Name) {
			names = append(names, f.Name)
		}
		if f.Alias != "" && !slices.Contains(names, f.Alias) {
			names = append(names, f.Alias)
		}
	}
	return names
}

// UnknownKey reports key as not known, suggesting the closest of names,
// which it returns ("" when none is close). A key that belongs to a table
// further up, written below a [table] header, is reported as such; an
// unknown [table] is compared with the known tables.
func (t *Table) UnknownKey(key string, names []string) string {
	if t.movedKey(key) {
		return ""
	}
	if h := t.doc.lines[t.join(key)].header; h != "" {
		open, closeBr := h[:len(h)/2], h[len(h)/2:]
		tables := fieldNames(t.tables)
		c := diag.Closest(key, tables)
		hint := diag.T("Zo'n kopje kan hier niet.", "Such a heading cannot be used here.")
		switch {
		case c != "":
			hint = diag.T("Bedoel je %s?", "Did you mean %s?", open+t.header(c)+closeBr)
		case len(tables) > 0:
			var list []string
			for _, n := range tables {
				list = append(list, open+t.header(n)+closeBr)
			}
			hint = diag.T("Deze kopjes kun je hier gebruiken: %s.", "These headings can be used here: %s.", strings.Join(list, ", "))
		}
		t.doc.diags.Errorf(t.KeyPos(key), "unknown-table",
			diag.T("het kopje %s kent Krachtpunt niet", "Krachtpunt does not know the heading %s", open+t.header(key)+closeBr), hint)
		return c
	}
	hint := diag.T("Deze sleutels kun je hier gebruiken: %s.", "These keys can be used here: %s.", strings.Join(names, ", "))
	c := diag.Closest(key, names)
	if c != "" {
		hint = diag.T("Bedoel je %q?", "Did you mean %q?", c)
	}
	t.doc.diags.Errorf(t.KeyPos(key), "unknown-key",
		diag.T("onbekende sleutel %q", "unknown key %q", key), hint)
	return c
}

// header returns the dotted name of the table key under t, as written in a
// header: "season.hours" for hours in the first [[season]].
func (t *Table) header(key string) string { return headerOf(t.join(key)) }

// movedKey reports key when a table further up knows it: the volunteer wrote
// it below the header of t, which makes it part of t.
func (t *Table) movedKey(key string) bool {
	here := t.doc.lines[t.path]
	if here.header == "" {
		return false
	}
	for up := t.parent; up != nil; up = up.parent {
		if !slices.Contains(fieldNames(up.known), key) {
			continue
		}
		if up.moved == nil {
			up.moved = map[string]bool{}
		}
		up.moved[key] = true
		open, closeBr := here.header[:len(here.header)/2], here.header[len(here.header)/2:]
		h := open + headerOf(t.path) + closeBr
		first, firstText := t.doc.firstHeader()
		what := diag.T("die tabel", "that table")
		if open == "[[" {
			what = diag.T("dat onderdeel", "that entry")
		}
		t.doc.diags.Errorf(t.KeyPos(key), "key-below-table",
			diag.T("%q staat onder %s en hoort daardoor bij %s, niet bij de rest van het bestand", "%q is below %s, which makes it part of %s, not of the rest of the file", key, h, what),
			diag.T("Alles onder een kopje als %s hoort bij dat kopje. Zet deze regel hoger: boven regel %d, waar %s staat.", "Everything below a heading such as %s belongs to that heading. Move this line up: above line %d, which has %s.", h, first.Line, firstText))
		return true
	}
	return false
}

// headerOf returns a located path as a header writes it: "season#0.hours"
// is "season.hours".
func headerOf(path string) string {
	var parts []string
	for _, el := range strings.Split(path, ".") {
		el, _, _ = strings.Cut(el, "#")
		parts = append(parts, el)
	}
	return strings.Join(parts, ".")
}

// firstHeader returns the position of the document's first [table] header,
// and the header as it reads.
func (d *Doc) firstHeader() (diag.Pos, string) {
	first, text := loc{}, ""
	for p, l := range d.lines {
		if l.header != "" && (first.line == 0 || l.line < first.line) {
			open, closeBr := l.header[:len(l.header)/2], l.header[len(l.header)/2:]
			first, text = l, open+headerOf(p)+closeBr
		}
	}
	return d.at(first.line, first.keyCol), text
}

// Errorf adds an error at the key (as written) of f in this table.
func (t *Table) Errorf(f Field, code string, msg, hint diag.Text) {
	key := f.Name
	if _, ok := t.m[key]; !ok && f.Alias != "" {
		key = f.Alias
	}
	t.doc.diags.Errorf(t.Pos(key), code, msg, hint)
}

// KeyName returns the spelling of f used in this table (its name or alias).
func (t *Table) KeyName(f Field) string {
	if _, ok := t.m[f.Name]; !ok && f.Alias != "" {
		if _, ok := t.m[f.Alias]; ok {
			return f.Alias
		}
	}
	return f.Name
}
