package outdir

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"krachtpunt/generator/internal/fileid"
)

// The manifest is the record a build keeps of the files it published: for
// each path the key it was made from, its sha256, size, modification time,
// change time (ctime), permissions and file number (inode); and for each folder its modification time and
// file number, which change when a file in it is added, removed or
// replaced. It lives next to the output folder, never in it, so nothing
// publishes it.
//
// It is text, one file or folder a line, files sorted by path, then
// folders sorted by path ("." is the site's own folder):
//
//	krachtpunt manifest 3
//	<sha256 hex> <size> <mtime ns> <ctime ns> <permissions, octal> <inode> <quoted key> <quoted path>
//	...
//	dir <mtime ns> <ctime ns> <inode> <quoted path>
//	...
//	end <number of files> <number of folders>
//
// A manifest that cannot be read, is of another version or does not end in
// its count is no manifest: every file is made again.
//
// The change time is there because the modification time can be set back
// (touch -r, a copy that keeps times): a file edited by hand with the
// length it had and its time set back would otherwise pass for the one
// the build wrote. A file's change time changes too when a hard link is
// made to it, so the file a build links to is looked at again after the
// link (see sameFile), and what the link made is recorded.
const manifestHeader = "krachtpunt manifest 3"

// entry is what the manifest knows of one published file.
type entry struct {
	key   string
	sum   [32]byte
	size  int64
	mtime int64       // UnixNano
	ctime int64       // UnixNano; 0 where the system does not say
	mode  fs.FileMode // permissions
	ino   uint64      // 0 where the system has no file numbers
}

// matches says whether the file described by fi is, as far as size,
// modification time, change time and file number tell, the one the entry
// was made for: a file edited or replaced since the build no longer
// matches.
func (e *entry) matches(fi fs.FileInfo) bool {
	return e.sameFile(fi) && (e.ctime == 0 || fileid.ChangeTime(fi) == e.ctime)
}

// sameFile is matches without the change time: whether a hard link just
// made to the file e describes (which changed its change time) reached
// that file, with its size, modification time and permissions.
func (e *entry) sameFile(fi fs.FileInfo) bool {
	return fi.Mode().IsRegular() && fi.Size() == e.size && fi.ModTime().UnixNano() == e.mtime &&
		fi.Mode().Perm() == e.mode && (e.ino == 0 || inode(fi) == e.ino)
}

// inode returns the file number of fi, 0 where the system has none.
func inode(fi fs.FileInfo) uint64 {
	n, _ := fileid.Number(fi)
	return n
}

// folder is what the manifest knows of one folder of the site. Its change
// time catches a file added, removed or replaced in it whose modification
// time was then set back. The site's own folder (".") has none: it is
// renamed when it is swapped in and when it is retained, which changes it.
type folder struct {
	mtime int64  // UnixNano
	ctime int64  // UnixNano; 0 where it is not compared
	ino   uint64 // 0 where the system has no file numbers
}

// folderOf describes the folder fi.
func folderOf(fi fs.FileInfo) folder {
	return folder{mtime: fi.ModTime().UnixNano(), ctime: fileid.ChangeTime(fi), ino: inode(fi)}
}

// matches says whether fi is the folder the record was made for, with no
// file added, removed or replaced in it since.
func (f folder) matches(fi fs.FileInfo) bool {
	return fi.IsDir() && f.ino != 0 && inode(fi) == f.ino && fi.ModTime().UnixNano() == f.mtime &&
		(f.ctime == 0 || fileid.ChangeTime(fi) == f.ctime)
}

// pathStat is what lstat says of a file or folder.
type pathStat struct {
	file, dir   bool // a regular file; a folder
	size, mtime int64
	ctime       int64
	mode        fs.FileMode // permissions
	ino         uint64
}

// matchesStat is matches for what lstat found.
func (e *entry) matchesStat(st pathStat) bool {
	return st.file && st.size == e.size && st.mtime == e.mtime && (e.ctime == 0 || st.ctime == e.ctime) &&
		st.mode == e.mode && (e.ino == 0 || st.ino == e.ino)
}

