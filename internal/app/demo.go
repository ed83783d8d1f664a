package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"commonground/internal/auth"
	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/purpose"
)

// Demo sign-in, printed by `commonground demo`.
const (
	DemoEmail    = "steward@demo.commonground.test"
	DemoPassword = "commonground-demo"
	DemoSlug     = "riverside-coalition"
)

// Demo is what the core seeding made, for the seeders of later features.
type Demo struct {
	Steward    *auth.User
	People     []*auth.User // every demo person, the steward first
	Collective *collective.Collective
	Orgs       []*collective.Organisation
}

// Seeder adds one feature's demo data. Each feature registers one with
// RegisterSeeder; they run in order after the core data, on every start, so
// each must check for its own data and add it only once.
type Seeder func(ctx context.Context, a *App, d *Demo) error

var seeders []Seeder

// RegisterSeeder adds a feature's demo seeder.
func RegisterSeeder(s Seeder) { seeders = append(seeders, s) }

var demoOrgs = []collective.OrgInput{
	{Name: "Riverside Food Bank", Website: "https://food.example.org", Description: "Runs the weekly pantry and the school holiday meals."},
	{Name: "Eastbank Housing Association", Website: "https://housing.example.org", Description: "Owns 1,400 homes along the river."},
	{Name: "City Council Community Team", Description: "Grants, premises and the ward officers."},
	{Name: "St Anne's Primary School", Description: "Breakfast club and the family learning programme."},
	{Name: "Northside Youth Project", Description: "Evening and weekend sessions for 11 to 19 year olds."},
	{Name: "Riverside Health Centre", Description: "GP practice and social prescribing link workers."},
}

var demoPeople = []string{
	"Amara Okafor", "Ben Hartley", "Chen Wei", "Dolores Ruiz", "Emeka Nwosu", "Fatima Zahra", "Gareth Jones",
	"Hana Kobayashi", "Ibrahim Diallo", "Jo Whitfield", "Kasia Nowak", "Liam O'Brien", "Maya Patel", "Noor Hassan",
	"Olu Adeyemi", "Priya Sharma", "Quentin Moreau", "Rosa Lindqvist", "Samir Haddad", "Tess Morgan", "Uma Rao",
	"Viktor Petrov", "Wren Ellis", "Xavier Dubois", "Yara Haddad", "Zoe Campbell", "Aisha Bello", "Bruno Costa",
	"Carmen Vidal", "Dev Malhotra", "Elif Yilmaz", "Finn Gallagher", "Grace Mensah", "Hugo Lambert",
}

// rolesFor spreads the reserved roles over the demo people so every page
// has something to show.
func rolesFor(i int) []string {
	switch {
	case i == 0:
		return []string{auth.Member, auth.Steward, auth.Facilitator}
	case i == 1:
		return []string{auth.Member, auth.Steward}
	case i%11 == 2:
		return []string{auth.Member, auth.Host}
	case i%13 == 3:
		return []string{auth.Member, auth.PayReviewer}
	case i%17 == 4:
		return []string{auth.Observer}
	}
	return []string{auth.Member}
}

// SeedDemo fills the database with the demo collective, once: a second run
// finds it and only runs the feature seeders (which are idempotent too).
func (a *App) SeedDemo(ctx context.Context) (*Demo, error) {
	d := &Demo{}
	steward, err := a.Auth.UserByEmail(ctx, DemoEmail)
	if errs.Is(err, errs.NotFound) {
		if err := a.seedCore(ctx, d); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
	} else if err != nil {
		return nil, err
	} else if err := a.loadDemo(ctx, d, steward); err != nil {
		return nil, err
	}
	for _, s := range seeders {
		if err := s(ctx, a, d); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
	}
	return d, nil
}

func (a *App) seedCore(ctx context.Context, d *Demo) error {
	steward, err := a.Auth.CreateUser(ctx, DemoEmail, "Alex Rivera", DemoPassword, true)
	if err != nil {
		return err
	}
	d.Steward, d.People = steward, []*auth.User{steward}
	sctx := auth.WithUser(ctx, steward)
	c, err := a.Collectives.Create(sctx, collective.Input{Slug: DemoSlug, Name: "Riverside Coalition", Visibility: "private",
		Purpose: "Halve child food insecurity in Riverside by 2028, measured each term with the schools and the food bank."})
	if err != nil {
		return err
	}
	d.Collective = c
	access, err := a.Collectives.Access(sctx, DemoSlug)
	if err != nil {
		return err
	}
	for _, in := range demoOrgs {
		o, err := a.Collectives.CreateOrganisation(sctx, access, in)
		if err != nil {
			return err
		}
		d.Orgs = append(d.Orgs, o)
	}
	for i, name := range demoPeople {
		email := strings.ToLower(strings.NewReplacer(" ", ".", "'", "").Replace(name)) + "@demo.commonground.test"
		u, err := a.Auth.CreateUser(ctx, email, name, DemoPassword, false)
		if err != nil {
			return err
		}
		d.People = append(d.People, u)
		inv, err := a.Collectives.CreateInvitation(sctx, access, collective.InviteInput{Roles: rolesFor(i + 1)})
		if err != nil {
			return err
		}
		token := inv.Link[strings.LastIndex(inv.Link, "/")+1:]
		uctx := auth.WithUser(ctx, u)
		if _, err := a.Collectives.AcceptInvitation(uctx, token); err != nil {
			return err
		}
		ua, err := a.Collectives.Access(uctx, DemoSlug)
		if err != nil {
			return err
		}
		orgs := []int64{d.Orgs[i%len(d.Orgs)].ID}
		if i%5 == 0 {
			orgs = append(orgs, d.Orgs[(i+2)%len(d.Orgs)].ID)
		}
		if ua.CanContribute() {
			if err := a.Collectives.SetAffiliations(uctx, ua, ua.MemberID, orgs); err != nil {
				return err
			}
		}
	}
	// One open invitation, so the invitations page has something to show.
	_, err = a.Collectives.CreateInvitation(sctx, access, collective.InviteInput{Email: "new.partner@demo.commonground.test", Roles: []string{auth.Member}})
	return err
}

