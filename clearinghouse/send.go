package clearinghouse

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"time"

	"github.com/claimkit/claimkit/claims"
)

// tempSuffix marks a batch being uploaded; clearinghouses ignore files
// with it until they are renamed.
const tempSuffix = ".part"

// send sends every staged batch. An error with one batch does not stop
// the others, unless ctx ended.
func (d *Daemon) send(ctx context.Context, t Transport, rep *Report) error {
	var pending []*Batch
	err := d.cfg.Store.View(ctx, func(tx Tx) error {
		var err error
		pending, err = tx.Batches(BatchQuery{States: []BatchState{BatchStaged, BatchSending}})
		return err
	})
	if err != nil {
		return fmt.Errorf("clearinghouse: sending: %w", err)
	}
	var errs []error
	for _, b := range pending {
		if err := d.sendBatch(ctx, t, b, rep); err != nil {
			d.log.Error("batch not sent", logKeyBatch, b.FileName, logKeyState, string(b.State), logKeyErr, err.Error())
			errs = append(errs, fmt.Errorf("clearinghouse: batch %s: %w", b.FileName, err))
			if ctx.Err() != nil {
				break
			}
		}
	}
	return errors.Join(errs...)
}

// sendBatch gets one batch to the clearinghouse exactly once.
//
// A staged batch is uploaded under its temporary name; once the whole
// file is there the ledger records the batch as sending, then the file
// is renamed to its final name and the ledger records it as uploaded.
// After a crash:
//
//   - staged: nothing was renamed, so the upload starts over (a partial
//     temporary file is overwritten); a file already there under the
//     final name with the batch's size counts as delivered;
//   - sending: the temporary file still there means the rename did not
//     happen, so it is renamed now; the temporary file gone means the
//     rename happened (the clearinghouse has it), so the batch is
//     recorded as uploaded without sending anything.
func (d *Daemon) sendBatch(ctx context.Context, t Transport, b *Batch, rep *Report) error {
	dir, tmp := d.cfg.Inbound, b.FileName+tempSuffix
	switch b.State {
	case BatchSending:
		_, err := t.Stat(ctx, dir, tmp)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			d.log.Info("batch was renamed before a restart", logKeyBatch, b.FileName)
			return d.markUploaded(ctx, b, rep)
		case err != nil:
			return err
		}
	case BatchStaged:
		fi, err := t.Stat(ctx, dir, b.FileName)
		switch {
		case err == nil && fi.Size == b.Size:
			d.log.Info("batch found on the remote", logKeyBatch, b.FileName)
			return d.markUploaded(ctx, b, rep)
		case err == nil:
			return fmt.Errorf("%w: %d bytes, the batch has %d", ErrRemoteConflict, fi.Size, b.Size)
		case !errors.Is(err, fs.ErrNotExist):
			return err
		}
		if err := d.upload(ctx, t, b, tmp); err != nil {
			return err
		}
		b.State = BatchSending
		if err := d.cfg.Store.Update(ctx, func(tx Tx) error { return tx.SaveBatch(b) }); err != nil {
			return err
		}
	default:
		return nil
	}
	if err := t.Rename(ctx, dir, tmp, b.FileName); err != nil {
		return fmt.Errorf("rename: %w", err)
	}
	return d.markUploaded(ctx, b, rep)
}

// upload copies the outbox file to the remote temporary name, checking
// on the way that it still has the recorded SHA-256 and size.
func (d *Daemon) upload(ctx context.Context, t Transport, b *Batch, tmp string) error {
	f, err := d.root.Open(path.Join(outboxDir, b.FileName))
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := t.Upload(ctx, d.cfg.Inbound, tmp, io.TeeReader(f, h))
	if err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	if n != b.Size || hex.EncodeToString(h.Sum(nil)) != b.SHA256 {
		t.Remove(ctx, d.cfg.Inbound, tmp)
		return ErrOutboxChanged
	}
	return nil
}

// markUploaded records that the clearinghouse has b: the batch is
// uploaded and its claims Submitted.
func (d *Daemon) markUploaded(ctx context.Context, b *Batch, rep *Report) error {
	now := d.cfg.Now()
	var changes Report
	nb := *b
	err := d.cfg.Store.Update(ctx, func(tx Tx) error {
		changes = Report{}
		nb = *b
		return d.uploaded(tx, &nb, now, &changes)
	})
	if err != nil {
		return err
	}
	*b = nb
	rep.Uploaded = append(rep.Uploaded, b)
	rep.Changes = append(rep.Changes, changes.Changes...)
	d.log.Info("batch uploaded", logKeyBatch, b.FileName, logKeyInterchange, b.InterchangeControlNumber,
		logKeyGroup, b.GroupControlNumber, logKeyClaims, len(changes.Changes))
	return nil
}

// uploaded records in tx that the clearinghouse has b, if the ledger
// did not know it yet.
func (d *Daemon) uploaded(tx Tx, b *Batch, now time.Time, rep *Report) error {
	if b.State != BatchStaged && b.State != BatchSending {
		return nil
	}
	b.State, b.UploadedAt = BatchUploaded, now
	if err := tx.SaveBatch(b); err != nil {
		return err
	}
	cs, err := tx.Claims(ClaimQuery{BatchID: b.ID, Status: claims.ReadyToSubmit})
	if err != nil {
		return err
	}
	reason := "sent in " + b.FileName + " (ISA13 " + b.InterchangeControlNumber + ", GS06 " + b.GroupControlNumber + ")"
	for _, c := range cs {
		if err := transition(rep, c, claims.Submitted, d.cfg.ChangedBy, reason, b.FileName, now); err != nil {
			return err
		}
	}
	return tx.SaveClaims(cs)
}
