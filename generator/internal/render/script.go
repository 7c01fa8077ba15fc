package render

import (
	_ "embed"
	"html/template"
)

//go:embed today.js
var todayJS string

// TodayScript is the small inline script that keeps a page true when it is
// read on a later day than the one it was built for. Pages are complete
// without it.
var TodayScript = template.JS(todayJS)
