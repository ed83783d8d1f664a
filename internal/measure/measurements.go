package measure

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// MeasurementInput is one value reported for an indicator.
type MeasurementInput struct {
	Date      string    // YYYY-MM-DD
	Value     string    // as typed; kept exactly
	Breakdown Breakdown // nil or empty for the total
}

// Measurement is a stored value.
type Measurement struct {
	ID             int64     `db:"id" json:"id"`
	IndicatorID    int64     `db:"indicator_id" json:"indicator_id"`
	Date           string    `db:"on_date" json:"date"`
	Value          float64   `db:"value" json:"value"`
	ValueText      string    `db:"value_text" json:"value_text"`
	Key            string    `db:"key" json:"-"`
	Breakdown      Breakdown `db:"-" json:"breakdown"`
	ReportedBy     *int64    `db:"reported_by" json:"reported_by"`
	OrganisationID *int64    `db:"organisation_id" json:"organisation_id"`
	CreatedAt      time.Time `db:"created_at" json:"created_at"`
	UpdatedAt      time.Time `db:"updated_at" json:"updated_at"`
}

// Correction is an earlier value of a measurement and who changed it.
type Correction struct {
	ID        int64     `db:"id" json:"id"`
	OldValue  float64   `db:"old_value" json:"old_value"`
	OldText   string    `db:"old_text" json:"old_text"`
	NewValue  float64   `db:"new_value" json:"new_value"`
	NewText   string    `db:"new_text" json:"new_text"`
	Reason    string    `db:"reason" json:"reason"`
	ChangedBy *int64    `db:"changed_by" json:"changed_by"`
	ChangedAt time.Time `db:"changed_at" json:"changed_at"`
}

// MaxReport is how many measurements one call of Report takes; more go
// through Import, which shows progress.
const MaxReport = 10000

// ReportFor resolves which organisation a report is for. A member reports
// for an organisation they are affiliated with (the only one, when orgID is
// 0); a steward for any of the collective's organisations, or 0 for the
// collective itself. Observers and outsiders report nothing.
func (s *Service) ReportFor(ctx context.Context, a *collective.Access, orgID int64) (int64, error) {
	if err := a.RequireContributor(); err != nil {
		return 0, err
	}
	if a.IsSteward() {
		if orgID == 0 {
			return 0, nil
		}
		if _, err := s.Collectives.Organisation(ctx, a, orgID); err != nil {
			return 0, errs.Field("organisation", "Choose an organisation of %s.", a.Collective.Name)
		}
		return orgID, nil
	}
	m, err := s.Collectives.Member(ctx, a, a.MemberID)
	if err != nil {
		return 0, err
	}
	var mine []int64
	for _, o := range m.Organisations {
		mine = append(mine, o.ID)
	}
	switch {
	case len(mine) == 0:
		return 0, errs.New(errs.Forbidden, "Members report for their own organisation; you are with none in %s yet.", a.Collective.Name)
	case orgID == 0 && len(mine) == 1:
		return mine[0], nil
	case orgID == 0:
		return 0, errs.Field("organisation", "You are with several organisations; choose the one you report for.")
	case !slices.Contains(mine, orgID):
		return 0, errs.New(errs.Forbidden, "You can report only for an organisation you are with.")
	}
	return orgID, nil
}

// contributes checks that org may report on ind: a member's organisation
// must be among the indicator's contributors when it names any; stewards
// report for anyone.
func contributes(a *collective.Access, ind *Indicator, org int64) string {
	if a.IsSteward() || len(ind.Contributors) == 0 || slices.Contains(ind.Contributors, org) {
		return ""
	}
	return fmt.Sprintf("your organisation does not contribute to %s; a steward can add it.", ind.Name)
}

