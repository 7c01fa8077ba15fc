package schedule

import (
	"slices"
	"strings"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/aa"
	"github.com/rickar/cal/v2/nl"
)

// Holiday is a public holiday on a date.
type Holiday struct {
	Date   Date
	Name   string // Dutch name, e.g. "Tweede Paasdag"
	NameEN string // English name, e.g. "Easter Monday"
}

// holidayDef pairs a rule from rickar/cal with the names we show.
type holidayDef struct {
	h      *cal.Holiday
	name   string
	nameEN string
}

// dutchHolidays is exactly the contract's list of Dutch public holidays
// (the days of the Algemene termijnenwet that a centre closes on). Goede
// Vrijdag and Bevrijdingsdag are deliberately absent. Easter Sunday and
// Whit Sunday come from package aa, which nl does not list.
var dutchHolidays = []holidayDef{
	{nl.Nieuwjaar, "Nieuwjaarsdag", "New Year's Day"},
	{aa.Easter, "Eerste Paasdag", "Easter Sunday"},
	{nl.TweedePaasdag, "Tweede Paasdag", "Easter Monday"},
	{nl.Koningsdag, "Koningsdag", "King's Day"},
	{nl.Hemelvaart, "Hemelvaartsdag", "Ascension Day"},
	{aa.Pentecost, "Eerste Pinksterdag", "Whit Sunday"},
	{nl.TweedePinksterDag, "Tweede Pinksterdag", "Whit Monday"},
	{nl.EersteKerstdag, "Eerste Kerstdag", "Christmas Day"},
	{nl.TweedeKerstdag, "Tweede Kerstdag", "Boxing Day"},
}

// Holidays returns the public holidays of country ("nl") in year, sorted by
// date. Koningsdag is 27 April, or 26 April when the 27th is a Sunday. An
// unknown country gives nil.
func Holidays(country string, year int) []Holiday {
	if !strings.EqualFold(country, "nl") {
		return nil
	}
	out := make([]Holiday, 0, len(dutchHolidays))
	for _, def := range dutchHolidays {
		_, observed := def.h.Calc(year)
		if observed.IsZero() {
			continue
		}
		out = append(out, Holiday{Date: DateOf(observed), Name: def.name, NameEN: def.nameEN})
	}
	// Sort for determinism; Easter-based days move around the fixed ones.
	slices.SortStableFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out
}

// holidayOn returns the public holiday of country on d, or nil.
func holidayOn(country string, d Date) *Holiday {
	if country == "" {
		return nil
	}
	for _, h := range Holidays(country, d.Year) {
		if h.Date == d {
			return &h
		}
	}
	return nil
}
