package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"golang.org/x/image/riff"
	"golang.org/x/image/webp"
)

// webpKeep are the chunks a WebP keeps: the image, its transparency, its
// animation and its colour profile. EXIF, XMP and unknown chunks go.
var webpKeep = map[string]bool{"VP8 ": true, "VP8L": true, "VP8X": true, "ALPH": true, "ANIM": true, "ANMF": true, "ICCP": true}

// VP8X flags (WebP container specification).
const (
	vp8xAnimation = 0x02
	vp8xXMP       = 0x04
	vp8xEXIF      = 0x08
)

// readWebP walks the chunks of a WebP file, with the RIFF reader of
// x/image.
func readWebP(data []byte) (*source, error) {
	src := &source{format: WebP}
	form, r, err := riff.NewReader(bytes.NewReader(data))
	if err != nil || string(form[:]) != "WEBP" {
		return nil, fmt.Errorf("%w: not a WebP file", ErrDamaged)
	}
	var body []byte
	for {
		id, n, chunk, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		payload := make([]byte, n)
		if _, err := io.ReadFull(chunk, payload); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		typ := string(id[:])
		switch typ {
		case "EXIF":
			src.exif = payload
		case "ICCP":
			src.profile = payload
		case "VP8X":
			if len(payload) >= 1 {
				src.animated = payload[0]&vp8xAnimation != 0
				if len(payload) >= 10 {
					// The canvas, for an animation, which x/image cannot read.
					src.width = 1 + (int(payload[4]) | int(payload[5])<<8 | int(payload[6])<<16)
					src.high = 1 + (int(payload[7]) | int(payload[8])<<8 | int(payload[9])<<16)
				}
				payload[0] &^= vp8xEXIF | vp8xXMP
			}
		}
		if !webpKeep[typ] {
			continue
		}
		body = append(body, id[:]...)
		body = binary.LittleEndian.AppendUint32(body, n)
		body = append(body, payload...)
		if n%2 == 1 {
			body = append(body, 0)
		}
	}
	if !src.animated {
		cfg, err := webp.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		src.width, src.high = cfg.Width, cfg.Height
	}
	out := make([]byte, 0, len(body)+12)
	out = append(out, "RIFF"...)
	out = binary.LittleEndian.AppendUint32(out, uint32(4+len(body)))
	out = append(out, "WEBP"...)
	src.stripped = append(out, body...)
	return src, nil
}
