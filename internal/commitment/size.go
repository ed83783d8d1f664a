package commitment

import (
	"strconv"
	"strings"

	"commonground/internal/errs"
)

// ParseSize reads a size as people type it for unit: hours with up to two
// decimals (stored in minutes), money in major units with up to two
// decimals (stored in minor units), a whole count; nothing for no unit.
// Negative, malformed or absurd sizes are refused naming the field size.
func ParseSize(unit Unit, text string) (int64, error) {
	text = strings.TrimSpace(text)
	switch unit {
	case NoSize:
		if text != "" && text != "0" {
			return 0, errs.Field("size", "Choose a unit (hours, money or count) for a size, or leave the size empty.")
		}
		return 0, nil
	case Hours:
		h, err := hundredths(text)
		if err != nil || h == 0 || h > MaxHours*100 {
			return 0, errs.Field("size", "Give the hours as a number above 0 and up to %d, with at most two decimals (e.g. 2.5).", MaxHours)
		}
		return (h*60 + 50) / 100, nil // hundredths of an hour to whole minutes, rounded
	case Money:
		m, err := hundredths(text)
		if err != nil || m == 0 || m > MaxMoneyMinor {
			return 0, errs.Field("size", "Give the amount as a number above 0 and up to %s, with at most two decimals (e.g. 120.00).",
				FormatSize(Money, MaxMoneyMinor))
		}
		return m, nil
	case Count:
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil || n <= 0 || n > MaxCount {
			return 0, errs.Field("size", "Give the count as a whole number from 1 to %d.", MaxCount)
		}
		return n, nil
	}
	return 0, errs.Field("size_unit", "Choose hours, money, count or no size.")
}

// hundredths parses a non-negative decimal with at most two decimals into
// hundredths, without floating point so 0.29 stays 29.
func hundredths(text string) (int64, error) {
	whole, frac, _ := strings.Cut(text, ".")
	if whole == "" || len(whole) > 12 || len(frac) > 2 || strings.Trim(whole+frac, "0123456789") != "" {
		return 0, strconv.ErrSyntax
	}
	frac += strings.Repeat("0", 2-len(frac))
	return strconv.ParseInt(whole+frac, 10, 64)
}

// FormatSize writes a stored size as people read it.
func FormatSize(unit Unit, amount int64) string {
	switch unit {
	case Hours:
		h := strconv.FormatFloat(float64(amount)/60, 'f', 2, 64)
		h = strings.TrimSuffix(strings.TrimRight(h, "0"), ".")
		if h == "1" {
			return "1 hour"
		}
		return h + " hours"
	case Money:
		return strconv.FormatInt(amount/100, 10) + "." + strconv.FormatInt(amount%100/10, 10) + strconv.FormatInt(amount%10, 10)
	case Count:
		return strconv.FormatInt(amount, 10)
	}
	return ""
}
