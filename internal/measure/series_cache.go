package measure

import (
	"context"
	"sync"

	"commonground/internal/collective"
	"commonground/internal/store"
)

// totalKey names an indicator's default series as it stood at one data
// version: every write of its measurements moves data_version on in the
// same transaction, and so does every edit of the indicator (its
// breakdowns, whether it is additive). A key read from the database can
// therefore never find a stale entry, on this instance or any other; old
// entries are simply never asked for again.
type totalKey struct {
	db                 *store.DB // two databases in one process (tests) never share entries
	indicator, version int64
}

// maxCachedTotals bounds the cache: an entry is the series of one
// indicator, a few hundred points (tens of KB at most).
const maxCachedTotals = 1024

// totals caches the series that the indicator page and the forecast read.
// Reading it fresh costs 25–50 ms of database work on an indicator with a
// million measurements; two cores serve four such requests at once only
// from memory.
type totals struct {
	mu sync.Mutex
	m  map[totalKey]*SeriesResult
}

var totalsCache = &totals{m: map[totalKey]*SeriesResult{}}

// defaultSeries is s.series(ctx, a, ind, SeriesQuery{}) through the cache.
// The caller has already checked that a may read ind; the entry is the
// same whoever reads it.
func (s *Service) defaultSeries(ctx context.Context, a *collective.Access, ind *Indicator) (*SeriesResult, error) {
	k := totalKey{s.DB, ind.ID, ind.DataVersion}
	totalsCache.mu.Lock()
	sr, ok := totalsCache.m[k]
	totalsCache.mu.Unlock()
	if ok {
		return sr, nil
	}
	sr, err := s.series(ctx, a, ind, SeriesQuery{})
	if err != nil {
		return nil, err
	}
	totalsCache.mu.Lock()
	if len(totalsCache.m) >= maxCachedTotals {
		clear(totalsCache.m) // crude but bounded; a page refills what it needs
	}
	totalsCache.m[k] = sr
	totalsCache.mu.Unlock()
	return sr, nil
}
