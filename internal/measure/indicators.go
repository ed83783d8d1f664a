package measure

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

const indicatorCols = `i.id, i.goal_id, i.name, i.unit, i.direction, i.kind, i.baseline_value, i.baseline_text, i.baseline_date,
	i.target_value, i.target_text, i.target_date, i.frequency, i.definition, i.data_source, i.additive, i.position, i.created_at, i.updated_at, i.data_version`

// Indicators lists a collective's indicators, by goal and position, with
// their dimensions and contributors.
func (s *Service) Indicators(ctx context.Context, a *collective.Access) ([]Indicator, error) {
	out := []Indicator{}
	if err := s.DB.Select(ctx, &out, `SELECT `+indicatorCols+` FROM measure_indicators i JOIN measure_goals g ON g.id = i.goal_id
		WHERE i.collective_id = ? ORDER BY g.position, g.id, i.position, i.id`, a.Collective.ID); err != nil {
		return nil, err
	}
	return out, fill(ctx, s.DB, a.Collective.ID, out)
}

// Indicator returns one indicator of the collective.
func (s *Service) Indicator(ctx context.Context, a *collective.Access, id int64) (*Indicator, error) {
	return indicatorIn(ctx, s.DB, a, id)
}

// reader is what reads both outside and inside a transaction.
type reader interface {
	Get(ctx context.Context, dest any, query string, args ...any) error
	Select(ctx context.Context, dest any, query string, args ...any) error
}

