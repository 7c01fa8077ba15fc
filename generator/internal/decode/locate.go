package decode

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// loc is where a key or a table header is written, counted in the document
// itself (line 1 = first line; columns in characters from 1).
type loc struct {
	line   int
	keyCol int // the key's first character, or the header's "["
	valCol int // the value's first character; 0 for a header
	header string
}

// locate maps every key path of a TOML document to where it is written.
// BurntSushi/toml keeps key positions to itself, so this reads the lines
// once more: table headers, arrays of tables (numbered "name#0", "name#1",
// ...) and "key = value" lines, skipping multi-line strings and arrays.
// Inline tables are not looked into; a key not found takes the place of its
// nearest located parent. It also returns the table the last line is in.
func locate(src string) (map[string]loc, string) {
	idx := make(map[string]loc)
	arrays := make(map[string]int) // path of an array of tables -> entries so far
	table := ""
	var closer string // what ends the multi-line value we are in
	depth := 0        // bracket depth of a multi-line array
	for n, line := range strings.Split(src, "\n") {
		lineNo := n + 1
		if closer != "" {
			if i := strings.Index(line, closer); i >= 0 {
				closer = ""
				line = strings.Repeat(" ", i+3) + line[i+3:]
			} else {
				continue
			}
		}
		if depth > 0 {
			depth += bracketDelta(line)
			continue
		}
		start := len(line) - len(strings.TrimLeft(line, " \t"))
		s := strings.TrimSpace(stripComment(line))
		col := func(i int) int { return utf8.RuneCountInString(line[:start+i]) + 1 }
		switch {
		case s == "":
		case strings.HasPrefix(s, "[["):
			name := resolve(arrays, keyPath(strings.TrimSuffix(strings.TrimPrefix(s, "[["), "]]")))
			table = name + "#" + strconv.Itoa(arrays[name])
			arrays[name]++
			l := loc{line: lineNo, keyCol: col(0), header: "[[]]"}
			idx[table] = l
			if _, ok := idx[name]; !ok {
				idx[name] = l
			}
		case strings.HasPrefix(s, "["):
			table = resolve(arrays, keyPath(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")))
			idx[table] = loc{line: lineNo, keyCol: col(0), header: "[]"}
		default:
			eq := equalsOutsideQuotes(s)
			if eq < 0 {
				continue
			}
			key := keyPath(s[:eq])
			if table != "" {
				key = table + "." + key
			}
			val := strings.TrimSpace(s[eq+1:])
			if _, seen := idx[key]; !seen {
				v := eq + 1 + len(s[eq+1:]) - len(strings.TrimLeft(s[eq+1:], " \t"))
				idx[key] = loc{line: lineNo, keyCol: col(0), valCol: col(v)}
			}
			switch {
			case strings.HasPrefix(val, `"""`) && !strings.Contains(val[3:], `"""`):
				closer = `"""`
			case strings.HasPrefix(val, "'''") && !strings.Contains(val[3:], "'''"):
				closer = "'''"
			case strings.HasPrefix(val, "["):
				depth = bracketDelta(val)
			}
		}
	}
	return idx, table
}

// resolve turns a header path such as "season.hours" into the located path
// "season#2.hours" when "season" is an array of tables.
func resolve(arrays map[string]int, path string) string {
	parts := strings.Split(path, ".")
	out := ""
	for _, p := range parts {
		if out != "" {
			out += "."
		}
		out += p
		if n, ok := arrays[out]; ok && out != path {
			out += "#" + strconv.Itoa(n-1)
		}
	}
	return out
}

// keyPath normalises a (possibly dotted, quoted) key to "a.b.c".
func keyPath(s string) string {
	var parts []string
	for _, p := range strings.Split(s, ".") {
		p = strings.TrimSpace(p)
		p = strings.Trim(p, `"'`)
		parts = append(parts, p)
	}
	return strings.Join(parts, ".")
}

func equalsOutsideQuotes(s string) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '=':
			return i
		}
	}
	return -1
}

func stripComment(s string) string {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return s[:i]
		}
	}
	return s
}

func bracketDelta(s string) int {
	s = stripComment(s)
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			d++
		case c == ']':
			d--
		}
	}
	return d
}
