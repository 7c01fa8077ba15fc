package render

import (
	"html/template"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// A layout calls {{partial "_header.html" .}} where it would call
// {{template "_header.html" .}}: the same HTML, made once for each
// distinct value of what the partial reads and taken over on every page
// after that, as the site's header and footer are on thousands of pages.
//
// What a partial reads is found in its layout: the fields of its data that
// it names, {{.Site.Title}} the field Site, and those of the partials it
// calls with the same data. The result is kept under the partial's name
// and the full value of those fields (every string, number and element
// under them), so two calls share a result only when everything the
// partial could look at is the same. A partial whose layout calls a
// function it does not know, or that reads something that cannot be
// compared in full (a map, a function), is made on every call.

// partials are what a theme knows of its partial layouts for partial.
type partials struct {
	reads map[string]*partialReads // by layout name, found when the theme is loaded
	mu    sync.RWMutex
	made  map[string]template.HTML // by key: name, then the value read
}

// partialReads is what a partial layout reads of its data.
type partialReads struct {
	cacheable bool
	whole     bool     // it uses its data itself, not only fields of it
	fields    []string // else the fields it names, sorted and distinct
	index     sync.Map // reflect.Type to the [][]int of fields in it, nil if not all are
}

// maxPartials bounds how many results a theme keeps: a preview that runs
// for days sees new values (a new day, a page added to the menu).
const maxPartials = 1024

// pureFuncs are the functions a cached partial may call: their result
// depends only on their arguments and the theme.
var pureFuncs = map[string]bool{
	"t": true, "weekday": true,
	"and": true, "or": true, "not": true, "len": true, "index": true, "slice": true,
	"eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
	"print": true, "printf": true, "println": true, "html": true, "js": true, "urlquery": true,
}

// findPartials finds what each partial layout reads, before any is
// executed (executing escapes the trees, which must not be walked then).
func (th *Theme) findPartials() {
	th.cache.reads = map[string]*partialReads{}
	th.cache.made = map[string]template.HTML{}
	for _, t := range th.parts.Templates() {
		name := t.Name()
		r := &partialReads{cacheable: true}
		fields := map[string]bool{}
		th.readsOf(name, fields, r, map[string]bool{})
		r.fields = slices.Sorted(maps.Keys(fields))
		th.cache.reads[name] = r
	}
}

// partial executes the partial layout name with data, or takes over the
// result of an earlier call that read the same.
func (th *Theme) partial(name string, data any) (template.HTML, error) {
	r := th.cache.reads[name]
	var key []byte
	ok := r != nil && r.cacheable
	if ok {
		key = append(key, name...)
		key = append(key, 0)
		key, ok = r.key(key, reflect.ValueOf(data))
	}
	if !ok {
		return th.Fragment(name, data)
	}
	th.cache.mu.RLock()
	h, hit := th.cache.made[string(key)]
	th.cache.mu.RUnlock()
	if hit {
		return h, nil
	}
	h, err := th.Fragment(name, data)
	if err != nil {
		return "", err
	}
	th.cache.mu.Lock()
	if len(th.cache.made) >= maxPartials {
		clear(th.cache.made)
	}
	th.cache.made[string(key)] = h
	th.cache.mu.Unlock()
	return h, nil
}

// readsOf adds what layout name reads of its data to fields, or marks r
// whole or not cacheable; seen guards against layouts that call each
// other.
func (th *Theme) readsOf(name string, fields map[string]bool, r *partialReads, seen map[string]bool) {
	if seen[name] {
		return
	}
	seen[name] = true
	t := th.parts.Lookup(name)
	if t == nil || t.Tree == nil {
		r.cacheable = false
		return
	}
	w := readWalker{th: th, fields: fields, r: r, seen: seen, checked: map[string]bool{}}
	w.node(t.Tree.Root, true)
}

// readWalker walks a layout's tree. outer tells whether dot is still the
// layout's data there (not inside a range or with).
type readWalker struct {
	th     *Theme
	fields map[string]bool
	r      *partialReads
	seen   map[string]bool // layouts called with the same data
	// checked are the layouts called with a part of it, whose functions
	// were checked: apart from seen, as one may be called both ways.
	checked map[string]bool
}

func (w *readWalker) node(n parse.Node, outer bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			w.node(c, outer)
		}
	case *parse.ActionNode:
		w.pipe(n.Pipe, outer)
	case *parse.IfNode:
		w.branch(&n.BranchNode, outer, outer)
	case *parse.RangeNode: // dot is an element inside, the data again in else
		w.branch(&n.BranchNode, outer, false)
	case *parse.WithNode:
		w.branch(&n.BranchNode, outer, false)
	case *parse.TemplateNode:
		if n.Pipe != nil && len(n.Pipe.Cmds) == 1 && len(n.Pipe.Cmds[0].Args) == 1 {
			if _, dot := n.Pipe.Cmds[0].Args[0].(*parse.DotNode); dot && outer {
				// Called with the same data: what it reads counts too.
				w.th.readsOf(n.Name, w.fields, w.r, w.seen)
				return
			}
		}
		// Called with a part of the data: that part is read in full
		// already; only what the layout calls matters.
		w.pipe(n.Pipe, outer)
		w.funcsOf(n.Name)
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
	default:
		w.r.cacheable = false
	}
}

// branch walks an if, range or with; inner tells whether dot is still the
// layout's data in its first list.
func (w *readWalker) branch(b *parse.BranchNode, outer, inner bool) {
	w.pipe(b.Pipe, outer)
	w.node(b.List, inner)
	w.node(b.ElseList, outer)
}

