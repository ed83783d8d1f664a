package collective

import "sync"

// pageKey names one rendering of the member list. The collective's version
// is part of the key, and every change to the list moves the version on in
// the database, so an entry can never be served stale, on this instance or
// any other; old entries are simply never asked for again.
type pageKey struct {
	collective, version int64
	search, role        string
	page                int
	steward             bool // stewards see e-mail addresses
}

// accessKey names one person's access to one collective (uid 0: anonymous).
// Entries carry the version they were read at; Access compares it.
type accessKey struct {
	uid  int64
	slug string
}

// Bounds on the caches: a page is about 20 KB (some 80 MB at worst), an
// access check a few hundred bytes.
const (
	maxCachedPages  = 4096
	maxCachedAccess = 20000
)

// caches are the service's in-process caches, made on first use so a
// Service literal needs no constructor.
type caches struct {
	pages  bounded[pageKey, *MemberPage]
	access bounded[accessKey, *Access]
}

var cachesInit sync.Mutex

func (s *Service) cache() *caches {
	cachesInit.Lock()
	defer cachesInit.Unlock()
	if s.caches == nil {
		s.caches = &caches{pages: bounded[pageKey, *MemberPage]{max: maxCachedPages},
			access: bounded[accessKey, *Access]{max: maxCachedAccess}}
	}
	return s.caches
}

// bounded is a map safe for concurrent use that is dropped whole when it
// reaches max entries: simpler than evicting one by one, and a refill costs
// one query per entry.
type bounded[K comparable, V any] struct {
	mu  sync.RWMutex
	m   map[K]V
	max int
}

func (c *bounded[K, V]) get(k K) (V, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *bounded[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= c.max {
		c.m = make(map[K]V)
	}
	c.m[k] = v
}
