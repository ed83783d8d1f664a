package gathering

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
)

// plan creates a gathering as a, failing the test on an error.
func (f *fixture) planAs(t *testing.T, a *collective.Access, in Input) *Gathering {
	t.Helper()
	g, err := f.S.Create(ctxOf(a), a, in)
	if err != nil {
		t.Fatalf("create %q: %v", in.Title, err)
	}
	return g
}

// utcAt is a UTC time on a day of the fixture's calendar.
func utcAt(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

// datesLines lists a gathering's dates as "start/status[/moved]" lines.
func (f *fixture) datesLines(t *testing.T, id int64) []string {
	t.Helper()
	os, err := datesOf(context.Background(), f.DB, id)
	ok(t, err)
	var out []string
	for _, o := range os {
		s := o.StartsAt.Format("2006-01-02 15:04Z") + "–" + o.EndsAt.Format("15:04Z") + " " + string(o.Status)
		if o.Moved {
			s += " moved"
		}
		if !o.RecurrenceID.Equal(o.StartsAt) {
			s += " rid " + o.RecurrenceID.Format("2006-01-02 15:04Z")
		}
		out = append(out, s)
	}
	return out
}

func TestCreate(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		t.Run("OK", func(t *testing.T) {
			in := meeting()
			in.Title = "  Partners' round  "
			in.Capacity, in.Registration = 12, true
			in.InviteEveryone = false
			in.Members = []int64{f.F.MemberID, f.F.MemberID}
			in.Organisations = []int64{f.OrgA}
			in.HostMemberID = f.B.MemberID
			in.Agenda = []AgendaInput{{Title: "Where we stand", OwnerMemberID: f.C.MemberID, Minutes: 20},
				{Title: "Who leads", Minutes: 40, Notes: "Bring names."}}
			in.Prereads = []PrereadInput{{Title: "Last year's report", URL: "https://example.org/report.pdf"}}
			g := f.planAs(t, f.A, in)
			if !regexp.MustCompile(`^[0-9a-f]{32}@cg\.example$`).MatchString(g.UID) {
				t.Fatalf("uid %q", g.UID)
			}
			same(t, "title", g.Title, "Partners' round")
			same(t, "times", []time.Time{g.StartsAt, g.EndsAt}, []time.Time{utcAt(2026, 12, 1, 9, 0), utcAt(2026, 12, 1, 10, 30)})
			same(t, "state", []any{g.Status, g.RRule, g.Sequence, g.Version, g.Capacity, g.Registration, g.InviteEveryone, g.Format},
				[]any{Planned, "", int64(0), int64(1), int64(12), true, false, InPerson})
			same(t, "host", []any{*g.HostMemberID, g.HostName, *g.CreatedBy}, []any{f.B.MemberID, "Ben Brook", f.A.User.ID})
			same(t, "invitees", g.Invitees, []Invitee{{MemberID: f.F.MemberID, Name: "Finn Fox"}, {OrganisationID: f.OrgA, Name: "Alder"}})
			c := f.C.MemberID
			same(t, "agenda", g.Agenda, []AgendaItem{
				{ID: g.Agenda[0].ID, Position: 1, Title: "Where we stand", OwnerMemberID: &c, OwnerName: "Cleo Cole", Minutes: 20},
				{ID: g.Agenda[1].ID, Position: 2, Title: "Who leads", Minutes: 40, Notes: "Bring names."}})
			same(t, "prereads", g.Prereads, []Preread{{ID: g.Prereads[0].ID, Title: "Last year's report", URL: "https://example.org/report.pdf"}})
			same(t, "dates", f.datesLines(t, g.ID), []string{"2026-12-01 09:00Z–10:30Z planned"})
			same(t, "activity", f.verbs(t), []string{
				"gathering.planned: Ana Adler planned “Partners' round” for Tuesday 1 December 2026 at 10:00 (Europe/Berlin)."})
		})
		t.Run("OKOnline", func(t *testing.T) {
			in := meeting()
			in.Format, in.Link, in.TimeZone = Online, "https://meet.example/abc", "America/New_York"
			g := f.planAs(t, f.B, in)
			same(t, "place dropped, times", []any{g.Place, g.Link, g.StartsAt, *g.HostMemberID},
				[]any{"", "https://meet.example/abc", utcAt(2026, 12, 1, 15, 0), f.B.MemberID})
		})
	})
}

