// expand.mjs expands an iCalendar file with node-ical (which expands rules
// with rrule-temporal), so that the generator's .ics output is checked by a
// reader that is not the generator's own.
//
// Usage: node expand.mjs FILE.ics... FROM UNTIL
//
// FROM and UNTIL are instants in RFC 3339 (2026-10-12T00:00:00+02:00); the
// window is FROM <= start < UNTIL. For each file, in the order given, the
// script prints one line: a JSON array of
// {"uid", "start", "end"} objects, start and end as RFC 3339 instants in UTC,
// sorted by start, uid and end: one object for every occurrence whose start
// falls in the window. Everything is node-ical's own: it reads the file,
// files each RECURRENCE-ID override under its master, and
// expandRecurringEvent applies the RRULE, EXDATEs and overrides. Cancelled
// occurrences (STATUS:CANCELLED) are left out.

import ical from "node-ical";

function fail(message) {
  process.stderr.write(`expand.mjs: ${message}\n`);
  process.exit(2);
}

function parseInstant(text, what) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/.test(text || "")) {
    fail(`${what} must be an RFC 3339 instant such as 2026-10-12T00:00:00+02:00, got ${JSON.stringify(text)}`);
  }
  return new Date(text);
}

const instant = (d) => new Date(d).toISOString().replace(".000Z", "Z");
const cancelled = (ev) => typeof ev?.status === "string" && ev.status.toUpperCase() === "CANCELLED";

function main(argv) {
  if (argv.length < 3) {
    fail("usage: node expand.mjs FILE.ics... FROM UNTIL");
  }
  const from = parseInstant(argv[argv.length - 2], "FROM");
  const until = parseInstant(argv[argv.length - 1], "UNTIL");
  for (const file of argv.slice(0, -2)) {
    process.stdout.write(JSON.stringify(expandFile(file, from, until)) + "\n");
  }
}

// expandFile returns the occurrences of the calendar in file that start in
// the window, sorted.
function expandFile(file, from, until) {
  let data;
  try {
    data = ical.sync.parseFile(file);
  } catch (err) {
    fail(`${file}: ${err.message}`);
  }
  // Expand a little beyond the window on both sides: instances are kept by
  // their start.
  const margin = 2 * 86400 * 1000;
  const out = [];
  for (const ev of Object.values(data)) {
    if (ev.type !== "VEVENT") {
      continue;
    }
    const instances = ev.rrule
      ? ical.expandRecurringEvent(ev, { from: new Date(from - margin), to: new Date(until.getTime() + margin) })
      : [{ start: ev.start, end: ev.end, event: ev }];
    for (const i of instances) {
      if (cancelled(i.event ?? ev)) {
        continue;
      }
      const start = new Date(i.start);
      if (start < from || start >= until) {
        continue;
      }
      out.push({ uid: ev.uid, start: instant(i.start), end: instant(i.end ?? i.start) });
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
