package activity

import (
	"slices"
	"strings"
	"sync"
)

// Mode is how a person wants to hear of one kind of notice by e-mail. Every
// notice is listed in the app whatever the mode.
type Mode string

// The modes, in the order the preferences page offers them.
const (
	Immediately Mode = "immediately" // one e-mail per notice, at once
	Daily       Mode = "daily"       // a digest once a day
	Weekly      Mode = "weekly"      // a digest once a week
	Never       Mode = "never"       // no e-mail; in the app only
)

// Modes lists every mode.
func Modes() []Mode { return []Mode{Immediately, Daily, Weekly, Never} }

// Valid reports whether m is one of Modes.
func (m Mode) Valid() bool { return slices.Contains(Modes(), m) }

// Label is the mode as the preferences page names it.
func (m Mode) Label() string {
	switch m {
	case Immediately:
		return "E-mail me at once"
	case Daily:
		return "Daily digest"
	case Weekly:
		return "Weekly digest"
	case Never:
		return "No e-mail (only here)"
	}
	return string(m)
}

// Kind is a sort of notice people can choose how to hear about.
type Kind struct {
	Name    string // e.g. "member.roles_changed"; the Notice's Kind
	Label   string // what the preferences page shows, e.g. "A steward changes your roles"
	Default Mode   // the mode of anyone who has not chosen
}

// allKinds is the kind an "unsubscribe from everything" token names; it is
// also stored as a preference, the default for kinds without a row.
const allKinds = "*"

var kinds = struct {
	sync.RWMutex
	list []Kind
}{}

// RegisterKind adds a kind of notice. Features call it from init; a kind
// registered twice, or with a bad name or mode, is a programming error.
func RegisterKind(k Kind) {
	if !verbPattern.MatchString(k.Name) || strings.TrimSpace(k.Label) == "" || !k.Default.Valid() {
		panic("activity: bad notification kind " + k.Name)
	}
	kinds.Lock()
	defer kinds.Unlock()
	if slices.ContainsFunc(kinds.list, func(o Kind) bool { return o.Name == k.Name }) {
		panic("activity: notification kind " + k.Name + " registered twice")
	}
	kinds.list = append(kinds.list, k)
}

// Kinds returns the registered kinds, in the order they were registered.
func Kinds() []Kind {
	kinds.RLock()
	defer kinds.RUnlock()
	return slices.Clone(kinds.list)
}

// KindOf returns the registered kind called name.
func KindOf(name string) (Kind, bool) {
	kinds.RLock()
	defer kinds.RUnlock()
	i := slices.IndexFunc(kinds.list, func(k Kind) bool { return k.Name == name })
	if i < 0 {
		return Kind{}, false
	}
	return kinds.list[i], true
}

// The kinds the collective service sends (its constants name the same
// strings; the collective package imports this one, not the reverse).
func init() {
	RegisterKind(Kind{Name: "member.roles_changed", Label: "A steward changes your roles in a collective", Default: Immediately})
	RegisterKind(Kind{Name: "member.removed", Label: "A steward removes you from a collective", Default: Immediately})
	RegisterKind(Kind{Name: "invitation.accepted", Label: "Someone joins a collective you steward", Default: Daily})
	RegisterKind(Kind{Name: "member.left", Label: "A member leaves a collective you steward", Default: Daily})
}
