package clearinghouse

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
)

// MaxResponseSize is the largest response file the daemon downloads;
// a larger one is skipped and logged.
const MaxResponseSize = 256 << 20

// download is one new response file, downloaded and parsed.
type download struct {
	info  FileInfo
	local string // path in the data directory
	sha   string
	p     *parsed
	err   error // why it does not parse
}

// poll lists the response folder and handles every file not seen yet:
// acknowledgments first (TA1 and 999, then 277CA), then remittances, so
// that a claim is accepted before it is paid.
func (d *Daemon) poll(ctx context.Context, t Transport, rep *Report) error {
	list, err := t.List(ctx, d.cfg.Outbound)
	if err != nil {
		return fmt.Errorf("clearinghouse: listing %s: %w", d.cfg.Outbound, err)
	}
	var fresh []FileInfo
	err = d.cfg.Store.View(ctx, func(tx Tx) error {
		fresh = fresh[:0]
		for _, fi := range list {
			if err := CheckName(fi.Name); err != nil {
				rep.Skipped = append(rep.Skipped, fi.Name)
				d.log.Warn("response name refused", logKeyFile, fmt.Sprintf("%q", fi.Name), logKeyErr, err.Error())
				continue
			}
			if isTempName(fi.Name) {
				continue
			}
			if fi.Size > MaxResponseSize {
				rep.Skipped = append(rep.Skipped, fi.Name)
				d.log.Error("response file too large", logKeyFile, fi.Name, logKeyCount, fi.Size)
				continue
			}
			seen, err := tx.SeenResponse(fi.Name, fi.Size)
			if err != nil {
				return err
			}
			if !seen {
				fresh = append(fresh, fi)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("clearinghouse: polling: %w", err)
	}
	dls := make([]*download, 0, len(fresh))
	for _, fi := range fresh {
		dl, err := d.download(ctx, t, fi)
		if err != nil {
			return fmt.Errorf("clearinghouse: response %s: %w", fi.Name, err)
		}
		dls = append(dls, dl)
	}
	slices.SortStableFunc(dls, func(a, b *download) int {
		return cmp.Or(cmp.Compare(kindRank(a.p.kind), kindRank(b.p.kind)), strings.Compare(a.info.Name, b.info.Name))
	})
	for _, dl := range dls {
		if err := d.apply(ctx, dl, rep); err != nil {
			return err
		}
	}
	return nil
}

// isTempName reports whether a remote name is a file still being
// written by the usual conventions: a leading dot or tilde, or a
// temporary extension.
func isTempName(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") {
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".tmp", ".temp", ".part", ".partial", ".filepart":
		return true
	}
	return false
}

// kindRank orders response kinds for applying.
func kindRank(k ResponseKind) int {
	switch k {
	case KindAck:
		return 0
	case Kind277CA:
		return 1
	case Kind835:
		return 2
	}
	return 3
}

// download copies a response file into the inbox (fsynced) and parses
// it. A file whose name is taken in the inbox by other content is kept
// under its name with the start of its SHA-256 added.
func (d *Daemon) download(ctx context.Context, t Transport, fi FileInfo) (*download, error) {
	var buf bytes.Buffer
	h := sha256.New()
	if _, err := t.Download(ctx, d.cfg.Outbound, fi.Name, io.MultiWriter(&buf, h)); err != nil {
		return nil, err
	}
	dl := &download{info: fi, sha: hex.EncodeToString(h.Sum(nil))}
	dl.info.Size = int64(buf.Len())
	local := fi.Name
	if old, err := d.root.ReadFile(path.Join(inboxDir, local)); err == nil {
		if sum := sha256.Sum256(old); hex.EncodeToString(sum[:]) != dl.sha {
			local += "." + dl.sha[:12]
		}
	}
	if err := writeDurable(d.root, inboxDir, local, bytes.NewReader(buf.Bytes())); err != nil {
		return nil, fmt.Errorf("inbox: %w", err)
	}
	dl.local = path.Join(inboxDir, local)
	dl.p, dl.err = parseResponse(fi.Name, buf.Bytes())
	return dl, nil
}

// apply records one downloaded file and applies it, in one ledger
// transaction.
func (d *Daemon) apply(ctx context.Context, dl *download, rep *Report) error {
	now := d.cfg.Now()
	var out Report
	var resp *Response
	err := d.cfg.Store.Update(ctx, func(tx Tx) error {
		out = Report{}
		resp = &Response{Name: dl.info.Name, Size: dl.info.Size, SHA256: dl.sha, Kind: dl.p.kind, LocalName: dl.local, SeenAt: now}
		prev, err := tx.ResponseByHash(dl.sha)
		if err != nil {
			return err
		}
		switch {
		case prev != nil:
			resp.Outcome = OutcomeDuplicate
			if prev.Name == resp.Name {
				return nil // recorded already under this very name
			}
			return tx.AddResponse(resp)
		case dl.err != nil:
			resp.Outcome = OutcomeQuarantined
			resp.LocalName = path.Join(quarantineDir, path.Base(dl.local))
			if err := tx.AddResponse(resp); err != nil {
				return err
			}
			q := Quarantined{ResponseID: resp.ID, Name: resp.Name, SHA256: resp.SHA256, Error: dl.err.Error(), At: now}
			out.Quarantined = append(out.Quarantined, q)
			return tx.AddQuarantine(&q)
		}
		resp.Outcome = OutcomeApplied
		if err := tx.AddResponse(resp); err != nil {
			return err
		}
		return d.applyParsed(tx, resp, dl.p, now, &out)
	})
	if err != nil {
		return fmt.Errorf("clearinghouse: response %s: %w", dl.info.Name, err)
	}
	log := d.log.With(logKeyFile, resp.Name, logKeyKind, string(resp.Kind), logKeyOutcome, string(resp.Outcome))
	switch resp.Outcome {
	case OutcomeQuarantined:
		if err := d.root.Rename(dl.local, resp.LocalName); err != nil {
			log.Error("moving the file to quarantine", logKeyErr, err.Error())
		}
		log.Warn("response quarantined", logKeyErr, dl.err.Error())
	case OutcomeDuplicate:
		log.Info("response seen before; not applied again")
	default:
		log.Info("response applied", logKeyClaims, len(out.Changes), logKeyUnmatched, len(out.Unmatched), logKeyProblems, dl.p.problems)
	}
	for _, u := range out.Unmatched {
		log.Warn("response names nothing sent", logKeyReference, u.Reference, logKeyErr, u.Reason)
	}
	rep.Responses = append(rep.Responses, resp)
	rep.Changes = append(rep.Changes, out.Changes...)
	rep.Unmatched = append(rep.Unmatched, out.Unmatched...)
	rep.Quarantined = append(rep.Quarantined, out.Quarantined...)
	return nil
}
