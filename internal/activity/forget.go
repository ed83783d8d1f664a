package activity

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"commonground/internal/auth"
	"commonground/internal/store"
)

// ForgetName takes a person's name out of the sentences the log and other
// people's notifications keep about them, when they delete their account.
// Entries and notices stay (what happened in a collective is the
// collective's record), but they then speak of "a former member". The app
// runs it among auth's BeforeDelete hooks, in the anonymising transaction,
// while the account still carries its name.
func ForgetName(ctx context.Context, tx *store.Tx, userID int64) error {
	var name string
	if err := tx.Get(ctx, &name, "SELECT name FROM users WHERE id = ?", userID); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	if name == "" || name == auth.FormerMember {
		return nil
	}
	like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(name) + "%"
	for _, t := range []struct{ table, column string }{
		{"activity", "summary"}, {"notifications", "title"}, {"notifications", "body"},
	} {
		var rows []struct {
			ID   int64  `db:"id"`
			Text string `db:"text"`
		}
		// The LIKE narrows the rows cheaply; the word match in Go decides.
		q := "SELECT id, " + t.column + " AS text FROM " + t.table + " WHERE " + t.column + ` LIKE ? ESCAPE '\'`
		if err := tx.Select(ctx, &rows, q, like); err != nil {
			return err
		}
		for _, r := range rows {
			// Whole words only: deleting "Al" must leave "Alma" alone.
			forgotten := replaceWords(r.Text, name, auth.FormerMember)
			if forgotten == r.Text {
				continue
			}
			if _, err := tx.Exec(ctx, "UPDATE "+t.table+" SET "+t.column+" = ? WHERE id = ?", forgotten, r.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// replaceWords replaces every occurrence of name that stands as a whole
// word (no letter or digit either side) with with.
func replaceWords(s, name, with string) string {
	var b strings.Builder
	done := 0 // bytes of s already looked at
	for {
		i := strings.Index(s[done:], name)
		if i < 0 {
			b.WriteString(s[done:])
			return b.String()
		}
		start, end := done+i, done+i+len(name)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		b.WriteString(s[done:start])
		if wordRune(before) || wordRune(after) {
			b.WriteString(name)
		} else {
			b.WriteString(with)
		}
		done = end
	}
}

func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