// matchesStat is matches for what lstat found.
func (f folder) matchesStat(st pathStat) bool {
	return st.dir && f.ino != 0 && st.ino == f.ino && st.mtime == f.mtime && (f.ctime == 0 || st.ctime == f.ctime)
}

// entryOf describes the file fi with the key and sum it was made from.
func entryOf(key string, sum [32]byte, fi fs.FileInfo) entry {
	return entry{key: key, sum: sum, size: fi.Size(), mtime: fi.ModTime().UnixNano(), ctime: fileid.ChangeTime(fi),
		mode: fi.Mode().Perm(), ino: inode(fi)}
}

// statOf describes the file fi without key or sum.
func statOf(fi fs.FileInfo) entry { return entryOf("", [32]byte{}, fi) }

// as returns e, the file as it is, with key and sum.
func (e entry) as(key string, sum [32]byte) entry {
	e.key, e.sum = key, sum
	return e
}

// encodeManifest writes the entries in a stable order.
func encodeManifest(files map[string]entry) []byte { return encodeRecord(files, nil) }

// encodeRecord writes the entries and the folders in a stable order.
func encodeRecord(files map[string]entry, dirs map[string]folder) []byte {
	return encodeFolders(encodeFiles(files, foldersSize(dirs)), dirs, len(files), nil)
}

// encodeFiles begins a record: its header and the entries, sorted by path,
// with room for extra bytes more.
func encodeFiles(files map[string]entry, extra int) []byte {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths) // sort for a stable file
	var b bytes.Buffer
	b.Grow(len(paths)*160 + extra)
	b.WriteString(manifestHeader + "\n")
	var buf []byte
	for _, p := range paths {
		buf = appendEntry(buf[:0], p, files[p])
		b.Write(buf)
	}
	return b.Bytes()
}

// appendEntry appends the line of the file p with entry e.
func appendEntry(buf []byte, p string, e entry) []byte {
	buf = hex.AppendEncode(buf, e.sum[:])
	buf = append(buf, ' ')
	buf = strconv.AppendInt(buf, e.size, 10)
	buf = append(buf, ' ')
	buf = strconv.AppendInt(buf, e.mtime, 10)
	buf = append(buf, ' ')
	buf = strconv.AppendInt(buf, e.ctime, 10)
	buf = append(buf, ' ')
	buf = strconv.AppendUint(buf, uint64(e.mode), 8)
	buf = append(buf, ' ')
	buf = strconv.AppendUint(buf, e.ino, 10)
	buf = append(buf, ' ')
	buf = appendQuoted(buf, e.key)
	buf = append(buf, ' ')
	buf = appendQuoted(buf, p)
	return append(buf, '\n')
}

// encodeFilesAfter is encodeFiles for a build after the one whose record
// had the lines of its files in order: a file recorded as before gets its
// line again, without sorting or formatting anew. With files that record
// did not have, it is encodeFiles.
func encodeFilesAfter(files map[string]entry, lines []fileLine, extra int) []byte {
	if lines == nil {
		return encodeFiles(files, extra)
	}
	n := len(manifestHeader) + 1
	for _, l := range lines {
		n += len(l.text) + 1
	}
	var b bytes.Buffer
	b.Grow(n + n/8 + extra)
	b.WriteString(manifestHeader + "\n")
	var buf []byte
	found := 0
	for _, l := range lines {
		e, ok := files[l.path]
		switch {
		case !ok:
			continue
		case e == l.entry:
			b.WriteString(l.text)
			b.WriteByte('\n')
		default:
			buf = appendEntry(buf[:0], l.path, e)
			b.Write(buf)
		}
		found++
	}
	if found < len(files) {
		return encodeFiles(files, extra) // new files, to be sorted in
	}
	return b.Bytes()
}

