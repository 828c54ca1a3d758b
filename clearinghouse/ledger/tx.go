package ledger

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/x12"
)

// maxControlNumber is the largest ISA13, GS06 or ST02 handed out: nine
// digits, the width of ISA13.
const maxControlNumber = 999_999_999

// tx is one transaction of a Ledger.
type tx struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (t *tx) exec(query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(t.ctx, query, args...)
}

// execPrepared runs a statement that is run once per item of a list: it
// is compiled once per transaction (the transaction closes it).
func (t *tx) execPrepared(query string, args ...any) (sql.Result, error) {
	st, ok := t.stmts[query]
	if !ok {
		var err error
		if st, err = t.tx.PrepareContext(t.ctx, query); err != nil {
			return nil, err
		}
		if t.stmts == nil {
			t.stmts = map[string]*sql.Stmt{}
		}
		t.stmts[query] = st
	}
	return st.ExecContext(t.ctx, args...)
}

func (t *tx) query(query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(t.ctx, query, args...)
}

// NextControlNumber implements clearinghouse.Tx.
func (t *tx) NextControlNumber(kind x12.ControlKind) (int64, error) {
	if kind < x12.InterchangeControl || kind > x12.SetControl {
		return 0, fmt.Errorf("ledger: unknown control number kind %d", kind)
	}
	var last int64
	err := t.tx.QueryRowContext(t.ctx, "SELECT last FROM control_numbers WHERE kind = ?", int(kind)).Scan(&last)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		last = 0
	case err != nil:
		return 0, fmt.Errorf("ledger: control numbers: %w", err)
	}
	if last >= maxControlNumber {
		return 0, fmt.Errorf("%w: kind %d", clearinghouse.ErrControlNumbers, kind)
	}
	next := last + 1
	if _, err := t.exec(`INSERT INTO control_numbers (kind, last) VALUES (?, ?)
		ON CONFLICT (kind) DO UPDATE SET last = excluded.last`, int(kind), next); err != nil {
		return 0, fmt.Errorf("ledger: control numbers: %w", err)
	}
	return next, nil
}

