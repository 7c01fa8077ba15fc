"""Expand an iCalendar file with the Python library recurring_ical_events
(on top of icalendar and dateutil), so that the generator's .ics output is
checked by a reader that is not the generator's own.

Usage: /usr/bin/python3 expand.py FILE.ics... FROM UNTIL

FROM and UNTIL are instants in RFC 3339 (2026-10-12T00:00:00+02:00); the
window is FROM <= start < UNTIL. For each file, in the order given, the
script prints one line: a JSON array of
{"uid", "start", "end"} objects, start and end as RFC 3339 instants in UTC,
sorted by start, uid and end: one object for every occurrence that starts in
the window. Cancelled occurrences (STATUS:CANCELLED) are left out.

Everything is the library's own: recurring_ical_events.of(calendar)
expands RRULE, RDATE and EXDATE and replaces instances by their
RECURRENCE-ID overrides; icalendar reads the file and its zones.

Exit codes: 0 done, 2 the file cannot be read, 3 the library is not
installed.
"""

import datetime
import json
import sys

try:
    import icalendar
    import recurring_ical_events
except ImportError as err:
    sys.stderr.write(f"expand.py: cannot load recurring_ical_events: {err}\n")
    sys.exit(3)

UTC = datetime.timezone.utc


def fail(message):
    sys.stderr.write(f"expand.py: {message}\n")
    sys.exit(2)


def parse_instant(text, what):
    try:
        t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        fail(f"{what} must be an RFC 3339 instant, got {text!r}")
    if t.tzinfo is None:
        fail(f"{what} must name its UTC offset, got {text!r}")
    return t


def instant(value, uid, name):
    if not isinstance(value, datetime.datetime):
        fail(f"event {uid}: {name} {value!r} is not a date-time")
    if value.tzinfo is None:
        fail(f"event {uid}: {name} {value} has no zone (floating time)")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def main(argv):
    if len(argv) < 3:
        fail("usage: expand.py FILE.ics... FROM UNTIL")
    start = parse_instant(argv[-2], "FROM")
    end = parse_instant(argv[-1], "UNTIL")
    for path in argv[:-2]:
        sys.stdout.write(json.dumps(expand_file(path, start, end)) + "\n")


def expand_file(path, start, end):
    """The occurrences of the calendar in the file path that start in the
    window, sorted."""
    try:
        with open(path, "rb") as f:
            calendar = icalendar.Calendar.from_ical(f.read())
    except (OSError, ValueError) as err:
        fail(f"{path}: {err}")

    out = []
    # between() keeps the events that overlap the span; widen it and keep
    # those that start in the window.
    margin = datetime.timedelta(days=2)
    for event in recurring_ical_events.of(calendar).between(start - margin, end + margin):
        if event.name != "VEVENT":
            continue
        uid = str(event.get("UID"))
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        s = event["DTSTART"].dt
        e = event["DTEND"].dt if "DTEND" in event else s
        if not (start <= s < end):
            continue
        out.append({"uid": uid, "start": instant(s, uid, "DTSTART"), "end": instant(e, uid, "DTEND")})

    out.sort(key=lambda o: (o["start"], o["uid"], o["end"]))
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
