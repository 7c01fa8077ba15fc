package photo

import (
	"sync"
	"testing"

	"krachtpunt/generator/internal/photo/phototest"
)

// Photos processed at the same time decode no more pixels together than
// the budget allows, and a photo larger than the whole budget is still
// processed, alone.
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
	} {
		t.Run(tc.name, func(t *testing.T) {
			was := decoding
			decoding = newPixelBudget(tc.budget)
			defer func() { decoding = was }()
			var wg sync.WaitGroup
			errs := make([]error, len(tc.photos))
			for i, data := range tc.photos {
				wg.Go(func() {
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
