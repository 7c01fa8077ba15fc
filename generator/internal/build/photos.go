package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"krachtpunt/generator/internal/content"
	"krachtpunt/generator/internal/diag"
	"krachtpunt/generator/internal/photo"
	"krachtpunt/generator/internal/render"
)

// published is one photo of the site, ready to publish.
type published struct {
	sum   [sha256.Size]byte // of the original's bytes
	res   *photo.Result     // without the bytes when taken from the record: see result
	main  string            // path in the site of the main version
	small string            // path of the version for phones; "" when none
	// The lengths of the versions' bytes.
	size, smallSize int
	// With a Record: the original's state when it was read or vouched for.
	stat fileStat

	// again, for a photo taken from the record, processes it once more
	// when its bytes are needed after all (a published file that was
	// removed, a share picture made anew).
	again func() (*photo.Result, error)
	once  sync.Once
	full  *photo.Result
	err   error
}

// result returns the processed photo with its bytes.
func (pub *published) result() (*photo.Result, error) {
	if pub.again == nil {
		return pub.res, nil
	}
	pub.once.Do(func() { pub.full, pub.err = pub.again() })
	return pub.full, pub.err
}

// mainData and smallData return the bytes of the versions.
func (pub *published) mainData() ([]byte, error) {
	res, err := pub.result()
	if err != nil {
		return nil, err
	}
	return res.Main.Data, nil
}

func (pub *published) smallData() ([]byte, error) {
	res, err := pub.result()
	if err != nil {
		return nil, err
	}
	if res.Small == nil {
		return nil, fmt.Errorf("processing %s/%s again made no version for phones", content.Dir, pub.main)
	}
	return res.Small.Data, nil
}

// name sets where the versions of the photo rel, of format f, are
// published.
func (pub *published) name(rel string, f photo.Format) {
	res := pub.res
	pub.main = rel
	ext := path.Ext(rel)
	base := strings.TrimSuffix(rel, ext)
	if res.Main.Format != f {
		pub.main = base + res.Main.Format.Ext()
	}
	if res.Small != nil {
		sext := ext
		if res.Small.Format != f {
			sext = res.Small.Format.Ext()
		}
		pub.small = base + "-" + strconv.Itoa(photo.Small) + sext
	}
}

// photoSet is every photo under content/, by its path under content/.
type photoSet struct {
	byRel map[string]*published
}

// photoCache keeps processed photos between the builds of a Builder, by
// the sha256 of the original's bytes: an unchanged photo is not processed
// again, a changed one (also the same name with other pixels) always is.
type photoCache map[[sha256.Size]byte]*photo.Result

