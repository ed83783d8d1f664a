#!/usr/bin/python3
"""Expands recurrence rules with python3-dateutil, an implementation
independent of ours, and writes testdata/rrules.golden for rule_test.go.

Run from internal/gathering/ical:  /usr/bin/python3 testdata/gen/rrules.py
Needs Debian's python3-dateutil (apt-get install python3-dateutil).

Every case's first date matches its rule: RFC 5545 leaves a DTSTART that
does not match undefined, and dateutil then leaves it out while we keep it.
Weeks start on Monday (WKST=MO) on both sides.
"""
import json
import os
from datetime import datetime
from zoneinfo import ZoneInfo

import dateutil
from dateutil.rrule import rrulestr

# name, rule, zone, first (local wall clock), from, to (local; "" for none), max (0: none)
CASES = [
    ("weekly across the March change", "FREQ=WEEKLY", "Europe/Berlin",
     "2026-03-03T10:00", "", "2026-04-15T00:00", 0),
    ("every 2 weeks on two days across the October change", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "Europe/Berlin",
     "2026-10-06T10:00", "", "2026-12-01T00:00", 0),
    ("every 2 weeks from a Sunday (week starts Monday)", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=8", "Europe/Berlin",
     "2026-03-01T10:00", "", "2027-01-01T00:00", 0),
    ("every 3 weeks on first's weekday in New York", "FREQ=WEEKLY;INTERVAL=3", "America/New_York",
     "2026-02-25T09:00", "", "2026-06-01T00:00", 0),
    ("three days a week in UTC, a count", "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10", "UTC",
     "2026-06-01T08:00", "", "2027-01-01T00:00", 0),
    ("monthly on the second Tuesday, a count", "FREQ=MONTHLY;BYDAY=2TU;COUNT=12", "Europe/Berlin",
     "2026-01-13T18:30", "", "2028-01-01T00:00", 0),
    ("monthly on the last Friday until a date", "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231T235959Z", "America/New_York",
     "2026-01-30T09:00", "", "2028-01-01T00:00", 0),
    ("monthly on the 31st skips short months", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=8", "Europe/Berlin",
     "2026-01-31T19:00", "", "2028-01-01T00:00", 0),
    ("monthly on the last day", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6", "America/New_York",
     "2026-01-31T17:00", "", "2028-01-01T00:00", 0),
    ("every 2 months on the 15th until a date", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15;UNTIL=20270131T235959Z",
     "Europe/Berlin", "2026-01-15T12:00", "", "2028-01-01T00:00", 0),
    ("monthly on first's day, the 30th, skips February", "FREQ=MONTHLY;COUNT=5", "Europe/Berlin",
     "2027-01-30T08:00", "", "2028-01-01T00:00", 0),
    ("monthly on the first and third Monday", "FREQ=MONTHLY;BYDAY=1MO,3MO", "America/New_York",
     "2026-01-05T12:00", "", "2026-07-01T00:00", 0),
    ("weekly, a window in the autumn", "FREQ=WEEKLY;BYDAY=TU", "Europe/Berlin",
     "2026-01-06T10:00", "2026-10-20T00:00", "2026-11-11T00:00", 0),
    ("monthly on the first Monday, at most five", "FREQ=MONTHLY;BYDAY=1MO", "America/New_York",
     "2026-01-05T07:45", "", "2030-01-01T00:00", 5),
]


def local(s, zone):
    return datetime.fromisoformat(s).replace(tzinfo=zone)


def expand(rule, zone, first, start, end, limit):
    out = []
    for dt in rrulestr(rule + ";WKST=MO", dtstart=first):
        if dt >= end:
            break
        if start is not None and dt < start:
            continue
        out.append(dt.isoformat())
        if limit and len(out) >= limit:
            break
    return out


def main():
    cases = []
    for name, rule, zone_name, first, start, end, limit in CASES:
        zone = ZoneInfo(zone_name)
        f = local(first, zone)
        s = local(start, zone) if start else None
        e = local(end, zone)
        cases.append({
            "name": name, "rule": rule, "zone": zone_name,
            "first": f.isoformat(), "from": s.isoformat() if s else "", "to": e.isoformat(), "max": limit,
            "dates": expand(rule, zone, f, s, e, limit),
        })
    doc = {"generator": "python3-dateutil " + dateutil.__version__, "cases": cases}
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "rrules.golden"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
