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

// maxCachedPages bounds the memory: about 20 KB a page, so some 80 MB at
// worst; the whole cache is dropped when it fills.
const maxCachedPages = 4096

type pageCache struct {
	mu    sync.Mutex
	pages map[pageKey]*MemberPage
}

var cacheInit sync.Mutex

// cache returns the service's page cache, made on first use so a Service
// literal needs no constructor.
func (s *Service) cache() *pageCache {
	cacheInit.Lock()
	defer cacheInit.Unlock()
	if s.pages == nil {
		s.pages = &pageCache{}
	}
	return s.pages
}

func (c *pageCache) get(k pageKey) (*MemberPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[k]
	return p, ok
}

func (c *pageCache) put(k pageKey, p *MemberPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil || len(c.pages) >= maxCachedPages {
		c.pages = make(map[pageKey]*MemberPage)
	}
	c.pages[k] = p
}

// accessKey names one person's access to one collective (uid 0: anonymous).
type accessKey struct {
	uid  int64
	slug string
}

// maxCachedAccess bounds the access cache; it is dropped whole when full.
const maxCachedAccess = 20000

type accessCache struct {
	mu     sync.RWMutex
	access map[accessKey]*Access
}

var accessInit sync.Mutex

func (s *Service) accessCache() *accessCache {
	accessInit.Lock()
	defer accessInit.Unlock()
	if s.access == nil {
		s.access = &accessCache{}
	}
	return s.access
}

// get returns the cached access if it was read at version.
func (c *accessCache) get(k accessKey, version int64) (*Access, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	a, ok := c.access[k]
	if !ok || a.Collective.Version != version {
		return nil, false
	}
	return a, true
}

func (c *accessCache) put(k accessKey, a *Access) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.access == nil || len(c.access) >= maxCachedAccess {
		c.access = make(map[accessKey]*Access)
	}
	c.access[k] = a
}
