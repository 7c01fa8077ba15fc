// Package fileid tells files apart where size and modification time do
// not: by their file number (inode), the same for every hard link to one
// file and new for every file written, and their change time (ctime),
// which every change to a file moves on, its bytes, times, mode or links,
// and which, unlike the modification time, no one can set back.
//
// The build's record of the content it parsed and the manifest of the
// published site both trust a file they saw before only while all of
// these are as they were.
package fileid
