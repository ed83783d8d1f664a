package gathering

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"commonground/internal/errs"
)

// formInput reads the plan form into the service's Input; the service
// checks what the values mean.
func formInput(v url.Values) (Input, error) {
	in := Input{Title: strings.TrimSpace(v.Get("title")), Intention: strings.TrimSpace(v.Get("intention")),
		Format: Format(v.Get("format")), Place: strings.TrimSpace(v.Get("place")), Link: strings.TrimSpace(v.Get("link")),
		TimeZone: strings.TrimSpace(v.Get("time_zone")), Start: strings.TrimSpace(v.Get("start")),
		End: strings.TrimSpace(v.Get("end")), Registration: v.Get("registration") != "",
		InviteEveryone: v.Get("invite") != "chosen",
		Repeat:         RepeatInput{Every: Every(v.Get("repeat_every")), Until: strings.TrimSpace(v.Get("repeat_until"))}}
	var err error
	num := func(field string, max int64) int64 {
		if err != nil {
			return 0
		}
		var n int64
		n, err = formNumber(v, field, max)
		return n
	}
	in.Capacity = num("capacity", 1_000_000)
	in.Repeat.Interval = int(num("repeat_interval", 99))
	in.Repeat.Count = int(num("repeat_count", MaxOccurrences))
	in.HostMemberID = num("host_member_id", 1<<62)
	if !in.InviteEveryone {
		for _, s := range v["invite_members"] {
			in.Members = append(in.Members, num2(s))
		}
		for _, s := range v["invite_organisations"] {
			in.Organisations = append(in.Organisations, num2(s))
		}
	}
	for i := range MaxAgenda {
		k := strconv.Itoa(i)
		title := strings.TrimSpace(v.Get("agenda_title_" + k))
		if title == "" && strings.TrimSpace(v.Get("agenda_minutes_"+k)) == "" {
			continue // a blank row
		}
		in.Agenda = append(in.Agenda, AgendaInput{Title: title, OwnerMemberID: num2(v.Get("agenda_owner_member_id_" + k)),
			Minutes: num("agenda_minutes_"+k, 24*60)})
	}
	for i := range MaxPrereads {
		k := strconv.Itoa(i)
		title, u := strings.TrimSpace(v.Get("prereads_title_"+k)), strings.TrimSpace(v.Get("prereads_url_"+k))
		if title != "" || u != "" {
			in.Prereads = append(in.Prereads, PrereadInput{Title: title, URL: u})
		}
	}
	if v.Get("date_open") != "" {
		in.Start, in.End = "", ""
		for line := range strings.SplitSeq(v.Get("candidate_starts"), "\n") {
			if s := strings.TrimSpace(line); s != "" {
				in.CandidateStarts = append(in.CandidateStarts, strings.Replace(s, " ", "T", 1))
			}
		}
		in.DurationMinutes = num("duration_minutes", int64(MaxDuration/time.Minute))
		in.PollCloses = strings.TrimSpace(v.Get("poll_closes"))
	}
	return in, err
}

// num2 reads an id a select or checkbox sent; nonsense reads as 0, which
// the service refuses as "no such member".
func num2(s string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n
}

// rowField finds a list item in a field name the service gives:
// "agenda[2].title" or "agenda.2.title".
var rowField = regexp.MustCompile(`^(agenda|prereads)(?:\[(\d+)\]|\.(\d+))\.(\w+)$`)

// formField names the form's input for a field the service refuses, so
// the message sits next to it and the summary links to it.
func formField(err error) error {
	f := errs.FieldOf(err)
	if f == "" {
		return err
	}
	name := f
	if m := rowField.FindStringSubmatch(f); m != nil {
		name = m[1] + "_" + m[4] + "_" + m[2] + m[3]
	} else if rest, ok := strings.CutPrefix(f, "repeat."); ok {
		name = "repeat_" + rest
	} else if f == "repeat" {
		name = "repeat_every"
	} else if f == "recipient" {
		name = "recipient_member_id"
	}
	if name == f {
		return err
	}
	return errs.Field(name, "%s", errs.Message(err))
}
