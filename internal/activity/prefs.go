package activity

import (
	"context"
	"fmt"
	"slices"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// Preference is how one person hears of one kind.
type Preference struct {
	Kind    string `json:"kind"`
	Label   string `json:"label"`
	Mode    Mode   `json:"mode"`
	Default Mode   `json:"default"` // the kind's default, for "reset" and for the page's hint
}

type prefRow struct {
	UserID int64  `db:"user_id"`
	Kind   string `db:"kind"`
	Mode   string `db:"mode"`
}

// getter is a database or a transaction, for reads that may run in either.
type getter interface {
	Select(ctx context.Context, dest any, query string, args ...any) error
}

// modesFor resolves the mode of each user for kind: their choice for the
// kind, else their "all" choice, else the kind's default.
func modesFor(ctx context.Context, q getter, userIDs []int64, kind Kind) (map[int64]Mode, error) {
	out := make(map[int64]Mode, len(userIDs))
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []prefRow
	if err := q.Select(ctx, &rows, `SELECT user_id, kind, mode FROM notification_prefs
		WHERE kind IN (?, ?) AND user_id IN (`+marks(len(userIDs))+`)`,
		append([]any{kind.Name, allKinds}, int64Args(userIDs)...)...); err != nil {
		return nil, fmt.Errorf("activity: preferences: %w", err)
	}
	for _, uid := range userIDs {
		out[uid] = kind.Default
	}
	for _, r := range rows { // the all-kinds row first, so the kind's own row wins
		if r.Kind == allKinds {
			out[r.UserID] = Mode(r.Mode)
		}
	}
	for _, r := range rows {
		if r.Kind == kind.Name {
			out[r.UserID] = Mode(r.Mode)
		}
	}
	return out, nil
}

// Preferences returns how userID hears of every registered kind.
func (n *Notifier) Preferences(ctx context.Context, userID int64) ([]Preference, error) {
	var rows []prefRow
	if err := n.DB.Select(ctx, &rows, "SELECT user_id, kind, mode FROM notification_prefs WHERE user_id = ?", userID); err != nil {
		return nil, fmt.Errorf("activity: preferences: %w", err)
	}
	chosen := map[string]Mode{}
	for _, r := range rows {
		chosen[r.Kind] = Mode(r.Mode)
	}
	var out []Preference
	for _, k := range Kinds() {
		m, ok := chosen[k.Name]
		if !ok {
			m, ok = chosen[allKinds]
		}
		if !ok {
			m = k.Default
		}
		out = append(out, Preference{Kind: k.Name, Label: k.Label, Mode: m, Default: k.Default})
	}
	return out, nil
}

// SetPreferences stores userID's choices, kind name to mode; kinds left
// out keep theirs. Nothing is stored if any kind or mode is wrong (the
// error names the field "preferences.KIND").
func (n *Notifier) SetPreferences(ctx context.Context, userID int64, choices map[string]Mode) error {
	names := make([]string, 0, len(choices))
	for name, m := range choices {
		if _, ok := KindOf(name); !ok {
			return errs.Field("preferences."+name, "There is no notification kind %q.", name)
		}
		if !m.Valid() {
			return errs.Field("preferences."+name, "Choose immediately, daily, weekly or never for %q, not %q.", name, string(m))
		}
		names = append(names, name)
	}
	slices.Sort(names) // the same order every time: fewer surprises in lock order on PostgreSQL
	return n.DB.Write(ctx, func(tx *store.Tx) error {
		for _, name := range names {
			if err := setMode(ctx, tx, userID, name, choices[name]); err != nil {
				return err
			}
		}
		return nil
	})
}

// setMode stores one choice. Notices still waiting for a digest follow a
// change to another digest or to never (so "never" and unsubscribing stop
// mail already waiting); a change to immediately leaves them in the digest
// they were waiting for.
func setMode(ctx context.Context, tx *store.Tx, userID int64, kind string, m Mode) error {
	if _, err := tx.Exec(ctx, `INSERT INTO notification_prefs (user_id, kind, mode) VALUES (?, ?, ?)
		ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode`, userID, kind, string(m)); err != nil {
		return fmt.Errorf("activity: set preference: %w", err)
	}
	if m == Immediately {
		return nil
	}
	where, args := "kind = ?", []any{kind}
	if kind == allKinds {
		where, args = "1 = 1", nil
	}
	_, err := tx.Exec(ctx, `UPDATE notifications SET mode = ? WHERE user_id = ? AND emailed_at IS NULL
		AND mode IN ('daily', 'weekly') AND `+where, append([]any{string(m), userID}, args...)...)
	if err != nil {
		return fmt.Errorf("activity: set preference: %w", err)
	}
	return nil
}
