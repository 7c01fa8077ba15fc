package photo

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image/jpeg"
)

// JPEG markers (ITU T.81, B.1.1.3).
const (
	mSOI  = 0xD8
	mEOI  = 0xD9
	mSOS  = 0xDA
	mAPP0 = 0xE0
	mAPP1 = 0xE1
	mAPP2 = 0xE2
	mAPPE = 0xEE // Adobe: how the colours are stored
	mAPPF = 0xEF
	mCOM  = 0xFE
)

const iccSig = "ICC_PROFILE\x00"

// readJPEG walks the segments of a JPEG file and keeps those a decoder
// needs: the tables, frame and scans, JFIF without its thumbnail, the
// Adobe segment and the ICC profile. It drops the other application
// segments (EXIF and XMP in APP1, MPF in APP2, IPTC in APP13, makers' own),
// comments, and everything after the end of the image.
func readJPEG(data []byte) (*source, error) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	src := &source{format: JPEG, width: cfg.Width, high: cfg.Height}
	damaged := fmt.Errorf("%w: the JPEG segments are broken", ErrDamaged)
	if len(data) < 4 || data[0] != 0xFF || data[1] != mSOI {
		return nil, damaged
	}
	out := make([]byte, 0, len(data))
	out = append(out, 0xFF, mSOI)
	var icc [][]byte // the profile's chunks, in the order of their numbers
	i := 2
	for {
		if i >= len(data) || data[i] != 0xFF {
			return nil, damaged
		}
		for i < len(data) && data[i] == 0xFF { // fill bytes
			i++
		}
		if i >= len(data) {
			return nil, damaged
		}
		m := data[i]
		i++
		if m == mEOI {
			out = append(out, 0xFF, mEOI)
			break
		}
		if m == 0x01 || (m >= 0xD0 && m <= 0xD7) { // segments without a length
			out = append(out, 0xFF, m)
			continue
		}
		if i+2 > len(data) {
			return nil, damaged
		}
		n := int(binary.BigEndian.Uint16(data[i:]))
		if n < 2 || i+n > len(data) {
			return nil, damaged
		}
		seg := data[i : i+n] // length and payload
		body := seg[2:]
		i += n
		switch {
		case m == mAPP0 && bytes.HasPrefix(body, []byte("JFIF\x00")) && len(body) >= 14:
			// Keep the version and density; drop the thumbnail.
			j := append([]byte(nil), body[:14]...)
			j[12], j[13] = 0, 0
			out = append(out, 0xFF, mAPP0, 0, 16)
			out = append(out, j...)
		case m == mAPP1 && bytes.HasPrefix(body, []byte("Exif\x00\x00")):
			if src.exif == nil {
				src.exif = body
			}
		case m == mAPP2 && bytes.HasPrefix(body, []byte(iccSig)) && len(body) > len(iccSig)+2:
			out = append(out, 0xFF, m)
			out = append(out, seg...)
			seq, count := int(body[len(iccSig)]), int(body[len(iccSig)+1])
			if len(icc) == 0 && count > 0 {
				icc = make([][]byte, count)
			}
			if seq >= 1 && seq <= len(icc) {
				icc[seq-1] = body[len(iccSig)+2:]
			}
		case m == mAPPE && bytes.HasPrefix(body, []byte("Adobe")):
			out = append(out, 0xFF, m)
			out = append(out, seg...)
		case m >= mAPP0 && m <= mAPPF, m == mCOM:
			// metadata: dropped
		default:
			out = append(out, 0xFF, m)
			out = append(out, seg...)
		}
		if m == mSOS {
			// The entropy-coded data runs to the next marker that is not
			// a stuffed 0xFF or a restart marker.
			j := i
			for j+1 < len(data) {
				if data[j] == 0xFF && data[j+1] != 0 && (data[j+1] < 0xD0 || data[j+1] > 0xD7) {
					break
				}
				j++
			}
			if j+1 >= len(data) {
				return nil, damaged
			}
			out = append(out, data[i:j]...)
			i = j
		}
	}
	src.stripped = out
	src.profile = joinICC(icc)
	return src, nil
}

func joinICC(chunks [][]byte) []byte {
	var p []byte
	for _, c := range chunks {
		if c == nil {
			return nil // a chunk is missing: the profile cannot be used
		}
		p = append(p, c...)
	}
	return p
}

// withJPEGProfile puts the ICC profile into a JPEG that the standard
// library wrote, right after its start, in APP2 segments of at most 64 KB.
func withJPEGProfile(data, profile []byte) []byte {
	if len(profile) == 0 {
		return data
	}
	const max = 65533 - len(iccSig) - 2
	count := (len(profile) + max - 1) / max
	if count > 255 {
		return data
	}
	out := make([]byte, 0, len(data)+len(profile)+count*18)
	out = append(out, data[:2]...)
	for k := range count {
		chunk := profile[k*max : min(len(profile), (k+1)*max)]
		n := 2 + len(iccSig) + 2 + len(chunk)
		out = append(out, 0xFF, mAPP2, byte(n>>8), byte(n))
		out = append(out, iccSig...)
		out = append(out, byte(k+1), byte(count))
		out = append(out, chunk...)
	}
	return append(out, data[2:]...)
}