// Report stores one or more measurements of an indicator for an
// organisation (see ReportFor), all or none: the error lists every bad item.
func (s *Service) Report(ctx context.Context, a *collective.Access, indicatorID, orgID int64, in []MeasurementInput) ([]Measurement, error) {
	org, err := s.ReportFor(ctx, a, orgID)
	if err != nil {
		return nil, err
	}
	if len(in) == 0 || len(in) > MaxReport {
		return nil, errs.Field("measurements", "Send between 1 and %d measurements; import a CSV file for more.", MaxReport)
	}
	ind, err := s.Indicator(ctx, a, indicatorID)
	if err != nil {
		return nil, err
	}
	if reason := contributes(a, ind, org); reason != "" {
		return nil, errs.New(errs.Forbidden, "%s", strings.ToUpper(reason[:1])+reason[1:])
	}
	rows := make([]row, 0, len(in))
	var bad []LineError
	seen := map[string]int{}
	limit := tomorrow(s.DB.Now())
	for i, m := range in {
		r, reason := checkItem(ind, m.Date, strings.TrimSpace(m.Value), m.Breakdown, limit)
		if reason == "" {
			k := r.key + "|" + r.day
			if first, dup := seen[k]; dup {
				reason = fmt.Sprintf("the same date and breakdown as item %d.", first)
			} else {
				seen[k] = i + 1
			}
		}
		if reason != "" {
			bad = append(bad, LineError{i + 1, reason})
			continue
		}
		r.line, r.ind, r.org = i+1, ind.ID, org
		rows = append(rows, r)
	}
	if len(bad) > 0 {
		return nil, badItems(bad)
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		stored, err := markStored(ctx, tx, rows)
		if err != nil {
			return err
		}
		for i := range rows {
			if reason, ok := stored[i]; ok {
				bad = append(bad, LineError{rows[i].line, reason})
			}
		}
		if len(bad) > 0 {
			return badItems(bad)
		}
		rollups, err := insertRows(ctx, tx, a, rows, nil)
		if err != nil {
			return err
		}
		if err := addRollups(ctx, tx, rollups); err != nil {
			return err
		}
		return record(ctx, tx, a, "measurement.reported", indicatorSubject(ind.ID), indicatorLink(a, ind.ID),
			fmt.Sprintf("%s reported %s of %s.", actorName(a), plural(len(rows), "measurement"), ind.Name))
	})
	if err != nil {
		return nil, err
	}
	return s.reported(ctx, a, ind, rows)
}

// reported reads back what Report wrote.
func (s *Service) reported(ctx context.Context, a *collective.Access, ind *Indicator, rows []row) ([]Measurement, error) {
	out := make([]Measurement, 0, len(rows))
	for _, r := range rows {
		var m Measurement
		if err := s.DB.Get(ctx, &m, `SELECT `+measurementCols+` FROM measure_measurements m JOIN measure_breakdowns b ON b.id = m.breakdown_id
			WHERE b.indicator_id = ? AND b.key = ? AND m.on_date = ?`, ind.ID, r.key, r.day); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, decodeAll(out)
}

const measurementCols = `m.id, m.indicator_id, m.on_date, m.value, m.value_text, b.key, m.reported_by, m.organisation_id, m.created_at, m.updated_at`

func decodeAll(ms []Measurement) error {
	for i := range ms {
		b, err := decodeKey(ms[i].Key)
		if err != nil {
			return err
		}
		ms[i].Breakdown = b
	}
	return nil
}

// BadItems is the error of a refused batch: an Invalid error whose message
// lists every bad item, with the items themselves for the API to return as
// data (errors.As finds it; errs.Code sees the Invalid inside).
type BadItems struct {
	Items []LineError
	err   *errs.Error
}

func (e *BadItems) Error() string { return e.err.Error() }

// Unwrap gives the errs.Error inside, so errs.Code and errs.Message work.
func (e *BadItems) Unwrap() error { return e.err }

func badItems(bad []LineError) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Nothing was saved: %s with problems.", plural(len(bad), "item"))
	for _, e := range bad {
		fmt.Fprintf(&b, " Item %d: %s", e.Line, e.Reason)
	}
	return &BadItems{Items: bad, err: errs.Field("measurements", "%s", b.String())}
}

// checkItem checks one measurement against its indicator and returns the
// row (without line, indicator and organisation) or why it is refused.
func checkItem(ind *Indicator, date, value string, b Breakdown, limit string) (row, string) {
	day, reason := checkDate(date, limit)
	if reason != "" {
		return row{}, reason
	}
	v, err := parseValue(value)
	if err != nil {
		return row{}, lower(errs.Message(err))
	}
	if err := fits(b, ind.Dimensions); err != nil {
		return row{}, errs.Message(err)
	}
	return row{key: b.Key(), day: day, value: v, text: value}, ""
}

