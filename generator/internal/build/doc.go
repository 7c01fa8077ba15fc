// Package build is the last stage of the pipeline: it loads the settings,
// the content and the theme, plans every file of the published site, renders
// them and writes them through one Output.
//
// Every kind of output lives in a file of its own, kind_*.go, that
// registers the kind and declares its routes: the output path, the inputs it
// reads and how to write it into an io.Writer. Every output is known by a
// key, the hash of what it is made from (keys.go), so the Builder of the
// preview makes again only what changed, and a build into an earlier output
// folder keeps what did not (Keeper).
//
// A build is all or nothing: with an outdir.Dir output the new site replaces
// the old one only when every file was written and no problem stops the build.
// Output is deterministic: the same content and the same day give the same
// bytes (lists are sorted; no build time is written anywhere).
package build
