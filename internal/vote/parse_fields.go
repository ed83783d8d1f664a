package vote

import (
	"bytes"
	"strconv"
)

func (p *parser) ranked(n int, body []byte) *ParseError {
	// one pass over the bytes: names end at '=' (same place) or '>'
	// (next place) or the end
	start, size := 0, 0
	for i := 0; i <= len(body); i++ {
		ch := byte('>')
		if i < len(body) {
			ch = body[i]
			if ch != '>' && ch != '=' && ch != ';' {
				continue
			}
		}
		if ch == ';' {
			return p.errf(n, "unexpected \";\" in ranked ballot")
		}
		if ch == '=' && p.opts.Strict {
			return p.errf(n, "%q ranks candidates equal; this method needs a strict order (use > only)", parseClip(body))
		}
		if _, err := p.name(n, body[start:i], ""); err != nil {
			return err
		}
		size++
		if ch == '>' {
			p.groups = append(p.groups, size)
			size = 0
		}
		start = i + 1
	}
	return nil
}

func (p *parser) list(n int, body []byte, scored bool) *ParseError {
	var dots int64
	forbid := ">="
	if scored {
		forbid = ">"
	}
	for {
		f, rest, more := bytes.Cut(body, []byte{';'})
		body = rest
		if !scored {
			if _, err := p.name(n, f, forbid); err != nil {
				return err
			}
		} else {
			nm, num, ok := bytes.Cut(f, []byte{'='})
			if !ok {
				if len(bytes.TrimSpace(f)) == 0 {
					return p.errf(n, "empty candidate name")
				}
				return p.errf(n, "missing score for %q (want NAME=SCORE)", parseClip(bytes.TrimSpace(f)))
			}
			c, err := p.name(n, nm, "=>")
			if err != nil {
				return err
			}
			num = bytes.TrimSpace(num)
			v, perr := strconv.ParseInt(string(num), 10, 64)
			if perr != nil {
				return p.errf(n, "score %q for %q is not a whole number", parseClip(num), p.names[c])
			}
			if (p.opts.ScoreMin != 0 || p.opts.ScoreMax != 0) && (v < p.opts.ScoreMin || v > p.opts.ScoreMax) {
				return p.errf(n, "score %d for %q is outside the range %d-%d", v, p.names[c], p.opts.ScoreMin, p.opts.ScoreMax)
			}
			if p.opts.MaxDots > 0 {
				if v < 0 {
					return p.errf(n, "negative dots (%d) for %q", v, p.names[c])
				}
				dots += v
				if dots > p.opts.MaxDots {
					return p.errf(n, "more dots than the %d allowed", p.opts.MaxDots)
				}
			}
			p.vals = append(p.vals, v)
		}
		if !more {
			return nil
		}
	}
}

func (p *parser) single(n int, body []byte) *ParseError {
	if bytes.IndexAny(body, ";>=") >= 0 {
		return p.errf(n, "a majority ballot names exactly one candidate, got %q", parseClip(body))
	}
	_, err := p.name(n, body, "")
	return err
}