func (a *App) loadDemo(ctx context.Context, d *Demo, steward *auth.User) error {
	d.Steward, d.People = steward, []*auth.User{steward}
	sctx := auth.WithUser(ctx, steward)
	access, err := a.Collectives.Access(sctx, DemoSlug)
	if err != nil {
		return err
	}
	d.Collective = access.Collective
	orgs, err := a.Collectives.Organisations(sctx, access)
	if err != nil {
		return err
	}
	for i := range orgs {
		d.Orgs = append(d.Orgs, &orgs[i])
	}
	return nil
}

func init() {
	RegisterSeeder(seedPurpose)
	RegisterSeeder(seedMeasure)
	RegisterSeeder(seedPeople)
	RegisterSeeder(seedCommitments)
}

// seedPurpose gives the demo collective a charter in two versions, with
// endorsements of each, and value propositions of a few members and two
// organisations; it does nothing once the charter exists.
func seedPurpose(ctx context.Context, a *App, d *Demo) error {
	sctx := auth.WithUser(ctx, d.Steward)
	sa, err := a.Collectives.Access(sctx, DemoSlug)
	if err != nil {
		return err
	}
	if c, err := a.Purpose.Charter(sctx, sa); err != nil || c.Version > 0 {
		return err
	}
	// The ambition's date must lie ahead whenever the demo is first run.
	by := fmt.Sprintf("%d-07-31", time.Now().Year()+2)
	first := purpose.CharterInput{Base: 0,
		Purpose:          "Halve child food insecurity in Riverside, measured each term with the schools and the food bank.",
		Ambition:         "Half as many children in Riverside go hungry in the school holidays as in the last survey.",
		AmbitionBy:       by,
		ValueProposition: "One referral route instead of six, shared data on who is reached, and a stronger bid for funding together than any of us makes alone.",
		Note:             "As agreed at the founding gathering"}
	if _, err := a.Purpose.EditCharter(sctx, sa, first); err != nil {
		return err
	}
	// people is who can act: the contributing members among the demo people.
	type person struct {
		ctx context.Context
		acc *collective.Access
	}
	var people []person
	for _, u := range d.People[1:] {
		uctx := auth.WithUser(ctx, u)
		ua, err := a.Collectives.Access(uctx, DemoSlug)
		if err != nil {
			return err
		}
		if ua.CanContribute() {
			people = append(people, person{uctx, ua})
		}
	}
	for _, p := range people[:min(len(people), 9)] {
		if err := a.Purpose.Endorse(p.ctx, p.acc, 1); err != nil {
			return err
		}
	}
	second := first
	second.Base = 1
	second.Ambition = "Half as many children in Riverside go hungry in the school holidays as in the last survey, and every family that asks for help is offered a place at the holiday club."
	second.Note = "The holiday club, after the partners' review"
	if _, err := a.Purpose.EditCharter(sctx, sa, second); err != nil {
		return err
	}
	if err := a.Purpose.Endorse(sctx, sa, 2); err != nil {
		return err
	}
	for _, p := range people[:min(len(people), 4)] {
		if err := a.Purpose.Endorse(p.ctx, p.acc, 2); err != nil {
			return err
		}
	}
	values := []purpose.ValueInput{
		{Gain: "Families I meet at the food bank get to the right help in one visit.", Bring: "Saturday mornings at the pantry, and Polish and Russian."},
		{Gain: "A way to see whether what we do adds up.", Bring: "Data skills: I keep the termly survey tidy."},
		{Gain: "People to share the holiday club with.", Bring: "Two days a week in the summer."},
	}
	for i, in := range values[:min(len(values), len(people))] {
		p := people[i]
		if _, err := a.Purpose.EditValue(p.ctx, p.acc, purpose.MemberOwner(p.acc.MemberID), in); err != nil {
			return err
		}
	}
	orgValues := []purpose.ValueInput{
		{Gain: "Referrals from the schools before families reach crisis.", Bring: "A warehouse, a van and forty volunteers."},
		{Gain: "Tenants who stay: rent arrears fall when food costs do.", Bring: "Community rooms on three estates, free of charge."},
	}
	for i, in := range orgValues[:min(len(orgValues), len(d.Orgs))] {
		if _, err := a.Purpose.EditValue(sctx, sa, purpose.OrganisationOwner(d.Orgs[i].ID), in); err != nil {
			return err
		}
	}
	return nil
}
