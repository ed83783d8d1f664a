package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"commonground/internal/errs"
)

// Argon2Params are the cost settings of argon2id.
type Argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// Params is the cost new hashes are made with. It is OWASP's minimum for
// argon2id (19 MiB, 2 passes, 1 thread): enough against GPUs while a sign-in
// stays around 20 ms. Tests lower it; stored hashes carry their own settings,
// and a sign-in rehashes a password whose settings differ.
var Params = Argon2Params{Memory: 19456, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Password length limits, in characters. The upper bound keeps a huge body
// from costing a hash of megabytes, not from limiting pass phrases.
const (
	MinPassword = 10
	MaxPassword = 1024
)

var b64 = base64.RawStdEncoding

// HashPassword returns the PHC string of password under Params:
// $argon2id$v=19$m=...,t=...,p=...$salt$hash.
func HashPassword(password string) (string, error) {
	p := Params
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches the PHC string hash. The
// comparison takes the same time wherever the two differ.
func VerifyPassword(hash, password string) bool {
	p, salt, key, err := parseHash(hash)
	if err != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, key) == 1
}

// needsRehash reports whether hash was made with settings other than Params.
func needsRehash(hash string) bool {
	p, _, _, err := parseHash(hash)
	return err != nil || p.Memory != Params.Memory || p.Time != Params.Time || p.Threads != Params.Threads || p.KeyLen != Params.KeyLen
}

// burnHash spends the time a verification would, so an unknown e-mail
// address answers as slowly as a wrong password and timing tells nothing.
func burnHash(password string) {
	p := Params
	_ = argon2.IDKey([]byte(password), make([]byte, p.SaltLen), p.Time, p.Memory, p.Threads, p.KeyLen)
}

var errBadHash = errors.New("auth: not an argon2id PHC string")

func parseHash(hash string) (p Argon2Params, salt, key []byte, err error) {
	parts := strings.Split(hash, "$")
	// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errBadHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, errBadHash
	}
	// Bounds keep a corrupted row from asking for gigabytes or hours.
	if p.Memory < 8 || p.Memory > 1<<22 || p.Time < 1 || p.Time > 64 || p.Threads < 1 {
		return p, nil, nil, errBadHash
	}
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, errBadHash
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > 128 {
		return p, nil, nil, errBadHash
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// validatePassword checks a new password's length; field names the form
// field it came from.
func validatePassword(field, password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n == 0:
		return errs.Field(field, "Choose a password of at least %d characters.", MinPassword)
	case n < MinPassword:
		return errs.Field(field, "A password needs at least %d characters; this one has %d.", MinPassword, n)
	case n > MaxPassword:
		return errs.Field(field, "A password can be at most %d characters long.", MaxPassword)
	}
	return nil
}
