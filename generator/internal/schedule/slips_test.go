package schedule

import (
	"errors"
	"strings"
	"testing"
)

// slip is a when phrase as a volunteer types it. An accepted slip is
// described back as the volunteer meant it; a refused one gets a message
// at the column of the slip, with the phrase to write instead.
type slip struct {
	phrase string
	code   string // "" when the phrase is accepted
	col    int    // the column of the error
	at     string // the word that starts at col
	nl, en string // accepted: the rule described back; refused: message, newline, hint
}

// slips lists them Dutch and English side by side.
var slips = []slip{
	{"elke 2e dinsdag van de maand 10:00-12:00", "", 0, "", "Tweede dinsdag van de maand, 10.00-12.00 uur", "Second Tuesday of the month, 10:00-12:00"},
	{"every 2nd tuesday of the month 10:00-12:00", "", 0, "", "Tweede dinsdag van de maand, 10.00-12.00 uur", "Second Tuesday of the month, 10:00-12:00"},
	{"elke 1ste zaterdag van de maand 10:00-13:00", "", 0, "", "Eerste zaterdag van de maand, 10.00-13.00 uur", "First Saturday of the month, 10:00-13:00"},
	{"every 1st saturday of the month 10:00-13:00", "", 0, "", "Eerste zaterdag van de maand, 10.00-13.00 uur", "First Saturday of the month, 10:00-13:00"},
	{"wekelijks op dinsdag 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"weekly on tuesday 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"elke ma t/m vr 09:00-12:00", "", 0, "", "Elke werkdag, 09.00-12.00 uur", "Every weekday, 09:00-12:00"},
	{"every mon to fri 09:00-12:00", "", 0, "", "Elke werkdag, 09.00-12.00 uur", "Every weekday, 09:00-12:00"},
	{"elke ma-vr 09:00-12:00", "", 0, "", "Elke werkdag, 09.00-12.00 uur", "Every weekday, 09:00-12:00"},
	{"every mon-fri 09:00-12:00", "", 0, "", "Elke werkdag, 09.00-12.00 uur", "Every weekday, 09:00-12:00"},
	{"elke maandag tot en met vrijdag 09:00-12:00", "", 0, "", "Elke werkdag, 09.00-12.00 uur", "Every weekday, 09:00-12:00"},
	{"every monday through friday 09:00-12:00", "", 0, "", "Elke werkdag, 09.00-12.00 uur", "Every weekday, 09:00-12:00"},
	{"elke dinsdag 10:00 uur - 12:00 uur", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"every tuesday 10:00 - 12:00 hrs", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"elke dinsdag 10.00-12.00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"every tuesday 10.00-12.00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"elke dinsdag 14-16 uur", "", 0, "", "Elke dinsdag, 14.00-16.00 uur", "Every Tuesday, 14:00-16:00"},
	{"every tuesday 2pm-4pm", "", 0, "", "Elke dinsdag, 14.00-16.00 uur", "Every Tuesday, 14:00-16:00"},
	{"elke dinsdag van 10:00 tot 12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"every tuesday from 10:00 to 12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"elke dinsdag 's middags van 2 tot 4", "", 0, "", "Elke dinsdag, 14.00-16.00 uur", "Every Tuesday, 14:00-16:00"},
	{"every tuesday 2-4 in the afternoon", "", 0, "", "Elke dinsdag, 14.00-16.00 uur", "Every Tuesday, 14:00-16:00"},
	{"Elke Dinsdag 10:00-12:00.", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"Every Tuesday 10:00-12:00.", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"elke  dinsdag   10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"every  tuesday   10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"elke dinsdag om 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"every tuesday at 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"iedere dinsdag 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"each tuesday 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"elke week op dinsdag 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"every week on tuesday 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"tweewekelijks op dinsdag 10:00-12:00 vanaf 2026-12-01", "", 0, "", "Om de week op dinsdag, 10.00-12.00 uur, vanaf 1 december 2026", "Every other Tuesday, 10:00-12:00, from 1 December 2026"},
	{"fortnightly on tuesday 10:00-12:00 from 2026-12-01", "", 0, "", "Om de week op dinsdag, 10.00-12.00 uur, vanaf 1 december 2026", "Every other Tuesday, 10:00-12:00, from 1 December 2026"},
	{"om de 14 dagen op dinsdag 10:00-12:00 vanaf 2026-12-01", "", 0, "", "Om de week op dinsdag, 10.00-12.00 uur, vanaf 1 december 2026", "Every other Tuesday, 10:00-12:00, from 1 December 2026"},
	{"every 14 days on tuesday 10:00-12:00 from 2026-12-01", "", 0, "", "Om de week op dinsdag, 10.00-12.00 uur, vanaf 1 december 2026", "Every other Tuesday, 10:00-12:00, from 1 December 2026"},
	{"elke dinsdag 12u30-14u", "", 0, "", "Elke dinsdag, 12.30-14.00 uur", "Every Tuesday, 12:30-14:00"},
	{"every tuesday 12.30-2pm", "", 0, "", "Elke dinsdag, 12.30-14.00 uur", "Every Tuesday, 12:30-14:00"},
	{"elke dinsdag 10.00 - 14.00 uur.", "", 0, "", "Elke dinsdag, 10.00-14.00 uur", "Every Tuesday, 10:00-14:00"},
	{"every tuesday 10am-2pm", "", 0, "", "Elke dinsdag, 10.00-14.00 uur", "Every Tuesday, 10:00-14:00"},
	{"elke dinsdag 12:00-14:00u", "", 0, "", "Elke dinsdag, 12.00-14.00 uur", "Every Tuesday, 12:00-14:00"},
	{"every tuesday noon-2pm", "", 0, "", "Elke dinsdag, 12.00-14.00 uur", "Every Tuesday, 12:00-14:00"},
	{"elke dinsdagavond 7-9", "", 0, "", "Elke dinsdag, 19.00-21.00 uur", "Every Tuesday, 19:00-21:00"},
	{"every tuesday 7-9pm", "", 0, "", "Elke dinsdag, 19.00-21.00 uur", "Every Tuesday, 19:00-21:00"},
	{"elke zaterdag 20.00-24.00 uur", "", 0, "", "Elke zaterdag, 20.00-00.00 uur", "Every Saturday, 20:00-00:00"},
	{"every saturday 20:00-24:00", "", 0, "", "Elke zaterdag, 20.00-00.00 uur", "Every Saturday, 20:00-00:00"},
	{"zaterdag 12 december 2026 14:00-16:00", "", 0, "", "Zaterdag 12 december 2026, 14.00-16.00 uur", "Saturday 12 December 2026, 14:00-16:00"},
	{"Saturday 12 December 2026 14:00-16:00", "", 0, "", "Zaterdag 12 december 2026, 14.00-16.00 uur", "Saturday 12 December 2026, 14:00-16:00"},
	{"12 december 2026 14:00-16:00", "", 0, "", "Zaterdag 12 december 2026, 14.00-16.00 uur", "Saturday 12 December 2026, 14:00-16:00"},
	{"December 12, 2026 2pm-4pm", "", 0, "", "Zaterdag 12 december 2026, 14.00-16.00 uur", "Saturday 12 December 2026, 14:00-16:00"},
	{"elke dinsdag 10:00-12:00 van 2026-12-01 tot 2026-12-22", "", 0, "", "Elke dinsdag, 10.00-12.00 uur, vanaf 1 december 2026, tot en met 22 december 2026", "Every Tuesday, 10:00-12:00, from 1 December 2026, until 22 December 2026"},
	{"every tuesday 10:00-12:00 from 2026-12-01 to 2026-12-22", "", 0, "", "Elke dinsdag, 10.00-12.00 uur, vanaf 1 december 2026, tot en met 22 december 2026", "Every Tuesday, 10:00-12:00, from 1 December 2026, until 22 December 2026"},
	{"elke dinsdag 10:00-12:00 vanaf 1 december 2026", "", 0, "", "Elke dinsdag, 10.00-12.00 uur, vanaf 1 december 2026", "Every Tuesday, 10:00-12:00, from 1 December 2026"},
	{"every tuesday 10:00-12:00 from 1 December 2026", "", 0, "", "Elke dinsdag, 10.00-12.00 uur, vanaf 1 december 2026", "Every Tuesday, 10:00-12:00, from 1 December 2026"},
	{"elke di. 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"every tue. 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"elke ma/wo/vr 09:00-10:00", "", 0, "", "Elke maandag, woensdag en vrijdag, 09.00-10.00 uur", "Every Monday, Wednesday and Friday, 09:00-10:00"},
	{"every mon/wed/fri 09:00-10:00", "", 0, "", "Elke maandag, woensdag en vrijdag, 09.00-10.00 uur", "Every Monday, Wednesday and Friday, 09:00-10:00"},
	{"dinsdag's 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"on tuesdays 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"elke dinsdag 9:30-11", "", 0, "", "Elke dinsdag, 09.30-11.00 uur", "Every Tuesday, 09:30-11:00"},
	{"every tuesday 9:30-11", "", 0, "", "Elke dinsdag, 09.30-11.00 uur", "Every Tuesday, 09:30-11:00"},
	{"elke dinsdag van 9 tot 17", "", 0, "", "Elke dinsdag, 09.00-17.00 uur", "Every Tuesday, 09:00-17:00"},
	{"every tuesday 9-17", "", 0, "", "Elke dinsdag, 09.00-17.00 uur", "Every Tuesday, 09:00-17:00"},
	{"elke maand op de eerste zaterdag 10:00-13:00", "", 0, "", "Eerste zaterdag van de maand, 10.00-13.00 uur", "First Saturday of the month, 10:00-13:00"},
	{"monthly on the first saturday 10:00-13:00", "", 0, "", "Eerste zaterdag van de maand, 10.00-13.00 uur", "First Saturday of the month, 10:00-13:00"},
	{"de laatste vrijdag van de maand 16:00-18:00", "", 0, "", "Laatste vrijdag van de maand, 16.00-18.00 uur", "Last Friday of the month, 16:00-18:00"},
	{"the last friday of the month 16:00-18:00", "", 0, "", "Laatste vrijdag van de maand, 16.00-18.00 uur", "Last Friday of the month, 16:00-18:00"},
	{"elke laatste vrijdag 16:00-18:00", "", 0, "", "Laatste vrijdag van de maand, 16.00-18.00 uur", "Last Friday of the month, 16:00-18:00"},
	{"every last friday 16:00-18:00", "", 0, "", "Laatste vrijdag van de maand, 16.00-18.00 uur", "Last Friday of the month, 16:00-18:00"},
	{"elke dinsdagochtend 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"every tuesday morning 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"elke 2e dinsdag 10:00-12:00", CodeAmbiguousNth, 6, "2e",
		"“elke 2e dinsdag” kan twee dingen betekenen: één keer per maand, of om de week.\nSchrijf: \"elke 2e dinsdag van de maand 10:00-12:00\" (één keer per maand) of \"om de week dinsdag 10:00-12:00 vanaf JJJJ-MM-DD\" (om de week), en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
		"“elke 2e dinsdag” can mean two things: once a month, or every other week.\nWrite: \"elke 2e dinsdag van de maand 10:00-12:00\" (once a month) or \"om de week dinsdag 10:00-12:00 vanaf YYYY-MM-DD\" (every other week), and fill in the date of the first time for YYYY-MM-DD."},
	{"every 2nd tuesday 10:00-12:00", CodeAmbiguousNth, 7, "2nd",
		"“every 2nd tuesday” kan twee dingen betekenen: één keer per maand, of om de week.\nSchrijf: \"every 2nd tuesday of the month 10:00-12:00\" (één keer per maand) of \"every other tuesday 10:00-12:00 from JJJJ-MM-DD\" (om de week), en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
		"“every 2nd tuesday” can mean two things: once a month, or every other week.\nWrite: \"every 2nd tuesday of the month 10:00-12:00\" (once a month) or \"every other tuesday 10:00-12:00 from YYYY-MM-DD\" (every other week), and fill in the date of the first time for YYYY-MM-DD."},
	{"elke tweede dinsdag 10:00-12:00", CodeAmbiguousNth, 6, "tweede",
		"“elke tweede dinsdag” kan twee dingen betekenen: één keer per maand, of om de week.\nSchrijf: \"elke tweede dinsdag van de maand 10:00-12:00\" (één keer per maand) of \"om de week dinsdag 10:00-12:00 vanaf JJJJ-MM-DD\" (om de week), en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
		"“elke tweede dinsdag” can mean two things: once a month, or every other week.\nWrite: \"elke tweede dinsdag van de maand 10:00-12:00\" (once a month) or \"om de week dinsdag 10:00-12:00 vanaf YYYY-MM-DD\" (every other week), and fill in the date of the first time for YYYY-MM-DD."},
	{"every second tuesday 10:00-12:00", CodeAmbiguousNth, 7, "second",
		"“every second tuesday” kan twee dingen betekenen: één keer per maand, of om de week.\nSchrijf: \"every second tuesday of the month 10:00-12:00\" (één keer per maand) of \"every other tuesday 10:00-12:00 from JJJJ-MM-DD\" (om de week), en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
		"“every second tuesday” can mean two things: once a month, or every other week.\nWrite: \"every second tuesday of the month 10:00-12:00\" (once a month) or \"every other tuesday 10:00-12:00 from YYYY-MM-DD\" (every other week), and fill in the date of the first time for YYYY-MM-DD."},
	{"elke derde dinsdag 10:00-12:00", CodeAmbiguousNth, 6, "derde",
		"“elke derde dinsdag” kan twee dingen betekenen: één keer per maand, of om de 3 weken.\nSchrijf: \"elke derde dinsdag van de maand 10:00-12:00\" (één keer per maand) of \"om de 3 weken dinsdag 10:00-12:00 vanaf JJJJ-MM-DD\" (om de 3 weken), en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
		"“elke derde dinsdag” can mean two things: once a month, or every 3 weeks.\nWrite: \"elke derde dinsdag van de maand 10:00-12:00\" (once a month) or \"om de 3 weken dinsdag 10:00-12:00 vanaf YYYY-MM-DD\" (every 3 weeks), and fill in the date of the first time for YYYY-MM-DD."},
	{"every third tuesday 10:00-12:00", CodeAmbiguousNth, 7, "third",
		"“every third tuesday” kan twee dingen betekenen: één keer per maand, of om de 3 weken.\nSchrijf: \"every third tuesday of the month 10:00-12:00\" (één keer per maand) of \"every 3 weeks on tuesday 10:00-12:00 from JJJJ-MM-DD\" (om de 3 weken), en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
		"“every third tuesday” can mean two things: once a month, or every 3 weeks.\nWrite: \"every third tuesday of the month 10:00-12:00\" (once a month) or \"every 3 weeks on tuesday 10:00-12:00 from YYYY-MM-DD\" (every 3 weeks), and fill in the date of the first time for YYYY-MM-DD."},
	{"elke tweede en vierde dinsdag 10:00-12:00", CodeSeveralNth, 16, "vierde",
		"Eén regel kan maar één week van de maand noemen.\nZet ze elk in een eigen regel, in een lijst tussen [ ]: [\"tweede dinsdag van de maand 10:00-12:00\", \"vierde dinsdag van de maand 10:00-12:00\"]",
		"One phrase can name only one week of the month.\nPut each in its own phrase, in a list between [ ]: [\"tweede dinsdag van de maand 10:00-12:00\", \"vierde dinsdag van de maand 10:00-12:00\"]"},
	{"every second and fourth tuesday 10:00-12:00", CodeSeveralNth, 18, "fourth",
		"Eén regel kan maar één week van de maand noemen.\nZet ze elk in een eigen regel, in een lijst tussen [ ]: [\"second tuesday of the month 10:00-12:00\", \"fourth tuesday of the month 10:00-12:00\"]",
		"One phrase can name only one week of the month.\nPut each in its own phrase, in a list between [ ]: [\"second tuesday of the month 10:00-12:00\", \"fourth tuesday of the month 10:00-12:00\"]"},
	{"ma t/m vr 10:00-12:00", CodeMissingEvery, 1, "ma",
		"Het is niet duidelijk hoe vaak dit is.\nSchrijf: \"elke ma t/m vr 10:00-12:00\" als het elke week is. Is het één keer? Schrijf dan de datum in plaats van de dag, bijvoorbeeld “2026-12-12 10:00-12:00”.",
		"It is not clear how often this happens.\nWrite: \"elke ma t/m vr 10:00-12:00\" if it is every week. Is it one time? Then write the date instead of the day, for example “2026-12-12 10:00-12:00”."},
	{"mon to fri 10:00-12:00", CodeMissingEvery, 1, "mon",
		"Het is niet duidelijk hoe vaak dit is.\nSchrijf: \"every mon to fri 10:00-12:00\" als het elke week is. Is het één keer? Schrijf dan de datum in plaats van de dag, bijvoorbeeld “2026-12-12 10:00-12:00”.",
		"It is not clear how often this happens.\nWrite: \"every mon to fri 10:00-12:00\" if it is every week. Is it one time? Then write the date instead of the day, for example “2026-12-12 10:00-12:00”."},
	{"maandag tot vrijdag 09:00-12:00", CodeMissingEvery, 1, "maandag",
		"Het is niet duidelijk hoe vaak dit is.\nSchrijf: \"elke maandag tot vrijdag 09:00-12:00\" als het elke week is. Is het één keer? Schrijf dan de datum in plaats van de dag, bijvoorbeeld “2026-12-12 10:00-12:00”.",
		"It is not clear how often this happens.\nWrite: \"elke maandag tot vrijdag 09:00-12:00\" if it is every week. Is it one time? Then write the date instead of the day, for example “2026-12-12 10:00-12:00”."},
	{"monday to friday 09:00-12:00", CodeMissingEvery, 1, "monday",
		"Het is niet duidelijk hoe vaak dit is.\nSchrijf: \"every monday to friday 09:00-12:00\" als het elke week is. Is het één keer? Schrijf dan de datum in plaats van de dag, bijvoorbeeld “2026-12-12 10:00-12:00”.",
		"It is not clear how often this happens.\nWrite: \"every monday to friday 09:00-12:00\" if it is every week. Is it one time? Then write the date instead of the day, for example “2026-12-12 10:00-12:00”."},
	{"elke dinsdag 10 uur", CodeMissingEnd, 14, "10",
		"De eindtijd ontbreekt.\nZet erbij hoe laat het afloopt, bijvoorbeeld: \"elke dinsdag 10:00-12:00\"",
		"The end time is missing.\nAdd when it ends, for example: \"elke dinsdag 10:00-12:00\""},
	{"every tuesday 10 o'clock", CodeMissingEnd, 15, "10",
		"De eindtijd ontbreekt.\nZet erbij hoe laat het afloopt, bijvoorbeeld: \"every tuesday 10:00-12:00\"",
		"The end time is missing.\nAdd when it ends, for example: \"every tuesday 10:00-12:00\""},
	{"elke dinsdag 10u-12u", CodeHourOnly, 14, "10u-12u",
		"Bij “10u-12u” staan uren zonder minuten.\nSchrijf de tijd in uren en minuten: \"elke dinsdag 10:00-12:00\"",
		"“10u-12u” has hours without minutes.\nWrite the time in hours and minutes: \"elke dinsdag 10:00-12:00\""},
	{"every tuesday 10-12", CodeHourOnly, 15, "10-12",
		"Bij “10-12” staan uren zonder minuten.\nSchrijf de tijd in uren en minuten: \"every tuesday 10:00-12:00\"",
		"“10-12” has hours without minutes.\nWrite the time in hours and minutes: \"every tuesday 10:00-12:00\""},
	{"elke dinsdag van 10 tot 12", CodeHourOnly, 14, "van",
		"Bij “van 10 tot 12” staan uren zonder minuten.\nSchrijf de tijd in uren en minuten: \"elke dinsdag 10:00-12:00\"",
		"“van 10 tot 12” has hours without minutes.\nWrite the time in hours and minutes: \"elke dinsdag 10:00-12:00\""},
	{"every tuesday from 10 to 12", CodeHourOnly, 15, "from",
		"Bij “from 10 to 12” staan uren zonder minuten.\nSchrijf de tijd in uren en minuten: \"every tuesday 10:00-12:00\"",
		"“from 10 to 12” has hours without minutes.\nWrite the time in hours and minutes: \"every tuesday 10:00-12:00\""},
	{"elke dinsdag 's ochtends", CodePartOfDay, 14, "'s",
		"“'s ochtends” zegt niet hoe laat het begint en eindigt.\nZet de begin- en eindtijd erbij, bijvoorbeeld: \"elke dinsdag 10:00-12:00\"",
		"“'s ochtends” does not say when it starts and ends.\nAdd the start and end time, for example: \"elke dinsdag 10:00-12:00\""},
	{"every tuesday morning", CodePartOfDay, 15, "morning",
		"“morning” zegt niet hoe laat het begint en eindigt.\nZet de begin- en eindtijd erbij, bijvoorbeeld: \"every tuesday 10:00-12:00\"",
		"“morning” does not say when it starts and ends.\nAdd the start and end time, for example: \"every tuesday 10:00-12:00\""},
	{"elke dinsdag 's middags", CodePartOfDay, 14, "'s",
		"“'s middags” zegt niet hoe laat het begint en eindigt.\nZet de begin- en eindtijd erbij, bijvoorbeeld: \"elke dinsdag 14:00-16:00\"",
		"“'s middags” does not say when it starts and ends.\nAdd the start and end time, for example: \"elke dinsdag 14:00-16:00\""},
	{"every tuesday afternoon", CodePartOfDay, 15, "afternoon",
		"“afternoon” zegt niet hoe laat het begint en eindigt.\nZet de begin- en eindtijd erbij, bijvoorbeeld: \"every tuesday 14:00-16:00\"",
		"“afternoon” does not say when it starts and ends.\nAdd the start and end time, for example: \"every tuesday 14:00-16:00\""},
	{"elke dinsdagavond", CodePartOfDay, 6, "dinsdagavond",
		"“dinsdagavond” zegt niet hoe laat het begint en eindigt.\nZet de begin- en eindtijd erbij, bijvoorbeeld: \"elke dinsdag 19:00-21:00\"",
		"“dinsdagavond” does not say when it starts and ends.\nAdd the start and end time, for example: \"elke dinsdag 19:00-21:00\""},
	{"every tuesday evening", CodePartOfDay, 15, "evening",
		"“evening” zegt niet hoe laat het begint en eindigt.\nZet de begin- en eindtijd erbij, bijvoorbeeld: \"every tuesday 19:00-21:00\"",
		"“evening” does not say when it starts and ends.\nAdd the start and end time, for example: \"every tuesday 19:00-21:00\""},
	{"elke dinsdag om 10:00", CodeMissingEnd, 17, "10:00",
		"De eindtijd ontbreekt.\nZet erbij hoe laat het afloopt, bijvoorbeeld: \"elke dinsdag 10:00-12:00\"",
		"The end time is missing.\nAdd when it ends, for example: \"elke dinsdag 10:00-12:00\""},
	{"every tuesday at 10:00", CodeMissingEnd, 18, "10:00",
		"De eindtijd ontbreekt.\nZet erbij hoe laat het afloopt, bijvoorbeeld: \"every tuesday 10:00-12:00\"",
		"The end time is missing.\nAdd when it ends, for example: \"every tuesday 10:00-12:00\""},
	{"om de week dinsdag 10:00-12:00", CodeMissingFrom, 7, "week",
		"Bij “om de week” of “om de paar weken” hoort een startdatum. Anders weten we niet welke weken het is.\nSchrijf: \"om de week dinsdag 10:00-12:00 vanaf JJJJ-MM-DD\", en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
		"Every few weeks needs a start date, or we cannot know which weeks.\nWrite: \"om de week dinsdag 10:00-12:00 vanaf YYYY-MM-DD\", and fill in the date of the first time for YYYY-MM-DD."},
	{"every other tuesday 10:00-12:00", CodeMissingFrom, 7, "other",
		"Bij “om de week” of “om de paar weken” hoort een startdatum. Anders weten we niet welke weken het is.\nSchrijf: \"every other tuesday 10:00-12:00 from JJJJ-MM-DD\", en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
		"Every few weeks needs a start date, or we cannot know which weeks.\nWrite: \"every other tuesday 10:00-12:00 from YYYY-MM-DD\", and fill in the date of the first time for YYYY-MM-DD."},
	{"tweewekelijks op dinsdag 10:00-12:00", CodeMissingFrom, 1, "tweewekelijks",
		"Bij “om de week” of “om de paar weken” hoort een startdatum. Anders weten we niet welke weken het is.\nSchrijf: \"tweewekelijks op dinsdag 10:00-12:00 vanaf JJJJ-MM-DD\", en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
		"Every few weeks needs a start date, or we cannot know which weeks.\nWrite: \"tweewekelijks op dinsdag 10:00-12:00 vanaf YYYY-MM-DD\", and fill in the date of the first time for YYYY-MM-DD."},
	{"fortnightly on tuesday 10:00-12:00", CodeMissingFrom, 1, "fortnightly",
		"Bij “om de week” of “om de paar weken” hoort een startdatum. Anders weten we niet welke weken het is.\nSchrijf: \"fortnightly on tuesday 10:00-12:00 from JJJJ-MM-DD\", en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
		"Every few weeks needs a start date, or we cannot know which weeks.\nWrite: \"fortnightly on tuesday 10:00-12:00 from YYYY-MM-DD\", and fill in the date of the first time for YYYY-MM-DD."},
	{"elke dinsdag 10:00-12:00 behalve in de schoolvakanties", CodeExcept, 26, "behalve",
		"Een uitzondering zoals “behalve in de schoolvakanties” kan niet in de regel zelf.\nSchrijf: \"elke dinsdag 10:00-12:00\", en zet elke dag die niet doorgaat in een eigen [[vervalt]]-blok met de datum. Op dagen dat het buurthuis dicht is, gaat de activiteit vanzelf niet door.",
		"An exception such as “behalve in de schoolvakanties” cannot go in the phrase itself.\nWrite: \"elke dinsdag 10:00-12:00\", and put each day it does not take place in its own [[cancel]] block with the date. On days the centre is closed, the activity does not take place anyway."},
	{"every tuesday 10:00-12:00 except school holidays", CodeExcept, 27, "except",
		"Een uitzondering zoals “except school holidays” kan niet in de regel zelf.\nSchrijf: \"every tuesday 10:00-12:00\", en zet elke dag die niet doorgaat in een eigen [[vervalt]]-blok met de datum. Op dagen dat het buurthuis dicht is, gaat de activiteit vanzelf niet door.",
		"An exception such as “except school holidays” cannot go in the phrase itself.\nWrite: \"every tuesday 10:00-12:00\", and put each day it does not take place in its own [[cancel]] block with the date. On days the centre is closed, the activity does not take place anyway."},
	{"elke dinsdag in de even weken 10:00-12:00", CodeEvenWeeks, 20, "even",
		"Bij “even weken” is niet zeker welke weken het zijn: na een jaar met een week 53, zoals 2026, volgen twee oneven weken elkaar op.\nTel liever vanaf de eerste keer: \"om de week dinsdag 10:00-12:00 vanaf JJJJ-MM-DD\", en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
		"With “even weken” it is not clear which weeks are meant: after a year with a week 53, such as 2026, two odd weeks follow each other.\nCount from the first time instead: \"om de week dinsdag 10:00-12:00 vanaf YYYY-MM-DD\", and fill in the date of the first time for YYYY-MM-DD."},
	{"every tuesday in even weeks 10:00-12:00", CodeEvenWeeks, 18, "even",
		"Bij “even weeks” is niet zeker welke weken het zijn: na een jaar met een week 53, zoals 2026, volgen twee oneven weken elkaar op.\nTel liever vanaf de eerste keer: \"every other tuesday 10:00-12:00 from JJJJ-MM-DD\", en vul bij JJJJ-MM-DD de datum van de eerste keer in.",
		"With “even weeks” it is not clear which weeks are meant: after a year with a week 53, such as 2026, two odd weeks follow each other.\nCount from the first time instead: \"every other tuesday 10:00-12:00 from YYYY-MM-DD\", and fill in the date of the first time for YYYY-MM-DD."},
	{"12-10-2026 10:00-12:00", CodeBadDate, 1, "12-10-2026",
		"“12-10-2026” is geen datum.\nZet het jaar voorop: \"2026-10-12 10:00-12:00\"",
		"“12-10-2026” is not a date.\nWrite the year first: \"2026-10-12 10:00-12:00\" (12 October 2026) or \"2026-12-10 10:00-12:00\" (10 December 2026)"},
	{"12/10/2026 10:00-12:00", CodeBadDate, 1, "12/10/2026",
		"“12/10/2026” is geen datum.\nZet het jaar voorop: \"2026-10-12 10:00-12:00\"",
		"“12/10/2026” is not a date.\nWrite the year first: \"2026-10-12 10:00-12:00\" (12 October 2026) or \"2026-12-10 10:00-12:00\" (10 December 2026)"},
	{"12 okt 10:00-12:00", CodeNoYear, 1, "12",
		"Bij “12 okt” staat geen jaar.\nSchrijf: \"12 okt JJJJ 10:00-12:00\", en vul bij JJJJ het jaar in.",
		"“12 okt” has no year.\nWrite: \"12 okt YYYY 10:00-12:00\", and fill in the year for YYYY."},
	{"Oct 12 10:00-12:00", CodeNoYear, 1, "Oct",
		"Bij “Oct 12” staat geen jaar.\nSchrijf: \"Oct 12 JJJJ 10:00-12:00\", en vul bij JJJJ het jaar in.",
		"“Oct 12” has no year.\nWrite: \"Oct 12 YYYY 10:00-12:00\", and fill in the year for YYYY."},
	{"elke dinsdag half 11 tot 12:00", CodeSpokenTime, 14, "half",
		"“half 11” betekent 10:30.\nSchrijf de tijd in cijfers: \"elke dinsdag 10:30-12:00\"",
		"“half 11” means 10:30.\nWrite the time in figures: \"elke dinsdag 10:30-12:00\""},
	{"every tuesday half past 10 to 12:00", CodeSpokenTime, 15, "half",
		"“half past 10” betekent 10:30.\nSchrijf de tijd in cijfers: \"every tuesday 10:30-12:00\"",
		"“half past 10” means 10:30.\nWrite the time in figures: \"every tuesday 10:30-12:00\""},
	{"elke dinsdag kwart over 10 tot 12:00", CodeSpokenTime, 14, "kwart",
		"“kwart over 10” betekent 10:15.\nSchrijf de tijd in cijfers: \"elke dinsdag 10:15-12:00\"",
		"“kwart over 10” means 10:15.\nWrite the time in figures: \"elke dinsdag 10:15-12:00\""},
	{"every tuesday quarter past 10 to 12:00", CodeSpokenTime, 15, "quarter",
		"“quarter past 10” betekent 10:15.\nSchrijf de tijd in cijfers: \"every tuesday 10:15-12:00\"",
		"“quarter past 10” means 10:15.\nWrite the time in figures: \"every tuesday 10:15-12:00\""},
	{"elke dinsdag half 3 tot 5", CodeSpokenTime, 14, "half",
		"“half 3” betekent 14:30.\nSchrijf de tijd in cijfers: \"elke dinsdag 14:30-17:00\"",
		"“half 3” means 14:30.\nWrite the time in figures: \"elke dinsdag 14:30-17:00\""},
	{"every tuesday half past 2 to 4pm", CodeSpokenTime, 15, "half",
		"“half past 2” betekent 14:30.\nSchrijf de tijd in cijfers: \"every tuesday 14:30-16:00\"",
		"“half past 2” means 14:30.\nWrite the time in figures: \"every tuesday 14:30-16:00\""},
	{"elke dinsdag 12 uur tot 2 uur", CodeHourOnly, 14, "12",
		"Bij “12 uur tot 2 uur” staan uren zonder minuten.\nSchrijf de tijd in uren en minuten: \"elke dinsdag 12:00-14:00\"",
		"“12 uur tot 2 uur” has hours without minutes.\nWrite the time in hours and minutes: \"elke dinsdag 12:00-14:00\""},
	{"every tuesday 10am-12pm", CodeTwelve, 20, "12pm",
		"“12pm” is voor de een 12 uur 's middags en voor de ander middernacht.\nSchrijf de tijd op de 24-uursklok: \"every tuesday 10:00-12:00\"",
		"“12pm” is noon to some readers and midnight to others.\nWrite the time on the 24-hour clock: \"every tuesday 10:00-12:00\""},
	{"elke dinsdag 8-10", CodeHourOnly, 14, "8-10",
		"Bij “8-10” staan uren zonder minuten.\nSchrijf de tijd in uren en minuten: \"elke dinsdag 08:00-10:00\" ('s ochtends) of \"elke dinsdag 20:00-22:00\" ('s avonds)",
		"“8-10” has hours without minutes.\nWrite the time in hours and minutes: \"elke dinsdag 08:00-10:00\" (in the morning) or \"elke dinsdag 20:00-22:00\" (in the evening)"},
	{"every tuesday 8-10", CodeHourOnly, 15, "8-10",
		"Bij “8-10” staan uren zonder minuten.\nSchrijf de tijd in uren en minuten: \"every tuesday 08:00-10:00\" ('s ochtends) of \"every tuesday 20:00-22:00\" ('s avonds)",
		"“8-10” has hours without minutes.\nWrite the time in hours and minutes: \"every tuesday 08:00-10:00\" (in the morning) or \"every tuesday 20:00-22:00\" (in the evening)"},
	{"elke dinsdag 's avonds 10:00-12:00", CodePartMismatch, 14, "'s",
		"De tijd 10.00 past niet bij “'s avonds”.\nKijk de tijd na. Klopt die, schrijf dan: \"elke dinsdag 10:00-12:00\"",
		"The time 10:00 does not fit “'s avonds”.\nCheck the time. If it is right, write: \"elke dinsdag 10:00-12:00\""},
	{"every tuesday evening 10:00-12:00", CodePartMismatch, 15, "evening",
		"De tijd 10.00 past niet bij “evening”.\nKijk de tijd na. Klopt die, schrijf dan: \"every tuesday 10:00-12:00\"",
		"The time 10:00 does not fit “evening”.\nCheck the time. If it is right, write: \"every tuesday 10:00-12:00\""},
	{"maandelijks op dinsdag 10:00-12:00", CodeWhichWeek, 1, "maandelijks",
		"“maandelijks” zegt niet welke week van de maand.\nSchrijf welke, bijvoorbeeld: \"eerste dinsdag van de maand 10:00-12:00\". Tweede, derde, vierde en laatste kan ook.",
		"“maandelijks” does not say which week of the month.\nWrite which one, for example: \"eerste dinsdag van de maand 10:00-12:00\". Second, third, fourth and last work too."},
	{"monthly on tuesday 10:00-12:00", CodeWhichWeek, 1, "monthly",
		"“monthly” zegt niet welke week van de maand.\nSchrijf welke, bijvoorbeeld: \"first tuesday of the month 10:00-12:00\". Tweede, derde, vierde en laatste kan ook.",
		"“monthly” does not say which week of the month.\nWrite which one, for example: \"first tuesday of the month 10:00-12:00\". Second, third, fourth and last work too."},
	{"bi-wekelijks op dinsdag 10:00-12:00", CodeBiweekly, 1, "bi-wekelijks",
		"“bi-wekelijks” kan om de twee weken betekenen, maar ook twee keer per week.\nVoor om de twee weken schrijf je: \"om de 2 weken op dinsdag 10:00-12:00 vanaf JJJJ-MM-DD\", en vul bij JJJJ-MM-DD de datum van de eerste keer in. Voor twee keer per week noem je beide dagen, bijvoorbeeld “elke dinsdag en vrijdag”.",
		"“bi-wekelijks” can mean every two weeks, but also twice a week.\nFor every two weeks write: \"om de 2 weken op dinsdag 10:00-12:00 vanaf YYYY-MM-DD\", and fill in the date of the first time for YYYY-MM-DD. For twice a week, name both days, for example “every tuesday and friday”."},
	{"biweekly on tuesday 10:00-12:00", CodeBiweekly, 1, "biweekly",
		"“biweekly” kan om de twee weken betekenen, maar ook twee keer per week.\nVoor om de twee weken schrijf je: \"every 2 weeks on tuesday 10:00-12:00 from JJJJ-MM-DD\", en vul bij JJJJ-MM-DD de datum van de eerste keer in. Voor twee keer per week noem je beide dagen, bijvoorbeeld “elke dinsdag en vrijdag”.",
		"“biweekly” can mean every two weeks, but also twice a week.\nFor every two weeks write: \"every 2 weeks on tuesday 10:00-12:00 from YYYY-MM-DD\", and fill in the date of the first time for YYYY-MM-DD. For twice a week, name both days, for example “every tuesday and friday”."},
	{"dinsdag 12 december 2026 14:00-16:00", CodeWrongWeekday, 1, "dinsdag",
		"12 december 2026 is een zaterdag, geen dinsdag.\nKijk de datum na. Klopt die, schrijf dan: \"zaterdag 12 december 2026 14:00-16:00\"",
		"12 December 2026 is a Saturday, not a Tuesday.\nCheck the date. If it is right, write: \"zaterdag 12 december 2026 14:00-16:00\""},
	{"Tuesday 12 December 2026 14:00-16:00", CodeWrongWeekday, 1, "Tuesday",
		"12 december 2026 is een zaterdag, geen dinsdag.\nKijk de datum na. Klopt die, schrijf dan: \"Saturday 12 December 2026 14:00-16:00\"",
		"12 December 2026 is a Saturday, not a Tuesday.\nCheck the date. If it is right, write: \"Saturday 12 December 2026 14:00-16:00\""},
	{"elke dinsdag 10:00-12:00 en donderdag 14:00-16:00", CodeTwoRules, 26, "en",
		"Eén regel heeft één tijd.\nZet ze elk in een eigen regel, in een lijst tussen [ ]: [\"elke dinsdag 10:00-12:00\", \"elke donderdag 14:00-16:00\"]",
		"One phrase holds one day and time.\nPut each in its own phrase, in a list between [ ]: [\"elke dinsdag 10:00-12:00\", \"elke donderdag 14:00-16:00\"]"},
	{"every tuesday 10:00-12:00 and thursday 14:00-16:00", CodeTwoRules, 27, "and",
		"Eén regel heeft één tijd.\nZet ze elk in een eigen regel, in een lijst tussen [ ]: [\"every tuesday 10:00-12:00\", \"every thursday 14:00-16:00\"]",
		"One phrase holds one day and time.\nPut each in its own phrase, in a list between [ ]: [\"every tuesday 10:00-12:00\", \"every thursday 14:00-16:00\"]"},
	{"elke dinsdag 10:00-12:00 vanaf JJJJ-MM-DD", CodePlaceholder, 32, "JJJJ-MM-DD",
		"Hier staat nog “JJJJ-MM-DD”.\nVul de datum in als jaar-maand-dag, bijvoorbeeld 2026-09-02.",
		"“JJJJ-MM-DD” still stands here.\nFill in the date as year-month-day, for example 2026-09-02."},
	{"every tuesday 10:00-12:00 from YYYY-MM-DD", CodePlaceholder, 32, "YYYY-MM-DD",
		"Hier staat nog “YYYY-MM-DD”.\nVul de datum in als jaar-maand-dag, bijvoorbeeld 2026-09-02.",
		"“YYYY-MM-DD” still stands here.\nFill in the date as year-month-day, for example 2026-09-02."},
	{"elke week 10:00-12:00", CodeMissingDay, 11, "10:00-12:00",
		"De dag ontbreekt.\nZet de dag erbij, bijvoorbeeld: \"elke dinsdag 10:00-12:00\"",
		"The day is missing.\nAdd the day, for example: \"elke dinsdag 10:00-12:00\""},
	{"every week 10:00-12:00", CodeMissingDay, 12, "10:00-12:00",
		"De dag ontbreekt.\nZet de dag erbij, bijvoorbeeld: \"every tuesday 10:00-12:00\"",
		"The day is missing.\nAdd the day, for example: \"every tuesday 10:00-12:00\""},
	{"wekelijks 10:00-12:00", CodeMissingDay, 11, "10:00-12:00",
		"De dag ontbreekt.\nZet de dag erbij, bijvoorbeeld: \"elke dinsdag 10:00-12:00\"",
		"The day is missing.\nAdd the day, for example: \"elke dinsdag 10:00-12:00\""},
	{"weekly 10:00-12:00", CodeMissingDay, 8, "10:00-12:00",
		"De dag ontbreekt.\nZet de dag erbij, bijvoorbeeld: \"every tuesday 10:00-12:00\"",
		"The day is missing.\nAdd the day, for example: \"every tuesday 10:00-12:00\""},
	{"elke dinsdag 24:00-02:00", CodeBadTime, 14, "24:00-02:00",
		"“24:00” is geen tijd.\nSchrijf een tijd als uren en minuten van 00:00 tot 23:59, bijvoorbeeld “10:00” of “10.00”.",
		"“24:00” is not a time.\nWrite times as hours and minutes from 00:00 to 23:59, for example “10:00” or “10.00”."},
	{"every tuesday 24:00-02:00", CodeBadTime, 15, "24:00-02:00",
		"“24:00” is geen tijd.\nSchrijf een tijd als uren en minuten van 00:00 tot 23:59, bijvoorbeeld “10:00” of “10.00”.",
		"“24:00” is not a time.\nWrite times as hours and minutes from 00:00 to 23:59, for example “10:00” or “10.00”."},
	{"elke werkdag van 9 tot 5", CodeHourOnly, 14, "van",
		"Bij “van 9 tot 5” staan uren zonder minuten.\nSchrijf de tijd in uren en minuten: \"elke werkdag 09:00-17:00\" ('s ochtends) of \"elke werkdag 21:00-05:00\" ('s avonds)",
		"“van 9 tot 5” has hours without minutes.\nWrite the time in hours and minutes: \"elke werkdag 09:00-17:00\" (in the morning) or \"elke werkdag 21:00-05:00\" (in the evening)"},
	{"every weekday 9 to 5", CodeHourOnly, 15, "9",
		"Bij “9 to 5” staan uren zonder minuten.\nSchrijf de tijd in uren en minuten: \"every weekday 09:00-17:00\" ('s ochtends) of \"every weekday 21:00-05:00\" ('s avonds)",
		"“9 to 5” has hours without minutes.\nWrite the time in hours and minutes: \"every weekday 09:00-17:00\" (in the morning) or \"every weekday 21:00-05:00\" (in the evening)"},
	{"dinsdag 's middags", CodeMissingEvery, 1, "dinsdag",
		"Het is niet duidelijk hoe vaak dit is.\nSchrijf bijvoorbeeld: \"elke dinsdag 14:00-16:00\" als het elke week is. Is het één keer? Schrijf dan de datum in plaats van de dag, bijvoorbeeld “2026-12-12 10:00-12:00”.",
		"It is not clear how often this happens.\nWrite for example: \"elke dinsdag 14:00-16:00\" if it is every week. Is it one time? Then write the date instead of the day, for example “2026-12-12 10:00-12:00”."},
	{"tuesday afternoon", CodeMissingEvery, 1, "tuesday",
		"Het is niet duidelijk hoe vaak dit is.\nSchrijf bijvoorbeeld: \"every tuesday 14:00-16:00\" als het elke week is. Is het één keer? Schrijf dan de datum in plaats van de dag, bijvoorbeeld “2026-12-12 10:00-12:00”.",
		"It is not clear how often this happens.\nWrite for example: \"every tuesday 14:00-16:00\" if it is every week. Is it one time? Then write the date instead of the day, for example “2026-12-12 10:00-12:00”."},
	{"elke dinsdagmorgen 10:00-12:00", "", 0, "", "Elke dinsdag, 10.00-12.00 uur", "Every Tuesday, 10:00-12:00"},
	{"every friday night 20:00-23:00", "", 0, "", "Elke vrijdag, 20.00-23.00 uur", "Every Friday, 20:00-23:00"},
	{"elke dinsdag van 7 tot 21", CodeHourOnly, 14, "van",
		"Bij “van 7 tot 21” staan uren zonder minuten.\nSchrijf de tijd in uren en minuten: \"elke dinsdag 07:00-21:00\" ('s ochtends) of \"elke dinsdag 19:00-21:00\" ('s avonds)",
		"“van 7 tot 21” has hours without minutes.\nWrite the time in hours and minutes: \"elke dinsdag 07:00-21:00\" (in the morning) or \"elke dinsdag 19:00-21:00\" (in the evening)"},
	{"every tuesday 7 to 21", CodeHourOnly, 15, "7",
		"Bij “7 to 21” staan uren zonder minuten.\nSchrijf de tijd in uren en minuten: \"every tuesday 07:00-21:00\" ('s ochtends) of \"every tuesday 19:00-21:00\" ('s avonds)",
		"“7 to 21” has hours without minutes.\nWrite the time in hours and minutes: \"every tuesday 07:00-21:00\" (in the morning) or \"every tuesday 19:00-21:00\" (in the evening)"},
	{"Dinsdag 10-12", CodeMissingEvery, 1, "Dinsdag",
		"Het is niet duidelijk hoe vaak dit is.\nSchrijf: \"Elke dinsdag 10:00-12:00\" als het elke week is. Is het één keer? Schrijf dan de datum in plaats van de dag, bijvoorbeeld “2026-12-12 10:00-12:00”.",
		"It is not clear how often this happens.\nWrite: \"Elke dinsdag 10:00-12:00\" if it is every week. Is it one time? Then write the date instead of the day, for example “2026-12-12 10:00-12:00”."},
	{"Tuesday 10-12", CodeMissingEvery, 1, "Tuesday",
		"Het is niet duidelijk hoe vaak dit is.\nSchrijf: \"Every tuesday 10:00-12:00\" als het elke week is. Is het één keer? Schrijf dan de datum in plaats van de dag, bijvoorbeeld “2026-12-12 10:00-12:00”.",
		"It is not clear how often this happens.\nWrite: \"Every tuesday 10:00-12:00\" if it is every week. Is it one time? Then write the date instead of the day, for example “2026-12-12 10:00-12:00”."},
	{"elke dinsdag 10:00-12:00 en 14:00-16:00", CodeTwoRules, 26, "en",
		"Eén regel heeft één tijd.\nZet ze elk in een eigen regel, in een lijst tussen [ ]: [\"elke dinsdag 10:00-12:00\", \"elke dinsdag 14:00-16:00\"]",
		"One phrase holds one day and time.\nPut each in its own phrase, in a list between [ ]: [\"elke dinsdag 10:00-12:00\", \"elke dinsdag 14:00-16:00\"]"},
	{"every tuesday 10:00-12:00 and 14:00-16:00", CodeTwoRules, 27, "and",
		"Eén regel heeft één tijd.\nZet ze elk in een eigen regel, in een lijst tussen [ ]: [\"every tuesday 10:00-12:00\", \"every tuesday 14:00-16:00\"]",
		"One phrase holds one day and time.\nPut each in its own phrase, in a list between [ ]: [\"every tuesday 10:00-12:00\", \"every tuesday 14:00-16:00\"]"},
	{"elke dinsdag 10:00-2", CodeHourOnly, 14, "10:00-2",
		"Bij “10:00-2” staan uren zonder minuten.\nSchrijf de tijd in uren en minuten: \"elke dinsdag 10:00-14:00\"",
		"“10:00-2” has hours without minutes.\nWrite the time in hours and minutes: \"elke dinsdag 10:00-14:00\""},
	{"every tuesday 9am-5", "", 0, "", "Elke dinsdag, 09.00-17.00 uur", "Every Tuesday, 09:00-17:00"},
	{"elke werkdag behalve woensdag 9-17", CodeExcept, 14, "behalve",
		"Een uitzondering zoals “behalve woensdag” kan niet in de regel zelf.\nNoem de dagen waarop het wel is: \"elke maandag, dinsdag, donderdag en vrijdag 09:00-17:00\"",
		"An exception such as “behalve woensdag” cannot go in the phrase itself.\nName the days it is on: \"elke maandag, dinsdag, donderdag en vrijdag 09:00-17:00\""},
	{"every weekday except wednesday 09:00-17:00", CodeExcept, 15, "except",
		"Een uitzondering zoals “except wednesday” kan niet in de regel zelf.\nNoem de dagen waarop het wel is: \"every monday, tuesday, thursday and friday 09:00-17:00\"",
		"An exception such as “except wednesday” cannot go in the phrase itself.\nName the days it is on: \"every monday, tuesday, thursday and friday 09:00-17:00\""},
	{"elke dag behalve zondag 10:00-16:00", CodeExcept, 10, "behalve",
		"Een uitzondering zoals “behalve zondag” kan niet in de regel zelf.\nNoem de dagen waarop het wel is: \"elke maandag t/m zaterdag 10:00-16:00\"",
		"An exception such as “behalve zondag” cannot go in the phrase itself.\nName the days it is on: \"elke maandag t/m zaterdag 10:00-16:00\""},
	{"every day except sunday 10:00-16:00", CodeExcept, 11, "except",
		"Een uitzondering zoals “except sunday” kan niet in de regel zelf.\nNoem de dagen waarop het wel is: \"every monday to saturday 10:00-16:00\"",
		"An exception such as “except sunday” cannot go in the phrase itself.\nName the days it is on: \"every monday to saturday 10:00-16:00\""},
	{"elke dinsdag tot 12:00", CodeMissingStart, 14, "tot",
		"De begintijd ontbreekt.\nZet erbij hoe laat het begint, bijvoorbeeld: \"elke dinsdag 10:00-12:00\"",
		"The start time is missing.\nAdd when it starts, for example: \"elke dinsdag 10:00-12:00\""},
	{"every tuesday until 12:00", CodeMissingStart, 15, "until",
		"De begintijd ontbreekt.\nZet erbij hoe laat het begint, bijvoorbeeld: \"every tuesday 10:00-12:00\"",
		"The start time is missing.\nAdd when it starts, for example: \"every tuesday 10:00-12:00\""},
	{"elke tweede week op dinsdag 10:00-12:00 vanaf 2026-12-01", "", 0, "", "Om de week op dinsdag, 10.00-12.00 uur, vanaf 1 december 2026", "Every other Tuesday, 10:00-12:00, from 1 December 2026"},
	{"every second week on tuesday 10:00-12:00 from 2026-12-01", "", 0, "", "Om de week op dinsdag, 10.00-12.00 uur, vanaf 1 december 2026", "Every other Tuesday, 10:00-12:00, from 1 December 2026"},
}

