package photo

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image/png"
	"io"
)

const pngSig = "\x89PNG\r\n\x1a\n"

// pngKeep are the ancillary chunks a PNG keeps: how to read the colours,
// transparency, the pixel density and the frames of an animated PNG.
// Every other ancillary chunk is dropped, among them tEXt, zTXt, iTXt,
// tIME and eXIf; critical chunks (IHDR, PLTE, IDAT, IEND) are always kept.
var pngKeep = map[string]bool{
	"cHRM": true, "gAMA": true, "iCCP": true, "sBIT": true, "sRGB": true, "cICP": true,
	"tRNS": true, "bKGD": true, "pHYs": true,
	"acTL": true, "fcTL": true, "fdAT": true,
}

// readPNG walks the chunks of a PNG file.
func readPNG(data []byte) (*source, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	src := &source{format: PNG, width: cfg.Width, high: cfg.Height}
	damaged := fmt.Errorf("%w: the PNG chunks are broken", ErrDamaged)
	if !bytes.HasPrefix(data, []byte(pngSig)) {
		return nil, damaged
	}
	out := make([]byte, 0, len(data))
	out = append(out, pngSig...)
	for i := len(pngSig); ; {
		if i+8 > len(data) {
			return nil, damaged
		}
		n := int(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		if n < 0 || i+12+n > len(data) {
			return nil, damaged
		}
		chunk := data[i : i+12+n]
		body := chunk[8 : 8+n]
		i += 12 + n
		critical := typ[0] >= 'A' && typ[0] <= 'Z'
		switch {
		case typ == "eXIf":
			src.exif = body
		case typ == "acTL":
			src.animated = true
		case typ == "iCCP":
			src.profile = inflateICC(body)
		}
		if critical || pngKeep[typ] {
			out = append(out, chunk...)
		}
		if typ == "IEND" {
			break
		}
	}
	src.stripped = out
	return src, nil
}

// inflateICC returns the profile of an iCCP chunk: a name, a zero byte,
// the compression method (0) and the zlib stream.
func inflateICC(body []byte) []byte {
	k := bytes.IndexByte(body, 0)
	if k < 0 || k+2 > len(body) || body[k+1] != 0 {
		return nil
	}
	r, err := zlib.NewReader(bytes.NewReader(body[k+2:]))
	if err != nil {
		return nil
	}
	p, err := io.ReadAll(io.LimitReader(r, 16<<20))
	if err != nil {
		return nil
	}
	return p
}

// withPNGProfile puts the ICC profile into a PNG that the standard library
// wrote, in an iCCP chunk right after IHDR, where the PNG specification
// wants it: before PLTE and IDAT.
func withPNGProfile(data, profile []byte) []byte {
	if len(profile) == 0 {
		return data
	}
	var z bytes.Buffer
	z.WriteString("ICC profile\x00\x00")
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	_, _ = w.Write(profile)
	_ = w.Close()
	body := z.Bytes()
	ihdrEnd := len(pngSig) + 8 + 13 + 4
	out := make([]byte, 0, len(data)+len(body)+12)
	out = append(out, data[:ihdrEnd]...)
	out = binary.BigEndian.AppendUint32(out, uint32(len(body)))
	start := len(out)
	out = append(out, "iCCP"...)
	out = append(out, body...)
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
	return append(out, data[ihdrEnd:]...)
}
