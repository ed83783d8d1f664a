package people

import (
	"context"
	"strings"
	"testing"

	"commonground/internal/errs"
)

func TestSaveProfile(t *testing.T) {
	eachDB(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		t.Run("Defaults", func(t *testing.T) {
			p, err := f.S.MyProfile(ctxOf(f.Member), f.Member)
			ok(t, err)
			same(t, "visibility", p.Visibility, DefaultVisibility())
			if p.DisplayName != "" || len(p.Skills) != 0 || p.PhotoFileID != nil {
				t.Fatalf("empty profile expected, got %+v", p)
			}
		})
		t.Run("OK", func(t *testing.T) {
			before := f.version(t)
			in := fullInput(Collectives)
			in.DisplayName = "  Mia M.  "
			in.Skills = []string{"Grant  writing", "", " grant WRITING ", "Data   viz", "   "}
			in.Visibility = map[Field]Visibility{FieldAbout: OnlyMe, FieldSkills: Stewards}
			f.save(t, f.Member, in)
			p, err := f.S.MyProfile(ctxOf(f.Member), f.Member)
			ok(t, err)
			same(t, "skills", p.Skills, []string{"Grant writing", "Data viz"})
			same(t, "offers", p.Offers, []string{"Mentoring"})
			if p.DisplayName != "Mia M." || p.About != "I grow a secret garden." || p.Organisation != "Food Bank" {
				t.Fatalf("fields: %+v", p)
			}
			want := DefaultVisibility()
			want[FieldAbout], want[FieldSkills] = OnlyMe, Stewards
			same(t, "visibility", p.Visibility, want)
			var tags []struct {
				Kind     string `db:"kind"`
				Tag      string `db:"tag"`
				Label    string `db:"label"`
				Position int    `db:"position"`
			}
			ok(t, f.DB.Select(ctx, &tags, "SELECT kind, tag, label, position FROM profile_tags WHERE user_id = ? AND kind = 'skill' ORDER BY position", f.Member.User.ID))
			same(t, "tags", tags, []struct {
				Kind     string `db:"kind"`
				Tag      string `db:"tag"`
				Label    string `db:"label"`
				Position int    `db:"position"`
			}{{"skill", "grant writing", "Grant writing", 1}, {"skill", "data viz", "Data viz", 2}})
			if f.version(t) <= before {
				t.Fatalf("data_version %d not moved on from %d", f.version(t), before)
			}
			e := f.entries(t, "profile.")
			if len(e) != 1 || e[0].Audience != "actor" || e[0].Summary != "You updated your profile." || *e[0].ActorID != f.Member.User.ID {
				t.Fatalf("activity: %+v", e)
			}
		})
		t.Run("KeepsVisibility", func(t *testing.T) {
			in := fullInput(Collectives)
			in.Visibility = map[Field]Visibility{FieldPronouns: Everyone}
			f.save(t, f.Member, in)
			p, err := f.S.MyProfile(ctxOf(f.Member), f.Member)
			ok(t, err)
			if p.Visibility[FieldAbout] != OnlyMe || p.Visibility[FieldSkills] != Stewards || p.Visibility[FieldPronouns] != Everyone {
				t.Fatalf("visibility: %v", p.Visibility)
			}
		})
		t.Run("Observer", func(t *testing.T) {
			f.save(t, f.Observer, ProfileInput{DisplayName: "Olga"})
		})
		t.Run("ErrOutsider", func(t *testing.T) {
			wantErr(t, f.S.SaveProfile(ctxOf(f.Outsider), f.Outsider, ProfileInput{DisplayName: "Otto"}), errs.Forbidden, "", "Only members of River")
		})
		t.Run("ErrAnon", func(t *testing.T) {
			wantErr(t, f.S.SaveProfile(ctxOf(f.Anon), f.Anon, ProfileInput{}), errs.Unauthorized, "", "")
			_, err := f.S.MyProfile(ctxOf(f.Anon), f.Anon)
			wantErr(t, err, errs.Unauthorized, "", "")
		})
	})
}

