// Package publish brings a web server's folder in line with public/: the
// last stage of the pipeline, and the only one that reaches the network.
//
// A publish reads a state file on the server (the sha256 and size of every
// file this package uploaded there) and checks it against a listing of the
// server's folder, so a lost or stale state is noticed instead of trusted.
// From the two it makes a Plan: the files to upload (new or changed), the
// files to delete (published here before and gone from public/ now) and
// nothing else; a file someone else put on the server is never deleted.
//
// The plan is carried out in a safe order: every file is uploaded under a
// temporary name and renamed over the old one, so a visitor never gets half
// a page; pages (HTML) go after the files they use, the home page last;
// deletions come at the very end. The state is rewritten, also atomically,
// as files are confirmed on the server, so a publish that stops half-way is
// carried on by the next one.
//
// Transports implement Remote: Folder here (a mounted network drive), and
// the packages sftp and ftp (FTPS). They turn what their protocol reports
// into an *Error of a Kind, which says whether retrying makes sense and
// what a volunteer should do. Package residents says what residents will
// see change.
package publish
