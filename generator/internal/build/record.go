package build

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"time"
	"unsafe"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/fileid"
	"krachtpunt/generator/internal/photo"
)

// A Record is the file in which a build keeps, next to its output folder,
// what it parsed: for every content file its size, modification time,
// change time and file number (see package fileid), the hash of its bytes
// and the parsed file. The next build takes a parsed file over without
// reading the file when the file still has that size, those times and
// that number; so a build after one edit reads one file, not ten
// thousand. The change time catches an edit that keeps the length and
// sets the modification time back, as a copy that keeps times does.
//
// The record is a cache, never a source of truth. A record that cannot be
// read, is damaged, or was written by another version of the program or
// for another site folder is ignored, and the build reads every file. What
// a parsed file depends on (its bytes, and which of the files it names
// exist) is checked as for the preview's Builder, so a taken-over file
// gives the same site, byte for byte, as reading it.
//
// A file changed just after it was read, within the same tick of the file
// system's clock, keeps its time; with the same size the record would not
// see the change. As git does with its index, the record trusts only files
// whose modification time is older than the build that wrote it began
// (less a margin for file systems that keep coarse times): a file changed
// at or after that is read again. The change time is compared as it is,
// as git does too; an edit that sets the modification time back within
// the very clock tick (a few milliseconds) in which the build looked at
// the file would not be seen.
type Record struct {
	path  string    // the record file
	site  string    // the site folder, absolute
	start time.Time // when the record was made, before the build looked at any file

	loaded      bool
	old         map[string]*recFile  // what the record held; nil when unusable
	oldPhotos   map[string]*recPhoto // the processed photos it held
	taken       atomic.Int64         // how many parsed files were taken over
	photosTaken atomic.Int64         // how many processed photos were taken over
	pending     *recordData          // what this build found, for Save
	reading     chan struct{}        // closed once data and readErr are read
	data        *recordData          // the record as read, until load takes it
	readErr     error
	written     chan error // Write's result, until Save or Discard takes it
}

// recordMagic begins every record; recordVersion is the version of its
// form, raised whenever recFile or anything parsed changes shape.
const (
	recordMagic   = "krachtpunt parsed files\n"
	recordVersion = 4
)

// racyMargin is how much older than the build that wrote the record a
// file's time must be for the record to vouch for it: more than the
// coarsest time a file system keeps (FAT: 2 seconds).
const racyMargin = 2*time.Second + time.Millisecond

// recordData is the content of a record after its magic and version.
type recordData struct {
	Program string // programSum of the program that wrote it
	Site    string // the site folder
	// Before: only files whose modification time (Unix nanoseconds) is
	// before this are trusted.
	Before int64
	Files  []recFile
	Photos []recPhoto
}

// recPhoto is one photo in the record: the state of the original, the
// sha256 of its bytes and what processing made of it, without the bytes
// (they are in the published site; see published.result).
type recPhoto struct {
	Rel    string
	Size   int64
	Mtime  int64 // Unix nanoseconds
	Ctime  int64 // Unix nanoseconds; 0 where the system does not say
	Ino    uint64
	Sum    [32]byte
	Main   recVersion
	Small  *recVersion
	Scaled bool
}

// recVersion is a processed version of a photo, without its bytes.
type recVersion struct {
	Format        int
	Width, Height int
	Bytes         int // how many bytes the version has
}

// recFile is one content file in the record.
type recFile struct {
	Rel   string
	Size  int64
	Mtime int64 // Unix nanoseconds
	Ctime int64 // Unix nanoseconds; 0 where the system does not say
	Ino   uint64
	// The rest is a parsedFile's.
	Sum               string
	Asked             map[string]bool
	Scan              []string
	ScanFor           string
	ShowsSum, ShowsOf string
	ShowsIn           string
	Item              *content.Item
}

// NewRecord returns the record in the file path, for the site folder site.
// Call it before the build looks at any file of the site: the record is
// read and decoded in the background from then on, while the build
// starts, and the build's first look at it waits for that.
func NewRecord(path, site string) *Record {
	abs, err := filepath.Abs(site)
	if err != nil {
		abs = site
	}
	rec := &Record{path: path, site: abs, start: time.Now(), reading: make(chan struct{})}
	go func() {
		defer close(rec.reading)
		if fileid.HaveNumbers {
			rec.data, rec.readErr = rec.read()
		}
	}()
	return rec
}

