package gathering

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // zones work on machines without a tz database
	"unicode/utf8"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/gathering/ical"
)

// localLayout is how wall-clock times are entered, in the gathering's zone.
const localLayout = "2006-01-02T15:04"

// plan is an Input checked and resolved: trimmed texts, the zone, UTC
// times, the rule, and the people named known to be members.
type plan struct {
	in         Input
	loc        *time.Location
	start, end time.Time // UTC; while scheduling, the first candidate and its end
	rule       *ical.Rule
	host       int64
	members    []int64
	orgs       []int64
	// A time poll's candidates (UTC), its close, each one's length.
	candidates []time.Time
	pollCloses time.Time
	open       bool // an edit that leaves the date to the poll under way
}

// scheduling reports whether a time poll sets the date.
func (p *plan) scheduling() bool { return len(p.candidates) > 0 }

// rrule is the rule as stored, "" for a single date.
func (p *plan) rrule() string {
	if p.rule == nil {
		return ""
	}
	return p.rule.String()
}

// checkMode says what the input is for: a time poll is opened at creation
// only, and a gathering still waiting for its poll may be edited without
// a date.
type checkMode int

const (
	forCreate   checkMode = iota
	forUpdate             // dates required
	forOpenEdit           // a gathering in Scheduling: no start keeps it open
)

// check validates in for a's collective at now (the transaction's time).
func (s *Service) check(ctx context.Context, q querier, a *collective.Access, in Input, now time.Time, mode checkMode) (*plan, error) {
	p := &plan{in: in}
	in.Title, in.Intention = strings.TrimSpace(in.Title), strings.TrimSpace(in.Intention)
	in.Place, in.Link = strings.TrimSpace(in.Place), strings.TrimSpace(in.Link)
	switch {
	case in.Title == "":
		return nil, errs.Field("title", "Give the gathering a title.")
	case utf8.RuneCountInString(in.Title) > MaxTitle:
		return nil, errs.Field("title", "The title can be at most %d characters.", MaxTitle)
	case in.Intention == "":
		return nil, errs.Field("intention", "Say what should be different after the gathering.")
	case utf8.RuneCountInString(in.Intention) > MaxIntention:
		return nil, errs.Field("intention", "The intention can be at most %d characters.", MaxIntention)
	}
	switch in.Format {
	case InPerson, Online, Hybrid:
	default:
		return nil, errs.Field("format", "Choose how people take part: in_person, online or hybrid.")
	}
	if in.Format != Online && in.Place == "" {
		return nil, errs.Field("place", "Say where people meet.")
	}
	if in.Format == Online {
		in.Place = "" // an online gathering has no place; a left-over one would mislead
	}
	if utf8.RuneCountInString(in.Place) > MaxPlace {
		return nil, errs.Field("place", "The place can be at most %d characters.", MaxPlace)
	}
	if in.Format != InPerson && in.Link == "" {
		return nil, errs.Field("link", "Give the link people join by.")
	}
	if in.Format == InPerson {
		in.Link = ""
	}
	if in.Link != "" && (len(in.Link) > MaxLink || !webAddress(in.Link)) {
		return nil, errs.Field("link", "The link must be a web address starting with http:// or https://, at most %d characters.", MaxLink)
	}
	var err error
	if p.loc, err = zone(in.TimeZone); err != nil {
		return nil, err
	}
	if err := s.checkDates(p, &in, now, mode); err != nil {
		return nil, err
	}
	if in.Capacity < 0 {
		return nil, errs.Field("capacity", "The capacity cannot be negative; 0 means no limit.")
	}
	if in.Capacity > 0 && !in.Registration {
		// Places can only be counted when people register: without it
		// "let us know if you come" is a courtesy, not a claim on a place.
		return nil, errs.Field("capacity", "A limit on places needs registration: tick “People register”.")
	}
	if err := checkPeople(ctx, q, a, p, &in); err != nil {
		return nil, err
	}
	if err := checkAgenda(ctx, q, a, &in); err != nil {
		return nil, err
	}
	p.in = in
	return p, nil
}

// zone loads a time zone by its IANA name; "" and "Local" are refused, as
// the server's zone means nothing to the people gathering.
func zone(name string) (*time.Location, error) {
	if strings.TrimSpace(name) == "" {
		return nil, errs.Field("time_zone", "Choose a time zone, such as Europe/Berlin.")
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return nil, errs.Field("time_zone", "The time zone %q is not known; use a name such as Europe/Berlin.", name)
	}
	return loc, nil
}

