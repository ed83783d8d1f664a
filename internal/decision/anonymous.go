package decision

// Anonymous ballots. Nothing links a ballot to its voter: the row has no
// voter and no time, its key is random, and the order rows sit in is the
// order of that key (SQLite: a WITHOUT ROWID table; PostgreSQL: see
// anonymous_pg.go). Who voted is kept apart in decision_turnout. The voter
// keeps a receipt code, stored only as its SHA-256, to replace the ballot.

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"commonground/internal/collective"
	"commonground/internal/errs"
	"commonground/internal/store"
)

// receiptAlphabet leaves out what people misread when they copy a code by
// hand: 0 and O, 1, I and L. Codes are upper case; input of either case is
// accepted.
const receiptAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// ReplaceAnonymous replaces the anonymous ballot whose receipt code the
// signed-in voter gives; the old ballot is never shown. The voter must
// still be allowed to vote and must have voted (a turnout row), the
// decision must be open, and the code must belong to a ballot of this
// decision; otherwise nothing changes. The receipt stays valid, so the
// ballot can be replaced again until the decision closes.
func (s *Service) ReplaceAnonymous(ctx context.Context, a *collective.Access, decisionID int64, receipt string, in VoteInput) error {
	if err := canBallot(a); err != nil {
		return err
	}
	code := normaliseReceipt(receipt)
	if code == "" {
		return errs.Field("receipt", "Enter the receipt code you were shown when you voted.")
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		// The same first statement as Vote: it takes the decision's row
		// lock, so a replacement counts if and only if it commits before
		// the close does.
		d, err := openForBallots(ctx, tx, a, decisionID)
		if err != nil {
			return err
		}
		if !d.Anonymous {
			return errs.New(errs.Invalid, "This decision is not anonymous: vote again to change your ballot.")
		}
		if _, err := s.voterWeight(ctx, tx, a, d, a.MemberID); err != nil {
			return err
		}
		var voted int
		if err := tx.Get(ctx, &voted, `SELECT count(*) FROM decision_turnout WHERE decision_id = ? AND member_id = ?`,
			d.ID, a.MemberID); err != nil {
			return err
		}
		if voted == 0 {
			return errs.New(errs.Invalid, "You have not voted in this decision yet, so there is no ballot to change.")
		}
		var id string
		err = tx.Get(ctx, &id, `SELECT id FROM anonymous_ballots WHERE decision_id = ? AND receipt_hash = ?`,
			d.ID, receiptHash(code))
		if store.NotFound(err) {
			return errs.Field("receipt", "That receipt code does not match a ballot in this decision.")
		}
		if err != nil {
			return err
		}
		in.Reason = strings.TrimSpace(in.Reason)
		choice, err := checkBallot(d, in)
		if err != nil {
			return err
		}
		// The organisations' rows are found again from the receipt alone:
		// their keys are derived from it for every organisation of the
		// collective, and only those the voter spoke for exist.
		keys, err := blockKeysFor(ctx, tx, d, code)
		if err != nil {
			return err
		}
		if tx.Dialect == store.Postgres {
			change := func(rows []anonRow) []anonRow {
				for i := range rows {
					if rows[i].ID == id {
						rows[i].Choice, rows[i].Reason = choice, in.Reason
					}
				}
				return rows
			}
			changeBlocks := func(rows []blockRow) []blockRow {
				for i := range rows {
					if keys[rows[i].OrgID] == rows[i].ID {
						rows[i].Choice = choice
					}
				}
				return rows
			}
			return rewriteAnonymous(ctx, tx, d.ID, change, changeBlocks)
		}
		if _, err = tx.Exec(ctx, `UPDATE anonymous_ballots SET choice = ?, reason = ? WHERE decision_id = ? AND id = ?`,
			choice, in.Reason, d.ID, id); err != nil {
			return err
		}
		for org, key := range keys {
			if _, err := tx.Exec(ctx, `UPDATE anonymous_blocks SET choice = ? WHERE decision_id = ? AND organisation_id = ? AND id = ?`,
				choice, d.ID, org, key); err != nil {
				return err
			}
		}
		return nil
	})
}

// blockKeysFor is the key each organisation of d's collective would give
// the block row of the ballot with this receipt code.
func blockKeysFor(ctx context.Context, q querier, d *Decision, code string) (map[int64]string, error) {
	if !d.Chambers {
		return nil, nil
	}
	var orgs []int64
	if err := q.Select(ctx, &orgs, "SELECT id FROM organisations WHERE collective_id = ? ORDER BY id", d.CollectiveID); err != nil {
		return nil, err
	}
	keys := make(map[int64]string, len(orgs))
	for _, o := range orgs {
		keys[o] = blockKey(code, d.ID, o)
	}
	return keys, nil
}

