package auth

import (
	"slices"
	"sync"
)

// Role is a named set of permissions a member holds in one collective.
type Role struct {
	Name        string
	Label       string
	Description string
}

// The roles every instance knows. Features may register more at start-up;
// the reserved ones are here already so collectives can grant them before
// the features that give them meaning land.
const (
	Steward           = "steward"
	Member            = "member"
	Observer          = "observer"
	Facilitator       = "facilitator"
	Host              = "host"
	PayReviewer       = "pay_reviewer"
	PayRepresentative = "pay_representative"
	HiringManager     = "hiring_manager"
)

var (
	rolesMu sync.RWMutex
	roles   = []Role{
		{Steward, "Steward", "Runs the collective: settings, members, roles and invitations."},
		{Member, "Member", "Takes part: reads and contributes."},
		{Observer, "Observer", "Reads only."},
		{Facilitator, "Facilitator", "Holds the facilitation mandate the group grants."},
		{Host, "Host", "Hosts gatherings."},
		{PayReviewer, "Pay reviewer", "Runs pay equity reviews and sees pay data."},
		{PayRepresentative, "Pay representative", "Sees pay equity reports on behalf of employees."},
		{HiringManager, "Hiring manager", "Takes part in inclusive hiring and outreach."},
	}
)

// RegisterRole adds a role to the registry (idempotent by name).
func RegisterRole(r Role) {
	rolesMu.Lock()
	defer rolesMu.Unlock()
	if i := slices.IndexFunc(roles, func(x Role) bool { return x.Name == r.Name }); i >= 0 {
		roles[i] = r
		return
	}
	roles = append(roles, r)
}

// Roles lists the registered roles in registry order.
func Roles() []Role {
	rolesMu.RLock()
	defer rolesMu.RUnlock()
	return slices.Clone(roles)
}

// KnownRole reports whether name is registered.
func KnownRole(name string) bool {
	rolesMu.RLock()
	defer rolesMu.RUnlock()
	return slices.ContainsFunc(roles, func(x Role) bool { return x.Name == name })
}