// parseLocal reads a wall-clock time in loc.
func parseLocal(field, what, s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(localLayout, strings.TrimSpace(s), loc)
	if err != nil {
		return time.Time{}, errs.Field(field, "%s must be a date and time such as 2026-12-01T10:00, not %q.", what, s)
	}
	return t, nil
}

// checkSpan checks an end against its start.
func checkSpan(start, end time.Time) error {
	switch {
	case !end.After(start):
		return errs.Field("end", "The end must be after the start.")
	case end.Sub(start) > MaxDuration:
		return errs.Field("end", "A gathering can last at most %d days.", int(MaxDuration.Hours()/24))
	}
	return nil
}

// checkDates reads a fixed date with its rule, or a time poll's candidates.
func (s *Service) checkDates(p *plan, in *Input, now time.Time, mode checkMode) error {
	switch {
	case in.Start == "" && mode == forCreate && len(in.CandidateStarts) > 0:
		return s.checkPoll(p, in, now)
	case in.Start == "" && mode == forOpenEdit:
		p.open = true
		return nil
	}
	if in.Start == "" {
		return errs.Field("start", "Say when the gathering starts.")
	}
	if len(in.CandidateStarts) > 0 && mode == forCreate {
		return errs.Field("candidate_starts", "Give a start or candidate starts for a time poll, not both.")
	}
	start, err := parseLocal("start", "The start", in.Start, p.loc)
	if err != nil {
		return err
	}
	if in.End == "" {
		return errs.Field("end", "Say when the gathering ends.")
	}
	end, err := parseLocal("end", "The end", in.End, p.loc)
	if err != nil {
		return err
	}
	if err := checkSpan(start, end); err != nil {
		return err
	}
	p.start, p.end = start.UTC(), end.UTC()
	p.rule, err = ruleFor(in.Repeat, start, p.loc)
	return err
}

// checkPoll reads the candidates of a time poll.
func (s *Service) checkPoll(p *plan, in *Input, now time.Time) error {
	if s.Scheduler == nil {
		return errs.Field("candidate_starts", "Open dates need time polls, which are not available here; give a start.")
	}
	if n := len(in.CandidateStarts); n < 2 || n > 20 {
		return errs.Field("candidate_starts", "A time poll needs 2 to 20 candidate starts; this has %d.", n)
	}
	if in.Repeat.Every != "" {
		return errs.Field("repeat.every", "A time poll sets one date; plan a repeating gathering with its first date.")
	}
	for i, c := range in.CandidateStarts {
		t, err := parseLocal("candidate_starts", "Candidate start "+strconv.Itoa(i+1), c, p.loc)
		if err != nil {
			return err
		}
		if slices.Contains(p.candidates, t.UTC()) {
			return errs.Field("candidate_starts", "Candidate start %d is given twice.", i+1)
		}
		p.candidates = append(p.candidates, t.UTC())
	}
	slices.SortFunc(p.candidates, func(x, y time.Time) int { return x.Compare(y) })
	d := time.Duration(in.DurationMinutes) * time.Minute
	if in.DurationMinutes <= 0 || d > MaxDuration {
		return errs.Field("duration_minutes", "Say how long the gathering lasts: 1 minute to %d days.", int(MaxDuration.Hours()/24))
	}
	if in.PollCloses == "" {
		return errs.Field("poll_closes", "Say when the time poll closes.")
	}
	closes, err := parseLocal("poll_closes", "The poll's close", in.PollCloses, p.loc)
	if err != nil {
		return err
	}
	switch {
	case !closes.After(now):
		return errs.Field("poll_closes", "The time poll must close in the future.")
	case !closes.Before(p.candidates[0]):
		return errs.Field("poll_closes", "The time poll must close before the first candidate start.")
	}
	p.pollCloses = closes.UTC()
	// Until the poll decides, the gathering sits at its first candidate.
	p.start, p.end = p.candidates[0], p.candidates[0].Add(d)
	return nil
}

