// Package render presents a site: it loads the theme (html/template layouts,
// static files and the translation files of the site's language), turns
// Markdown into HTML and executes the layouts over view models that the build
// prepares. Templates only present; every word a resident reads comes from
// the theme's translation files.
package render