// blockKey is the key of an organisation's row for one anonymous ballot.
// It comes from the receipt code, which is never stored, so it cannot be
// worked out from the ballot's receipt_hash, nor one organisation's row
// from another's.
func blockKey(code string, decisionID, orgID int64) string {
	sum := sha256.Sum256([]byte("block:" + code + ":" + strconv.FormatInt(decisionID, 10) + ":" + strconv.FormatInt(orgID, 10)))
	return hex.EncodeToString(sum[:])
}

// anonBallot is an anonymous ballot as the count reads it.
type anonBallot struct {
	Choice string
	Reason string
}

// anonRow is a stored anonymous ballot.
type anonRow struct {
	ID          string `db:"id"`
	ReceiptHash string `db:"receipt_hash"`
	Choice      string `db:"choice"`
	Reason      string `db:"reason"`
}

// blockRow is one organisation's share of an anonymous ballot, stored apart
// from it (anonymous_blocks).
type blockRow struct {
	OrgID  int64  `db:"organisation_id"`
	ID     string `db:"id"`
	Choice string `db:"choice"`
}

// insertAnonymous stores an anonymous ballot (no voter, no time, random
// key) and returns the receipt code shown once to the voter. The caller has
// checked the voter and the ballot and writes the turnout record.
func (s *Service) insertAnonymous(ctx context.Context, tx *store.Tx, d *Decision, choiceJSON, reason string, chamberOrgs []int64) (string, error) {
	id, err := randomID()
	if err != nil {
		return "", err
	}
	code, err := newReceipt()
	if err != nil {
		return "", err
	}
	row := anonRow{ID: id, ReceiptHash: receiptHash(code), Choice: choiceJSON, Reason: reason}
	blocks := make([]blockRow, len(chamberOrgs))
	for i, o := range chamberOrgs {
		blocks[i] = blockRow{OrgID: o, ID: blockKey(code, d.ID, o), Choice: choiceJSON}
	}
	if tx.Dialect == store.Postgres {
		err = rewriteAnonymous(ctx, tx, d.ID, func(rows []anonRow) []anonRow { return append(rows, row) },
			func(rows []blockRow) []blockRow { return append(rows, blocks...) })
		if err != nil {
			return "", err
		}
		return code, nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO anonymous_ballots (decision_id, id, receipt_hash, choice, reason)
		VALUES (?, ?, ?, ?, ?)`, d.ID, row.ID, row.ReceiptHash, row.Choice, row.Reason); err != nil {
		return "", err
	}
	for _, b := range blocks {
		if _, err := tx.Exec(ctx, `INSERT INTO anonymous_blocks (decision_id, organisation_id, id, choice) VALUES (?, ?, ?, ?)`,
			d.ID, b.OrgID, b.ID, b.Choice); err != nil {
			return "", err
		}
	}
	return code, nil
}

// anonymousBallots reads a decision's anonymous ballots in key order.
func (s *Service) anonymousBallots(ctx context.Context, tx *store.Tx, decisionID int64) ([]anonBallot, error) {
	rows, err := readAnonymous(ctx, tx, decisionID)
	if err != nil {
		return nil, err
	}
	out := make([]anonBallot, len(rows))
	for i, r := range rows {
		out[i] = anonBallot{Choice: r.Choice, Reason: r.Reason}
	}
	return out, nil
}

// readAnonymous reads the stored ballots of a decision in key order.
func readAnonymous(ctx context.Context, q querier, decisionID int64) ([]anonRow, error) {
	var rows []anonRow
	err := q.Select(ctx, &rows, `SELECT id, receipt_hash, choice, reason FROM anonymous_ballots
		WHERE decision_id = ? ORDER BY id`, decisionID)
	return rows, err
}

// readBlocks reads the organisations' rows of a decision in key order.
func readBlocks(ctx context.Context, q querier, decisionID int64) ([]blockRow, error) {
	var rows []blockRow
	err := q.Select(ctx, &rows, `SELECT organisation_id, id, choice FROM anonymous_blocks
		WHERE decision_id = ? ORDER BY organisation_id, id`, decisionID)
	return rows, err
}

// randomID is 128 random bits as hex: the key of an anonymous ballot.
func randomID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}

// newReceipt draws ReceiptLength characters of receiptAlphabet. Bytes at
// or above the largest multiple of the alphabet's size are drawn again, so
// every character is equally likely (31^12 ≈ 2^59 codes).
func newReceipt() (string, error) {
	const n = len(receiptAlphabet)
	limit := byte(256 / n * n)
	out := make([]byte, 0, ReceiptLength)
	var buf [32]byte
	for len(out) < ReceiptLength {
		if _, err := rand.Read(buf[:]); err != nil {
			return "", err
		}
		for _, b := range buf {
			if b < limit && len(out) < ReceiptLength {
				out = append(out, receiptAlphabet[int(b)%n])
			}
		}
	}
	return string(out), nil
}

// normaliseReceipt takes a code as people type it back: any case, with
// spaces or dashes where they grouped it.
func normaliseReceipt(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		if r == ' ' || r == '-' || r == '\t' || r == '\n' || r == '\r' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// receiptHash is what is stored of a receipt code.
func receiptHash(code string) string {
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:])
}
