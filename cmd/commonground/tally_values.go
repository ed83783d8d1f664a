package main

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// This file reads the values the tally flags take and writes the
// engine's exact counts for people (text) and programs (JSON).

// tallyCandidates splits --candidates, refusing what the ballot file
// could never name, so the fault is blamed on the flag, not the file.
func tallyCandidates(s string) ([]string, error) {
	var list []string
	seen := map[string]bool{}
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		switch {
		case name == "":
			return nil, fmt.Errorf("--candidates: empty name in %q", s)
		case strings.ContainsAny(name, ";>="):
			return nil, fmt.Errorf("--candidates: name %q may not contain ; > or =", name)
		case seen[name]:
			return nil, fmt.Errorf("--candidates: %q listed twice", name)
		}
		seen[name] = true
		list = append(list, name)
	}
	return list, nil
}

// tallyScoreRange reads MIN-MAX; either end may be negative ("-2-2").
func tallyScoreRange(s string) (lo, hi int64, err error) {
	bad := fmt.Errorf("--score-range %q: want MIN-MAX in whole numbers, e.g. 0-5", s)
	t := strings.TrimSpace(s)
	if len(t) < 3 {
		return 0, 0, bad
	}
	i := strings.IndexByte(t[1:], '-') + 1 // the first '-' may be MIN's sign
	if i == 0 {
		return 0, 0, bad
	}
	lo, err1 := strconv.ParseInt(strings.TrimSpace(t[:i]), 10, 64)
	hi, err2 := strconv.ParseInt(strings.TrimSpace(t[i+1:]), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, bad
	}
	if lo >= hi {
		return 0, 0, fmt.Errorf("--score-range %s: MIN must be below MAX", t)
	}
	return lo, hi, nil
}

// tallyThreshold reads a share: "50%", "66.7%", "2/3", each optionally
// prefixed by ">=" for "at least" (the default is "more than", as
// vote.Majority counts). The share comes back as an exact fraction in
// lowest terms: 66.7% is 667/1000, never a float.
func tallyThreshold(s string) (num, den int64, atLeast bool, err error) {
	bad := fmt.Errorf("--threshold %q: want a share such as 50%%, 2/3 or 66.7%% (>= before it for \"at least\")", s)
	t := strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(t, ">="); ok {
		t, atLeast = strings.TrimSpace(rest), true
	}
	digits := func(d string) bool {
		for _, c := range d {
			if c < '0' || c > '9' {
				return false
			}
		}
		return d != "" && len(d) <= 9 // 9 digits: num and den stay far from overflow
	}
	if pct, ok := strings.CutSuffix(t, "%"); ok {
		whole, frac, _ := strings.Cut(strings.TrimSpace(pct), ".")
		if !digits(whole) || (frac != "" && !digits(frac)) {
			return 0, 0, false, bad
		}
		num, _ = strconv.ParseInt(whole+frac, 10, 64)
		den = 100
		for range frac {
			den *= 10
		}
	} else if a, b, ok := strings.Cut(t, "/"); ok {
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		if !digits(a) || !digits(b) {
			return 0, 0, false, bad
		}
		num, _ = strconv.ParseInt(a, 10, 64)
		den, _ = strconv.ParseInt(b, 10, 64)
		if den == 0 {
			return 0, 0, false, fmt.Errorf("--threshold %q: the denominator is 0", s)
		}
	} else {
		return 0, 0, false, bad
	}
	if num > den {
		return 0, 0, false, fmt.Errorf("--threshold %q: a share cannot be more than the whole (100%%)", s)
	}
	if g := tallyGCD(num, den); g > 1 {
		num, den = num/g, den/g
	}
	return num, den, atLeast, nil
}

func tallyGCD(a, b int64) int64 {
	if a < 0 {
		a = -a
	}
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// tallyDecimals returns how many decimals write num/den exactly, and
// false when its decimal expansion never ends (den has a prime factor
// other than 2 and 5 once reduced).
func tallyDecimals(r *big.Rat) (int, bool) {
	d := new(big.Int).Set(r.Denom())
	var twos, fives int
	two, five, m := big.NewInt(2), big.NewInt(5), new(big.Int)
	for d.Cmp(big.NewInt(1)) > 0 {
		if m.Mod(d, two).Sign() == 0 {
			d.Quo(d, two)
			twos++
		} else if m.Mod(d, five).Sign() == 0 {
			d.Quo(d, five)
			fives++
		} else {
			return 0, false
		}
	}
	return max(twos, fives), true
}

// tallyJSONNumber writes v units of 1/scale as a JSON number: the exact
// decimal when there is one (18.800000001, 9.5, 42), otherwise rounded
// to 9 decimals (a third of a vote is 0.333333333).
func tallyJSONNumber(v, scale int64) json.Number {
	if scale <= 0 {
		scale = 1
	}
	r := big.NewRat(v, scale)
	places, exact := tallyDecimals(r)
	if !exact {
		places = 9
	}
	s := r.FloatString(places)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return json.Number(s)
}

// tallyText writes v units of 1/scale for people, exactly: with as many
// decimals as a power-of-ten scale has (STV's 18.800000001, every value
// of a table with the same places so the points line up), otherwise as a
// whole number and a fraction ("26 2/3", Borda's "6 1/2").
func tallyText(v, scale int64) string {
	if scale <= 1 {
		return strconv.FormatInt(v, 10)
	}
	places, p := 0, scale
	for p%10 == 0 {
		p /= 10
		places++
	}
	if p == 1 {
		return big.NewRat(v, scale).FloatString(places)
	}
	return tallyMixed(v, scale)
}

// tallyMixed writes num/den as a whole number and a fraction in lowest
// terms: "7", "3 1/2", "2/3", "-1 1/4".
func tallyMixed(num, den int64) string {
	sign := ""
	if (num < 0) != (den < 0) && num != 0 {
		sign = "-"
	}
	if num < 0 {
		num = -num
	}
	if den < 0 {
		den = -den
	}
	whole, frac := num/den, num%den
	if frac == 0 {
		return sign + strconv.FormatInt(whole, 10)
	}
	g := tallyGCD(frac, den)
	f := strconv.FormatInt(frac/g, 10) + "/" + strconv.FormatInt(den/g, 10)
	if whole == 0 {
		return sign + f
	}
	return sign + strconv.FormatInt(whole, 10) + " " + f
}
