#!/usr/bin/python3
"""Parses testdata/sample.ics (what our writer makes of ical_test.go's
sample) with python3-icalendar, a parser independent of ours, and writes
what it read to testdata/sample.parsed.golden for goldens_test.go.

Run from internal/gathering/ical:  /usr/bin/python3 testdata/gen/parse_ics.py
Needs Debian's python3-icalendar (apt-get install python3-icalendar).

Times are resolved twice: by icalendar's own reading of DTSTART;TZID (it
looks the IANA name up in pytz) and through the VTIMEZONE we wrote alone
(Timezone.to_tz), so a wrong offset or transition in our VTIMEZONE shows.
"""
import json
import os
from datetime import timezone

import icalendar

HERE = os.path.dirname(os.path.abspath(__file__))


def utc(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    with open(os.path.join(HERE, "..", "sample.ics"), "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    zones = {}
    out = {"generator": "python3-icalendar " + icalendar.__version__,
           "calname": str(cal.get("X-WR-CALNAME")), "zones": {}, "events": []}
    for tz in cal.walk("VTIMEZONE"):
        name = str(tz["TZID"])
        zones[name] = tz.to_tz()
        # The instants at which the VTIMEZONE changes offset, and the offsets.
        info = zones[name]
        out["zones"][name] = [
            {"at": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "offset": int(i[0].total_seconds()), "name": i[2]}
            for t, i in zip(info._utc_transition_times, info._transition_info)
            if t.year > 1900
        ]

    def via_vtimezone(prop):
        tzid = prop.params.get("TZID")
        dt = prop.dt
        if tzid is None:
            return utc(dt)
        return utc(zones[tzid].localize(dt.replace(tzinfo=None)))

    for ev in cal.walk("VEVENT"):
        e = {
            "uid": str(ev["UID"]), "sequence": int(ev["SEQUENCE"]), "summary": str(ev["SUMMARY"]),
            "description": str(ev.get("DESCRIPTION", "")), "location": str(ev.get("LOCATION", "")),
            "status": str(ev.get("STATUS", "")), "url": str(ev.get("URL", "")),
            "dtstamp": utc(ev["DTSTAMP"].dt),
            "start": utc(ev["DTSTART"].dt), "start_vtimezone": via_vtimezone(ev["DTSTART"]),
            "end": utc(ev["DTEND"].dt), "end_vtimezone": via_vtimezone(ev["DTEND"]),
            "rrule": ev["RRULE"].to_ical().decode() if "RRULE" in ev else "",
            "exdates": [], "recurrence_id": "",
            "organizer_cn": str(ev["ORGANIZER"].params.get("CN", "")) if "ORGANIZER" in ev else "",
            "attendees": [],
        }
        if "EXDATE" in ev:
            ex = ev["EXDATE"]
            for prop in ex if isinstance(ex, list) else [ex]:
                e["exdates"] += [utc(d.dt) for d in prop.dts]
        if "RECURRENCE-ID" in ev:
            e["recurrence_id"] = via_vtimezone(ev["RECURRENCE-ID"])
        att = ev.get("ATTENDEE", [])
        for a in att if isinstance(att, list) else [att]:
            e["attendees"].append({"address": str(a), "cn": str(a.params.get("CN", "")),
                                   "partstat": str(a.params.get("PARTSTAT", "")), "rsvp": str(a.params.get("RSVP", ""))})
        out["events"].append(e)
    with open(os.path.join(HERE, "..", "sample.parsed.golden"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
