// expand.mjs expands an iCalendar file with ical.js, the parser Thunderbird
// uses, so that the generator's .ics output is checked by a reader that is
// not the generator's own.
//
// Usage: node expand.mjs FILE.ics... FROM UNTIL
//
// FROM and UNTIL are instants in RFC 3339 (2026-10-12T00:00:00+02:00); the
// window is FROM <= start < UNTIL. For each file, in the order given, the
// script prints one line: a JSON array of
// {"uid", "start", "end"} objects, start and end as RFC 3339 instants in UTC,
// sorted by start, uid and end: one object for every occurrence whose start
// falls in the window. Recurrence rules, EXDATEs and
// RECURRENCE-ID overrides are applied by ical.js itself; cancelled
// occurrences (STATUS:CANCELLED) are left out.
//
// Every TZID the file uses must be defined by one of its VTIMEZONEs: ical.js
// has no zone database of its own, so a missing VTIMEZONE is an error here
// rather than a silent fall back to floating time.

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

// maxSteps bounds the expansion of one recurring event, so that a rule that
// never ends cannot hang the test suite.
const maxSteps = 100000;

function fail(message) {
  process.stderr.write(`expand.mjs: ${message}\n`);
  process.exit(2);
}

function parseInstant(text, what) {
  const m = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/.exec(text || "");
  if (!m) {
    fail(`${what} must be an RFC 3339 instant such as 2026-10-12T00:00:00+02:00, got ${JSON.stringify(text)}`);
  }
  return Date.parse(text) / 1000;
}

function instant(time) {
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

function isCancelled(event) {
  const status = event.component.getFirstPropertyValue("status");
  return typeof status === "string" && status.toUpperCase() === "CANCELLED";
}

// checkZones fails when a date-time property names a TZID that no VTIMEZONE
// defines: ical.js would silently read it as floating time.
function checkZones(component, uid) {
  for (const name of ["dtstart", "dtend", "recurrence-id", "exdate"]) {
    for (const prop of component.getAllProperties(name)) {
      const tzid = prop.getParameter("tzid");
      if (!tzid) {
        continue;
      }
      for (const value of prop.getValues()) {
        if (!value.zone || value.zone.tzid !== tzid) {
          fail(`event ${uid}: ${name.toUpperCase()} TZID ${tzid} has no VTIMEZONE`);
        }
      }
    }
  }
}

function main(argv) {
  if (argv.length < 3) {
    fail("usage: node expand.mjs FILE.ics... FROM UNTIL");
  }
  const windowStart = parseInstant(argv[argv.length - 2], "FROM");
  const windowEnd = parseInstant(argv[argv.length - 1], "UNTIL"); // exclusive
  for (const file of argv.slice(0, -2)) {
    process.stdout.write(JSON.stringify(expandFile(file, windowStart, windowEnd)) + "\n");
  }
}

// expandFile returns the occurrences of the calendar in file that start in
// the window, sorted.
function expandFile(file, windowStart, windowEnd) {
  let root;
  try {
    root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  } catch (err) {
    fail(`${file}: ${err.message}`);
  }

  ICAL.TimezoneService.reset();
  const zones = root.getAllSubcomponents("vtimezone");
  for (const vtimezone of zones) {
    ICAL.TimezoneService.register(vtimezone);
  }

  // Group the VEVENTs by UID: a master (no RECURRENCE-ID) and its overrides.
  const byUID = new Map();
  for (const component of root.getAllSubcomponents("vevent")) {
    const uid = component.getFirstPropertyValue("uid");
    if (!uid) {
      fail(`${file}: VEVENT without UID`);
    }
    checkZones(component, uid);
    if (!byUID.has(uid)) {
      byUID.set(uid, { master: null, overrides: [] });
    }
    const group = byUID.get(uid);
    if (component.hasProperty("recurrence-id")) {
      group.overrides.push(component);
    } else if (group.master) {
      fail(`${file}: two VEVENTs with UID ${uid} and no RECURRENCE-ID`);
    } else {
      group.master = component;
    }
  }

  const out = [];
  const emit = (uid, item, start, end) => {
    if (isCancelled(item)) {
      return;
    }
    const s = start.toUnixTime();
    if (s < windowStart || s >= windowEnd) {
      return;
    }
    out.push({ uid, start: instant(start), end: instant(end) });
  };

  for (const [uid, group] of byUID) {
    if (!group.master) {
      // Overrides whose master is not in this file stand on their own.
      for (const component of group.overrides) {
        const event = new ICAL.Event(component);
        emit(uid, event, event.startDate, event.endDate);
      }
      continue;
    }
    const event = new ICAL.Event(group.master, {
      strictExceptions: true,
      exceptions: group.overrides,
    });
    if (!event.isRecurring()) {
      emit(uid, event, event.startDate, event.endDate);
      continue;
    }
    // An override may move an occurrence from outside the window into it,
    // so expand at least up to the last overridden occurrence.
    let stopAt = windowEnd;
    for (const component of group.overrides) {
      const rid = new ICAL.Event(component).recurrenceId.toUnixTime();
      stopAt = Math.max(stopAt, rid + 1);
    }
    const iterator = event.iterator();
    let steps = 0;
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (next.toUnixTime() >= stopAt) {
        break;
      }
      if (++steps > maxSteps) {
        fail(`event ${uid}: more than ${maxSteps} occurrences before the window ends`);
      }
      const details = event.getOccurrenceDetails(next);
      emit(uid, details.item, details.startDate, details.endDate);
    }
  }

  out.sort((a, b) => {
    if (a.start !== b.start) return a.start < b.start ? -1 : 1;
    if (a.uid !== b.uid) return a.uid < b.uid ? -1 : 1;
    if (a.end !== b.end) return a.end < b.end ? -1 : 1;
    return 0;
  });
  return out;
}

try {
  main(process.argv.slice(2));
} catch (err) {
  fail(err && err.stack ? err.stack : String(err));
}
