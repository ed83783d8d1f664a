package ical

import (
	"sync"
	"time"
)

// openYears is how far past its start (or its DTSTAMP, when later) a series
// without an end gets time zone rules: calendar programs use the last
// observance beyond them, and most know the IANA zone by its name anyway.
const openYears = 5

// transition is a change of a zone's offset, name or daylight-saving flag.
type transition struct {
	at      time.Time
	from    int // offset before, seconds east of UTC
	to      int // offset after
	name    string
	dst     bool
	initial bool // no change: the one observance of a zone without any
}

// zoneState is what a location says at one instant.
type zoneState struct {
	name string
	off  int
	dst  bool
}

func stateAt(loc *time.Location, t time.Time) zoneState {
	lt := t.In(loc)
	name, off := lt.Zone()
	return zoneState{name, off, lt.IsDST()}
}

// transitions finds a zone's changes in [start, end) by probing Go's zone
// data a day at a time and bisecting to the second where it changes. Go
// does not export its transition table; a day step misses only changes
// undone within a day, which no zone in use has.
func transitions(loc *time.Location, start, end time.Time) []transition {
	var out []transition
	t, s := start, stateAt(loc, start)
	for t.Before(end) {
		n := t.Add(24 * time.Hour)
		ns := stateAt(loc, n)
		if ns != s {
			lo, hi := t.Unix(), n.Unix()
			for hi-lo > 1 {
				mid := lo + (hi-lo)/2
				if stateAt(loc, time.Unix(mid, 0)) == s {
					lo = mid
				} else {
					hi = mid
				}
			}
			at := time.Unix(hi, 0).UTC()
			if at.Before(end) {
				out = append(out, transition{at: at, from: s.off, to: ns.off, name: ns.name, dst: ns.dst})
			}
		}
		t, s = n, ns
	}
	return out
}

// observances are the transitions a VTIMEZONE for the years from..to
// needs: those within the years, and the last one before, which says the
// offset in force when the first year begins. A zone that has not changed
// for a year before and through the years gets one observance.
func observances(loc *time.Location, from, to int) []transition {
	start := time.Date(from, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(to+1, 1, 1, 0, 0, 0, 0, loc)
	all := transitions(loc, start.AddDate(-1, 0, 0), end)
	var out []transition
	for i, tr := range all {
		if !tr.at.Before(start) || i+1 == len(all) || !all[i+1].at.Before(start) {
			out = append(out, tr)
		}
	}
	if len(out) == 0 {
		s := stateAt(loc, start)
		out = append(out, transition{from: s.off, to: s.off, name: s.name, initial: true})
	}
	return out
}

// zoneKey names a cached VTIMEZONE.
type zoneKey struct {
	name     string
	from, to int
}

// zoneCache keeps VTIMEZONE blocks across calendars: a feed asked for
// every few minutes writes the same ones each time. It is cleared when
// full rather than managed; entries are a few hundred bytes.
var zoneCache struct {
	sync.Mutex
	m map[zoneKey][]byte
}

const zoneCacheMax = 512

// vtimezone is the VTIMEZONE for loc covering the years from..to, as
// folded content lines.
func vtimezone(loc *time.Location, from, to int) []byte {
	key := zoneKey{loc.String(), from, to}
	zoneCache.Lock()
	b, ok := zoneCache.m[key]
	zoneCache.Unlock()
	if ok {
		return b
	}
	var w writer
	w.prop("BEGIN", "VTIMEZONE")
	w.begin("TZID")
	w.line = append(w.line, ':')
	w.line = appendText(w.line, key.name)
	w.end()
	for _, tr := range observances(loc, from, to) {
		kind := "STANDARD"
		if tr.dst && !tr.initial {
			kind = "DAYLIGHT"
		}
		w.prop("BEGIN", kind)
		w.begin("DTSTART")
		w.line = append(w.line, ':')
		if tr.initial {
			w.line = append(w.line, "19700101T000000"...)
		} else {
			// DTSTART is the local time just before the change.
			w.line = appendLocal(w.line, tr.at.Add(time.Duration(tr.from)*time.Second))
		}
		w.end()
		w.begin("TZOFFSETFROM")
		w.line = appendOffset(append(w.line, ':'), tr.from)
		w.end()
		w.begin("TZOFFSETTO")
		w.line = appendOffset(append(w.line, ':'), tr.to)
		w.end()
		if tr.name != "" {
			w.textProp("TZNAME", tr.name)
		}
		w.prop("END", kind)
	}
	w.prop("END", "VTIMEZONE")
	zoneCache.Lock()
	if zoneCache.m == nil || len(zoneCache.m) >= zoneCacheMax {
		zoneCache.m = map[zoneKey][]byte{}
	}
	zoneCache.m[key] = w.out
	zoneCache.Unlock()
	return w.out
}

// tzid is the TZID an event's times are written with; "" writes them in
// UTC. UTC itself and Go's Local (whose name says nothing to a calendar
// program) are written in UTC.
func tzid(loc *time.Location) string {
	if loc == nil {
		return ""
	}
	switch name := loc.String(); name {
	case "", "UTC", "Local":
		return ""
	default:
		return name
	}
}
