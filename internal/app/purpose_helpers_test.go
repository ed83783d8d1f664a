package app_test

import (
	"context"
	"testing"

	"commonground/internal/collective"
	"commonground/internal/purpose"
)

// The charter the purpose scenarios start from, in collective A: version 1
// and version 2 by its steward, which changed the purpose statement.
const (
	pcPurpose1 = "Feed every child in Riverside."
	pcPurpose2 = "Feed every child in Riverside, every day of the year."
	pcAmbition = "Halve child food insecurity, measured each term."
	pcBy       = "2035-12-31"
	pcValue    = "One referral route and shared data for every partner."
	pcGain     = "Referrals from the schools."
	pcBring    = "A warehouse and forty volunteers."
)

// pcSeed writes, through the service, the purpose data both scenario
// tables start from: the charter at version 2, the steward's endorsement
// of version 1, Mo Member's own value proposition and the Riverside Food
// Bank's (Mo is affiliated with it), each at version 1.
func pcSeed(f *scFixture) {
	p := f.app.Purpose
	acc := func(who string) (context.Context, *collective.Access) {
		a, err := f.app.Collectives.Access(f.as(who), scA)
		if err != nil {
			panic(err)
		}
		return f.as(who), a
	}
	sctx, sa := acc("steward")
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	_, err := p.EditCharter(sctx, sa, purpose.CharterInput{Base: 0, Purpose: pcPurpose1, Ambition: pcAmbition, AmbitionBy: pcBy,
		ValueProposition: pcValue, Note: "First draft"})
	must(err)
	must(p.Endorse(sctx, sa, 1))
	_, err = p.EditCharter(sctx, sa, purpose.CharterInput{Base: 1, Purpose: pcPurpose2, Ambition: pcAmbition, AmbitionBy: pcBy,
		ValueProposition: pcValue, Note: "Every day"})
	must(err)
	mctx, ma := acc("member")
	_, err = p.EditValue(mctx, ma, purpose.MemberOwner(ma.MemberID), purpose.ValueInput{Gain: "Friends across the river.", Bring: "Saturday mornings."})
	must(err)
	_, err = p.EditValue(mctx, ma, purpose.OrganisationOwner(f.org["Riverside Food Bank"]), purpose.ValueInput{Gain: pcGain, Bring: pcBring})
	must(err)
}

// pcCharterVersion fails unless collective A's charter is at version want.
func pcCharterVersion(want int) func(*testing.T, *scFixture) {
	return func(t *testing.T, f *scFixture) {
		t.Helper()
		c, err := f.app.Purpose.Charter(f.as("steward"), f.access(t, "steward", scA))
		if err != nil {
			t.Fatal(err)
		}
		if c.Version != want {
			t.Fatalf("charter at version %d, want %d", c.Version, want)
		}
	}
}

// pcValueVersion fails unless o's value proposition in A is at version want.
func pcValueVersion(o func(f *scFixture) purpose.Owner, want int) func(*testing.T, *scFixture) {
	return func(t *testing.T, f *scFixture) {
		t.Helper()
		v, err := f.app.Purpose.ValueProposition(f.as("steward"), f.access(t, "steward", scA), o(f))
		if err != nil {
			t.Fatal(err)
		}
		if v.Version != want {
			t.Fatalf("%s %d's value proposition at version %d, want %d", v.Kind, v.OwnerID, v.Version, want)
		}
	}
}

// pcRoll fails unless who endorses version want of A's charter (0: none).
func pcRoll(who string, want int) func(*testing.T, *scFixture) {
	return func(t *testing.T, f *scFixture) {
		t.Helper()
		roll, err := f.app.Purpose.Endorsements(f.as(who), f.access(t, who, scA))
		if err != nil {
			t.Fatal(err)
		}
		if roll.Mine != want {
			t.Fatalf("%s endorses version %d, want %d", who, roll.Mine, want)
		}
	}
}

func pcMemberOwner(who string) func(f *scFixture) purpose.Owner {
	return func(f *scFixture) purpose.Owner { return purpose.MemberOwner(f.mid[scA+"/"+who]) }
}

func pcOrgOwner(name string) func(f *scFixture) purpose.Owner {
	return func(f *scFixture) purpose.Owner { return purpose.OrganisationOwner(f.org[name]) }
}
