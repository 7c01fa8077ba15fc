package content

import "strings"

// Ignored reports whether a file or folder name (not a path) is left out of
// the site: names starting with "_" or "." (except "_index.md"), the backup,
// swap and lock files editors leave next to the files they edit, and the
// files Windows and macOS put in folders on their own.
func Ignored(name string) bool {
	switch {
	case name == "_index.md":
		return false
	case strings.HasPrefix(name, "_"), strings.HasPrefix(name, "."): // also .#lock, .swp of vim, .DS_Store, ._ AppleDouble, .~lock of LibreOffice
		return true
	case strings.HasPrefix(name, "~$"): // Microsoft Office's lock file of an open document
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
	case strings.EqualFold(name, "Thumbs.db"), strings.EqualFold(name, "ehthumbs.db"), strings.EqualFold(name, "desktop.ini"): // Windows Explorer
		return true
	case name == "Icon\r": // a folder's icon on macOS
		return true
	}
	return false
}
