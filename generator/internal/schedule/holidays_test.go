package schedule

import (
	"strings"
	"testing"
)

// TestHolidaysNL checks the Dutch public holidays of 2025-2032 against a
// list written out by hand. The days are those of the Algemene termijnenwet
// (art. 3) as listed on rijksoverheid.nl ("Welke dagen zijn officiële
// feestdagen?"), without Goede Vrijdag and Bevrijdingsdag, as the content
// format says. Easter Sundays: 20-04-2025, 05-04-2026, 28-03-2027,
// 16-04-2028, 01-04-2029, 21-04-2030, 13-04-2031, 28-03-2032. Koningsdag
// falls on 26 April when the 27th is a Sunday (2025, 2031).
func TestHolidaysNL(t *testing.T) {
	want := map[int]string{
		2025: "2025-01-01 2025-04-20 2025-04-21 2025-04-26 2025-05-29 2025-06-08 2025-06-09 2025-12-25 2025-12-26",
		2026: "2026-01-01 2026-04-05 2026-04-06 2026-04-27 2026-05-14 2026-05-24 2026-05-25 2026-12-25 2026-12-26",
		2027: "2027-01-01 2027-03-28 2027-03-29 2027-04-27 2027-05-06 2027-05-16 2027-05-17 2027-12-25 2027-12-26",
		2028: "2028-01-01 2028-04-16 2028-04-17 2028-04-27 2028-05-25 2028-06-04 2028-06-05 2028-12-25 2028-12-26",
		2029: "2029-01-01 2029-04-01 2029-04-02 2029-04-27 2029-05-10 2029-05-20 2029-05-21 2029-12-25 2029-12-26",
		2030: "2030-01-01 2030-04-21 2030-04-22 2030-04-27 2030-05-30 2030-06-09 2030-06-10 2030-12-25 2030-12-26",
		2031: "2031-01-01 2031-04-13 2031-04-14 2031-04-26 2031-05-22 2031-06-01 2031-06-02 2031-12-25 2031-12-26",
		2032: "2032-01-01 2032-03-28 2032-03-29 2032-04-27 2032-05-06 2032-05-16 2032-05-17 2032-12-25 2032-12-26",
	}
	names := "Nieuwjaarsdag,Eerste Paasdag,Tweede Paasdag,Koningsdag,Hemelvaartsdag,Eerste Pinksterdag,Tweede Pinksterdag,Eerste Kerstdag,Tweede Kerstdag"
	for year, w := range want {
		hs := Holidays("nl", year)
		var ds, ns []string
		for _, h := range hs {
			ds = append(ds, h.Date.String())
			ns = append(ns, h.Name)
			if h.NameEN == "" {
				t.Errorf("%s has no English name", h.Name)
			}
		}
		if got := strings.Join(ds, " "); got != w {
			t.Errorf("Holidays(nl, %d) =\n %s\nwant\n %s", year, got, w)
		}
		if got := strings.Join(ns, ","); got != names {
			t.Errorf("Holidays(nl, %d) names = %s", year, got)
		}
	}
	if got := Holidays("NL", 2025)[3]; got.Date.String() != "2025-04-26" || got.Name != "Koningsdag" || got.NameEN != "King's Day" {
		t.Errorf("Koningsdag 2025 = %+v, want 26 April", got)
	}
	if Holidays("be", 2026) != nil || Holidays("", 2026) != nil {
		t.Error("an unknown country has holidays")
	}
}
