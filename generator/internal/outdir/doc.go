// Package outdir writes a build into its output folder, such as public/,
// all at once. It is the end of the pipeline: package build renders every
// file through a build.Output, and a Dir is the Output that publishes them.
//
// One build at a time: Open takes a lock on the output folder, held until
// Commit or Abort, so a second build into the same folder waits for the
// first instead of deleting the files it is writing. The lock is a file
// next to the output folder (".krachtpunt-lock-public" for public/), never
// inside it, so it is not published and does not make Check refuse the
// folder. It is never removed: removing a lock file that another build is
// waiting on would let a third build take a new lock beside the old one.
//
// All or nothing: a build writes into a staging folder next to the output
// folder (".krachtpunt-build-public") and Commit swaps it in. Where the
// operating system can exchange two folders in one step (renameat2 with
// RENAME_EXCHANGE on Linux, renamex_np with RENAME_SWAP on macOS), the
// output folder holds the complete old or the complete new site at every
// moment, whatever happens to the process; the old site is then kept
// beside it as the retained site (see below).
// Elsewhere, or when the file system refuses the exchange, the old site is
// renamed aside (".krachtpunt-build-public.old") and the new one renamed in,
// and a failed second rename puts the old one back. A process killed
// between those two renames leaves no output folder; the next Open puts the
// old site back before anything else.
//
// Only what changed is written: Create streams a file into the staging
// folder, and when the previous site has the same bytes at that path, the
// new site gets a hard link to the previous file instead, so its
// modification time stays and rsync or an upload tool sees no change. An
// unchanged file is not even written: up to a megabyte it is held in memory
// while it may still equal the previous one; a larger one is compared with
// the previous file as it comes and written from its first difference on.
// Where links fail (another file system, no hard links), the file is
// written with the previous file's modification time. Keep publishes a
// previous file without making it again, for a build that knows from its
// key that nothing changed.
//
// The retained site (".krachtpunt-retained-public", with its record
// ".krachtpunt-retainedmanifest-public") is the site that was published
// before the current one. The next build begins in it rather than in an
// empty folder: its unchanged files are hard links to the published ones
// already, so only what changed is touched, and nothing has to be removed
// after the swap. It costs the disk only the files that changed in the
// last build. It is used only while its record names exactly what is in it
// (retain.go); else it is removed and the build begins in an empty folder.
// While a build changes it, its record lies aside
// (".krachtpunt-takenmanifest-public"); a build that fails before changing
// anything puts both back for the next one.
//
// The manifest (".krachtpunt-manifest-public") records, for every file of
// the site in the output folder, the key it was made from, its sha256,
// size, modification and change time, permissions and file number, and
// for every folder its modification and change time and file number.
// PreviousKey reads it, and Create compares against its sha256 instead of
// reading the previous file. An entry counts only while the file still has
// that size, those times and permissions and that number, so a file edited
// by hand is compared by its bytes, also when its modification time was
// set back (see package fileid). The manifest lies next
// to the output folder, so it is never published. It always describes the
// site in the output folder: Commit writes the new one aside
// (".krachtpunt-newmanifest-public"), moves the old one away before the
// swap (it becomes the record of the retained site) and renames the new
// one in after it. A build killed during the swap
// leaves no manifest, which only means the next build compares every file;
// a missing, damaged or older manifest is never an error.
//
// Whatever an interrupted build left next to the output folder is removed
// by the next Open, while it holds the lock: never a folder that a running
// build still uses.
package outdir