// load takes over what NewRecord read, once; a record that cannot be
// used is left out.
func (rec *Record) load() {
	if rec.loaded {
		return
	}
	rec.loaded = true
	<-rec.reading
	if !fileid.HaveNumbers {
		return // a file cannot be told apart from another one of its size and time
	}
	data, err := rec.data, rec.readErr
	rec.data = nil
	if err != nil {
		return // the build reads every file
	}
	rec.old = make(map[string]*recFile, len(data.Files))
	for i := range data.Files {
		f := &data.Files[i]
		if f.Mtime < data.Before && f.Item != nil && f.Item.Rel == f.Rel {
			rec.old[f.Rel] = f
		}
	}
	rec.oldPhotos = make(map[string]*recPhoto, len(data.Photos))
	for i := range data.Photos {
		if f := &data.Photos[i]; f.Mtime < data.Before {
			rec.oldPhotos[f.Rel] = f
		}
	}
}

// photo returns the recorded photo rel when the file fi has the recorded
// size, times and number; else nil.
func (rec *Record) photo(rel string, fi fs.FileInfo) *recPhoto {
	f := rec.oldPhotos[rel]
	if f == nil {
		return nil
	}
	if statOf(fi) != (fileStat{size: f.Size, mtime: f.Mtime, ctime: f.Ctime, ino: f.Ino, ok: true}) {
		return nil
	}
	rec.photosTaken.Add(1)
	return f
}

// read reads and checks the record file.
func (rec *Record) read() (*recordData, error) {
	go programSum() // hashed while the record is read
	raw, err := os.ReadFile(rec.path)
	if err != nil {
		return nil, err
	}
	data, err := decodeRecord(raw)
	if err != nil {
		return nil, err
	}
	if data.Program != programSum() || data.Site != rec.site {
		return nil, errors.New("the record is of another program or site")
	}
	return data, nil
}

