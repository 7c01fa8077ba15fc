// Package content walks a site's content/ folder and turns every file into
// typed values: activities, stories, plain pages, the home text, the opening
// hours and static files, each with the position of every key it was read from.
//
// It is the second stage of the pipeline, after config: files -> content.Site.
// Problems are collected as diag values, all of them in one pass.
package content
