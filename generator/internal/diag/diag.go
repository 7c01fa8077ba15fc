// Package diag holds the problems a build finds in what volunteers wrote:
// positioned, in plain words, in Dutch and English, with what to do about them.
//
// It imports nothing of this module, so every stage of the pipeline can use it.
// A List is ready to use at its zero value, sorts by file, line and column, drops
// repeats and is an error when it holds at least one problem of severity Error.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a problem stops the build.
type Severity int

const (
	// Error stops the build: nothing is written.
	Error Severity = iota
	// Warning is reported; the build goes on.
	Warning
)

// Pos is a place in a file under the site folder. Line and Col count from 1;
// zero means unknown.
type Pos struct {
	File string // slash-separated, relative to the site folder, e.g. "content/activities/koffie.md"
	Line int
	Col  int
}

// String formats the position as file:line:col, leaving out what is unknown.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Text is one sentence in both languages a site can have.
type Text struct {
	NL, EN string
}

// In returns the text in lang ("nl" or "en"); any other language gets English.
func (t Text) In(lang string) string {
	if lang == "nl" && t.NL != "" {
		return t.NL
	}
	return t.EN
}

// T builds a Text from a Dutch and an English format string and their
// arguments. An argument that is itself a Text is put in in the same language.
func T(nl, en string, args ...any) Text {
	return Text{NL: fmt.Sprintf(nl, in(args, "nl")...), EN: fmt.Sprintf(en, in(args, "en")...)}
}

func in(args []any, lang string) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(Text); ok {
			a = t.In(lang)
		}
		out[i] = a
	}
	return out
}

// Diagnostic is one problem in one place.
type Diagnostic struct {
	Pos
	Severity Severity
	Code     string // stable identifier, e.g. "unknown-key"; tests and tools match on it
	Msg      Text   // what is wrong
	Hint     Text   // what to do; may be empty
	// Detail is what a library said, for programmers; never shown to
	// volunteers.
	Detail string
}

// Format writes the diagnostic for a volunteer in lang:
//
//	content/activities/koffie.md:4: onbekende sleutel "tittel"
//	    bedoel je "titel"?
func (d *Diagnostic) Format(lang string) string {
	var b strings.Builder
	if s := d.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString(Text{NL: "waarschuwing: ", EN: "warning: "}.In(lang))
	}
	b.WriteString(d.Msg.In(lang))
	if h := d.Hint.In(lang); h != "" {
		b.WriteString("\n    ")
		b.WriteString(h)
	}
	return b.String()
}

// Error formats the diagnostic in English.
func (d *Diagnostic) Error() string { return d.Format("en") }

// List collects the problems of one run. Its zero value is ready to use.
type List []*Diagnostic

// Add appends a problem.
func (l *List) Add(d *Diagnostic) { *l = append(*l, d) }

// Errorf appends an Error at pos.
func (l *List) Errorf(pos Pos, code string, msg, hint Text) {
	l.Add(&Diagnostic{Pos: pos, Severity: Error, Code: code, Msg: msg, Hint: hint})
}

// Warnf appends a Warning at pos.
func (l *List) Warnf(pos Pos, code string, msg, hint Text) {
	l.Add(&Diagnostic{Pos: pos, Severity: Warning, Code: code, Msg: msg, Hint: hint})
}

// Append adds every problem of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the problems by file, line, column and message, and removes
// exact repeats, so output is the same on every run.
func (l *List) Sort() {
	slices.SortStableFunc(*l, func(a, b *Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Msg.EN, b.Msg.EN),
		)
	})
	*l = slices.CompactFunc(*l, func(a, b *Diagnostic) bool {
		return a.Pos == b.Pos && a.Severity == b.Severity && a.Msg == b.Msg
	})
}

// HasErrors reports whether any problem is an Error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d *Diagnostic) bool { return d.Severity == Error })
}

// Errors returns only the problems that stop the build.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Err returns the list as an error when it holds an Error, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

// Error formats the first problem and counts the rest, in English.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no problems"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more problems)", l[0].Error(), len(l)-1)
}

// Format writes every problem in lang, one block per problem, followed by a
// one-line count.
func (l List) Format(lang string) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Format(lang))
		b.WriteByte('\n')
	}
	if n := len(l.Errors()); n > 0 {
		if n == 1 {
			b.WriteString(Text{NL: "1 probleem gevonden; er is niets gepubliceerd.", EN: "1 problem found; nothing was published."}.In(lang))
		} else {
			b.WriteString(T("%d problemen gevonden; er is niets gepubliceerd.", "%d problems found; nothing was published.", n).In(lang))
		}
		b.WriteByte('\n')
	}
	return b.String()
}
