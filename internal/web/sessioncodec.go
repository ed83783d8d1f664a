package web

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// SessionCodec is the codec sessions are stored with; a session store that
// needs a value out of the stored bytes decodes them with it.
type SessionCodec = sessionCodec

// sessionCodec encodes session data compactly. scs's default gob codec
// builds a new decoder on every request, which was a tenth of a page's cost;
// sessions here hold only int64s and strings (the signed-in account, its
// epoch, a flash message), so a small binary format does.
type sessionCodec struct{}

const (
	tagInt64  = 'i'
	tagString = 's'
)

// Encode writes the deadline, then each value as tag, key and value.
func (sessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	b := binary.AppendVarint(nil, deadline.UnixNano())
	for k, v := range values {
		switch v := v.(type) {
		case int64:
			b = append(b, tagInt64)
			b = appendString(b, k)
			b = binary.AppendVarint(b, v)
		case string:
			b = append(b, tagString)
			b = appendString(b, k)
			b = appendString(b, v)
		default:
			return nil, fmt.Errorf("web: session value %q is a %T; store int64 or string", k, v)
		}
	}
	return b, nil
}

var errBadSession = errors.New("web: malformed session data")

// Decode reverses Encode.
func (sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	nanos, n := binary.Varint(b)
	if n <= 0 {
		return time.Time{}, nil, errBadSession
	}
	b = b[n:]
	values := map[string]any{}
	for len(b) > 0 {
		tag := b[0]
		key, rest, ok := readString(b[1:])
		if !ok {
			return time.Time{}, nil, errBadSession
		}
		switch tag {
		case tagInt64:
			v, n := binary.Varint(rest)
			if n <= 0 {
				return time.Time{}, nil, errBadSession
			}
			values[key], b = v, rest[n:]
		case tagString:
			v, after, ok := readString(rest)
			if !ok {
				return time.Time{}, nil, errBadSession
			}
			values[key], b = v, after
		default:
			return time.Time{}, nil, errBadSession
		}
	}
	return time.Unix(0, nanos), values, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func readString(b []byte) (string, []byte, bool) {
	l, n := binary.Uvarint(b)
	if n <= 0 || uint64(len(b)-n) < l {
		return "", nil, false
	}
	return string(b[n : n+int(l)]), b[n+int(l):], true
}
