package auth

import (
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	// Embedded zone data, so time zones validate on hosts and containers
	// that ship without /usr/share/zoneinfo.
	_ "time/tzdata"

	"commonground/internal/errs"
)

// Signup modes: who may create an account.
const (
	SignupOpen   = "open"   // anyone
	SignupInvite = "invite" // only people arriving with a valid invitation
	SignupClosed = "closed" // nobody; administrators create accounts on the command line
)

// SignupModes lists the modes in the order the admin page shows them.
var SignupModes = []string{SignupOpen, SignupInvite, SignupClosed}

// Limits on account fields.
const (
	MaxEmail = 254 // RFC 5321's limit on a forward path
	MaxName  = 100
)

// Language is an interface language people can choose.
type Language struct {
	Code  string
	Label string // in the language itself, so people can find their own
}

// Languages are the interface languages on offer.
var Languages = []Language{
	{"en", "English"},
	{"fr", "Français"},
	{"de", "Deutsch"},
	{"es", "Español"},
	{"nl", "Nederlands"},
	{"pt", "Português"},
}

// TimeZones is the list the profile form offers. Any IANA zone is accepted;
// this list keeps the select short, and a person's current zone is added to
// it when it is not here.
var TimeZones = []string{
	"UTC",
	"Africa/Abidjan", "Africa/Accra", "Africa/Cairo", "Africa/Casablanca", "Africa/Johannesburg",
	"Africa/Lagos", "Africa/Nairobi", "Africa/Tunis",
	"America/Anchorage", "America/Argentina/Buenos_Aires", "America/Bogota", "America/Caracas",
	"America/Chicago", "America/Denver", "America/Halifax", "America/Lima", "America/Los_Angeles",
	"America/Mexico_City", "America/New_York", "America/Phoenix", "America/Santiago",
	"America/Sao_Paulo", "America/St_Johns", "America/Toronto", "America/Vancouver",
	"Asia/Bangkok", "Asia/Dhaka", "Asia/Dubai", "Asia/Ho_Chi_Minh", "Asia/Hong_Kong",
	"Asia/Jakarta", "Asia/Jerusalem", "Asia/Karachi", "Asia/Kathmandu", "Asia/Kolkata",
	"Asia/Manila", "Asia/Riyadh", "Asia/Seoul", "Asia/Shanghai", "Asia/Singapore", "Asia/Taipei",
	"Asia/Tehran", "Asia/Tokyo",
	"Atlantic/Azores", "Atlantic/Reykjavik",
	"Australia/Adelaide", "Australia/Brisbane", "Australia/Melbourne", "Australia/Perth", "Australia/Sydney",
	"Europe/Amsterdam", "Europe/Athens", "Europe/Berlin", "Europe/Brussels", "Europe/Bucharest",
	"Europe/Dublin", "Europe/Helsinki", "Europe/Istanbul", "Europe/Kyiv", "Europe/Lisbon",
	"Europe/London", "Europe/Madrid", "Europe/Moscow", "Europe/Oslo", "Europe/Paris", "Europe/Prague",
	"Europe/Rome", "Europe/Stockholm", "Europe/Vienna", "Europe/Warsaw", "Europe/Zurich",
	"Pacific/Auckland", "Pacific/Fiji", "Pacific/Honolulu",
}

// ZonesWith returns TimeZones with zone added when the list lacks it, so a
// select always shows the zone a person has.
func ZonesWith(zone string) []string {
	if zone == "" || slices.Contains(TimeZones, zone) {
		return TimeZones
	}
	return append([]string{zone}, TimeZones...)
}

// NormalizeEmail trims and lower-cases an address and checks it; the
// normalised form is the one stored, so look-ups ignore case.
func NormalizeEmail(email string) (string, error) {
	e := strings.ToLower(strings.TrimSpace(email))
	switch {
	case e == "":
		return "", errs.Field("email", "Enter your e-mail address.")
	case len(e) > MaxEmail:
		return "", errs.Field("email", "An e-mail address can be at most %d characters long.", MaxEmail)
	}
	// ParseAddress also accepts "Name <a@b>"; only a bare address is wanted.
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || !strings.Contains(e, "@") {
		return "", errs.Field("email", "Enter an e-mail address like name@example.org.")
	}
	return e, nil
}

// NormalizeName trims a display name and checks its length.
func NormalizeName(name string) (string, error) {
	n := strings.TrimSpace(name)
	switch {
	case n == "":
		return "", errs.Field("name", "Enter your name as others should see it.")
	case utf8.RuneCountInString(n) > MaxName:
		return "", errs.Field("name", "A name can be at most %d characters long.", MaxName)
	case strings.IndexFunc(n, unicode.IsControl) >= 0:
		return "", errs.Field("name", "A name cannot contain line breaks or control characters.")
	}
	return n, nil
}

func validTimeZone(zone string) error {
	// LoadLocation takes "" and "Local" to mean UTC and the server's zone;
	// neither is a zone a person chose.
	if zone == "" || zone == "Local" {
		return errs.Field("time_zone", "Choose a time zone.")
	}
	if _, err := time.LoadLocation(zone); err != nil {
		return errs.Field("time_zone", "%q is not a time zone we know; choose one from the list.", zone)
	}
	return nil
}

func validLanguage(code string) error {
	if !slices.ContainsFunc(Languages, func(l Language) bool { return l.Code == code }) {
		return errs.Field("language", "Choose one of the languages in the list.")
	}
	return nil
}

func validSignupMode(mode string) error {
	if !slices.Contains(SignupModes, mode) {
		return errs.Field("signup_mode", "Choose open, invite or closed.")
	}
	return nil
}

// conflict is an errs.Conflict about one field: errs.Field only makes
// Invalid errors, and a taken address is a conflict, not bad input.
func conflict(field, msg string) error {
	return &errs.Error{Code: errs.Conflict, Field: field, Message: msg}
}