// AddClaims implements clearinghouse.Tx.
func (t *tx) AddClaims(cs []*claims.Claim) error {
	for _, c := range cs {
		data, err := json.Marshal(c)
		if err != nil {
			return fmt.Errorf("ledger: claim %s: %w", c.ID, err)
		}
		res, err := t.execPrepared(`INSERT INTO claims (id, pcn, status, data) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO NOTHING`, c.ID, c.PatientControlNumber, string(status(c)), string(data))
		if err != nil {
			return fmt.Errorf("ledger: claim %s: %w", c.ID, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return fmt.Errorf("%w: %s", clearinghouse.ErrClaimExists, c.ID)
		}
	}
	return nil
}

// status returns c's status with the zero value spelt out.
func status(c *claims.Claim) claims.ClaimStatus {
	if c.Status == "" {
		return claims.Draft
	}
	return c.Status
}

// SaveClaims implements clearinghouse.Tx.
func (t *tx) SaveClaims(cs []*claims.Claim) error {
	for _, c := range cs {
		data, err := json.Marshal(c)
		if err != nil {
			return fmt.Errorf("ledger: claim %s: %w", c.ID, err)
		}
		res, err := t.execPrepared("UPDATE claims SET pcn = ?, status = ?, data = ? WHERE id = ?",
			c.PatientControlNumber, string(status(c)), string(data), c.ID)
		if err != nil {
			return fmt.Errorf("ledger: claim %s: %w", c.ID, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return fmt.Errorf("ledger: claim %s is not in the ledger", c.ID)
		}
	}
	return nil
}

// Claims implements clearinghouse.Tx.
func (t *tx) Claims(q clearinghouse.ClaimQuery) ([]*claims.Claim, error) {
	var where []string
	var args []any
	if q.Status != "" {
		where, args = append(where, "status = ?"), append(args, string(q.Status))
	}
	if q.Unbatched {
		where = append(where, "batch_id IS NULL")
	}
	if q.BatchID != 0 {
		where, args = append(where, "batch_id = ?"), append(args, q.BatchID)
	}
	if q.IDs != nil {
		w, a := in("id", q.IDs)
		where, args = append(where, w), append(args, a...)
	}
	if q.PCNs != nil {
		w, a := in("pcn", q.PCNs)
		where, args = append(where, w), append(args, a...)
	}
	sqlText := "SELECT data FROM claims"
	if len(where) > 0 {
		sqlText += " WHERE " + strings.Join(where, " AND ")
	}
	sqlText += " ORDER BY id"
	if q.Limit > 0 {
		sqlText += " LIMIT ?"
		args = append(args, q.Limit)
	}
	rows, err := t.query(sqlText, args...)
	if err != nil {
		return nil, fmt.Errorf("ledger: claims: %w", err)
	}
	defer rows.Close()
	var out []*claims.Claim
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, fmt.Errorf("ledger: claims: %w", err)
		}
		c := new(claims.Claim)
		if err := json.Unmarshal([]byte(data), c); err != nil {
			return nil, fmt.Errorf("ledger: claims: stored claim does not decode: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ledger: claims: %w", err)
	}
	return out, nil
}

// in returns "col IN (?, ?, ...)" for vals; an empty list matches
// nothing.
func in(col string, vals []string) (string, []any) {
	if len(vals) == 0 {
		return "0", nil
	}
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return col + " IN (?" + strings.Repeat(", ?", len(vals)-1) + ")", args
}

// AssignBatch implements clearinghouse.Tx.
func (t *tx) AssignBatch(batchID int64, claimIDs []string) error {
	for _, id := range claimIDs {
		res, err := t.execPrepared("UPDATE claims SET batch_id = ? WHERE id = ?", batchID, id)
		if err != nil {
			return fmt.Errorf("ledger: claim %s: %w", id, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return fmt.Errorf("ledger: claim %s is not in the ledger", id)
		}
	}
	return nil
}

// AddBatch implements clearinghouse.Tx.
func (t *tx) AddBatch(b *clearinghouse.Batch) error {
	sets, err := json.Marshal(b.Sets)
	if err != nil {
		return fmt.Errorf("ledger: batch %s: %w", b.FileName, err)
	}
	res, err := t.exec(`INSERT INTO batches (file_name, interchange, grp, sets, sha256, size, state, staged_at,
		uploaded_at, acknowledged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		b.FileName, b.InterchangeControlNumber, b.GroupControlNumber, string(sets), b.SHA256, b.Size,
		string(b.State), timeText(b.StagedAt), timeText(b.UploadedAt), timeText(b.AcknowledgedAt))
	if err != nil {
		return fmt.Errorf("ledger: batch %s: %w", b.FileName, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("ledger: batch %s: %w", b.FileName, err)
	}
	b.ID = id
	return nil
}

// SaveBatch implements clearinghouse.Tx.
func (t *tx) SaveBatch(b *clearinghouse.Batch) error {
	res, err := t.exec("UPDATE batches SET state = ?, uploaded_at = ?, acknowledged_at = ? WHERE id = ?",
		string(b.State), timeText(b.UploadedAt), timeText(b.AcknowledgedAt), b.ID)
	if err != nil {
		return fmt.Errorf("ledger: batch %s: %w", b.FileName, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("ledger: batch %d is not in the ledger", b.ID)
	}
	return nil
}

// Batches implements clearinghouse.Tx.
func (t *tx) Batches(q clearinghouse.BatchQuery) ([]*clearinghouse.Batch, error) {
	var where []string
	var args []any
	if q.States != nil {
		states := make([]string, len(q.States))
		for i, s := range q.States {
			states[i] = string(s)
		}
		w, a := in("state", states)
		where, args = append(where, w), append(args, a...)
	}
	if q.Interchange != "" {
		where, args = append(where, "interchange = ?"), append(args, q.Interchange)
	}
	if q.Group != "" {
		where, args = append(where, "grp = ?"), append(args, q.Group)
	}
	sqlText := `SELECT id, file_name, interchange, grp, sets, sha256, size, state, staged_at, uploaded_at,
		acknowledged_at FROM batches`
	if len(where) > 0 {
		sqlText += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := t.query(sqlText+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("ledger: batches: %w", err)
	}
	defer rows.Close()
	var out []*clearinghouse.Batch
	for rows.Next() {
		b := new(clearinghouse.Batch)
		var sets, state, staged, uploaded, acked string
		if err := rows.Scan(&b.ID, &b.FileName, &b.InterchangeControlNumber, &b.GroupControlNumber, &sets,
			&b.SHA256, &b.Size, &state, &staged, &uploaded, &acked); err != nil {
			return nil, fmt.Errorf("ledger: batches: %w", err)
		}
		if err := json.Unmarshal([]byte(sets), &b.Sets); err != nil {
			return nil, fmt.Errorf("ledger: batch %s: stored sets do not decode: %w", b.FileName, err)
		}
		b.State = clearinghouse.BatchState(state)
		b.StagedAt, b.UploadedAt, b.AcknowledgedAt = parseTime(staged), parseTime(uploaded), parseTime(acked)
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ledger: batches: %w", err)
	}
	return out, nil
}

// SeenResponse implements clearinghouse.Tx.
func (t *tx) SeenResponse(name string, size int64) (bool, error) {
	var n int
	err := t.tx.QueryRowContext(t.ctx, "SELECT count(*) FROM responses WHERE name = ? AND size = ?", name, size).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("ledger: responses: %w", err)
	}
	return n > 0, nil
}

const responseColumns = "id, name, size, sha256, kind, outcome, local_name, seen_at"

func scanResponse(sc interface{ Scan(...any) error }) (*clearinghouse.Response, error) {
	r := new(clearinghouse.Response)
	var kind, outcome, seen string
	if err := sc.Scan(&r.ID, &r.Name, &r.Size, &r.SHA256, &kind, &outcome, &r.LocalName, &seen); err != nil {
		return nil, err
	}
	r.Kind, r.Outcome, r.SeenAt = clearinghouse.ResponseKind(kind), clearinghouse.ResponseOutcome(outcome), parseTime(seen)
	return r, nil
}

// ResponseByHash implements clearinghouse.Tx.
func (t *tx) ResponseByHash(sha256 string) (*clearinghouse.Response, error) {
	row := t.tx.QueryRowContext(t.ctx, "SELECT "+responseColumns+" FROM responses WHERE sha256 = ? ORDER BY id LIMIT 1", sha256)
	r, err := scanResponse(row)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("ledger: responses: %w", err)
	}
	return r, nil
}

// AddResponse implements clearinghouse.Tx.
func (t *tx) AddResponse(r *clearinghouse.Response) error {
	res, err := t.exec(`INSERT INTO responses (name, size, sha256, kind, outcome, local_name, seen_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.Name, r.Size, r.SHA256, string(r.Kind), string(r.Outcome), r.LocalName, timeText(r.SeenAt))
	if err != nil {
		return fmt.Errorf("ledger: response %s: %w", r.Name, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("ledger: response %s: %w", r.Name, err)
	}
	r.ID = id
	return nil
}

// Responses implements clearinghouse.Tx.
func (t *tx) Responses() ([]*clearinghouse.Response, error) {
	rows, err := t.query("SELECT " + responseColumns + " FROM responses ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("ledger: responses: %w", err)
	}
	defer rows.Close()
	var out []*clearinghouse.Response
	for rows.Next() {
		r, err := scanResponse(rows)
		if err != nil {
			return nil, fmt.Errorf("ledger: responses: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ledger: responses: %w", err)
	}
	return out, nil
}

// Postings implements clearinghouse.Tx.
func (t *tx) Postings(pcns []string) ([]remit.Posting, error) {
	sqlText, args := "SELECT data FROM postings", []any(nil)
	if pcns != nil {
		w, a := in("pcn", pcns)
		sqlText, args = sqlText+" WHERE "+w, a
	}
	rows, err := t.query(sqlText+" ORDER BY rowid", args...)
	if err != nil {
		return nil, fmt.Errorf("ledger: postings: %w", err)
	}
	defer rows.Close()
	var out []remit.Posting
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, fmt.Errorf("ledger: postings: %w", err)
		}
		var p remit.Posting
		if err := json.Unmarshal([]byte(data), &p); err != nil {
			return nil, fmt.Errorf("ledger: postings: stored posting does not decode: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ledger: postings: %w", err)
	}
	return out, nil
}

// AddPostings implements clearinghouse.Tx. A posting whose key is
// already recorded is left as it was: the same 835 posts once.
func (t *tx) AddPostings(responseID int64, ps []remit.Posting) error {
	for i := range ps {
		p := &ps[i]
		data, err := json.Marshal(p)
		if err != nil {
			return fmt.Errorf("ledger: posting for claim %s: %w", p.ClaimID, err)
		}
		if _, err := t.execPrepared(`INSERT INTO postings (key, response_id, claim_id, pcn, data) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (key) DO NOTHING`, p.Key, responseID, p.ClaimID, p.PatientControlNumber, string(data)); err != nil {
			return fmt.Errorf("ledger: posting for claim %s: %w", p.ClaimID, err)
		}
	}
	return nil
}

// AddQuarantine implements clearinghouse.Tx.
func (t *tx) AddQuarantine(q *clearinghouse.Quarantined) error {
	if _, err := t.exec("INSERT INTO quarantine (response_id, name, sha256, error, at) VALUES (?, ?, ?, ?, ?)",
		q.ResponseID, q.Name, q.SHA256, q.Error, timeText(q.At)); err != nil {
		return fmt.Errorf("ledger: quarantine %s: %w", q.Name, err)
	}
	return nil
}

// Quarantine implements clearinghouse.Tx.
func (t *tx) Quarantine() ([]clearinghouse.Quarantined, error) {
	rows, err := t.query("SELECT response_id, name, sha256, error, at FROM quarantine ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("ledger: quarantine: %w", err)
	}
	defer rows.Close()
	var out []clearinghouse.Quarantined
	for rows.Next() {
		var q clearinghouse.Quarantined
		var at string
		if err := rows.Scan(&q.ResponseID, &q.Name, &q.SHA256, &q.Error, &at); err != nil {
			return nil, fmt.Errorf("ledger: quarantine: %w", err)
		}
		q.At = parseTime(at)
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ledger: quarantine: %w", err)
	}
	return out, nil
}

// AddUnmatched implements clearinghouse.Tx.
func (t *tx) AddUnmatched(us []clearinghouse.Unmatched) error {
	for _, u := range us {
		amount := ""
		if u.Amount.Valid {
			amount = u.Amount.Decimal.String()
		}
		if _, err := t.exec("INSERT INTO unmatched (response_id, kind, reference, amount, reason, at) VALUES (?, ?, ?, ?, ?, ?)",
			u.ResponseID, string(u.Kind), u.Reference, amount, u.Reason, timeText(u.At)); err != nil {
			return fmt.Errorf("ledger: unmatched %s: %w", u.Reference, err)
		}
	}
	return nil
}

// Unmatched implements clearinghouse.Tx.
func (t *tx) Unmatched() ([]clearinghouse.Unmatched, error) {
	rows, err := t.query("SELECT response_id, kind, reference, amount, reason, at FROM unmatched ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("ledger: unmatched: %w", err)
	}
	defer rows.Close()
	var out []clearinghouse.Unmatched
	for rows.Next() {
		var u clearinghouse.Unmatched
		var kind, amount, at string
		if err := rows.Scan(&u.ResponseID, &kind, &u.Reference, &amount, &u.Reason, &at); err != nil {
			return nil, fmt.Errorf("ledger: unmatched: %w", err)
		}
		u.Kind, u.At = clearinghouse.ResponseKind(kind), parseTime(at)
		if amount != "" {
			d, err := decimal.NewFromString(amount)
			if err != nil {
				return nil, fmt.Errorf("ledger: unmatched %s: stored amount: %w", u.Reference, err)
			}
			u.Amount = decimal.NewNullDecimal(d)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ledger: unmatched: %w", err)
	}
	return out, nil
}

// timeText stores a time as RFC 3339 in UTC, the zero time as "".
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// parseTime reads what timeText wrote; anything else is the zero time.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
