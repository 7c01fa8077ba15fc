"""Expand an iCalendar file with libical, the C library behind Evolution and
GNOME Calendar, so that the generator's .ics output is checked by a reader
that is not the generator's own.

Usage: /usr/bin/python3 expand.py FILE.ics... FROM UNTIL

FROM and UNTIL are instants in RFC 3339 (2026-10-12T00:00:00+02:00); the
window is FROM <= start < UNTIL. For each file, in the order given, the
script prints one line: a JSON array of
{"uid", "start", "end"} objects, start and end as RFC 3339 instants in UTC,
sorted by start, uid and end: one object for every occurrence that starts in
the window. Cancelled occurrences (STATUS:CANCELLED) are left out.

libical is reached through GObject introspection (Debian gir1.2-ical-3.0
and python3-gi). The expansion is libical's own,
icalcomponent_foreach_recurrence: RRULE and RDATE from DTSTART, minus
EXDATE, each instance lasting DTEND - DTSTART, with every TZID resolved
against the file's VTIMEZONE. libical leaves detached instances
(RECURRENCE-ID) to the program, as Evolution does: an instance of a master
whose start equals an override's RECURRENCE-ID is replaced by the override.

Exit codes: 0 done, 2 the file cannot be read, 3 libical is not installed.
"""

import datetime
import json
import sys

try:
    import gi

    gi.require_version("ICalGLib", "3.0")
    from gi.repository import ICalGLib as ical
except (ImportError, ValueError) as err:
    sys.stderr.write(f"expand.py: cannot load libical: {err}\n")
    sys.exit(3)


def fail(message):
    sys.stderr.write(f"expand.py: {message}\n")
    sys.exit(2)


def instant(seconds):
    t = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_instant(text, what):
    try:
        t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        fail(f"{what} must be an RFC 3339 instant, got {text!r}")
    if t.tzinfo is None:
        fail(f"{what} must name its UTC offset, got {text!r}")
    return int(t.timestamp())


def components(parent, kind):
    c = parent.get_first_component(kind)
    while c is not None:
        yield c
        c = parent.get_next_component(kind)


def cancelled(comp):
    prop = comp.get_first_property(ical.PropertyKind.STATUS_PROPERTY)
    return prop is not None and prop.get_value_as_string().upper() == "CANCELLED"


def recurrence_id(root, comp):
    """Seconds since the epoch of comp's RECURRENCE-ID.

    libical returns RECURRENCE-ID as a bare wall clock; like Evolution, the
    zone its TZID parameter names is looked up among the calendar's
    VTIMEZONEs (then libical's own zones)."""
    prop = comp.get_first_property(ical.PropertyKind.RECURRENCEID_PROPERTY)
    t = prop.get_recurrenceid()
    param = prop.get_first_parameter(ical.ParameterKind.TZID_PARAMETER)
    if t.is_utc() or param is None:
        if not t.is_utc():
            fail(f"event {comp.get_uid()}: RECURRENCE-ID {t.as_ical_string()} is floating time")
        return t.as_timet_with_zone(ical.Timezone.get_utc_timezone())
    tzid = param.get_tzid()
    zone = root.get_timezone(tzid) or ical.Timezone.get_builtin_timezone(tzid)
    if zone is None:
        fail(f"event {comp.get_uid()}: TZID {tzid} has no VTIMEZONE")
    return t.as_timet_with_zone(zone)


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
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as err:
        fail(str(err))
    root = ical.Component.new_from_string(text)
    if root is None or root.isa() != ical.ComponentKind.VCALENDAR_COMPONENT:
        fail(f"{path}: libical finds no VCALENDAR")

    utc = ical.Timezone.get_utc_timezone()
    # Expand a little beyond the window on both sides: an instance is kept
    # by its start, and libical reports spans that overlap the limits.
    limit_start = ical.Time.new_from_timet_with_zone(start - 2 * 86400, 0, utc)
    limit_end = ical.Time.new_from_timet_with_zone(end + 2 * 86400, 0, utc)

    masters = {}
    overrides = {}
    order = []
    for comp in components(root, ical.ComponentKind.VEVENT_COMPONENT):
        uid = comp.get_uid()
        if not uid:
            fail(f"{path}: VEVENT without UID")
        if uid not in masters and uid not in overrides:
            order.append(uid)
        if comp.get_first_property(ical.PropertyKind.RECURRENCEID_PROPERTY) is not None:
            overrides.setdefault(uid, []).append(comp)
        elif uid in masters:
            fail(f"{path}: two VEVENTs with UID {uid} and no RECURRENCE-ID")
        else:
            masters[uid] = comp

    out = []

    def expand(comp, uid, replaced):
        spans = []

        def collect(_comp, span, _data):
            spans.append((span.get_start(), span.get_end()))

        comp.foreach_recurrence(limit_start, limit_end, collect, None)
        if cancelled(comp):
            return
        for s, e in spans:
            if s in replaced or s < start or s >= end:
                continue
            out.append({"uid": uid, "start": instant(s), "end": instant(e)})

    for uid in order:
        detached = overrides.get(uid, [])
        replaced = set()
        for o in detached:
            replaced.add(recurrence_id(root, o))
        if uid in masters:
            expand(masters[uid], uid, replaced)
        for o in detached:
            expand(o, uid, set())

    out.sort(key=lambda o: (o["start"], o["uid"], o["end"]))
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
