package photo

import (
	"runtime"
	"sync"
	"testing"

	"krachtpunt/generator/internal/photo/phototest"
)

// Photos processed at the same time, and share pictures made of them,
// decode no more pixels together than the budget allows, and a photo
// larger than the whole budget is still processed, alone.
func TestDecodingStaysWithinItsPixelBudget(t *testing.T) {
	small := phototest.JPEG(phototest.Scene(1800, 1200), nil) // 2.16 megapixels, scaled, so decoded
	large := phototest.JPEG(phototest.Scene(2500, 2000), nil) // 5 megapixels
	for _, tc := range []struct {
		name   string
		budget int64
		photos [][]byte
		peak   int64 // the pixels held at once at the end, at most
	}{
		{"two of three small photos at once", 5_000_000, [][]byte{small, small, small, small, small, small}, 4_320_000},
		{"a photo over the budget alone", 4_000_000, [][]byte{large, small, large, small}, 4_000_000},
		{"share pictures within the budget too", 12_000_000, [][]byte{small, large, small, large, small, large}, 12_000_000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			was := decoding
			decoding = newPixelBudget(tc.budget)
			defer func() { decoding = was }()
			var wg sync.WaitGroup
			errs := make([]error, len(tc.photos))
			for i, data := range tc.photos {
				wg.Go(func() {
					if tc.budget == 12_000_000 && i%2 == 1 {
						v, err := Share(data, JPEG)
						if err == nil && (v.Width != ShareWidth || v.Height != ShareHeight) {
							t.Errorf("photo %d: share picture %dx%d", i, v.Width, v.Height)
						}
						errs[i] = err
						return
					}
					res, err := Process(data, JPEG)
					if err == nil && (res.Main.Width != Large || res.Small == nil) {
						t.Errorf("photo %d: main %dx%d, small %v; want it scaled to %d with a small version", i, res.Main.Width, res.Main.Height, res.Small, Large)
					}
					errs[i] = err
				})
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("photo %d: %v", i, err)
				}
			}
			if decoding.used != 0 {
				t.Errorf("%d pixels still taken after every photo is done", decoding.used)
			}
			if decoding.peak > tc.peak {
				t.Errorf("%d pixels decoded at once, the budget allows %d", decoding.peak, tc.peak)
			}
			if decoding.peak == 0 {
				t.Error("no photo took pixels from the budget")
			}
		})
	}
}

// sharePixels is at least what making a share picture allocates, and not
// far more: measured for a small, a large and a turned photo.
func TestSharePixelsIsWhatASharePictureTakes(t *testing.T) {
	for _, size := range [][2]int{{640, 480}, {480, 640}, {2500, 2000}, {4000, 3000}} {
		data := phototest.JPEG(phototest.Scene(size[0], size[1]), nil)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := Share(data, JPEG); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		allocated := int64(after.TotalAlloc - before.TotalAlloc)
		budget := 4 * sharePixels(size[0], size[1], ShareWidth, ShareHeight)
		t.Logf("%dx%d: budget %d MB, allocated %d MB", size[0], size[1], budget>>20, allocated>>20)
		if budget < allocated*8/10 || budget > allocated*3 {
			t.Errorf("%dx%d: the budget counts %d MB, making the picture allocated %d MB", size[0], size[1], budget>>20, allocated>>20)
		}
	}
}