// checkDate reads a measurement's date and refuses one past limit.
func checkDate(date, limit string) (string, string) {
	day, err := parseDate(strings.TrimSpace(date))
	if err != nil {
		return "", lower(errs.Message(err))
	}
	if day > limit {
		return "", fmt.Sprintf("%s is in the future (more than a day ahead).", day)
	}
	return day, ""
}

// tomorrow is the latest date a measurement may carry: a day of grace for
// partners in time zones ahead of UTC.
func tomorrow(now time.Time) string { return today(now.AddDate(0, 0, 1)) }

func lower(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// Correct changes a stored value and keeps the old one in its history. The
// reporter's own members may correct their organisation's values; stewards
// any.
func (s *Service) Correct(ctx context.Context, a *collective.Access, measurementID int64, value, reason string) (*Measurement, error) {
	if err := a.RequireContributor(); err != nil {
		return nil, err
	}
	value = strings.TrimSpace(value)
	v, err := parseValue(value)
	if err != nil {
		return nil, errs.Field("value", "%s", errs.Message(err))
	}
	reason = strings.TrimSpace(reason)
	if err := checkText("reason", reason, MaxTitle, false); err != nil {
		return nil, err
	}
	m, err := s.measurement(ctx, a, measurementID)
	if err != nil {
		return nil, err
	}
	if !a.IsSteward() {
		org := int64(0)
		if m.OrganisationID != nil {
			org = *m.OrganisationID
		}
		if org == 0 {
			return nil, errs.New(errs.Forbidden, "Only stewards can correct a value reported for the collective itself.")
		}
		if _, err := s.ReportFor(ctx, a, org); err != nil {
			return nil, errs.New(errs.Forbidden, "You can correct only your own organisation's values.")
		}
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		var bd int64
		var name string
		if err := tx.Get(ctx, &bd, "SELECT breakdown_id FROM measure_measurements WHERE id = ?", m.ID); err != nil {
			return err
		}
		if err := tx.Get(ctx, &name, "SELECT name FROM measure_indicators WHERE id = ?", m.IndicatorID); err != nil {
			return err
		}
		var actor any
		if a.User != nil {
			actor = a.User.ID
		}
		if _, err := tx.Exec(ctx, `INSERT INTO measure_corrections (measurement_id, old_value, old_text, new_value, new_text, reason, changed_by, changed_at)
			SELECT id, value, value_text, ?, ?, ?, ?, ? FROM measure_measurements WHERE id = ?`, v, value, reason, actor, tx.Now, m.ID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE measure_measurements SET value = ?, value_text = ?, updated_at = ? WHERE id = ?", v, value, tx.Now, m.ID); err != nil {
			return err
		}
		if err := recomputeRollup(ctx, tx, bucket{m.IndicatorID, bd, period(m.Date)}); err != nil {
			return err
		}
		return record(ctx, tx, a, "measurement.corrected", indicatorSubject(m.IndicatorID), indicatorLink(a, m.IndicatorID),
			fmt.Sprintf("%s corrected the %s value of %s from %s to %s.", actorName(a), m.Date, name, m.ValueText, value))
	})
	if err != nil {
		return nil, err
	}
	return s.measurement(ctx, a, measurementID)
}

// measurement returns one measurement of the collective.
func (s *Service) measurement(ctx context.Context, a *collective.Access, id int64) (*Measurement, error) {
	var m Measurement
	err := s.DB.Get(ctx, &m, `SELECT `+measurementCols+` FROM measure_measurements m JOIN measure_breakdowns b ON b.id = m.breakdown_id
		JOIN measure_indicators i ON i.id = m.indicator_id WHERE m.id = ? AND i.collective_id = ?`, id, a.Collective.ID)
	if store.NotFound(err) {
		return nil, errs.New(errs.NotFound, "%s has no such measurement.", a.Collective.Name)
	}
	if err != nil {
		return nil, err
	}
	ms := []Measurement{m}
	return &ms[0], decodeAll(ms)
}

// Measurement returns one measurement with its corrections, oldest first.
func (s *Service) Measurement(ctx context.Context, a *collective.Access, id int64) (*Measurement, []Correction, error) {
	m, err := s.measurement(ctx, a, id)
	if err != nil {
		return nil, nil, err
	}
	hist := []Correction{}
	err = s.DB.Select(ctx, &hist, `SELECT id, old_value, old_text, new_value, new_text, reason, changed_by, changed_at
		FROM measure_corrections WHERE measurement_id = ? ORDER BY id`, id)
	return m, hist, err
}
