package commitment

import (
	"strings"
	"testing"

	"commonground/internal/errs"
)

func TestParts(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("Empty", func(t *testing.T) {
			p, err := f.S.MyPart(ctxOf(f.A), f.A)
			ok(t, err)
			same(t, "part", *p, Part{MemberID: f.A.MemberID})
		})
		t.Run("OK", func(t *testing.T) {
			_, err := f.S.SavePart(ctxOf(f.A), f.A, PartInput{Contribute: "first", WillChange: "x"})
			ok(t, err)
			f.Clock.Set(testStart.Add(60e9))
			_, err = f.S.SavePart(ctxOf(f.A), f.A, PartInput{Contribute: " I run the food bank's Saturday pantry. ",
				WillChange: "Open on Wednesdays too."})
			ok(t, err)
			want := Part{MemberID: f.A.MemberID, Contribute: "I run the food bank's Saturday pantry.",
				WillChange: "Open on Wednesdays too.", UpdatedAt: ptr(testStart.Add(60e9))}
			mine, err := f.S.MyPart(ctxOf(f.A), f.A)
			ok(t, err)
			same(t, "mine", *mine, want)
			theirs, err := f.S.PartOf(ctxOf(f.Observer), f.Observer, f.A.MemberID)
			ok(t, err)
			same(t, "read by another", *theirs, want)
			same(t, "rows", f.count(t, "SELECT count(*) FROM member_parts"), 1)
			e := f.entries(t, "part.")
			same(t, "activity", e[1], testEntry{ActorID: ptr(f.A.User.ID), Verb: "part.updated", Subject: "member:" + itoa(f.A.MemberID),
				Summary: "Ana Adler updated their part.", Link: "/c/river/ledger/members/" + itoa(f.A.MemberID), Audience: "collective"})
		})
		t.Run("ErrTooLong", func(t *testing.T) {
			long := strings.Repeat("é", MaxPart+1)
			_, err := f.S.SavePart(ctxOf(f.A), f.A, PartInput{Contribute: long})
			wantErr(t, err, errs.Invalid, "contribute", "at most 4000 characters")
			_, err = f.S.SavePart(ctxOf(f.A), f.A, PartInput{WillChange: long})
			wantErr(t, err, errs.Invalid, "will_change", "at most 4000 characters")
			mine, _ := f.S.MyPart(ctxOf(f.A), f.A)
			same(t, "unchanged", mine.WillChange, "Open on Wednesdays too.")
		})
		t.Run("ErrNotContributor", func(t *testing.T) {
			_, err := f.S.SavePart(ctxOf(f.Observer), f.Observer, PartInput{Contribute: "x"})
			wantErr(t, err, errs.Forbidden, "", "Observers")
			_, err = f.S.MyPart(ctxOf(f.Outsider), f.Outsider)
			wantErr(t, err, errs.Forbidden, "", "Only members of River")
			same(t, "rows", f.count(t, "SELECT count(*) FROM member_parts"), 1)
		})
		t.Run("ErrUnknownMember", func(t *testing.T) {
			_, err := f.S.PartOf(ctxOf(f.A), f.A, 99999)
			wantErr(t, err, errs.NotFound, "", "not a member")
		})
	})
}
