package ical

import (
	"sync"
	"time"
)

// zones caches loaded locations by name. time.LoadLocation reads and parses
// the zone's file on every call (about 7 µs here): once per gathering, a
// feed of 10,000 would spend more than its whole budget on it.
var zones sync.Map // name → *time.Location

// LoadZone is time.LoadLocation for a calendar's many events: a location
// is loaded once per name and shared after. Only names that load are kept,
// so unknown ones cannot grow the cache.
func LoadZone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, loc)
	return loc, nil
}
