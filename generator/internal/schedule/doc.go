// Package schedule turns the when phrases and opening hours of a
// neighbourhood centre into dates and times: it parses the phrases, expands
// them into occurrences inside a window of days, applies cancels, changes
// and closures, computes public holidays and answers questions about the
// opening hours. It also writes rules, dates and times out again for
// people, in Dutch and English.
//
// In the generator's pipeline it sits between content (which decodes the
// files into typed values) and build, ical and render (which show the
// occurrences). It is pure: it does no I/O, reads no clock and imports
// nothing of the module. The window, the site's *time.Location and the day
// of the build are always passed in.
//
// # Phrases
//
// Parse reads one when phrase of the content format into a Rule: weekly
// ("every tuesday 10:00-12:00", "elke maandag en donderdag ..."), every N
// weeks ("every other wednesday ... from 2026-09-02", "om de 3 weken
// vrijdag ... vanaf ..."), monthly ("first saturday of the month ...",
// "laatste zaterdag van de maand ...") and once ("2026-12-12 14:00-16:00").
// Beyond the contract it accepts, one extension a line:
//
//   - day abbreviations and lists: "di", "di.", "tue", "ma/wo/vr";
//   - day ranges: "ma t/m vr", "ma-vr", "maandag tot (en met) vrijdag",
//     "monday to friday";
//   - plural days: "dinsdags", "dinsdag's", "dinsdagen", "on tuesdays";
//   - "every weekend", "every week on tuesday", "wekelijks op dinsdag",
//     "weekly on tuesday";
//   - every few weeks in words: "om de twee weken", "tweewekelijks",
//     "veertiendaags", "fortnightly", "om de 14 dagen", "every 14 days",
//     "elke tweede week", "every third week" (with a from date, as the
//     contract asks);
//   - ordinals in digits with any ending: "2e", "2de", "2ste", "2nd";
//     "de eerste zaterdag van de maand", "elke maand op de eerste zaterdag",
//     "monthly on the first saturday"; "eerste" and "laatste" without
//     "van de maand" (there is no other reading);
//   - times as "12u30" and "10h15"; "uur" or "u" after each time;
//     "van", "om", "vanaf", "tussen", "from", "at", "between" before it;
//   - whole hours when a single reading of at most twelve hours exists:
//     "14-16 uur", "van 9 tot 17", "9:30-11" (09:30-11:00);
//   - the English clock: "10am-2pm", "7-9pm" (19:00-21:00), "noon",
//     "midnight"; "24:00" as an end, meaning midnight;
//   - a part of the day with the time: "'s middags van 2 tot 4"
//     (14:00-16:00), "dinsdagavond 7-9", "tuesday 2-4 in the afternoon";
//   - dates in words: "12 december 2026", "12 dec. 2026", "zaterdag 12
//     december 2026", "December 12, 2026"; "van DATE tot DATE" and "from
//     DATE to DATE";
//   - capitals, extra spaces, commas and a full stop at the end;
//   - the time and the from/until clauses in any order.
//
// Nothing is read one way when it can be read two ways. These are refused,
// each with the whole phrase to write instead, checked to parse; a date the
// volunteer must still fill in is "JJJJ-MM-DD":
//
//   - "elke 2e dinsdag" without "van de maand": of the month, or every
//     other week?
//   - "elke tweede en vierde dinsdag": two rules, suggested as a list;
//   - "maandelijks op dinsdag", "monthly on tuesday": which week?
//   - "biweekly": every two weeks, or twice a week?
//   - a day without "elke" ("dinsdag 10:00-12:00"): every week, or once?
//   - whole hours that read as morning or evening: "van 8 tot 10";
//   - spoken times: "half 11" (10:30), "kwart over 10", "half past 2";
//   - "12am" and "12pm";
//   - a part of the day without times ("'s ochtends"), or against them;
//   - a time without an end ("om 10:00") or an end without a start ("tot
//     12:00");
//   - "even weken", "odd weeks": ISO weeks do not alternate after a week 53;
//   - an exception: "behalve in de schoolvakanties" (a [[cancel]] per
//     date), "behalve woensdag" (the other days named instead);
//   - a day-first date ("12-10-2026"), a date without its year ("12 okt"),
//     a weekday that does not match its date;
//   - two rules in one phrase: "elke dinsdag 10:00-12:00 en donderdag
//     14:00-16:00".
//
// A parse error is a *ParseError: the column of the word that was not
// understood, a stable code, a suggestion for a likely typing error, the
// phrases to write instead (Suggestions), and a message with a hint in
// plain Dutch or English.
//
// Every N weeks counts weeks from Monday to Sunday, starting with the week
// of the first day on or after From that the rule names. This is RRULE's
// FREQ=WEEKLY;INTERVAL=N;WKST=MO with DTSTART on that first day.
//
// # Wall-clock time and daylight saving
//
// Occurrences keep their wall-clock time: an activity at 10:00 is at 10:00
// in winter (+01:00 in Europe/Amsterdam) and in summer (+02:00). Times that
// the change to or from daylight saving time makes ambiguous are resolved
// as RFC 5545 (section 3.3.5) says, explicitly, because Go's time.Date
// leaves the choice open:
//
//   - A time inside the gap when the clocks go forward does not exist. It
//     is read with the UTC offset in force before the gap, which moves it
//     forward by the length of the gap: 02:30 on 29 March 2026 becomes
//     02:30+01:00, shown as 03:30+02:00.
//   - A time inside the hour when the clocks go back happens twice. The
//     first is meant, the earlier instant: 02:30 on 25 October 2026 is
//     02:30+02:00.
//
// An end that would come before its start this way (02:30-03:00 on the
// night the clocks go forward) is the start plus the wall-clock length.
//
// # Closures
//
// An occurrence does not take place on a day the centre is closed for
// activities (Hours.ClosedOn): a day in a [[closed]] period, or a public
// holiday when the hours set public_holidays. A [[special]] day overrides
// both: the centre is open then, unless the special day itself has no
// hours. A day that merely has no weekly hours (a Sunday the hours do not
// list) is not a closure: many activities run when the reception desk is
// closed. An activity with OnHolidays goes on regardless. A [[cancel]] is
// listed even on a closed day, so its reason is shown; a [[change]] is
// judged on the day it moves to.
//
// # Opening hours
//
// Precedence on one day: a special day over a closed period over a public
// holiday over a season over the normal week. The Dutch public holidays
// are exactly those of the content format: Nieuwjaarsdag, Eerste and
// Tweede Paasdag, Koningsdag (27 April, or 26 April when the 27th is a
// Sunday), Hemelvaartsdag, Eerste and Tweede Pinksterdag, Eerste and
// Tweede Kerstdag; not Goede Vrijdag and not Bevrijdingsdag. They are
// computed for any year with the Easter rules of github.com/rickar/cal/v2.
package schedule