// decodeRecord reads a record: magic, version, the data and a CRC-32C of
// all before it, so a record torn by a crash is noticed.
func decodeRecord(raw []byte) (*recordData, error) {
	if len(raw) < len(recordMagic)+5 || string(raw[:len(recordMagic)]) != recordMagic {
		return nil, errFlat
	}
	body, tail := raw[:len(raw)-4], raw[len(raw)-4:]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(tail) {
		return nil, errFlat
	}
	// The strings of the parsed files are slices of raw, which is not
	// changed after: no copy of the ten or twenty megabytes.
	d := &flatDecoder{data: unsafe.String(&body[len(recordMagic)], len(body)-len(recordMagic))}
	var version uint64
	if err := d.decode(&version); err != nil || version != recordVersion {
		return nil, fmt.Errorf("the record has version %d, not %d", version, recordVersion)
	}
	data := &recordData{}
	if err := d.decode(data); err != nil {
		return nil, err
	}
	if d.off != len(d.data) {
		return nil, errFlat
	}
	return data, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// lookup returns the recorded parsed file rel when the file fi has the
// recorded size, times and number and its image names still find what
// they found; else nil.
func (rec *Record) lookup(rel string, fi fs.FileInfo, exists map[string]bool) *parsedFile {
	f := rec.old[rel]
	if f == nil || !f.matches(fi) {
		return nil
	}
	pf := &parsedFile{item: f.Item, sum: f.Sum, asked: f.Asked, scan: f.Scan, scanFor: f.ScanFor,
		showsSum: f.ShowsSum, showsOf: f.ShowsOf, showsIn: input(f.ShowsIn)}
	if !pf.holds(exists) {
		return nil
	}
	rec.taken.Add(1)
	return pf
}

func (f *recFile) matches(fi fs.FileInfo) bool {
	return statOf(fi) == fileStat{size: f.Size, mtime: f.Mtime, ctime: f.Ctime, ino: f.Ino, ok: true}
}

// fileStat is what the record keeps of a file's state; ok when it is a
// regular file with a number.
type fileStat struct {
	size, mtime, ctime int64
	ino                uint64
	ok                 bool
}

func statOf(fi fs.FileInfo) fileStat {
	ino, ok := fileid.Number(fi)
	return fileStat{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ctime: fileid.ChangeTime(fi), ino: ino,
		ok: ok && fi.Mode().IsRegular()}
}

// keep makes what a good build parsed the next record: files[i] was read
// (or taken over) when the file had stats[i].
func (rec *Record) keep(files []*parsedFile, stats []fileStat) {
	data := &recordData{Program: programSum(), Site: rec.site, Before: rec.start.Add(-racyMargin).UnixNano()}
	data.Files = make([]recFile, 0, len(files))
	for i, pf := range files {
		st := stats[i]
		if pf == nil || pf.sum == "" || !st.ok {
			continue
		}
		data.Files = append(data.Files, recFile{Rel: pf.item.Rel, Size: st.size, Mtime: st.mtime, Ctime: st.ctime, Ino: st.ino,
			Sum: pf.sum, Asked: pf.asked, Scan: pf.scan, ScanFor: pf.scanFor,
			ShowsSum: pf.showsSum, ShowsOf: pf.showsOf, ShowsIn: string(pf.showsIn), Item: pf.item})
	}
	rec.pending = data
}

// keepPhotos adds the processed photos of a good build to the next record.
func (rec *Record) keepPhotos(set *photoSet) {
	if rec.pending == nil {
		return
	}
	for _, rel := range slices.Sorted(maps.Keys(set.byRel)) {
		pub := set.byRel[rel]
		if !pub.stat.ok {
			continue
		}
		version := func(v *photo.Version, n int) recVersion {
			return recVersion{Format: int(v.Format), Width: v.Width, Height: v.Height, Bytes: n}
		}
		f := recPhoto{Rel: rel, Size: pub.stat.size, Mtime: pub.stat.mtime, Ctime: pub.stat.ctime, Ino: pub.stat.ino,
			Sum:  pub.sum,
			Main: version(&pub.res.Main, pub.size), Scaled: pub.res.Scaled}
		if s := pub.res.Small; s != nil {
			v := version(s, pub.smallSize)
			f.Small = &v
		}
		rec.pending.Photos = append(rec.pending.Photos, f)
	}
}

// result is what processing made of the photo, without the bytes.
func (f *recPhoto) result() *photo.Result {
	version := func(v *recVersion) photo.Version {
		return photo.Version{Format: photo.Format(v.Format), Width: v.Width, Height: v.Height}
	}
	res := &photo.Result{Main: version(&f.Main), Scaled: f.Scaled}
	if f.Small != nil {
		s := version(f.Small)
		res.Small = &s
	}
	return res
}

// Write starts writing what the build found to the record's temporary
// file, in the background, so that it is written while the site is put in
// place; Save then renames it over the record, Discard removes it. A
// build that failed leaves nothing to write, and Write does nothing.
func (rec *Record) Write() {
	if rec == nil || rec.pending == nil || !fileid.HaveNumbers || rec.written != nil {
		return
	}
	data := rec.pending
	rec.pending = nil
	done := make(chan error, 1)
	rec.written = done
	go func() { done <- rec.writeTemp(data) }()
}

// writeTemp writes data to the record's temporary file.
func (rec *Record) writeTemp(data *recordData) error {
	f, err := os.OpenFile(rec.temp(), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	err = writeRecordTo(f, data)
	return errors.Join(err, f.Close())
}

func (rec *Record) temp() string { return rec.path + ".tmp" }

// Save writes what the build found to the record file, through a
// temporary file renamed over it, so the record is whole or absent. Call
// it only after the site the build made is in place. A build that failed
// leaves nothing to save, and Save does nothing.
func (rec *Record) Save() error {
	if rec == nil {
		return nil
	}
	rec.Write()
	if rec.written == nil {
		return nil
	}
	err := <-rec.written
	rec.written = nil
	if err == nil {
		err = os.Rename(rec.temp(), rec.path)
	}
	if err != nil {
		os.Remove(rec.temp())
		return fmt.Errorf("writing the record of the parsed files: %w", err)
	}
	return nil
}

// Discard removes what Write wrote when Save did not take it: for a
// build whose site was not put in place.
func (rec *Record) Discard() {
	if rec == nil || rec.written == nil {
		return
	}
	<-rec.written
	rec.written = nil
	os.Remove(rec.temp())
}

// writeRecordTo writes data as decodeRecord reads it, a file at a time, so
// the record is never whole in memory.
func writeRecordTo(w io.Writer, data *recordData) error {
	crc := crc32.New(castagnoli)
	e := &flatEncoder{buf: make([]byte, 0, 64<<10)}
	flush := func() error {
		crc.Write(e.buf)
		_, err := w.Write(e.buf)
		e.buf = e.buf[:0]
		return err
	}
	e.buf = append(e.buf, recordMagic...)
	v := uint64(recordVersion)
	e.encode(&v)
	// The fields of recordData, in order, as the encoding of the whole.
	e.encode(&data.Program)
	e.encode(&data.Site)
	e.encode(&data.Before)
	if data.Files == nil {
		e.buf = append(e.buf, 0)
	} else {
		e.buf = binary.AppendUvarint(e.buf, uint64(len(data.Files))+1)
	}
	for i := range data.Files {
		e.encode(&data.Files[i])
		if len(e.buf) >= 32<<10 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	e.encode(&data.Photos)
	if err := flush(); err != nil {
		return err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, crc.Sum32()))
	return err
}

// Path returns the record file's path.
func (rec *Record) Path() string { return rec.path }

// readStat reads the file rel of the site with the state it had before
// it was read.
func readStat(site fs.FS, name string) ([]byte, fs.FileInfo, error) {
	f, err := site.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	data := make([]byte, 0, fi.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, fi, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
