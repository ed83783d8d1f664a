package commitment

import (
	"fmt"
	"slices"
	"testing"

	"commonground/internal/errs"
)

// allowed is every transition the rules permit with nobody asking to
// release: state → action → the sides that may, and where it goes.
var allowed = map[State]map[Action]struct {
	sides []Side
	to    State
}{
	Proposed: {
		Accept:   {[]Side{SideRecipient, SideSteward}, Accepted},
		Decline:  {[]Side{SideRecipient, SideSteward}, Released},
		Withdraw: {[]Side{SideCommitter}, Released},
	},
	Accepted: {
		Start:    {[]Side{SideCommitter}, InProgress},
		MarkDone: {[]Side{SideCommitter}, InProgress},
		Confirm:  {[]Side{SideRecipient, SideSteward}, Kept},
		Broken:   {[]Side{SideRecipient, SideSteward}, NotKept},
		Release:  {[]Side{SideCommitter, SideRecipient, SideSteward}, Accepted},
	},
	InProgress: {
		MarkDone: {[]Side{SideCommitter}, InProgress},
		Confirm:  {[]Side{SideRecipient, SideSteward}, Kept},
		Broken:   {[]Side{SideRecipient, SideSteward}, NotKept},
		Release:  {[]Side{SideCommitter, SideRecipient, SideSteward}, InProgress},
	},
}

// TestNext runs every state × action × side, with no release asked: what
// the rules allow moves, an action open to another side in that state is
// Forbidden, anything else Conflict, and anyone on neither side Forbidden.
func TestNext(t *testing.T) {
	sides := []Side{SideCommitter, SideRecipient, SideSteward, SideOther}
	n := 0
	for _, st := range States {
		for _, act := range Actions {
			for _, side := range sides {
				n++
				t.Run(fmt.Sprintf("%s/%s/%s", st, act, side), func(t *testing.T) {
					c := &Commitment{State: st, CommitterName: "Ana", RecipientName: "Ben"}
					got, err := next(c, act, side)
					rule, open := allowed[st][act]
					switch {
					case side == SideOther:
						wantErr(t, err, errs.Forbidden, "", "either side")
					case open && slices.Contains(rule.sides, side):
						if err != nil || got != rule.to {
							t.Fatalf("got %q, %v; want %q", got, err, rule.to)
						}
					case open:
						wantErr(t, err, errs.Forbidden, "", "Only ")
					default:
						wantErr(t, err, errs.Conflict, "", "")
					}
				})
			}
		}
	}
	if n != 6*9*4 {
		t.Fatalf("ran %d cases", n)
	}
}

// TestNextRelease covers release and cancel_release once a side asked.
func TestNextRelease(t *testing.T) {
	for _, st := range []State{Accepted, InProgress} {
		for _, asked := range []Side{SideCommitter, SideRecipient} {
			for _, side := range []Side{SideCommitter, SideRecipient, SideSteward} {
				c := &Commitment{State: st, ReleaseAskedBy: asked}
				name := fmt.Sprintf("%s/asked-%s/%s", st, asked, side)
				t.Run(name+"/release", func(t *testing.T) {
					got, err := next(c, Release, side)
					if side.party() == asked {
						wantErr(t, err, errs.Conflict, "", "already asked")
					} else if err != nil || got != Released {
						t.Fatalf("got %q, %v; want released", got, err)
					}
				})
				t.Run(name+"/cancel", func(t *testing.T) {
					got, err := next(c, CancelRelease, side)
					if side.party() != asked {
						wantErr(t, err, errs.Forbidden, "", "side that asked")
					} else if err != nil || got != st {
						t.Fatalf("got %q, %v; want %q", got, err, st)
					}
				})
			}
		}
	}
	t.Run("ErrMarkDoneTwice", func(t *testing.T) {
		c := &Commitment{State: InProgress, RecipientName: "Ben"}
		c.DoneAt = &testStart
		_, err := next(c, MarkDone, SideCommitter)
		wantErr(t, err, errs.Conflict, "", "already marked done; Ben is to confirm")
	})
	t.Run("ErrUnknownAction", func(t *testing.T) {
		_, err := next(&Commitment{State: Accepted}, "explode", SideCommitter)
		wantErr(t, err, errs.Invalid, "", "no action")
	})
}
