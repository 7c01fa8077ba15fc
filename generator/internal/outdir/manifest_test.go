package outdir

import (
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// randomText is a string of the bytes a path or key may hold, and of
// those that need quoting: quotes, backslashes, control bytes, non-ASCII
// letters and broken UTF-8.
func randomText(rng *rand.Rand) string {
	pieces := []string{"a", "Z", "0", "/", ".", "-", " ", "\"", "\\", "\t", "\x7f", "é", "ß", "\xff", "\xc3", "index.html", "verhalen/"}
	var b strings.Builder
	for range 1 + rng.IntN(12) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// TestManifestEncodingIsStrconvQuoting checks the manifest's own quoting
// against strconv's: for every path and key, the manifest holds exactly
// the line strconv.AppendQuote gives, and reading it back gives the same
// path and key.
func TestManifestEncodingIsStrconvQuoting(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		s := randomText(rng)
		if got, want := string(appendQuoted(nil, s)), strconv.Quote(s); got != want {
			t.Fatalf("appendQuoted(%q) = %s, want %s", s, got, want)
		}
		q := strconv.Quote(s) + " rest"
		got, rest, err := cutQuoted(q)
		if err != nil || got != s || rest != " rest" {
			t.Fatalf("cutQuoted(%s) = %q, %q, %v", q, got, rest, err)
		}
		// Text that is not valid quoting is refused as strconv refuses it.
		bad := "\"" + s
		_, _, err = cutQuoted(bad)
		_, qerr := strconv.QuotedPrefix(bad)
		if (err == nil) != (qerr == nil) {
			t.Fatalf("cutQuoted(%q) error %v, strconv: %v", bad, err, qerr)
		}
	}

	files := map[string]entry{}
	for i := range 500 {
		// Paths are valid UTF-8 (fs.ValidPath); keys may be anything.
		p := fmt.Sprintf("d%d/f%s", i%7, strings.ToValidUTF8(strings.ReplaceAll(randomText(rng), "/", "_"), "?"))
		e := entry{key: randomText(rng), size: rng.Int64N(1 << 30), mtime: rng.Int64(), ctime: rng.Int64() - 1<<62, mode: fs.FileMode(rng.IntN(0o1000)), ino: rng.Uint64()}
		for j := range e.sum {
			e.sum[j] = byte(rng.IntN(256))
		}
		files[p] = e
	}
	dirs := map[string]folder{".": {mtime: 1, ino: 2}, "d1": {mtime: rng.Int64(), ctime: rng.Int64() - 1<<62, ino: rng.Uint64()}, "d \"2\"": {mtime: 3, ino: 4}}
	data := encodeRecord(files, dirs)

	// The same file, written line by line with strconv.
	var want strings.Builder
	want.WriteString(manifestHeader + "\n")
	for _, p := range slices.Sorted(maps.Keys(files)) {
		e := files[p]
		fmt.Fprintf(&want, "%s %d %d %d %o %d %s %s\n", hex.EncodeToString(e.sum[:]), e.size, e.mtime, e.ctime, uint32(e.mode), e.ino, strconv.Quote(e.key), strconv.Quote(p))
	}
	for _, p := range slices.Sorted(maps.Keys(dirs)) {
		fmt.Fprintf(&want, "dir %d %d %d %s\n", dirs[p].mtime, dirs[p].ctime, dirs[p].ino, strconv.Quote(p))
	}
	fmt.Fprintf(&want, "end %d %d\n", len(files), len(dirs))
	if string(data) != want.String() {
		t.Fatal("the manifest differs from the one strconv writes")
	}
	gotFiles, gotDirs, err := decodeRecord(data)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(gotFiles, files) || !maps.Equal(gotDirs, dirs) {
		t.Error("reading the manifest back gives other files or folders")
	}
	checkInodes(t, data, files, dirs)
}

// checkInodes checks that decodeInodes reads from data, a record of files
// and dirs, every file's inode and every folder, in copies that outlast
// data.
func checkInodes(t *testing.T, data []byte, files map[string]entry, dirs map[string]folder) {
	t.Helper()
	data = slices.Clone(data)
	inodes, gotDirs, err := decodeInodes(data)
	if err != nil {
		t.Fatalf("decodeInodes: %v", err)
	}
	clear(data) // the paths must be copies
	want := map[string]uint64{}
	for p, e := range files {
		want[p] = e.ino
	}
	if !maps.Equal(inodes, want) || !maps.Equal(gotDirs, dirs) {
		t.Error("decodeInodes gives other files or folders than the record holds")
	}
}

// TestInodesAreReadAsTheRecordIs: decodeInodes, which reads the retained
// site's record, takes what decodeRecord takes and refuses what it
// refuses, for records cut short, with bytes changed or lines swapped.
func TestInodesAreReadAsTheRecordIs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 300 {
		files, dirs := map[string]entry{}, map[string]folder{".": {mtime: 1, ino: 1}}
		for j := range rng.IntN(20) {
			d := fmt.Sprintf("d%d", rng.IntN(4))
			dirs[d] = folder{mtime: rng.Int64(), ino: rng.Uint64()}
			files[fmt.Sprintf("%s/f%d", d, j)] = entry{key: randomText(rng), size: rng.Int64N(1 << 20), mtime: rng.Int64(), ino: rng.Uint64()}
		}
		data := encodeRecord(files, dirs)
		if i%3 != 0 {
			checkInodes(t, data, files, dirs)
		}
		bad := slices.Clone(data)
		switch rng.IntN(3) {
		case 0:
			bad = bad[:rng.IntN(len(bad))]
		case 1:
			bad[rng.IntN(len(bad))] = "x \"\n0\x00"[rng.IntN(6)]
		case 2:
			lines := strings.SplitAfter(string(bad), "\n")
			a, b := rng.IntN(len(lines)), rng.IntN(len(lines))
			lines[a], lines[b] = lines[b], lines[a]
			bad = []byte(strings.Join(lines, ""))
		}
		_, _, err := decodeRecord(bad)
		_, _, ierr := decodeInodes(bad)
		if (err == nil) != (ierr == nil) {
			t.Fatalf("record %q: decodeRecord says %v, decodeInodes %v", bad, err, ierr)
		}
	}
}