// encodeFolders ends the record that encodeFiles began with nFiles
// entries: the folders, sorted by path, and the end line. order, when not
// nil, are the folders of an earlier record in their order: when dirs has
// just those, they are not sorted again.
func encodeFolders(data []byte, dirs map[string]folder, nFiles int, order []string) []byte {
	// Room for every line at once: growing the files' part of a large site
	// as the lines come copied and cleared it again and again.
	data = slices.Grow(data, foldersSize(dirs))
	if len(order) != len(dirs) || slices.ContainsFunc(order, func(p string) bool { _, ok := dirs[p]; return !ok }) {
		order = slices.Sorted(maps.Keys(dirs))
	}
	for _, p := range order {
		f := dirs[p]
		data = append(data, "dir "...)
		data = strconv.AppendInt(data, f.mtime, 10)
		data = append(data, ' ')
		data = strconv.AppendInt(data, f.ctime, 10)
		data = append(data, ' ')
		data = strconv.AppendUint(data, f.ino, 10)
		data = append(data, ' ')
		data = appendQuoted(data, p)
		data = append(data, '\n')
	}
	return fmt.Appendf(data, "end %d %d\n", nFiles, len(dirs))
}

// foldersSize is about the room encodeFolders needs for dirs, a little more.
func foldersSize(dirs map[string]folder) int {
	n := 64
	for p := range dirs {
		n += len(p) + 84 // "dir ", three numbers, quotes
	}
	return n
}

var errGarbled = errors.New("not a manifest of this version")

// decodeManifest reads the entries of what encodeRecord wrote.
func decodeManifest(data []byte) (map[string]entry, error) {
	files, _, err := decodeRecord(data)
	return files, err
}

// decodeRecord reads what encodeRecord wrote. The paths and keys it
// returns are pieces of data: data must not change afterwards.
func decodeRecord(data []byte) (map[string]entry, map[string]folder, error) {
	files, dirs, _, err := decodeRecordLines(data, false)
	return files, dirs, err
}

// fileLine is one file's line of a record, without its line end, and
// what it says.
type fileLine struct {
	path, text string
	entry      entry
}

// recordOrder is the order of a record's lines, for writing the next one
// without sorting (see encodeFilesAfter and encodeFolders).
type recordOrder struct {
	files []fileLine // nil when not in order
	dirs  []string   // the folders' paths; nil when not in order
}

// decodeRecordLines is decodeRecord that also returns, when withLines is
// set, the order of its lines.
//
// The paths, keys and lines are pieces of data itself, not copies: data
// must not change afterwards.
func decodeRecordLines(data []byte, withLines bool) (map[string]entry, map[string]folder, recordOrder, error) {
	var files map[string]entry
	var dirs map[string]folder
	var order recordOrder
	nDirs := 0
	err := readRecord(data, recordReader{
		size: func(nf, nd int) {
			files, nDirs = make(map[string]entry, nf), nd
			if withLines {
				order = recordOrder{make([]fileLine, 0, nf), make([]string, 0, nd)}
			}
		},
		file: func(p, line string, e entry) bool {
			n := len(files)
			if files[p] = e; len(files) == n {
				return false
			}
			if l := order.files; l != nil {
				if len(l) > 0 && l[len(l)-1].path >= p {
					order.files = nil // not in order: encoded anew
				} else {
					order.files = append(l, fileLine{p, line, e})
				}
			}
			return true
		},
		dir: func(p string, f folder) bool {
			if dirs == nil {
				dirs = make(map[string]folder, nDirs)
			}
			n := len(dirs)
			if dirs[p] = f; len(dirs) == n {
				return false
			}
			if o := order.dirs; o != nil {
				if len(o) > 0 && o[len(o)-1] >= p {
					order.dirs = nil // not in order: sorted anew
				} else {
					order.dirs = append(o, p)
				}
			}
			return true
		},
	})
	if err != nil {
		return nil, nil, recordOrder{}, err
	}
	return files, dirs, order, nil
}

// decodeInodes reads of a record only what the retained site needs: each
// file's inode by its path, and the folders. The paths are copies, so
// data can go once it is read.
func decodeInodes(data []byte) (map[string]uint64, map[string]folder, error) {
	var files map[string]uint64
	var dirs map[string]folder
	var paths stringArena
	nDirs := 0
	err := readRecord(data, recordReader{
		size: func(nf, nd int) { files, nDirs = make(map[string]uint64, nf), nd },
		file: func(p, _ string, e entry) bool {
			n := len(files)
			files[paths.copy(p)] = e.ino
			return len(files) > n
		},
		dir: func(p string, f folder) bool {
			if dirs == nil {
				dirs = make(map[string]folder, nDirs)
			}
			n := len(dirs)
			dirs[paths.copy(p)] = f
			return len(dirs) > n
		},
	})
	if err != nil {
		return nil, nil, err
	}
	return files, dirs, nil
}

