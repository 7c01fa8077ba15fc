package serve

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"krachtpunt/generator/internal/build"
	"krachtpunt/generator/internal/schedule"
)

// Planned returns the BuildFunc of `krachtpunt serve`: each build reads
// what changed and plans the site with b (made by build.NewPreviewBuilder),
// and the files are made when a browser asks for them. today is the first
// day of the calendar; zero takes the day of the clock in the site's time
// zone, as site.toml gives it at each build.
//
// Problems of reading and planning fail the build as ever. Warnings are
// printed on stdout in the site's language: those of the plan when they
// change, those found while making a page when that page is made and they
// are not the ones printed for it last. Errors found while making a file
// are printed too, and shown over the open pages by the Server.
func Planned(b *build.Builder, today schedule.Date, stdout io.Writer) BuildFunc {
	pr := &printer{w: stdout, byFile: map[string]string{}}
	return func(ctx context.Context, changed []string) (Result, error) {
		pv, res, err := b.Plan(ctx, changed, today)
		lang := res.Lang()
		if err != nil {
			return Result{Lang: lang}, err
		}
		pr.plan(res.Diags.Warnings().Format(lang))
		site := &planned{pv: pv, lang: lang, print: pr}
		if cfg := res.Config; cfg != nil {
			site.base = strings.TrimPrefix(cfg.Link("/"), "/")
		}
		r := Result{Site: site, Lang: lang}
		if res.Config != nil {
			r.Location = res.Config.Location
		}
		return r, nil
	}
}

// planned is a build.Preview served under the path of the site's baseURL,
// so that links of a site published at https://example.org/linde/ work in
// the preview at http://127.0.0.1:1313/linde/.
type planned struct {
	pv    *build.Preview
	base  string // "" or "linde/"
	lang  string
	print *printer
}

func (s *planned) name(name string) (string, bool) { return strings.CutPrefix(name, s.base) }

func (s *planned) Has(name string) bool {
	n, ok := s.name(name)
	return ok && s.pv.Has(n)
}

func (s *planned) Make(ctx context.Context, name string) ([]byte, error) {
	n, _ := s.name(name)
	m, err := s.pv.Render(ctx, n)
	if err != nil {
		return nil, err
	}
	if m.Fresh {
		s.print.file(n, m.Diags.Format(s.lang))
	}
	if errs := m.Diags.Errors(); len(errs) > 0 {
		return m.Data, errs
	}
	return m.Data, nil
}

// printer prints the warnings of the preview, each once while it holds.
type printer struct {
	mu     sync.Mutex
	w      io.Writer
	last   string            // the warnings of the last plan
	byFile map[string]string // the problems last printed for a made file
}

func (p *printer) plan(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if text != p.last {
		fmt.Fprint(p.w, text)
		p.last = text
	}
}

func (p *printer) file(name, text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if text != p.byFile[name] {
		fmt.Fprint(p.w, text)
		if text == "" {
			delete(p.byFile, name)
		} else {
			p.byFile[name] = text
		}
	}
}
