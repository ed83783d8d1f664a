package app

import (
	"context"
	"time"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/people"
)

// The demo's people fall into three circles by what they value, so
// suggested groupings have something to find; offers and needs are dealt
// from one list with an offset, so one person's need is another's offer.
var (
	demoValueCircles = [][]string{
		{"Fairness", "Justice", "Equity", "Solidarity", "Shared power", "Participation", "Dignity"},
		{"Learning", "Curiosity", "Creativity", "Openness", "Innovation", "Impact", "Excellence"},
		{"Care", "Kindness", "Wellbeing", "Belonging", "Community", "Compassion", "Generosity"},
	}
	demoCommonValues = []string{"Trust", "Collaboration", "Honesty"}
	demoWhys         = map[string]string{
		"Fairness":  "Every family should get the same chance, whichever estate they live on.",
		"Learning":  "We get better only by looking honestly at what worked.",
		"Care":      "People remember how they were treated more than what they were given.",
		"Justice":   "Hunger in a rich city is a choice someone made.",
		"Curiosity": "The best ideas came from asking families what they needed.",
		"Belonging": "Children eat better where they feel they belong.",
		"Trust":     "Partners share data only with people they trust.",
	}
	demoTags = []string{"grant writing", "data analysis", "translation", "event hosting", "youth work", "cooking for groups",
		"safeguarding", "graphic design", "van driving", "community organising", "fundraising", "social media",
		"facilitation", "bookkeeping", "mentoring", "web design"}
	demoPronouns = []string{"she/her", "he/him", "they/them", "she/they", "he/they"}
	demoRoles    = []string{"Coordinator", "Volunteer lead", "Family support worker", "Head of partnerships", "Data officer",
		"Youth worker", "Teacher", "Link worker", "Community organiser", "Trustee"}
	demoAbouts = []string{
		"Grew up on the Eastbank estate; back here after ten years in London.",
		"A former chef who now runs the holiday club kitchen.",
		"Moved to Riverside from Gdańsk; speaks Polish and Russian at the pantry.",
		"Keeps the termly survey tidy and the charts honest.",
		"Works evenings with teenagers; believes in asking them first.",
	}
)

// seedPeople gives the demo collective's people profiles with varied
// visibility, ranked values with some whys, a background and a periodic
// prompt with answers, and one proposed value waiting for a steward. It
// does nothing once the steward has ranked values.
func seedPeople(ctx context.Context, a *App, d *Demo) error {
	sctx := auth.WithUser(ctx, d.Steward)
	sa, err := a.Collectives.Access(sctx, DemoSlug)
	if err != nil {
		return err
	}
	if mine, err := a.People.MyValues(sctx, sa); err != nil || len(mine) > 0 {
		return err
	}
	type person struct {
		ctx context.Context
		acc *collective.Access
	}
	var members []person
	for i, u := range d.People {
		uctx := auth.WithUser(ctx, u)
		ua, err := a.Collectives.Access(uctx, DemoSlug)
		if err != nil {
			return err
		}
		if !ua.IsMember() {
			continue
		}
		members = append(members, person{uctx, ua})
		if err := a.People.SaveProfile(uctx, ua, demoProfile(i, d)); err != nil {
			return err
		}
		if err := a.People.SetMyValues(uctx, ua, demoValues(i)); err != nil {
			return err
		}
	}
	today := time.Now().UTC()
	background, err := a.People.CreatePrompt(sctx, sa, people.PromptInput{Kind: people.PromptBackground,
		Question: "What from your background shapes how you work?"})
	if err != nil {
		return err
	}
	periodic, err := a.People.CreatePrompt(sctx, sa, people.PromptInput{Kind: people.PromptPeriodic,
		Question: "A tradition from my family I bring to work",
		OpensOn:  today.AddDate(0, 0, -7).Format("2006-01-02"), ClosesOn: today.AddDate(0, 0, 30).Format("2006-01-02")})
	if err != nil {
		return err
	}
	answers := []struct {
		prompt int64
		text   string
		vis    people.Visibility
	}{
		{background.ID, "My grandmother ran a corner shop: nobody left without something in their bag.", people.Collectives},
		{periodic.ID, "Sunday soup: whoever turns up eats, and everyone brings one thing.", people.Collectives},
		{background.ID, "Ten years as a union rep taught me to count the quiet voices too.", people.Stewards},
		{periodic.ID, "We name the week's small wins at Friday tea.", people.Everyone},
		{periodic.ID, "Writing down who helped, so we can thank them properly.", people.OnlyMe},
		{background.ID, "I trained as an engineer: I like to see the numbers before I believe a story.", people.Collectives},
	}
	for i, ans := range answers[:min(len(answers), len(members))] {
		m := members[i]
		if err := a.People.SaveAnswer(m.ctx, m.acc, ans.prompt, ans.text, ans.vis); err != nil {
			return err
		}
	}
	// A proposal from a member who is not a steward, for the stewards to
	// review.
	for _, m := range members {
		if !m.acc.IsSteward() && m.acc.CanContribute() {
			_, err := a.People.ProposeValue(m.ctx, m.acc, people.TermInput{Name: "Playfulness",
				Description: "Making room for fun: people come back to what they enjoy."})
			return err
		}
	}
	return nil
}

// demoProfile is the profile of the i-th demo person (0 is the steward).
func demoProfile(i int, d *Demo) people.ProfileInput {
	n := len(demoTags)
	in := people.ProfileInput{
		Pronouns:  demoPronouns[i%len(demoPronouns)],
		RoleTitle: demoRoles[i%len(demoRoles)],
		About:     demoAbouts[i%len(demoAbouts)],
		Skills:    []string{demoTags[(i*2)%n], demoTags[(i*2+7)%n]},
		Offers:    []string{demoTags[(i*3)%n], demoTags[(i*3+1)%n]},
		Needs:     []string{demoTags[(i*3+4)%n], demoTags[(i*3+8)%n]},
		Visibility: map[people.Field]people.Visibility{
			people.FieldAbout: people.Collectives,
		},
	}
	if len(d.Orgs) > 0 {
		in.Organisation = d.Orgs[i%len(d.Orgs)].Name
	}
	// Varied visibility, so the pages show that each person decides: some
	// keep their pronouns to stewards, some their needs to themselves,
	// some share their values with everyone on the instance.
	switch i % 6 {
	case 1:
		in.Visibility[people.FieldPronouns] = people.Stewards
	case 2:
		in.Visibility[people.FieldNeeds] = people.OnlyMe
	case 3:
		in.Visibility[people.FieldValues] = people.Everyone
		in.Visibility[people.FieldAbout] = people.Everyone
	case 4:
		in.Visibility[people.FieldOrganisation] = people.Stewards
	case 5:
		in.Visibility[people.FieldValues] = people.Stewards
	}
	return in
}

// demoValues ranks six values of the person's circle, rotated so ranks
// differ, then one value everyone shares; a few carry a why.
func demoValues(i int) []people.ValuePick {
	circle := demoValueCircles[i%len(demoValueCircles)]
	var picks []people.ValuePick
	for k := range 6 {
		name := circle[(i/3+k)%len(circle)]
		p := people.ValuePick{Name: name}
		if i%2 == 0 {
			p.Why = demoWhys[name]
		}
		picks = append(picks, p)
	}
	return append(picks, people.ValuePick{Name: demoCommonValues[i%len(demoCommonValues)]})
}
