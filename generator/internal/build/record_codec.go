package build

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// The record (record.go) is written in a compact form of plain Go data:
// booleans, numbers, strings, and slices, arrays, maps, structs and
// pointers of those. Unlike encoding/gob it keeps what a parsed file can
// tell apart: a nil slice, map or pointer from an empty slice or map or a
// pointer to a zero value. A type with an unexported field, an interface,
// a func or a channel cannot be written (flatCodec panics when it meets
// one, so the record's tests find it as soon as content gets such a
// field).

// flatCodec writes and reads values of one type.
type flatCodec struct {
	enc func(e *flatEncoder, v reflect.Value)
	dec func(d *flatDecoder, v reflect.Value)
}

var (
	flatMu     sync.Mutex
	flatCodecs = map[reflect.Type]*flatCodec{}
)

// codecOf returns the codec of t, made once.
func codecOf(t reflect.Type) *flatCodec {
	flatMu.Lock()
	defer flatMu.Unlock()
	return codecLocked(t)
}

func codecLocked(t reflect.Type) *flatCodec {
	if c, ok := flatCodecs[t]; ok {
		return c
	}
	c := &flatCodec{}
	flatCodecs[t] = c // a recursive type finds itself while it is being made
	makeCodec(t, c)
	return c
}

func makeCodec(t reflect.Type, c *flatCodec) {
	switch t.Kind() {
	case reflect.Bool:
		c.enc = func(e *flatEncoder, v reflect.Value) {
			if v.Bool() {
				e.buf = append(e.buf, 1)
			} else {
				e.buf = append(e.buf, 0)
			}
		}
		c.dec = func(d *flatDecoder, v reflect.Value) { v.SetBool(d.uint() != 0) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.enc = func(e *flatEncoder, v reflect.Value) { e.buf = binary.AppendVarint(e.buf, v.Int()) }
		c.dec = func(d *flatDecoder, v reflect.Value) { v.SetInt(d.int()) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.enc = func(e *flatEncoder, v reflect.Value) { e.buf = binary.AppendUvarint(e.buf, v.Uint()) }
		c.dec = func(d *flatDecoder, v reflect.Value) { v.SetUint(d.uint()) }
	case reflect.Float32, reflect.Float64:
		c.enc = func(e *flatEncoder, v reflect.Value) {
			e.buf = binary.AppendUvarint(e.buf, math.Float64bits(v.Float()))
		}
		c.dec = func(d *flatDecoder, v reflect.Value) { v.SetFloat(math.Float64frombits(d.uint())) }
	case reflect.String:
		c.enc = func(e *flatEncoder, v reflect.Value) { e.string(v.String()) }
		c.dec = func(d *flatDecoder, v reflect.Value) { v.SetString(d.string()) }
	case reflect.Pointer:
		elem := codecLocked(t.Elem())
		c.enc = func(e *flatEncoder, v reflect.Value) {
			if v.IsNil() {
				e.buf = append(e.buf, 0)
				return
			}
			e.buf = append(e.buf, 1)
			elem.enc(e, v.Elem())
		}
		c.dec = func(d *flatDecoder, v reflect.Value) {
			if d.uint() == 0 {
				return // the zero value is nil
			}
			p := reflect.New(t.Elem())
			elem.dec(d, p.Elem())
			v.Set(p)
		}
	case reflect.Slice:
		elem := codecLocked(t.Elem())
		c.enc = func(e *flatEncoder, v reflect.Value) {
			if v.IsNil() {
				e.buf = append(e.buf, 0)
				return
			}
			n := v.Len()
			e.buf = binary.AppendUvarint(e.buf, uint64(n)+1)
			for i := range n {
				elem.enc(e, v.Index(i))
			}
		}
		c.dec = func(d *flatDecoder, v reflect.Value) {
			n := d.length()
			if n < 0 {
				return
			}
			s := reflect.MakeSlice(t, n, n)
			for i := range n {
				elem.dec(d, s.Index(i))
			}
			v.Set(s)
		}
	case reflect.Array:
		elem := codecLocked(t.Elem())
		c.enc = func(e *flatEncoder, v reflect.Value) {
			for i := range v.Len() {
				elem.enc(e, v.Index(i))
			}
		}
		c.dec = func(d *flatDecoder, v reflect.Value) {
			for i := range v.Len() {
				elem.dec(d, v.Index(i))
			}
		}
	case reflect.Map:
		key, elem := codecLocked(t.Key()), codecLocked(t.Elem())
		c.enc = func(e *flatEncoder, v reflect.Value) {
			if v.IsNil() {
				e.buf = append(e.buf, 0)
				return
			}
			e.buf = binary.AppendUvarint(e.buf, uint64(v.Len())+1)
			keys := v.MapKeys()
			if t.Key().Kind() == reflect.String { // the same bytes for the same map
				slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
			}
			for _, k := range keys {
				key.enc(e, k)
				elem.enc(e, v.MapIndex(k))
			}
		}
		c.dec = func(d *flatDecoder, v reflect.Value) {
			n := d.length()
			if n < 0 {
				return
			}
			m := reflect.MakeMapWithSize(t, n)
			for range n {
				k, x := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
				key.dec(d, k)
				elem.dec(d, x)
				m.SetMapIndex(k, x)
			}
			v.Set(m)
		}
	case reflect.Struct:
		fields := make([]*flatCodec, t.NumField())
		for i := range fields {
			f := t.Field(i)
			if !f.IsExported() {
				panic(fmt.Sprintf("the record cannot hold %s: its field %s is not exported", t, f.Name))
			}
			fields[i] = codecLocked(f.Type)
		}
		c.enc = func(e *flatEncoder, v reflect.Value) {
			for i, f := range fields {
				f.enc(e, v.Field(i))
			}
		}
		c.dec = func(d *flatDecoder, v reflect.Value) {
			for i, f := range fields {
				f.dec(d, v.Field(i))
			}
		}
	default:
		panic(fmt.Sprintf("the record cannot hold a %s", t))
	}
}

// flatEncoder appends values to buf.
type flatEncoder struct{ buf []byte }

func (e *flatEncoder) string(s string) {
	e.buf = binary.AppendUvarint(e.buf, uint64(len(s)))
	e.buf = append(e.buf, s...)
}

// encode appends v, which must be a pointer, by what it points to.
func (e *flatEncoder) encode(v any) {
	rv := reflect.ValueOf(v).Elem()
	codecOf(rv.Type()).enc(e, rv)
}

// errFlat is what a flatDecoder panics with on data it cannot read.
var errFlat = errors.New("the record is damaged")

// flatDecoder reads values from data. Strings are slices of data, so the
// record is copied only once.
type flatDecoder struct {
	data string
	off  int
}

func (d *flatDecoder) uint() uint64 {
	x, n := uvarintString(d.data[d.off:])
	if n <= 0 {
		panic(errFlat)
	}
	d.off += n
	return x
}

func (d *flatDecoder) int() int64 {
	u := d.uint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// length reads the length of a slice or map: -1 for nil.
func (d *flatDecoder) length() int {
	n := d.uint()
	if n > uint64(len(d.data)-d.off)+1 { // every element takes a byte at least
		panic(errFlat)
	}
	return int(n) - 1
}

func (d *flatDecoder) string() string {
	n := d.uint()
	if n > uint64(len(d.data)-d.off) {
		panic(errFlat)
	}
	s := d.data[d.off : d.off+int(n)]
	d.off += int(n)
	return s
}

// decode reads into v, which must be a pointer, and reports damaged data
// as an error.
func (d *flatDecoder) decode(v any) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if p != errFlat {
				panic(p)
			}
			err = errFlat
		}
	}()
	rv := reflect.ValueOf(v).Elem()
	codecOf(rv.Type()).dec(d, rv)
	return nil
}

// uvarintString is binary.Uvarint over a string.
func uvarintString(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s); i++ {
		b := s[i]
		if i == binary.MaxVarintLen64 {
			return 0, -(i + 1)
		}
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				return 0, -(i + 1)
			}
			return x | uint64(b)<<shift, i + 1
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	return 0, 0
}