// stringArena copies strings into large buffers: a few allocations for
// thousands of paths.
type stringArena struct{ buf []byte }

func (a *stringArena) copy(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > cap(a.buf)-len(a.buf) {
		a.buf = make([]byte, 0, max(64<<10, len(s)))
	}
	n := len(a.buf)
	a.buf = append(a.buf, s...)
	return unsafe.String(&a.buf[n], len(s))
}

// recordReader is what readRecord gives the lines of a record to: size
// the counts of its end line, before any line; file and dir each file and
// folder in their order, returning false for a path given twice.
type recordReader struct {
	size func(files, dirs int)
	file func(path, line string, e entry) bool
	dir  func(path string, f folder) bool
}

// readRecord reads a record that encodeRecord wrote, line by line. The
// strings it gives are pieces of data itself.
func readRecord(data []byte, r recordReader) error {
	text := unsafe.String(unsafe.SliceData(data), len(data))
	line, text, _ := strings.Cut(text, "\n")
	if line != manifestHeader {
		return errGarbled
	}
	// The counts on the end line size the maps.
	nFiles, nDirs, ok := endCounts(text)
	if !ok {
		return errGarbled // no end line: cut short
	}
	r.size(nFiles, nDirs)
	files, dirs := 0, 0
	for text != "" {
		line, text, _ = strings.Cut(text, "\n")
		if n, ok := strings.CutPrefix(line, "end "); ok {
			if n != strconv.Itoa(files)+" "+strconv.Itoa(dirs) || text != "" {
				return errGarbled
			}
			return nil
		}
		if rest, ok := strings.CutPrefix(line, "dir "); ok {
			p, f, err := decodeFolder(rest)
			if err != nil {
				return err
			}
			if !fs.ValidPath(p) || !r.dir(p, f) {
				return errGarbled // not a path, or twice
			}
			dirs++
			continue
		}
		if dirs > 0 {
			return errGarbled // files come first
		}
		p, e, err := decodeEntry(line)
		if err != nil {
			return err
		}
		if !fs.ValidPath(p) || p == "." || !r.file(p, line, e) {
			return errGarbled // not a path, or twice
		}
		files++
	}
	return errGarbled // no end line: cut short
}

// endCounts reads the counts of files and folders on the end line of
// text, the manifest after its header.
func endCounts(text string) (files, dirs int, ok bool) {
	text, ok = strings.CutSuffix(text, "\n")
	if !ok {
		return 0, 0, false
	}
	_, last, _ := lastCut(text)
	n, ok := strings.CutPrefix(last, "end ")
	f, d, ok2 := strings.Cut(n, " ")
	if !ok || !ok2 {
		return 0, 0, false
	}
	nf, ok := decimal(f)
	nd, ok2 := decimal(d)
	return int(nf), int(nd), ok && ok2 && nf <= uint64(len(text)) && nd <= uint64(len(text))
}

// lastCut cuts text before its last line.
func lastCut(text string) (string, string, bool) {
	if i := strings.LastIndexByte(text, '\n'); i >= 0 {
		return text[:i], text[i+1:], true
	}
	return "", text, false
}

// decimal reads the digits s as strconv.ParseUint(s, 10, 64) does, for
// the numbers of a manifest: no sign, no leading zeros but "0".
func decimal(s string) (uint64, bool) {
	if s == "" || len(s) > 20 || len(s) > 1 && s[0] == '0' {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 || n > (1<<64-1)/10 || n*10 > 1<<64-1-uint64(c) {
			return 0, false
		}
		n = n*10 + uint64(c)
	}
	return n, true
}

