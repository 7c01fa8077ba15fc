package render

import (
	_ "embed"
	"html/template"
	"strings"
)

//go:embed today.js
var todayJS string

// TodayScript is the small inline script that keeps a page true when it is
// read on a later day than the one it was built for. Pages are complete
// without it.
var TodayScript = template.JS(compact(todayJS))

// compact drops comment lines and indentation: every page carries the
// script, so every byte counts.
func compact(js string) string {
	var b strings.Builder
	for _, line := range strings.Split(js, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