// funcsOf checks the functions layout name calls, and those of the layouts
// it calls, reading nothing of this layout's data.
func (w *readWalker) funcsOf(name string) {
	if w.checked[name] {
		return
	}
	w.checked[name] = true
	sub := readWalker{th: w.th, fields: map[string]bool{}, r: &partialReads{cacheable: true}, checked: w.checked}
	t := w.th.parts.Lookup(name)
	if t == nil || t.Tree == nil {
		w.r.cacheable = false
		return
	}
	sub.node(t.Tree.Root, false)
	if !sub.r.cacheable {
		w.r.cacheable = false
	}
}

func (w *readWalker) pipe(p *parse.PipeNode, outer bool) {
	if p == nil {
		return
	}
	for _, c := range p.Cmds {
		for _, a := range c.Args {
			w.arg(a, outer)
		}
	}
}

func (w *readWalker) arg(a parse.Node, outer bool) {
	switch a := a.(type) {
	case *parse.FieldNode: // .Site.Title
		if outer {
			w.fields[a.Ident[0]] = true
		}
	case *parse.VariableNode: // $ is the layout's data; $x was set from it
		if a.Ident[0] == "$" {
			if len(a.Ident) == 1 {
				w.r.whole = true
			} else {
				w.fields[a.Ident[1]] = true
			}
		}
	case *parse.DotNode:
		if outer {
			w.r.whole = true
		}
	case *parse.ChainNode:
		w.arg(a.Node, outer)
	case *parse.PipeNode:
		w.pipe(a, outer)
	case *parse.IdentifierNode:
		if !pureFuncs[a.Ident] && !strings.HasPrefix(a.Ident, "_html_template_") {
			w.r.cacheable = false
		}
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
	default:
		w.r.cacheable = false
	}
}

// key appends to b the value of what r reads of data; false when some of
// it cannot be compared in full.
func (r *partialReads) key(b []byte, v reflect.Value) ([]byte, bool) {
	if r.whole {
		return appendValue(b, v, 0)
	}
	if len(r.fields) == 0 { // it reads nothing of its data
		return b, true
	}
	if !v.IsValid() {
		return b, false
	}
	b = appendType(b, v.Type())
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return append(b, 'n'), true
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return b, false
	}
	index, ok := r.index.Load(v.Type())
	if !ok {
		index, _ = r.index.LoadOrStore(v.Type(), r.fieldIndex(v.Type()))
	}
	if index.([][]int) == nil {
		return b, false
	}
	for _, i := range index.([][]int) {
		var fine bool
		if b, fine = appendValue(b, v.FieldByIndex(i), 0); !fine {
			return b, false
		}
	}
	return b, true
}

// fieldIndex returns the index of each of r.fields in struct type t; nil
// when one is a method or no field (executing then says what is wrong).
func (r *partialReads) fieldIndex(t reflect.Type) [][]int {
	index := make([][]int, 0, len(r.fields))
	for _, f := range r.fields {
		sf, ok := t.FieldByName(f)
		if !ok || !sf.IsExported() || len(sf.Index) != 1 {
			return nil
		}
		index = append(index, sf.Index)
	}
	return index
}

// appendType appends the identity of t: methods a layout calls depend on
// the type as well as on the value, and two types may print alike.
func appendType(b []byte, t reflect.Type) []byte {
	id, ok := typeIDs.Load(t)
	if !ok {
		id, _ = typeIDs.LoadOrStore(t, typeCount.Add(1))
	}
	return appendUint(b, id.(uint64))
}

// typeIDs numbers the types appendType has seen.
var (
	typeIDs   sync.Map
	typeCount atomic.Uint64
)

// appendValue appends v in full: every value under it, with lengths so
// that different values never give the same bytes.
func appendValue(b []byte, v reflect.Value, depth int) ([]byte, bool) {
	if depth > 16 {
		return b, false
	}
	if !v.IsValid() {
		return append(b, 'z'), true
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			return append(b, 'T'), true
		}
		return append(b, 'F'), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return appendUint(append(b, 'i'), uint64(v.Int())), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return appendUint(append(b, 'u'), v.Uint()), true
	case reflect.Float32, reflect.Float64:
		return appendUint(append(b, 'f'), math.Float64bits(v.Float())), true
	case reflect.String:
		s := v.String()
		b = appendUint(append(b, 's'), uint64(len(s)))
		return append(b, s...), true
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return append(b, 'n'), true
		}
		b = appendUint(append(b, 'l'), uint64(v.Len()))
		for i := range v.Len() {
			var ok bool
			if b, ok = appendValue(b, v.Index(i), depth+1); !ok {
				return b, false
			}
		}
		return b, true
	case reflect.Struct:
		b = append(b, '{')
		for i := range v.NumField() {
			var ok bool
			if b, ok = appendValue(b, v.Field(i), depth+1); !ok {
				return b, false
			}
		}
		return append(b, '}'), true
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 'n'), true
		}
		return appendValue(append(b, 'p'), v.Elem(), depth+1)
	case reflect.Interface:
		if v.IsNil() {
			return append(b, 'n'), true
		}
		e := v.Elem()
		return appendValue(appendType(append(b, 'I'), e.Type()), e, depth+1)
	}
	return b, false // maps, functions, channels: not compared in full
}

func appendUint(b []byte, u uint64) []byte {
	for range 8 {
		b = append(b, byte(u))
		u >>= 8
	}
	return b
}
