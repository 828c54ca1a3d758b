package clearinghouse

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/clearinghouse/internal/durable"
	"github.com/claimkit/claimkit/x12"
)

// stage turns the ReadyToSubmit claims that are in no batch into
// batches, one ledger transaction per batch.
func (d *Daemon) stage(ctx context.Context, rep *Report) error {
	for {
		var b *Batch
		var drafted []ClaimChange
		err := d.cfg.Store.Update(ctx, func(tx Tx) error {
			b, drafted = nil, nil
			var err error
			b, drafted, err = d.stageOne(tx)
			return err
		})
		if err != nil {
			if b != nil {
				d.root.Remove(path.Join(outboxDir, b.FileName)) // the ledger does not know it
			}
			return fmt.Errorf("clearinghouse: staging: %w", err)
		}
		rep.Changes = append(rep.Changes, drafted...)
		if b == nil {
			return nil
		}
		rep.Staged = append(rep.Staged, b)
		d.log.Info("batch staged", logKeyBatch, b.FileName, logKeyInterchange, b.InterchangeControlNumber,
			logKeyGroup, b.GroupControlNumber, logKeySets, len(b.Sets), logKeyClaims, len(b.ClaimIDs()))
	}
}

// stageOne stages one batch in tx, or returns a nil Batch when no claim
// is waiting. Claims the encoder refuses go back to Draft with the reason
// and are left out.
func (d *Daemon) stageOne(tx Tx) (*Batch, []ClaimChange, error) {
	cs, err := tx.Claims(ClaimQuery{Status: claims.ReadyToSubmit, Unbatched: true, Limit: d.cfg.MaxClaimsPerBatch})
	if err != nil || len(cs) == 0 {
		return nil, nil, err
	}
	now := d.cfg.Now()
	var drafts Report
	for {
		vals := make([]claims.Claim, len(cs))
		for i, c := range cs {
			vals[i] = *c
		}
		var buf bytes.Buffer
		res, err := x837p.Encode(&buf, vals, x837p.Options{
			Partner: d.cfg.Partner, Date: x12.DateOf(now),
			Time:           x12.TimeOfDay{Hour: now.Hour(), Minute: now.Minute(), Precision: 4},
			ControlNumbers: ControlNumbers(tx),
		})
		if err == nil {
			b, err := d.writeBatch(tx, cs, res, buf.Bytes())
			return b, drafts.Changes, err
		}
		bad := refused(err)
		if len(bad) == 0 {
			return nil, nil, err
		}
		var keep []*claims.Claim
		for i, c := range cs {
			ce, ok := bad[i]
			if !ok {
				keep = append(keep, c)
				continue
			}
			if err := transition(&drafts, c, claims.Draft, d.cfg.ChangedBy, ce.Error(), "staging", now); err != nil {
				return nil, nil, err
			}
			d.log.Warn("claim cannot be encoded; back to draft", logKeyClaim, c.ID, logKeyErr, ce.Error())
		}
		var moved []*claims.Claim
		for i := range cs {
			if _, ok := bad[i]; ok {
				moved = append(moved, cs[i])
			}
		}
		if err := tx.SaveClaims(moved); err != nil {
			return nil, nil, err
		}
		if len(keep) == 0 {
			return nil, drafts.Changes, nil
		}
		cs = keep
	}
}

// refused returns the claims an Encode error names, by index.
func refused(err error) map[int]*x837p.ClaimError {
	errs := []error{err}
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		errs = u.Unwrap()
	}
	out := map[int]*x837p.ClaimError{}
	for _, e := range errs {
		var ce *x837p.ClaimError
		if errors.As(e, &ce) {
			out[ce.Index] = ce
		}
	}
	return out
}

// writeBatch writes the encoded 837P to the outbox (temporary name,
// fsync, rename, fsync of the folder) and records the batch as staged.
func (d *Daemon) writeBatch(tx Tx, cs []*claims.Claim, res *x837p.Result, data []byte) (*Batch, error) {
	sum := sha256.Sum256(data)
	b := &Batch{
		FileName:                 "claimkit-" + res.InterchangeControlNumber + ".837",
		InterchangeControlNumber: res.InterchangeControlNumber,
		GroupControlNumber:       res.GroupControlNumber,
		SHA256:                   hex.EncodeToString(sum[:]),
		Size:                     int64(len(data)),
		State:                    BatchStaged,
		StagedAt:                 d.cfg.Now(),
	}
	for i := range res.Sets {
		s := &res.Sets[i]
		b.Sets = append(b.Sets, SetRecord{ControlNumber: s.ControlNumber, ClaimIDs: s.ClaimIDs, Segments: s.Segments()})
	}
	if err := writeDurable(d.root, outboxDir, b.FileName, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("outbox %s: %w", b.FileName, err)
	}
	if err := tx.AddBatch(b); err != nil {
		return b, err
	}
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return b, tx.AssignBatch(b.ID, ids)
}

// writeDurable writes r to dir/name inside root through a temporary
// file (see durable.Write), so that after a crash the file is either
// whole or absent.
func writeDurable(root *os.Root, dir, name string, r io.Reader) error {
	if err := CheckName(name); err != nil {
		return err
	}
	_, err := durable.Write(root, path.Join(dir, "."+name+".tmp"), path.Join(dir, name), r)
	return err
}
