package web

import (
	"bytes"
	"html/template"
	"sync"
)

// barKey is everything the collective bar depends on. The current section
// is an index rather than the path, so the number of keys stays bounded by
// collectives × a few, however many pages there are.
type barKey struct {
	slug, name        string
	archived, steward bool
	current           int
}

// bars caches rendered collective bars; it is emptied when it grows past
// maxBars (renamed collectives leave old keys behind).
type bars struct {
	mu    sync.RWMutex
	cache map[barKey]template.HTML
}

const maxBars = 10000

// collectiveBar returns the bar for c on the page at path, rendering it with
// tmpl's "collective-bar" template the first time.
func (s *Server) collectiveBar(tmpl *template.Template, c *CollectiveBar, path string) (template.HTML, error) {
	var links []NavLink
	current := -1
	for _, item := range s.nav {
		if item.Stewards && !c.Steward {
			continue
		}
		href := "/c/" + c.Slug + item.Path
		if href == path {
			current = len(links)
		}
		links = append(links, NavLink{Label: item.Label, Href: href, Current: href == path})
	}
	key := barKey{c.Slug, c.Name, c.Archived, c.Steward, current}
	s.bars.mu.RLock()
	html, ok := s.bars.cache[key]
	s.bars.mu.RUnlock()
	if ok {
		return html, nil
	}
	c.Nav = links
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "collective-bar", c); err != nil {
		return "", err
	}
	html = template.HTML(buf.String()) // the output of html/template
	s.bars.mu.Lock()
	if s.bars.cache == nil || len(s.bars.cache) >= maxBars {
		s.bars.cache = map[barKey]template.HTML{}
	}
	s.bars.cache[key] = html
	s.bars.mu.Unlock()
	return html, nil
}
