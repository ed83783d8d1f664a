package web

import (
	"net/url"
	"strconv"
)

// Pager describes one page of a long list, for the page links under it.
type Pager struct {
	Page    int // 1-based
	PerPage int
	Total   int
	Query   url.Values // the list's other parameters, kept in the links
}

// PageParam reads ?page=N, defaulting to 1 and ignoring nonsense.
func PageParam(q url.Values) int {
	n, err := strconv.Atoi(q.Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// Offset is the number of rows before this page.
func (p Pager) Offset() int { return (p.Page - 1) * p.PerPage }

// Pages is the number of pages (at least 1).
func (p Pager) Pages() int {
	if p.Total <= 0 || p.PerPage <= 0 {
		return 1
	}
	return (p.Total + p.PerPage - 1) / p.PerPage
}

// First and Last are the 1-based positions of the rows shown.
func (p Pager) First() int {
	if p.Total == 0 {
		return 0
	}
	return p.Offset() + 1
}

// Last is the position of the last row shown.
func (p Pager) Last() int { return min(p.Offset()+p.PerPage, p.Total) }

// HasPrev and HasNext tell whether there are pages either side.
func (p Pager) HasPrev() bool { return p.Page > 1 }

// HasNext reports whether a later page exists.
func (p Pager) HasNext() bool { return p.Page < p.Pages() }

// URL returns the query string for page n, keeping the other parameters.
func (p Pager) URL(n int) string {
	q := url.Values{}
	for k, v := range p.Query {
		if k != "page" {
			q[k] = v
		}
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return "?"
	}
	return "?" + q.Encode()
}
