// Package photo prepares the photos volunteers put under content/ for the
// web: it removes what a photo says about its maker, turns it the right way
// up and makes it small enough for a cheap phone. It knows nothing of sites;
// the build decides the names and the pages.
//
// What is removed: EXIF (with the GPS position, the camera's make, model and
// serial number, the time), XMP, IPTC and Photoshop blocks, JPEG comments,
// thumbnails and extra pictures (MPF, data after the end of the image, such
// as the video of a "motion photo"), PNG text and time chunks (tEXt, zTXt,
// iTXt, tIME, eXIf) and any chunk a browser does not need, and the EXIF and
// XMP chunks of WebP.
//
// What is kept: the pixels, and the colour profile (ICC) when it describes
// the published pixels. A phone photo in Display P3 keeps its profile, so a
// colour-managed browser shows its colours as taken; a profile says how to
// read the colours, not who took the photo or where. A profile of another
// colour model than the published file (a CMYK or grey profile when the
// published file is RGB) is dropped. Photos without a profile are sRGB, as
// browsers assume; scaling works on the stored values, as browsers and
// photo programs do.
//
// How: the EXIF orientation (all 8) is read from the first EXIF directory
// (nothing else of the block is decoded) and applied to the pixels. A photo whose longest side is at most Large and
// that needs no turning keeps its compressed data byte for byte: only the
// metadata segments or chunks are cut out, so it loses no quality. A JPEG
// that is still heavier than Heavy is then encoded once more, and the smaller
// of the two is kept. Other photos are decoded, scaled with the Catmull-Rom
// kernel of golang.org/x/image/draw and encoded again by the standard
// library, whose encoders write no metadata: a JPEG as JPEG, a PNG as PNG.
// Go has no WebP encoder: a WebP that must be scaled or turned is published
// as JPEG, or as PNG when it has transparent parts; otherwise it stays WebP.
// A photo wider or higher than SmallFrom also gets a version of Small pixels
// for phones.
//
// The output depends only on the input bytes and the Options: it is the
// same, byte for byte, on every run.
package photo