// processPhotos prepares every JPEG, PNG and WebP under content/: each
// once, in parallel, taking over what the last build made of a photo that
// did not change, what the cache holds for bytes seen before, and with a
// Record what it vouches for.
func (r *run) processPhotos(ctx context.Context, site *content.Site) (*photoSet, error) {
	set := &photoSet{byRel: map[string]*published{}}
	var mu sync.Mutex
	rec := r.b.rec
	if r.b.out == nil {
		rec = nil // the Builder's cache keeps the photos with their bytes
	}
	if rec != nil {
		rec.load()
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	var diags diag.List
	for _, rel := range site.Files {
		if photo.Unreadable(rel) {
			mu.Lock()
			diags.Errorf(diag.Pos{File: content.Dir + "/" + rel}, "photo-format",
				diag.T("de foto %q kan Krachtpunt niet lezen, dus ook niet ontdoen van wat erin staat (zoals waar hij gemaakt is); veel browsers tonen hem ook niet", "Krachtpunt cannot read the photo %q, so it cannot remove what it holds (such as where it was taken); many browsers cannot show it either", path.Base(rel)),
				diag.T("Bewaar de foto als JPEG (.jpg), bijvoorbeeld met Exporteren in een fotoprogramma, en haal dit bestand weg.", "Save the photo as JPEG (.jpg), for example with Export in a photo program, and remove this file."))
			mu.Unlock()
			continue
		}
		f, ok := photo.FormatOf(rel)
		if !ok {
			continue
		}
		if !r.full && !r.changed[rel] && r.last.photos != nil {
			if pub := r.last.photos.byRel[rel]; pub != nil {
				mu.Lock() // the photos being processed are added too
				set.byRel[rel] = pub
				mu.Unlock()
				continue
			}
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			name := content.Dir + "/" + rel
			var st fileStat
			if rec != nil {
				if fi, err := fs.Stat(r.b.site, name); err == nil {
					if rp := rec.photo(rel, fi); rp != nil {
						pub := &published{sum: rp.Sum, res: rp.result(), size: rp.Main.Bytes, stat: statOf(fi)}
						if rp.Small != nil {
							pub.smallSize = rp.Small.Bytes
						}
						pub.name(rel, f)
						pub.again = func() (*photo.Result, error) {
							data, err := fs.ReadFile(r.b.site, name)
							if err != nil {
								return nil, fmt.Errorf("reading %s: %w", name, err)
							}
							if sha256.Sum256(data) != rp.Sum {
								return nil, fmt.Errorf("reading %s: the file changed during the build", name)
							}
							mu.Lock()
							r.processed = append(r.processed, rel)
							mu.Unlock()
							return photo.Process(data, f)
						}
						mu.Lock()
						set.byRel[rel] = pub
						mu.Unlock()
						return nil
					}
				}
			}
			var data []byte
			var err error
			if rec != nil {
				var fi fs.FileInfo
				if data, fi, err = readStat(r.b.site, name); err == nil {
					st = statOf(fi)
				}
			} else {
				data, err = fs.ReadFile(r.b.site, name)
			}
			if err != nil {
				return fmt.Errorf("reading %s/%s: %w", content.Dir, rel, err)
			}
			sum := sha256.Sum256(data)
			mu.Lock()
			res := r.b.photos[sum]
			mu.Unlock()
			if res == nil {
				mu.Lock()
				r.processed = append(r.processed, rel)
				mu.Unlock()
				res, err = photo.Process(data, f)
				if err != nil {
					mu.Lock()
					photoProblem(&diags, rel, err)
					mu.Unlock()
					return nil
				}
			}
			pub := &published{sum: sum, res: res, size: len(res.Main.Data), stat: st}
			if res.Small != nil {
				pub.smallSize = len(res.Small.Data)
			}
			pub.name(rel, f)
			mu.Lock()
			set.byRel[rel] = pub
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	r.diags.Append(diags)
	if r.b.out == nil {
		// Keep for the next build; what this build no longer uses goes
		// after a good build (see keepPhotos).
		if r.b.photos == nil {
			r.b.photos = photoCache{}
		}
		for _, pub := range set.byRel {
			r.b.photos[pub.sum] = pub.res
		}
	}
	set.check(site, &r.diags)
	return set, nil
}

// keepPhotos drops from the cache the photos the last good build did not
// use, so the cache holds what the site holds.
func (b *Builder) keepPhotos(set *photoSet) {
	if b.photos == nil {
		return
	}
	used := make(map[[sha256.Size]byte]bool, len(set.byRel))
	for _, pub := range set.byRel {
		used[pub.sum] = true
	}
	for sum := range b.photos {
		if !used[sum] {
			delete(b.photos, sum)
		}
	}
}

func photoProblem(diags *diag.List, rel string, err error) {
	pos := diag.Pos{File: content.Dir + "/" + rel}
	name := path.Base(rel)
	switch {
	case errors.Is(err, photo.ErrTooLarge):
		diags.Errorf(pos, "photo-too-large",
			diag.T("de foto %q heeft te veel pixels (meer dan 100 miljoen) om te verwerken", "the photo %q has too many pixels (more than 100 million) to process", name),
			diag.T("Maak de foto kleiner in een fotoprogramma, bijvoorbeeld 4000 pixels breed, en bewaar hem opnieuw.", "Make the photo smaller in a photo program, for example 4000 pixels wide, and save it again."))
	default:
		diags.Errorf(pos, "photo-damaged",
			diag.T("de foto %q kan niet gelezen worden", "the photo %q cannot be read", name),
			diag.T("Open de foto in een fotoprogramma en bewaar hem opnieuw als JPEG (.jpg); of haal hem weg.", "Open the photo in a photo program and save it again as JPEG (.jpg); or remove it."))
	}
}

// check reports photos still heavy after processing, and versions whose
// names are taken by another file.
func (set *photoSet) check(site *content.Site, diags *diag.List) {
	owner := map[string]string{} // published path -> the content file it comes from
	for _, f := range site.Files {
		if set.byRel[f] == nil {
			owner[f] = f
		}
	}
	for _, rel := range site.Files {
		pub := set.byRel[rel]
		if pub == nil {
			continue
		}
		pos := diag.Pos{File: content.Dir + "/" + rel}
		for _, out := range []string{pub.main, pub.small} {
			if out == "" {
				continue
			}
			if other, taken := owner[out]; taken && other != rel {
				diags.Errorf(pos, "photo-name-taken",
					diag.T("de foto %q wordt gepubliceerd als %q, maar die naam heeft %q al", "the photo %q is published as %q, but %q already has that name", path.Base(rel), path.Base(out), content.Dir+"/"+other),
					diag.T("Geef een van de twee bestanden een andere naam.", "Give one of the two files another name."))
				continue
			}
			owner[out] = rel
		}
		if n := pub.size; n > photo.Heavy {
			hint := diag.T("Maak de foto kleiner, of bewaar hem in een fotoprogramma opnieuw als JPEG met een lagere kwaliteit (bijvoorbeeld 75%%).",
				"Make the photo smaller, or save it again in a photo program as JPEG with a lower quality (for example 75%%).")
			if pub.res.Main.Format != photo.JPEG {
				hint = diag.T("Bewaar de foto als JPEG (.jpg): voor foto's is dat veel lichter dan PNG.", "Save the photo as JPEG (.jpg): for photos that is much lighter than PNG.")
			}
			diags.Warnf(pos, "heavy-photo",
				diag.T("de foto %q is ook na het lichter maken nog %d KB; op een telefoon laadt die traag (houd een foto onder %d KB)", "the photo %q is still %d KB after making it lighter; it loads slowly on a phone (keep a photo under %d KB)", path.Base(rel), (n+512)>>10, photo.Heavy>>10),
				hint)
		}
	}
}

// imageSizes is what the theme's column is wide: 46rem of 18px less the
// padding (static/style.css of the default theme, .wrap), the whole screen
// less the padding on phones.
// It lets the browser choose the version of a photo before the style sheet
// is read.
const imageSizes = "(min-width: 828px) 792px, calc(100vw - 36px)"

// Image implements render.Links: how a page shows the image rel under
// content/.
func (p *plan) Image(rel string) (render.Image, bool) {
	if pub := p.photos.byRel[rel]; pub != nil {
		img := render.Image{URL: p.cfg.Link("/" + pub.main), Width: pub.res.Main.Width, Height: pub.res.Main.Height}
		if pub.small != "" {
			s := pub.res.Small
			img.Srcset = fmt.Sprintf("%s %dw, %s %dw", p.cfg.Link("/"+pub.small), s.Width, img.URL, img.Width)
			img.Sizes = imageSizes
		}
		return img, true
	}
	if !p.files[rel] {
		return render.Image{}, false
	}
	w, h := p.imageSize(rel)
	return render.Image{URL: p.cfg.Link("/" + rel), Width: w, Height: h}, true
}

// publishedPath returns where the static file rel under content/ is
// published: a photo may change its extension.
func (p *plan) publishedPath(rel string) string {
	if pub := p.photos.byRel[rel]; pub != nil {
		return pub.main
	}
	return rel
}
