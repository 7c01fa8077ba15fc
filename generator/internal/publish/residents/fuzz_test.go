package residents

import (
	"io/fs"
	"testing"
)

// FuzzChanges feeds whatever a server may hold as agenda.json, opening
// hours page and story page: Changes must not panic, either way round, and
// every line it gives must say something.
func FuzzChanges(f *testing.F) {
	f.Add([]byte(`{"from":"2026-11-25","until":"2027-02-16","occurrences":[{"activity":"k","title":"K","start":"2026-12-01T10:00:00+01:00","end":"2026-12-01T12:00:00+01:00","status":"scheduled"}]}`),
		[]byte(`<script type="application/ld+json">{"openingHoursSpecification":[{"opens":"00:00","closes":"00:00","validFrom":"2026-12-24"}]}</script>`))
	f.Add([]byte(`{"from":"20","until":"2","occurrences":[{"start":"x"}]}`), []byte(`<h1>`))
	f.Add([]byte(`{"from":"2026-11-25","until":"2027-02-16","occurrences":[{"activity":"k","start":"","status":"changed"}]}`), []byte(``))
	newAgenda := []byte(`{"from":"2026-11-25","until":"2027-02-16","occurrences":[{"activity":"k","title":"K","start":"2026-12-01T10:00:00+01:00","end":"2026-12-01T12:00:00+01:00","status":"cancelled","note":"ziek"},{"activity":"k","title":"K","start":"2026-12-09T10:00:00+01:00","end":"2026-12-09T12:00:00+01:00","status":"changed"}]}`)
	newHours := []byte(`<script type="application/ld+json">{"openingHoursSpecification":[{"opens":"10:00","closes":"12:00","validFrom":"2026-12-05"}]}</script>`)
	f.Fuzz(func(t *testing.T, agenda, hours []byte) {
		snap := func(a, h []byte) Snapshot {
			files := map[string][]byte{"agenda.json": a, "openingstijden/index.html": h, "verhalen/x/index.html": h}
			s := Snapshot{Files: map[string]bool{}, Read: func(name string) ([]byte, error) {
				b, ok := files[name]
				if !ok {
					return nil, fs.ErrNotExist
				}
				return b, nil
			}}
			for name := range files {
				s.Files[name] = true
			}
			return s
		}
		for _, lang := range []string{"nl", "en"} {
			for _, c := range Changes(snap(agenda, hours), snap(newAgenda, newHours), lang) {
				if c.In(lang) == "" {
					t.Fatalf("an empty line")
				}
			}
			Changes(snap(newAgenda, newHours), snap(agenda, hours), lang)
		}
	})
}
