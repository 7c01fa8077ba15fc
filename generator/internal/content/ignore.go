package content

import "strings"

// Ignored reports whether a file or folder name (not a path) is left out of
// the site: names starting with "_" or "." (except "_index.md") and the backup,
// swap and lock files editors leave next to the files they edit.
func Ignored(name string) bool {
	switch {
	case name == "_index.md":
		return false
	case strings.HasPrefix(name, "_"), strings.HasPrefix(name, "."): // also .#lock, .swp of vim
		return true
	case strings.HasSuffix(name, "~"): // emacs, gedit
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs auto-save
		return true
	case strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"):
		return true
	case name == "4913": // vim's test file before a write
		return true
	case strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".crdownload"), strings.HasSuffix(name, ".part"):
		return true
	case name == "Thumbs.db", name == "desktop.ini":
		return true
	}
	return false
}