func TestSlips(t *testing.T) {
	accepted, refused := 0, 0
	for _, tt := range slips {
		t.Run(tt.phrase, func(t *testing.T) {
			r, err := Parse(tt.phrase)
			if tt.code == "" {
				accepted++
				if err != nil {
					t.Fatalf("Parse(%q): %v", tt.phrase, err)
				}
				if got := r.Describe("nl"); got != tt.nl {
					t.Errorf("nl = %q, want %q", got, tt.nl)
				}
				if got := r.Describe("en"); got != tt.en {
					t.Errorf("en = %q, want %q", got, tt.en)
				}
				return
			}
			refused++
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) = %v, %v; want a %s error", tt.phrase, r, err, tt.code)
			}
			if pe.Code != tt.code || pe.Col != tt.col {
				t.Errorf("code %s col %d, want %s col %d", pe.Code, pe.Col, tt.code, tt.col)
			}
			if at := string([]rune(tt.phrase)[pe.Col-1:]); !strings.HasPrefix(at, tt.at) {
				t.Errorf("column %d points at %q, want the word %q", pe.Col, at, tt.at)
			}
			for _, lang := range []string{"nl", "en"} {
				msg, hint := pe.Message(lang)
				want := tt.nl
				if lang == "en" {
					want = tt.en
				}
				if got := msg + "\n" + hint; got != want {
					t.Errorf("%s message:\n got %q\nwant %q", lang, got, want)
				}
			}
			checkSuggestions(t, pe)
		})
	}
	if accepted < 20 || refused < 20 {
		t.Errorf("%d accepted and %d refused slips; the table lost cases", accepted, refused)
	}
}

