package photo

import (
	"bytes"
	"encoding/binary"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/rwcarlsen/goexif/exif"

	"krachtpunt/generator/internal/photo/phototest"
)

// bigEndianEXIF is a TIFF block in Motorola order whose first directory
// holds a tag before the orientation, and the orientation as typ.
func bigEndianEXIF(typ uint16, o uint32, before ...[3]uint32) []byte {
	be := binary.BigEndian
	b := []byte("MM\x00*\x00\x00\x00\x08")
	b = be.AppendUint16(b, uint16(len(before)+1))
	for _, e := range before {
		b = be.AppendUint16(b, uint16(e[0]))
		b = be.AppendUint16(b, uint16(e[1]))
		b = be.AppendUint32(b, e[2])
		b = be.AppendUint32(b, 8)
	}
	b = be.AppendUint16(b, 0x0112)
	b = be.AppendUint16(b, typ)
	b = be.AppendUint32(b, 1)
	switch typ {
	case 1:
		b = append(b, byte(o), 0, 0, 0)
	case 3:
		b = be.AppendUint16(b, uint16(o))
		b = append(b, 0, 0)
	default:
		b = be.AppendUint32(b, o)
	}
	return be.AppendUint32(b, 0)
}

func TestOrientationOfEveryForm(t *testing.T) {
	for o := 1; o <= 8; o++ {
		for _, block := range [][]byte{
			phototest.EXIF(o),
			append([]byte("Exif\x00\x00"), phototest.EXIF(o)...),
			bigEndianEXIF(3, uint32(o)),
			bigEndianEXIF(4, uint32(o)),
			bigEndianEXIF(1, uint32(o)),
		} {
			if got := orientation(block); got != orient(o) {
				t.Errorf("orientation of % x = %d, want %d", block[:8], got, o)
			}
			// A reader that is not ours reads the same.
			if x, err := exif.Decode(bytes.NewReader(block)); err == nil {
				if tag, err := x.Get(exif.Orientation); err == nil {
					if v, err := tag.Int(0); err == nil && v != o {
						t.Errorf("goexif reads %d from % x, want %d", v, block[:8], o)
					}
				}
			}
		}
	}
	for name, block := range map[string][]byte{
		"none":          nil,
		"header only":   []byte("Exif\x00\x00"),
		"not TIFF":      []byte("JFIF\x00\x01\x02\x03\x04\x05\x06\x07"),
		"zero":          bigEndianEXIF(3, 0),
		"nine":          bigEndianEXIF(3, 9),
		"text type":     bigEndianEXIF(2, 6),
		"far directory": []byte("II*\x00\xff\xff\xff\xff"),
		"cut off":       bigEndianEXIF(3, 6)[:20],
	} {
		if got := orientation(block); got != 1 {
			t.Errorf("%s: orientation %d, want 1 (as stored)", name, got)
		}
	}
}

// A damaged block whose counts claim billions of values costs nothing to
// read: the orientation of a photo is not worth gigabytes.
func TestOrientationOfADamagedBlockAllocatesNothing(t *testing.T) {
	huge := bigEndianEXIF(3, 6, [3]uint32{0x010F, 12, 0x20000001}, [3]uint32{0x8769, 4, 0xFFFFFFF0})
	if got := orientation(huge); got != 6 {
		t.Errorf("orientation %d, want 6", got)
	}
	if n := testing.AllocsPerRun(5, func() { orientation(huge) }); n != 0 {
		t.Errorf("orientation allocated %v times, want none", n)
	}

	// The photo of 3 KB that made a general EXIF reader ask for 12 GB.
	corpus, err := os.ReadFile("testdata/fuzz/FuzzProcess/dcabdcdc858c68a1")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(corpus), "\n") // version, the photo, its kind
	quoted, ok := strings.CutPrefix(lines[1], "[]byte(")
	if !ok {
		t.Fatalf("corpus entry %.40q is not a photo", lines[1])
	}
	data, err := strconv.Unquote(strings.TrimSuffix(quoted, ")"))
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	Process([]byte(data), JPEG)
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 {
		t.Errorf("processing a damaged photo of %d bytes allocated %d MB", len(data), got>>20)
	}
}
