package clearinghouse

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/claimkit/claimkit/claims"
)

// Report says what one cycle did.
type Report struct {
	// Staged are the batches staged in this cycle.
	Staged []*Batch `json:"staged"`
	// Uploaded are the batches the clearinghouse got in this cycle
	// (including those found there after a crash).
	Uploaded []*Batch `json:"uploaded"`
	// Responses are the response files handled in this cycle.
	Responses []*Response `json:"responses"`
	// Changes are the claim status changes, in the order they happened.
	Changes []ClaimChange `json:"changes"`
	// Unmatched and Quarantined are what this cycle reported.
	Unmatched   []Unmatched   `json:"unmatched"`
	Quarantined []Quarantined `json:"quarantined"`
	// Skipped are remote names that were not downloaded because they are
	// not plain local names.
	Skipped []string `json:"skipped,omitempty"`
}

// ClaimChange is one claim status change.
type ClaimChange struct {
	ClaimID string             `json:"claim_id"`
	From    claims.ClaimStatus `json:"from"`
	To      claims.ClaimStatus `json:"to"`
	// Source is the batch or response file that caused it.
	Source string `json:"source"`
}

// Cycle runs one cycle, the steps of DESIGN.md "The daemon":
//
//  1. stage the ReadyToSubmit claims into batches: control numbers from
//     the ledger, the 837P written to the outbox and fsynced, its SHA-256
//     recorded (claims the encoder refuses go back to Draft);
//  2. connect and send each staged batch: upload under a temporary
//     name, then rename; a batch interrupted by a crash is checked against
//     the remote first, so it is sent exactly once;
//  3. list the response folder, download each new file (fsync, name and
//     SHA-256 recorded: the same content is applied once), parse it and
//     apply it in one ledger transaction; a file that does not parse goes
//     to quarantine and the cycle goes on;
//  4. 999 and TA1 accept or reject sets and claims, 277CA moves claims
//     through ack277.Apply, 835 payments are reconciled through
//     remit.Book; what matches nothing is recorded as Unmatched.
//
// The Report says what happened even when an error is returned. Errors
// of single batches do not stop the others; every error is returned,
// joined.
func (d *Daemon) Cycle(ctx context.Context) (*Report, error) {
	d.cycleMu.Lock()
	defer d.cycleMu.Unlock()
	rep := &Report{}
	d.mu.Lock()
	closed := d.closed
	d.mu.Unlock()
	if closed {
		return rep, ErrClosed
	}
	start := d.cfg.Now()
	if err := d.stage(ctx, rep); err != nil {
		return rep, err
	}
	t, err := d.cfg.Connect(ctx)
	if err != nil {
		return rep, fmt.Errorf("clearinghouse: connect: %w", err)
	}
	var errs []error
	if err := d.send(ctx, t, rep); err != nil {
		errs = append(errs, err)
	}
	if ctx.Err() == nil {
		if err := d.poll(ctx, t, rep); err != nil {
			errs = append(errs, err)
		}
	}
	if err := t.Close(); err != nil {
		d.log.Warn("closing the transport", logKeyErr, err.Error())
	}
	for _, ch := range rep.Changes {
		d.log.Debug("claim status changed", logKeyClaim, ch.ClaimID, logKeyFrom, string(ch.From), logKeyTo, string(ch.To), logKeyFile, ch.Source)
	}
	d.log.Info("cycle done", logKeyStaged, len(rep.Staged), logKeyUploaded, len(rep.Uploaded),
		logKeyResponses, len(rep.Responses), logKeyUnmatched, len(rep.Unmatched),
		logKeyQuarantined, len(rep.Quarantined), logKeyDuration, d.cfg.Now().Sub(start).String())
	return rep, errors.Join(errs...)
}

// flush sends the staged batches, if any.
func (d *Daemon) flush(ctx context.Context) error {
	d.cycleMu.Lock()
	defer d.cycleMu.Unlock()
	var pending []*Batch
	err := d.cfg.Store.View(ctx, func(tx Tx) error {
		var err error
		pending, err = tx.Batches(BatchQuery{States: []BatchState{BatchStaged, BatchSending}})
		return err
	})
	if err != nil || len(pending) == 0 {
		return err
	}
	t, err := d.cfg.Connect(ctx)
	if err != nil {
		return fmt.Errorf("clearinghouse: connect: %w", err)
	}
	err = d.send(ctx, t, &Report{})
	if cerr := t.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return err
}

// transition moves c to status to, recording the change in rep.
func transition(rep *Report, c *claims.Claim, to claims.ClaimStatus, by, reason, source string, at time.Time) error {
	from := c.Status
	if from == "" {
		from = claims.Draft
	}
	if err := c.Transition(to, claims.Change{By: by, At: at, Reason: reason}); err != nil {
		return fmt.Errorf("clearinghouse: claim %s: %w", c.ID, err)
	}
	rep.Changes = append(rep.Changes, ClaimChange{ClaimID: c.ID, From: from, To: to, Source: source})
	return nil
}