func TestCreateRefused(t *testing.T) {
	long := strings.Repeat("x", MaxTitle+1)
	eachDB(t, func(t *testing.T, f *fixture) {
		type tc struct {
			name, field, msg string
			edit             func(in *Input)
		}
		cases := []tc{
			{"ErrTitleRequired", "title", "Give the gathering a title.", func(in *Input) { in.Title = "  " }},
			{"ErrTitleLong", "title", "The title can be at most 200 characters.", func(in *Input) { in.Title = long }},
			{"ErrIntentionRequired", "intention", "Say what should be different after the gathering.", func(in *Input) { in.Intention = "" }},
			{"ErrFormat", "format", "Choose how people take part: in_person, online or hybrid.", func(in *Input) { in.Format = "boat" }},
			{"ErrPlaceRequired", "place", "Say where people meet.", func(in *Input) { in.Place = "" }},
			{"ErrHybridPlace", "place", "Say where people meet.", func(in *Input) { in.Format, in.Place, in.Link = Hybrid, "", "https://x.example" }},
			{"ErrLinkRequired", "link", "Give the link people join by.", func(in *Input) { in.Format = Online }},
			{"ErrLinkScheme", "link", "The link must be a web address starting with http:// or https://, at most 1000 characters.",
				func(in *Input) { in.Format, in.Link = Hybrid, "ftp://files.example/x" }},
			{"ErrTimeZoneUnknown", "time_zone", `The time zone "Mars/Olympus" is not known; use a name such as Europe/Berlin.`,
				func(in *Input) { in.TimeZone = "Mars/Olympus" }},
			{"ErrTimeZoneMissing", "time_zone", "Choose a time zone, such as Europe/Berlin.", func(in *Input) { in.TimeZone = "" }},
			{"ErrStartMissing", "start", "Say when the gathering starts.", func(in *Input) { in.Start = "" }},
			{"ErrStartBad", "start", `The start must be a date and time such as 2026-12-01T10:00, not "tomorrow".`,
				func(in *Input) { in.Start = "tomorrow" }},
			{"ErrEndBeforeStart", "end", "The end must be after the start.", func(in *Input) { in.End = "2026-12-01T09:59" }},
			{"ErrEndAtStart", "end", "The end must be after the start.", func(in *Input) { in.End = in.Start }},
			{"ErrTooLong", "end", "A gathering can last at most 7 days.", func(in *Input) { in.End = "2026-12-08T10:01" }},
			{"ErrCapacityNegative", "capacity", "The capacity cannot be negative; 0 means no limit.", func(in *Input) { in.Capacity = -1 }},
			{"ErrCapacityWithoutRegistration", "capacity", "A limit on places needs registration: tick “People register”.",
				func(in *Input) { in.Capacity = 5 }},
			{"ErrInviteeNotMember", "invite_members", "River has no member 999999 to invite.",
				func(in *Input) { in.InviteEveryone, in.Members = false, []int64{f.B.MemberID, 999999} }},
			{"ErrInviteeOrg", "invite_organisations", "River has no organisation 999999 to invite.",
				func(in *Input) { in.InviteEveryone, in.Organisations = false, []int64{999999} }},
			{"ErrNobodyInvited", "invite_members", "Invite everyone, or name the members or organisations invited.",
				func(in *Input) { in.InviteEveryone = false }},
			{"ErrHost", "host_member_id", "River has no member 999999 to host the gathering.", func(in *Input) { in.HostMemberID = 999999 }},
			{"ErrAgendaLong", "agenda", "An agenda can have at most 50 items; this has 51.",
				func(in *Input) { in.Agenda = make([]AgendaInput, 51) }},
			{"ErrAgendaTitle", "agenda[1].title", "Agenda item 2 needs a title.", func(in *Input) { in.Agenda = []AgendaInput{{Title: "a"}, {}} }},
			{"ErrAgendaMinutes", "agenda[0].minutes", "Agenda item 1 cannot have negative minutes.",
				func(in *Input) { in.Agenda = []AgendaInput{{Title: "a", Minutes: -5}} }},
			{"ErrAgendaOwner", "agenda[0].owner_member_id", "Agenda item 1: River has no member 999999.",
				func(in *Input) { in.Agenda = []AgendaInput{{Title: "a", OwnerMemberID: 999999}} }},
			{"ErrPrereadsMany", "prereads", "A gathering can have at most 20 pre-reads; this has 21.",
				func(in *Input) { in.Prereads = make([]PrereadInput, 21) }},
			{"ErrPrereadURL", "prereads[0].url", "Pre-read 1 needs a web address starting with http:// or https://.",
				func(in *Input) { in.Prereads = []PrereadInput{{Title: "x", URL: "javascript:alert(1)"}} }},
			{"ErrRepeatEvery", "repeat.every", `Choose how it repeats: week, month_weekday or month_date, not "day".`,
				func(in *Input) { in.Repeat.Every = "day" }},
			{"ErrRepeatCount", "repeat.count", "A series can have at most 520 dates, not 521.",
				func(in *Input) { in.Repeat = RepeatInput{Every: Weekly, Count: 521} }},
			{"ErrRepeatCountAndUntil", "repeat.until", "Give a number of dates or a last date, not both.",
				func(in *Input) { in.Repeat = RepeatInput{Every: Weekly, Count: 3, Until: "2027-01-01"} }},
			{"ErrRepeatUntilBefore", "repeat.until", "The last date must be on or after the first date.",
				func(in *Input) { in.Repeat = RepeatInput{Every: Weekly, Until: "2026-11-30"} }},
			{"ErrRepeatTooMany", "repeat.until", "This series would have more than 520 dates; choose an earlier last date or a number of dates.",
				func(in *Input) { in.Repeat = RepeatInput{Every: Weekly, Until: "2040-01-01"} }},
			{"ErrPollAndStart", "candidate_starts", "Give a start or candidate starts for a time poll, not both.",
				func(in *Input) { in.CandidateStarts = []string{"2026-12-02T10:00", "2026-12-03T10:00"} }},
			{"ErrPollOne", "candidate_starts", "A time poll needs 2 to 20 candidate starts; this has 1.",
				func(in *Input) { *in = pollMeeting(); in.CandidateStarts = in.CandidateStarts[:1] }},
			{"ErrPollTwice", "candidate_starts", "Candidate start 2 is given twice.",
				func(in *Input) { *in = pollMeeting(); in.CandidateStarts[1] = in.CandidateStarts[0] }},
			{"ErrPollDuration", "duration_minutes", "Say how long the gathering lasts: 1 minute to 7 days.",
				func(in *Input) { *in = pollMeeting(); in.DurationMinutes = 0 }},
			{"ErrPollClosed", "poll_closes", "The time poll must close in the future.",
				func(in *Input) { *in = pollMeeting(); in.PollCloses = "2026-11-23T10:00" }},
			{"ErrPollClosesLate", "poll_closes", "The time poll must close before the first candidate start.",
				func(in *Input) { *in = pollMeeting(); in.PollCloses = "2026-12-02T10:00" }},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				in := meeting()
				c.edit(&in)
				_, err := f.S.Create(ctxOf(f.A), f.A, in)
				wantErr(t, err, errs.Invalid, c.field, c.msg)
			})
		}
		t.Run("ErrObserver", func(t *testing.T) {
			_, err := f.S.Create(ctxOf(f.Observer), f.Observer, meeting())
			wantErr(t, err, errs.Forbidden, "", "Observers can read but not change anything.")
		})
		t.Run("ErrOutsider", func(t *testing.T) {
			_, err := f.S.Create(ctxOf(f.Outsider), f.Outsider, meeting())
			wantErr(t, err, errs.Forbidden, "", "Only members of River can do this.")
		})
		t.Run("ErrAnonymous", func(t *testing.T) {
			_, err := f.S.Create(ctxOf(f.Anon), f.Anon, meeting())
			wantErr(t, err, errs.Unauthorized, "", "Sign in to plan a gathering in River.")
		})
		t.Run("NothingWritten", func(t *testing.T) {
			for _, table := range []string{"gatherings", "gathering_occurrences", "gathering_invitees", "gathering_agenda",
				"gathering_prereads"} {
				same(t, table, f.count(t, "SELECT COUNT(*) FROM "+table), 0)
			}
			same(t, "activity", len(f.verbs(t)), 0)
			same(t, "polls", len(f.Polls.Polls), 0)
		})
	})
}

// pollMeeting is meeting with an open date: two candidates, 90 minutes,
// the poll closing on Monday 30 November 2026 at 18:00 Berlin.
func pollMeeting() Input {
	in := meeting()
	in.Start, in.End = "", ""
	in.CandidateStarts = []string{"2026-12-03T14:00", "2026-12-02T10:00"}
	in.DurationMinutes = 90
	in.PollCloses = "2026-11-30T18:00"
	return in
}
