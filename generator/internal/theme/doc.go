// Package theme finds the files of a site's theme. The default theme is
// built into the program; a site's own themes/<name>/ folder is laid over it
// file by file, so a site holds only the files it changes.
//
// A theme file such as layouts/home.html is looked up in this order, the
// first one found wins:
//
//  1. themes/<name>/layouts/home.html in the site folder;
//  2. layouts/home.html of the built-in theme.
//
// Folders are the union of both layers, so a site can also add a layout
// partial or a static file. Translations (i18n/<lang>.toml) are merged key by
// key by package render: a site's file need only hold the words it changes.
//
// The theme named "default" always exists. Any other name must be a folder
// in the site's themes/; it too is laid over the built-in theme.
package theme