// signed reads what strconv.AppendInt wrote: decimal, with a "-" before
// a negative number.
func signed(s string) (int64, bool) {
	neg := strings.HasPrefix(s, "-")
	n, ok := decimal(strings.TrimPrefix(s, "-"))
	switch {
	case !ok || neg && (n == 0 || n > 1<<63) || !neg && n > 1<<63-1:
		return 0, false
	case neg:
		return int64(-n), true // -n wraps as the two's complement does
	}
	return int64(n), true
}

func decodeFolder(s string) (string, folder, error) {
	var f folder
	m, rest, ok := strings.Cut(s, " ")
	c, rest, ok1 := strings.Cut(rest, " ")
	i, q, ok2 := strings.Cut(rest, " ")
	if !ok || !ok1 || !ok2 {
		return "", f, errGarbled
	}
	var ok3, ok4, ok5 bool
	f.mtime, ok3 = signed(m)
	f.ctime, ok5 = signed(c)
	f.ino, ok4 = decimal(i)
	p, rest, err := cutQuoted(q)
	if !ok3 || !ok4 || !ok5 || err != nil || rest != "" {
		return "", f, errGarbled
	}
	return p, f, nil
}

func decodeEntry(line string) (string, entry, error) {
	var e entry
	var f [7]string
	rest := line
	for i := range 6 {
		var ok bool
		if f[i], rest, ok = strings.Cut(rest, " "); !ok {
			return "", e, errGarbled
		}
	}
	f[6] = rest
	if !decodeSum(&e.sum, f[0]) {
		return "", e, errGarbled
	}
	var ok1, ok2, ok3, ok4 bool
	e.size, ok1 = signed(f[1])
	e.mtime, ok2 = signed(f[2])
	e.ctime, ok3 = signed(f[3])
	e.ino, ok4 = decimal(f[5])
	mode, err := strconv.ParseUint(f[4], 8, 32)
	if !ok1 || !ok2 || !ok3 || !ok4 || err != nil || fs.FileMode(mode) != fs.FileMode(mode).Perm() {
		return "", e, errGarbled
	}
	e.mode = fs.FileMode(mode)
	key, rest, err := cutQuoted(f[6])
	if err != nil || !strings.HasPrefix(rest, " ") {
		return "", e, errGarbled
	}
	p, rest, err := cutQuoted(rest[1:])
	if err != nil || rest != "" {
		return "", e, errGarbled
	}
	e.key = key
	return p, e, nil
}

// decodeSum reads the lower-case hex that hex.AppendEncode wrote.
func decodeSum(sum *[32]byte, s string) bool {
	if len(s) != 2*len(sum) {
		return false
	}
	for i := range sum {
		hi, ok1 := unhex(s[2*i])
		lo, ok2 := unhex(s[2*i+1])
		if !ok1 || !ok2 {
			return false
		}
		sum[i] = hi<<4 | lo
	}
	return true
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// cutQuoted reads the Go-quoted string s starts with.
func cutQuoted(s string) (string, string, error) {
	// Most are plain: no escapes, so the string is the text between the
	// quotes.
	if len(s) > 0 && s[0] == '"' {
		if i := strings.IndexAny(s[1:], `"\\`); i >= 0 && s[1+i] == '"' && plain(s[1:1+i]) {
			return s[1 : 1+i], s[2+i:], nil
		}
	}
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", "", err
	}
	u, err := strconv.Unquote(q)
	return u, s[len(q):], err
}

// plain says whether strconv.Quote leaves s as it is between its quotes:
// printable ASCII without quote or backslash.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// appendQuoted appends s to buf as strconv.AppendQuote does.
func appendQuoted(buf []byte, s string) []byte {
	if !plain(s) {
		return strconv.AppendQuote(buf, s)
	}
	buf = append(buf, '"')
	buf = append(buf, s...)
	return append(buf, '"')
}

// readManifest reads the manifest at path; nil when there is none or it is
// damaged.
func readManifest(path string) map[string]entry {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	files, err := decodeManifest(data)
	if err != nil {
		return nil
	}
	return files
}

// writeManifest writes the entries to path, replacing what is there.
func writeManifest(path string, files map[string]entry) error {
	return os.WriteFile(path, encodeManifest(files), 0o644)
}

// modTime is the entry's modification time.
func (e *entry) modTime() time.Time { return time.Unix(0, e.mtime) }
