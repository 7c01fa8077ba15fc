// Package build is the last stage of the pipeline: it loads the settings,
// the content and the theme, plans every file of the published site, renders
// them and writes them through one Output.
//
// A build is all or nothing: with an outdir.Dir output the new site replaces
// the old one only when every file was written and no problem stops the build.
// Output is deterministic: the same content and the same day give the same
// bytes (lists are sorted; no build time is written anywhere).
package build
