package sim

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/x837p"
)

// reviewedSet is one accepted 837 transaction set after the payer's
// edits: its claims grouped by billing provider.
type reviewedSet struct {
	tx        *x837p.Transaction
	providers []*reviewedProvider
}

type reviewedProvider struct {
	provider *claims.Provider
	claims   []*reviewedClaim
}

// reviewedClaim is a claim with the payer's verdict: rejected for the
// reasons given, or accepted and adjudicated.
type reviewedClaim struct {
	claim      *claims.Claim
	rejections []rejection
	result     claimResult
}

func (c *reviewedClaim) accepted() bool { return len(c.rejections) == 0 }

// review runs the edits on every claim of the accepted sets and
// adjudicates the claims that pass. Accepted claims are numbered in file
// order for their payer claim control numbers.
func (w *responder) review(sets []*x837p.Transaction) []*reviewedSet {
	var out []*reviewedSet
	n := 0
	for _, tx := range sets {
		rs := &reviewedSet{tx: tx}
		index := map[string]*reviewedProvider{}
		for i := range tx.Claims {
			c := &tx.Claims[i].Claim
			rc := &reviewedClaim{claim: c, rejections: w.p.frontEndEdits(c, w.env.Date)}
			if rc.accepted() {
				n++
				rc.result = w.p.adjudicate(c, w.icn(n))
			}
			key := providerKey(c.BillingProvider)
			rp := index[key]
			if rp == nil {
				rp = &reviewedProvider{provider: c.BillingProvider}
				index[key] = rp
				rs.providers = append(rs.providers, rp)
			}
			rp.claims = append(rp.claims, rc)
		}
		out = append(out, rs)
	}
	return out
}

// icn returns the payer claim control number of the nth accepted claim
// of the file: the processing date (YYMMDD), ISA13 of the received
// interchange and n, so that it is the same every time the same file is
// processed on the same day.
func (w *responder) icn(n int) string {
	ctl := clean(strings.TrimSpace(w.rx.ControlNumber))
	if ctl == "" {
		ctl = "0"
	}
	return fmt.Sprintf("%s%s%04d", w.env.Date.YYMMDD(), ctl, n)
}

func providerKey(p *claims.Provider) string {
	return p.NPI + "|" + p.TaxID + "|" + p.Name.Organization + "|" + p.Name.Last + "|" + p.Name.First
}

// check is one payment: the accepted claims of one billing provider.
type check struct {
	payee  *claims.Provider
	claims []*claimResult
}

// checks groups the accepted claims of the batch by billing provider,
// in the order the providers first appear.
func (w *responder) checks(batch []*reviewedSet) []*check {
	var out []*check
	index := map[string]*check{}
	for _, rs := range batch {
		for _, rp := range rs.providers {
			for _, rc := range rp.claims {
				if !rc.accepted() {
					continue
				}
				key := providerKey(rp.provider)
				ck := index[key]
				if ck == nil {
					ck = &check{payee: rp.provider}
					index[key] = ck
					out = append(out, ck)
				}
				ck.claims = append(ck.claims, &rc.result)
			}
		}
	}
	return out
}

// totals returns the count and the charges of the accepted and of the
// rejected claims of cs.
func totals(cs []*reviewedClaim) (nAcc, nRej int, acc, rej decimal.Decimal) {
	for _, c := range cs {
		if c.accepted() {
			nAcc++
			acc = acc.Add(c.claim.Total())
		} else {
			nRej++
			rej = rej.Add(c.claim.Total())
		}
	}
	return
}
