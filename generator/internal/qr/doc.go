// Package qr draws QR codes as inline SVG, for the posters the build
// makes: a volunteer hangs one on the door, a resident points a phone at
// it and lands on the page it names.
//
// The code itself (data encoding, error correction, masking) comes from
// github.com/piglig/go-qr, which gives the grid of modules; this
// package writes that grid as one SVG path with a quiet zone of four
// modules, as ISO/IEC 18004 asks, so that the code prints sharp at any size
// and needs no image file.
package qr