func TestSaveProfileValidation(t *testing.T) {
	many := make([]string, 31)
	for i := range many {
		many[i] = "skill " + strings.Repeat("x", i)
	}
	for _, c := range []struct {
		name, field, msg string
		edit             func(in *ProfileInput)
	}{
		{"ErrDisplayNameTooLong", "display_name", "Display name is 101 characters long; the most is 100.",
			func(in *ProfileInput) { in.DisplayName = strings.Repeat("é", 101) }},
		{"ErrPronounsTooLong", "pronouns", "Pronouns is 41 characters long; the most is 40.",
			func(in *ProfileInput) { in.Pronouns = strings.Repeat("a", 41) }},
		{"ErrAboutTooLong", "about", "About me is 4001 characters long; the most is 4000.",
			func(in *ProfileInput) { in.About = strings.Repeat("a", 4001) }},
		{"ErrRoleTooLong", "role_title", "Role is 101 characters long; the most is 100.",
			func(in *ProfileInput) { in.RoleTitle = strings.Repeat("a", 101) }},
		{"ErrControl", "organisation", "Organisation has a control character in it (U+0007); remove it.",
			func(in *ProfileInput) { in.Organisation = "Food\aBank" }},
		{"ErrNewlineInShortField", "department", "Department has a control character in it (U+000A); remove it.",
			func(in *ProfileInput) { in.Department = "Out\nreach" }},
		{"ErrBadUTF8", "display_name", "Display name is not valid text (UTF-8).",
			func(in *ProfileInput) { in.DisplayName = "Mia \xff" }},
		{"ErrTagTooLong", "skills", `Skills: "xxxxxxxxxxxxxxxxxxxx…" is 61 characters long; the most is 60.`,
			func(in *ProfileInput) { in.Skills = []string{strings.Repeat("x", 61)} }},
		{"ErrTagControl", "needs", `What I need: "a\x00b" has a control character in it; remove it.`,
			func(in *ProfileInput) { in.Needs = []string{"a\x00b"} }},
		{"ErrTooManyTags", "offers", "What I can offer: 31 given; the most is 30.",
			func(in *ProfileInput) { in.Offers = many }},
		{"ErrVisibility", "visibility.about", "Choose who may see about me: me, stewards, collectives or everyone.",
			func(in *ProfileInput) { in.Visibility = map[Field]Visibility{FieldAbout: 7} }},
		{"ErrUnknownField", "visibility", `"shoe_size" is not a profile field.`,
			func(in *ProfileInput) { in.Visibility = map[Field]Visibility{"shoe_size": Everyone} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := fullInput(Collectives)
			c.edit(&in)
			_, err := in.check()
			wantErr(t, err, errs.Invalid, c.field, c.msg)
			if errs.Message(err) != c.msg {
				t.Fatalf("message %q, want %q", errs.Message(err), c.msg)
			}
		})
	}
	t.Run("AboutKeepsLines", func(t *testing.T) {
		in := fullInput(Collectives)
		in.About = "line one\r\n\tline two\n"
		p, err := in.check()
		ok(t, err)
		if p.About != "line one\n\tline two" {
			t.Fatalf("about %q", p.About)
		}
	})
	t.Run("ErrNothingWritten", func(t *testing.T) {
		eachDB(t, func(t *testing.T, f *fixture) {
			in := fullInput(Collectives)
			in.Skills = many
			in.Offers = many
			wantErr(t, f.S.SaveProfile(ctxOf(f.Member), f.Member, in), errs.Invalid, "skills", "")
			if n := f.count(t, "SELECT count(*) FROM profiles") + f.count(t, "SELECT count(*) FROM profile_tags"); n != 0 {
				t.Fatalf("%d rows written", n)
			}
		})
	})
}