// checkPeople resolves the host and the invitees, all of a's collective.
func checkPeople(ctx context.Context, q querier, a *collective.Access, p *plan, in *Input) error {
	p.host = in.HostMemberID
	if p.host == 0 {
		p.host = a.MemberID
	}
	if ok, err := isMember(ctx, q, a, p.host); err != nil || !ok {
		return firstErr(err, errs.Field("host_member_id", "%s has no member %d to host the gathering.", a.Collective.Name, p.host))
	}
	if in.InviteEveryone {
		return nil
	}
	for _, m := range in.Members {
		if ok, err := isMember(ctx, q, a, m); err != nil || !ok {
			return firstErr(err, errs.Field("invite_members", "%s has no member %d to invite.", a.Collective.Name, m))
		}
		if !slices.Contains(p.members, m) {
			p.members = append(p.members, m)
		}
	}
	for _, o := range in.Organisations {
		var n int
		if err := q.Get(ctx, &n, "SELECT COUNT(*) FROM organisations WHERE id = ? AND collective_id = ?", o, a.Collective.ID); err != nil {
			return err
		}
		if n == 0 {
			return errs.Field("invite_organisations", "%s has no organisation %d to invite.", a.Collective.Name, o)
		}
		if !slices.Contains(p.orgs, o) {
			p.orgs = append(p.orgs, o)
		}
	}
	if len(p.members)+len(p.orgs) == 0 {
		return errs.Field("invite_members", "Invite everyone, or name the members or organisations invited.")
	}
	return nil
}

// checkAgenda checks the agenda items and the pre-reads.
func checkAgenda(ctx context.Context, q querier, a *collective.Access, in *Input) error {
	if len(in.Agenda) > MaxAgenda {
		return errs.Field("agenda", "An agenda can have at most %d items; this has %d.", MaxAgenda, len(in.Agenda))
	}
	for i := range in.Agenda {
		it := &in.Agenda[i]
		it.Title, it.Notes = strings.TrimSpace(it.Title), strings.TrimSpace(it.Notes)
		switch {
		case it.Title == "":
			return errs.Field(row("agenda", i, "title"), "Agenda item %d needs a title.", i+1)
		case utf8.RuneCountInString(it.Title) > MaxTitle:
			return errs.Field(row("agenda", i, "title"), "The title of agenda item %d can be at most %d characters.", i+1, MaxTitle)
		case it.Minutes < 0:
			return errs.Field(row("agenda", i, "minutes"), "Agenda item %d cannot have negative minutes.", i+1)
		case utf8.RuneCountInString(it.Notes) > MaxText:
			return errs.Field(row("agenda", i, "notes"), "The notes of agenda item %d can be at most %d characters.", i+1, MaxText)
		}
		if it.OwnerMemberID != 0 {
			if ok, err := isMember(ctx, q, a, it.OwnerMemberID); err != nil || !ok {
				return firstErr(err, errs.Field(row("agenda", i, "owner_member_id"), "Agenda item %d: %s has no member %d.", i+1, a.Collective.Name, it.OwnerMemberID))
			}
		}
	}
	if len(in.Prereads) > MaxPrereads {
		return errs.Field("prereads", "A gathering can have at most %d pre-reads; this has %d.", MaxPrereads, len(in.Prereads))
	}
	for i := range in.Prereads {
		r := &in.Prereads[i]
		r.Title, r.URL = strings.TrimSpace(r.Title), strings.TrimSpace(r.URL)
		switch {
		case r.Title == "" || utf8.RuneCountInString(r.Title) > MaxTitle:
			return errs.Field(row("prereads", i, "title"), "Pre-read %d needs a title of at most %d characters.", i+1, MaxTitle)
		case len(r.URL) > MaxLink || !webAddress(r.URL):
			return errs.Field(row("prereads", i, "url"), "Pre-read %d needs a web address starting with http:// or https://.", i+1)
		}
	}
	return nil
}

// isMember reports whether id is a member of a's collective.
func isMember(ctx context.Context, q querier, a *collective.Access, id int64) (bool, error) {
	var n int
	err := q.Get(ctx, &n, "SELECT COUNT(*) FROM members WHERE id = ? AND collective_id = ?", id, a.Collective.ID)
	return n > 0, err
}

// webAddress reports whether s is an absolute http or https URL with a host.
func webAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// firstErr prefers a database error to the refusal it prevented checking.
func firstErr(err error, refusal error) error {
	if err != nil {
		return err
	}
	return refusal
}

// row names one field of one row of a list in an error, as JSON paths
// do: "agenda[0].title" is the first item's title (the message counts
// from 1, for people).
func row(list string, i int, field string) string {
	return list + "[" + strconv.Itoa(i) + "]." + field
}
