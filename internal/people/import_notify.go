package people

import (
	"context"
	"fmt"
	"strings"

	"commonground/internal/activity"
	"commonground/internal/collective"
	"commonground/internal/store"
)

// KindProfileFilled is the notice a person gets when a steward's import
// fills in parts of their profile: it is theirs, shown in every collective
// they belong to, and they did not write it.
const KindProfileFilled = "profile.filled_by_import"

// A daily digest by default: an import of a whole network would otherwise
// queue an e-mail per person in its one transaction. The notice is in the
// app at once either way, and each person may choose immediate e-mail.
func init() {
	activity.RegisterKind(activity.Kind{Name: KindProfileFilled, Label: "A steward fills in parts of your profile from a file",
		Default: activity.Daily})
}

// noticeBatch keeps a notice's list of people (an IN list when it is
// sent) under SQLite's limit on parameters.
const noticeBatch = 1000

// notifyFilled tells each person the import filled in which parts of
// their profile it filled, inside the import's transaction (a refused
// import notifies no one). People filled in alike share one notice call;
// the steward who imports is not told of their own line.
func (s *Service) notifyFilled(ctx context.Context, tx *store.Tx, a *collective.Access, fills []filledIn, vis Visibility) error {
	if s.Notify == nil {
		return nil
	}
	byFields := map[string][]int64{}
	var order []string
	for _, f := range fills {
		if f.userID == a.User.ID {
			continue
		}
		names := make([]string, len(f.fields))
		for i, fd := range f.fields {
			names[i] = filledWords[fd]
		}
		key := listWords(names)
		if byFields[key] == nil {
			order = append(order, key)
		}
		byFields[key] = append(byFields[key], f.userID)
	}
	for _, key := range order {
		ids := byFields[key]
		for start := 0; start < len(ids); start += noticeBatch {
			n := activity.Notice{UserIDs: ids[start:min(start+noticeBatch, len(ids))], CollectiveID: a.Collective.ID,
				Kind: KindProfileFilled, Title: fmt.Sprintf("A steward of %s filled in parts of your profile", a.Collective.Name),
				Body: filledBody(a, key, vis), Link: Base(a) + "/me"}
			if err := s.Notify(ctx, tx, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// filledBody says what was filled in, who may see it, and where to check.
func filledBody(a *collective.Access, fields string, vis Visibility) string {
	return fmt.Sprintf("%s imported a file of profiles into %s and filled in %s, which you had left empty. Nothing you had "+
		"written was changed. What was filled in is shown to %s at most. On your profile page, check who sees each part, "+
		"and change or remove anything.", actorName(a), a.Collective.Name, fields, filledAudience[vis])
}

// filledWords name the fields in a notice's sentence.
var filledWords = map[Field]string{
	FieldDisplayName: "your display name", FieldPronouns: "your pronouns", FieldOrganisation: "your organisation",
	FieldDepartment: "your department", FieldRoleTitle: "your role", FieldAbout: "your about me",
	FieldSkills: "your skills", FieldOffers: "what you can offer", FieldNeeds: "what you need", FieldValues: "your ranked values in this collective",
}

// filledAudience is who a visibility shows to, in a notice's sentence.
var filledAudience = map[Visibility]string{
	OnlyMe: "you only", Stewards: "the stewards of your collectives", Collectives: "the members of your collectives",
}

// listWords joins "a", "b" and "c" as English does.
func listWords(w []string) string {
	if len(w) <= 1 {
		return strings.Join(w, "")
	}
	return strings.Join(w[:len(w)-1], ", ") + " and " + w[len(w)-1]
}
