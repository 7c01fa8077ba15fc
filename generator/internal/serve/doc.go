// Package serve is the live preview behind "krachtpunt serve": it watches the
// files volunteers edit, plans the site again through the builder it is
// given, makes each page when a browser asks for it and tells every open
// page to reload.
//
// It sits at the end of the pipeline and never writes public/. Three parts,
// each usable on its own:
//
//   - Watcher turns the file-system events of site.toml, content/ and the
//     theme into debounced batches of changed site-relative paths. It follows
//     folders created or renamed later, ignores editors' backup and swap files
//     (the same names the build ignores, see content.Ignored) and copes with
//     the ways editors save: in place, write-then-rename and delete-then-create.
//   - Server is an http.Handler that serves the last good build from memory,
//     or makes its files as they are asked for (Site, Planned), injects a small live-reload script into HTML pages and pushes events to
//     them over Server-Sent Events: reload, swap the stylesheets, or show the
//     problems of a failed build in an overlay.
//   - Run ties them together: one rebuild at a time, an obsolete rebuild
//     cancelled when new changes arrive, a rebuild at every local midnight so
//     "today" moves on, and a clean stop when its context is cancelled.
package serve