func indicatorIn(ctx context.Context, r reader, a *collective.Access, id int64) (*Indicator, error) {
	var ind Indicator
	err := r.Get(ctx, &ind, `SELECT `+indicatorCols+` FROM measure_indicators i WHERE i.id = ? AND i.collective_id = ?`, id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "%s has no such indicator.", a.Collective.Name)
	}
	if err != nil {
		return nil, err
	}
	list := []Indicator{ind}
	if err := fill(ctx, r, a.Collective.ID, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// fill loads the dimensions and contributors of a list of indicators with
// two queries over the collective, not two per indicator.
func fill(ctx context.Context, r reader, collectiveID int64, list []Indicator) error {
	byID := map[int64]*Indicator{}
	for i := range list {
		list[i].Dimensions, list[i].Contributors = []Dimension{}, []int64{}
		byID[list[i].ID] = &list[i]
	}
	if len(list) == 0 {
		return nil
	}
	var dims []struct {
		IndicatorID int64   `db:"indicator_id"`
		Name        string  `db:"name"`
		Value       *string `db:"value"`
	}
	if err := r.Select(ctx, &dims, `SELECT d.indicator_id, d.name, v.value FROM measure_dimensions d
		JOIN measure_indicators i ON i.id = d.indicator_id
		LEFT JOIN measure_dimension_values v ON v.dimension_id = d.id
		WHERE i.collective_id = ? ORDER BY d.indicator_id, d.position, v.position`, collectiveID); err != nil {
		return err
	}
	for _, d := range dims {
		ind := byID[d.IndicatorID]
		if ind == nil {
			continue
		}
		if n := len(ind.Dimensions); n == 0 || ind.Dimensions[n-1].Name != d.Name {
			ind.Dimensions = append(ind.Dimensions, Dimension{Name: d.Name, Values: []string{}})
		}
		if d.Value != nil {
			last := &ind.Dimensions[len(ind.Dimensions)-1]
			last.Values = append(last.Values, *d.Value)
		}
	}
	var cons []struct {
		IndicatorID int64 `db:"indicator_id"`
		OrgID       int64 `db:"organisation_id"`
	}
	if err := r.Select(ctx, &cons, `SELECT c.indicator_id, c.organisation_id FROM measure_contributors c
		JOIN measure_indicators i ON i.id = c.indicator_id WHERE i.collective_id = ? ORDER BY c.indicator_id, c.organisation_id`, collectiveID); err != nil {
		return err
	}
	for _, c := range cons {
		if ind := byID[c.IndicatorID]; ind != nil {
			ind.Contributors = append(ind.Contributors, c.OrgID)
		}
	}
	return nil
}

// CreateIndicator adds an indicator under a goal (stewards only).
func (s *Service) CreateIndicator(ctx context.Context, a *collective.Access, in IndicatorInput) (*Indicator, error) {
	if err := a.RequireSteward(); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if err := s.checkContributors(ctx, a, &in); err != nil {
		return nil, err
	}
	var out *Indicator
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := goalInTx(ctx, tx, a, in.GoalID); err != nil {
			return err
		}
		id, err := tx.Insert(ctx, `INSERT INTO measure_indicators (collective_id, goal_id, name, sort_name, unit, direction, kind,
			baseline_value, baseline_text, baseline_date, target_value, target_text, target_date, frequency, definition, data_source,
			additive, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.Collective.ID, in.GoalID, in.Name, sortName(in.Name), in.Unit, in.Direction, in.Kind,
			in.baselineVal, strings.TrimSpace(in.Baseline), in.baselineDay, in.targetVal, strings.TrimSpace(in.Target), in.targetDay,
			in.Frequency, in.Definition, in.DataSource, in.Additive, in.Position, tx.Now, tx.Now)
		if store.IsUnique(err) {
			return errs.Field("name", "%s already has an indicator called %q.", a.Collective.Name, in.Name)
		}
		if err != nil {
			return err
		}
		if err := writeDimensions(ctx, tx, id, nil, in.Dimensions); err != nil {
			return err
		}
		if err := writeContributors(ctx, tx, id, in.Contributors); err != nil {
			return err
		}
		if out, err = indicatorIn(ctx, tx, a, id); err != nil {
			return err
		}
		return record(ctx, tx, a, "indicator.created", indicatorSubject(id), indicatorLink(a, id),
			actorName(a)+" added the indicator "+in.Name+".")
	})
	return out, err
}

// UpdateIndicator changes an indicator (stewards only). Dimensions may gain
// values, and may be renamed or reshaped only while no measurement is
// broken down by them: a stored breakdown must stay one the indicator
// declares.
func (s *Service) UpdateIndicator(ctx context.Context, a *collective.Access, id int64, in IndicatorInput) (*Indicator, error) {
	if err := a.RequireSteward(); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if err := s.checkContributors(ctx, a, &in); err != nil {
		return nil, err
	}
	var out *Indicator
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		old, err := indicatorIn(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := goalInTx(ctx, tx, a, in.GoalID); err != nil {
			return err
		}
		n, err := tx.Exec(ctx, `UPDATE measure_indicators SET data_version = data_version + 1, goal_id = ?, name = ?, sort_name = ?, unit = ?, direction = ?, kind = ?,
			baseline_value = ?, baseline_text = ?, baseline_date = ?, target_value = ?, target_text = ?, target_date = ?, frequency = ?,
			definition = ?, data_source = ?, additive = ?, position = ?, updated_at = ? WHERE id = ? AND collective_id = ?`,
			in.GoalID, in.Name, sortName(in.Name), in.Unit, in.Direction, in.Kind,
			in.baselineVal, strings.TrimSpace(in.Baseline), in.baselineDay, in.targetVal, strings.TrimSpace(in.Target), in.targetDay,
			in.Frequency, in.Definition, in.DataSource, in.Additive, in.Position, tx.Now, id, a.Collective.ID)
		if store.IsUnique(err) {
			return errs.Field("name", "%s already has an indicator called %q.", a.Collective.Name, in.Name)
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return errs.New(errs.NotFound, "%s has no such indicator.", a.Collective.Name)
		}
		if err := writeDimensions(ctx, tx, id, old.Dimensions, in.Dimensions); err != nil {
			return err
		}
		if err := writeContributors(ctx, tx, id, in.Contributors); err != nil {
			return err
		}
		if out, err = indicatorIn(ctx, tx, a, id); err != nil {
			return err
		}
		return record(ctx, tx, a, "indicator.updated", indicatorSubject(id), indicatorLink(a, id),
			actorName(a)+" updated the indicator "+in.Name+".")
	})
	return out, err
}

// DeleteIndicator removes an indicator with its measurements (stewards only).
func (s *Service) DeleteIndicator(ctx context.Context, a *collective.Access, id int64) error {
	if err := a.RequireSteward(); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		ind, err := indicatorIn(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM measure_indicators WHERE id = ?", id); err != nil {
			return err
		}
		return record(ctx, tx, a, "indicator.deleted", indicatorSubject(id), base(a)+"/indicators",
			actorName(a)+" removed the indicator "+ind.Name+" and its measurements.")
	})
}

func indicatorSubject(id int64) string { return "indicator:" + strconv.FormatInt(id, 10) }

// sortName is the key that keeps names unique regardless of case.
func sortName(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

func goalInTx(ctx context.Context, tx *store.Tx, a *collective.Access, goalID int64) error {
	var n int
	if err := tx.Get(ctx, &n, "SELECT count(*) FROM measure_goals WHERE id = ? AND collective_id = ?", goalID, a.Collective.ID); err != nil {
		return err
	}
	if n == 0 {
		return errs.Field("goal_id", "Choose a goal of %s.", a.Collective.Name)
	}
	return nil
}

// writeDimensions replaces an indicator's dimensions after checking that
// every stored breakdown still fits the new declaration.
func writeDimensions(ctx context.Context, tx *store.Tx, id int64, old, dims []Dimension) error {
	if old != nil {
		var keys []string
		if err := tx.Select(ctx, &keys, "SELECT key FROM measure_breakdowns WHERE indicator_id = ? AND key <> ''", id); err != nil {
			return err
		}
		for _, k := range keys {
			b, err := decodeKey(k)
			if err != nil {
				return err
			}
			if err := fits(b, dims); err != nil {
				return errs.Field("dimensions", "Measurements are broken down by %s; %s", k, errs.Message(err))
			}
		}
	}
	if _, err := tx.Exec(ctx, "DELETE FROM measure_dimensions WHERE indicator_id = ?", id); err != nil {
		return err
	}
	for i, d := range dims {
		did, err := tx.Insert(ctx, "INSERT INTO measure_dimensions (indicator_id, name, position) VALUES (?, ?, ?)", id, d.Name, i)
		if err != nil {
			return err
		}
		for j, v := range d.Values {
			if _, err := tx.Exec(ctx, "INSERT INTO measure_dimension_values (dimension_id, value, position) VALUES (?, ?, ?)", did, v, j); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkContributors refuses organisations that are not the collective's,
// asking the collective service rather than reading its tables.
func (s *Service) checkContributors(ctx context.Context, a *collective.Access, in *IndicatorInput) error {
	in.Contributors = slices.Compact(slices.Sorted(slices.Values(in.Contributors)))
	if len(in.Contributors) == 0 {
		return nil
	}
	orgs, err := s.Collectives.Organisations(ctx, a)
	if err != nil {
		return err
	}
	for _, id := range in.Contributors {
		if !slices.ContainsFunc(orgs, func(o collective.Organisation) bool { return o.ID == id }) {
			return errs.Field("contributors", "Choose organisations of %s only.", a.Collective.Name)
		}
	}
	return nil
}

// writeContributors sets which organisations contribute to an indicator;
// checkContributors has vetted them (and the foreign key still guards a
// race with an organisation's deletion).
func writeContributors(ctx context.Context, tx *store.Tx, id int64, orgs []int64) error {
	if _, err := tx.Exec(ctx, "DELETE FROM measure_contributors WHERE indicator_id = ?", id); err != nil {
		return err
	}
	for _, o := range orgs {
		if _, err := tx.Exec(ctx, "INSERT INTO measure_contributors (indicator_id, organisation_id) VALUES (?, ?)", id, o); err != nil {
			return err
		}
	}
	return nil
}