// checkSuggestions checks that every phrase a message tells the volunteer
// to write parses (with a date where it leaves one to fill in), and that
// its description parses too.
func checkSuggestions(t *testing.T, pe *ParseError) {
	t.Helper()
	for _, lang := range []string{"nl", "en"} {
		for _, s := range pe.Suggestions(lang) {
			for _, one := range splitList(s) {
				if strings.Contains(one, "JJJJ") || strings.Contains(one, "YYYY") {
					// The volunteer fills in the date or year.
					if _, err := parse(one, true); err != nil {
						t.Errorf("%s suggestion %q for %q does not parse: %v", lang, one, pe.Phrase, err)
					}
					continue
				}
				r, err := Parse(one)
				if err != nil {
					t.Errorf("%s suggestion %q for %q does not parse: %v", lang, one, pe.Phrase, err)
					continue
				}
				if _, err := Parse(r.Describe(lang)); err != nil {
					t.Errorf("%s suggestion %q describes as %q, which does not parse: %v", lang, one, r.Describe(lang), err)
				}
			}
		}
	}
}

// splitList splits a suggested TOML list (["a", "b"]) into its phrases.
func splitList(s string) []string {
	if !strings.HasPrefix(s, "[") {
		return []string{s}
	}
	var out []string
	for _, part := range strings.Split(strings.Trim(s, "[]"), `", "`) {
		out = append(out, strings.Trim(part, `"`))
	}
	return out
}

// TestSlipRoundTrip checks that what the site shows for an accepted slip
// reads back as the same rule, in both languages.
func TestSlipRoundTrip(t *testing.T) {
	for _, tt := range slips {
		if tt.code != "" {
			continue
		}
		r := mustParse(t, tt.phrase)
		for _, lang := range []string{"nl", "en"} {
			if err := sameAfterDescribe(r, lang); err != nil {
				t.Errorf("%q: %v", tt.phrase, err)
			}
		}
	}
}