// BenchmarkManifest writes and reads the manifest of a site of 22,000
// files in 16,000 folders.
func BenchmarkManifest(b *testing.B) {
	files, dirs := map[string]entry{}, map[string]folder{".": {}}
	for i := range 16000 {
		dir := fmt.Sprintf("activiteiten/activiteit-%05d", i)
		dirs[dir] = folder{mtime: int64(i) << 30, ino: uint64(i)}
		files[dir+"/index.html"] = entry{key: fmt.Sprintf("%064x", i), size: 5000, mtime: int64(i) << 30, ino: uint64(i)}
		if i%3 == 0 {
			files[dir+"/poster.pdf"] = entry{key: fmt.Sprintf("%064x", i), size: 5000, mtime: int64(i) << 30, ino: uint64(i)}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := decodeRecord(encodeRecord(files, dirs)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestManifestNumbersAreStrconvNumbers checks the manifest's own reading
// of numbers against strconv: every number strconv writes reads back the
// same, and text is read as a number only where strconv reads it so too,
// with the same value.
func TestManifestNumbersAreStrconvNumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	values := []uint64{0, 1, 9, 10, 1<<63 - 1, 1 << 63, 1<<64 - 1}
	for range 2000 {
		values = append(values, rng.Uint64()>>rng.IntN(64))
	}
	for _, v := range values {
		if got, ok := decimal(strconv.FormatUint(v, 10)); !ok || got != v {
			t.Fatalf("decimal(%d) = %d, %v", v, got, ok)
		}
		i := int64(v)
		if got, ok := signed(strconv.FormatInt(i, 10)); !ok || got != i {
			t.Fatalf("signed(%d) = %d, %v", i, got, ok)
		}
	}
	texts := []string{"", "-", "-0", "00", "007", "+5", " 5", "5 ", "1e3", "0x10", "18446744073709551616", "99999999999999999999",
		"9223372036854775808", "-9223372036854775808", "-9223372036854775809", "12a"}
	digits := "0123456789-+a"
	for range 5000 {
		b := make([]byte, rng.IntN(22))
		for j := range b {
			b[j] = digits[rng.IntN(len(digits))]
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		if got, ok := decimal(s); ok {
			if want, err := strconv.ParseUint(s, 10, 64); err != nil || want != got {
				t.Errorf("decimal(%q) = %d, strconv: %d, %v", s, got, want, err)
			}
		}
		if got, ok := signed(s); ok {
			if want, err := strconv.ParseInt(s, 10, 64); err != nil || want != got {
				t.Errorf("signed(%q) = %d, strconv: %d, %v", s, got, want, err)
			}
		}
	}
	var sum [32]byte
	for range 200 {
		var want [32]byte
		for j := range want {
			want[j] = byte(rng.IntN(256))
		}
		if !decodeSum(&sum, hex.EncodeToString(want[:])) || sum != want {
			t.Fatalf("decodeSum(%x) = %x", want, sum)
		}
	}
	for _, s := range []string{strings.Repeat("A", 64), strings.Repeat("g", 64), strings.Repeat("0", 63), strings.Repeat("0", 65)} {
		if decodeSum(&sum, s) {
			t.Errorf("decodeSum(%q) accepted", s)
		}
	}
}

// TestManifestAfterABuildIsWrittenAnew: the manifest a build writes by
// taking over the lines of the files recorded as before, and the order of
// the folders, is byte for byte the one written from scratch, whatever
// came, went or changed, and also after a record whose lines are out of
// order.
func TestManifestAfterABuildIsWrittenAnew(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	randomEntry := func() entry {
		e := entry{key: randomText(rng), size: rng.Int64N(1 << 20), mtime: rng.Int64(), ino: rng.Uint64()}
		for i := range e.sum {
			e.sum[i] = byte(rng.IntN(256))
		}
		return e
	}
	randomPath := func() string {
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			b.WriteString([]string{"a", "b", "verhalen", "x y", "é", "index.html", "z"}[rng.IntN(7)])
			b.WriteByte('/')
		}
		b.WriteString([]string{"index.html", "a.ics", "feed.xml"}[rng.IntN(3)])
		return b.String()
	}
	for n := range 500 {
		before := map[string]entry{}
		for range rng.IntN(40) {
			before[randomPath()] = randomEntry()
		}
		beforeDirs := map[string]folder{".": {mtime: 1, ino: 2}}
		for p := range before {
			beforeDirs[path.Dir(p)] = folder{mtime: rng.Int64(), ino: rng.Uint64()}
		}
		data := encodeRecord(before, beforeDirs)
		if n%50 == 0 && len(before) > 1 {
			// Two lines swapped: a record written out of order.
			lines := strings.Split(string(data), "\n")
			lines[1], lines[2] = lines[2], lines[1]
			data = []byte(strings.Join(lines, "\n"))
		}
		if n%50 == 25 && len(beforeDirs) > 1 {
			// Two folders swapped.
			lines := strings.Split(string(data), "\n")
			i := len(before) + 1
			lines[i], lines[i+1] = lines[i+1], lines[i]
			data = []byte(strings.Join(lines, "\n"))
		}
		prev, prevDirs, order, err := decodeRecordLines(data, true)
		if err != nil {
			t.Fatal(err)
		}
		files := maps.Clone(prev)
		for p := range files {
			switch rng.IntN(5) {
			case 0:
				delete(files, p)
			case 1:
				files[p] = randomEntry()
			case 2: // one part changed: made again, or edited by hand
				e, other := files[p], randomEntry()
				switch rng.IntN(5) {
				case 0:
					e.key = other.key
				case 1:
					e.sum = other.sum
				case 2:
					e.size = other.size
				case 3:
					e.mtime = other.mtime
				case 4:
					e.ino = other.ino
				}
				files[p] = e
			}
		}
		for range rng.IntN(5) {
			files[randomPath()] = randomEntry()
		}
		dirs := maps.Clone(prevDirs)
		for p := range dirs {
			switch rng.IntN(6) {
			case 0:
				delete(dirs, p)
			case 1:
				dirs[p] = folder{mtime: rng.Int64(), ino: rng.Uint64()}
			}
		}
		for range rng.IntN(3) {
			dirs[path.Dir(randomPath())] = folder{mtime: rng.Int64(), ino: rng.Uint64()}
		}
		got := encodeFolders(encodeFilesAfter(files, order.files, rng.IntN(100)), dirs, len(files), order.dirs)
		if want := encodeRecord(files, dirs); string(got) != string(want) {
			t.Fatalf("case %d: the manifest after a build\n%s\nwant\n%s", n, got, want)
		}
	}
}

// TestDirOfIsPathDir: for every path fs.ValidPath accepts, dirOf gives
// what path.Dir gives.
func TestDirOfIsPathDir(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	valid := 0
	for range 5000 {
		p := randomText(rng)
		if !fs.ValidPath(p) {
			continue
		}
		valid++
		if got, want := dirOf(p), path.Dir(p); got != want {
			t.Fatalf("dirOf(%q) = %q, path.Dir gives %q", p, got, want)
		}
	}
	if valid < 1000 {
		t.Fatalf("only %d of 5000 random paths were valid", valid)
	}
	for _, p := range []string{".", "a", "a/b", "a/b/c.html"} {
		if got, want := dirOf(p), path.Dir(p); got != want {
			t.Errorf("dirOf(%q) = %q, path.Dir gives %q", p, got, want)
		}
	}
}
