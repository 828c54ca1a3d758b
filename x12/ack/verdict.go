package ack

// SetKey names a transaction set of the original file by the control
// numbers its sender chose: Group is GS06 (AK102) and Set is ST02
// (AK202). An empty Set stands for every set of the group.
type SetKey struct {
	Group string
	Set   string
}

// Result is what a 999 says about one transaction set of the original
// file, with the group's verdict taken into account.
type Result struct {
	Key SetKey
	// SetID is ST01 of the original set (AK201), e.g. "837"; empty when
	// Key.Set is empty.
	SetID string
	// Verdict is rejected when either the set (IK501) or its whole group
	// (AK901 R, M, W or X) is rejected.
	Verdict Verdict
	// Status is IK501, or AK901 for a whole-group result.
	Status Status
	// SetErrors are IK502-IK506; GroupErrors AK905-AK909.
	SetErrors   []SetErrorCode
	GroupErrors []GroupErrorCode
	// Segments are the IK3 loops: which segments of the set were wrong.
	Segments []SegmentError
	// ClaimIDs are the CLM01 values the IK3 loops name (CTX*CLM01).
	ClaimIDs []string
}

// Results returns one Result per AK2 loop, keyed by (AK102, AK202), so
// a sender can find the transaction set (and through the IK3 positions
// and CTX*CLM01, the claims) it sent. A rejected group rejects each of
// its sets whatever their IK5 says. When the 999 has no AK2 loop, one
// Result keyed with an empty Set carries the group's verdict for every
// set of the group.
func (a *Acknowledgment) Results() map[SetKey]Result {
	g := &a.Group
	out := make(map[SetKey]Result, len(g.Sets))
	groupRejected := g.Verdict() == VerdictRejected
	if len(g.Sets) == 0 {
		k := SetKey{Group: g.ControlNumber}
		out[k] = Result{Key: k, Verdict: g.Verdict(), Status: g.Status, GroupErrors: g.Errors}
		return out
	}
	for i := range g.Sets {
		s := &g.Sets[i]
		k := SetKey{Group: g.ControlNumber, Set: s.ControlNumber}
		res := Result{
			Key: k, SetID: s.ID, Verdict: s.Verdict(), Status: s.Status,
			SetErrors: s.Errors, Segments: s.Segments, ClaimIDs: s.ClaimIDs(),
		}
		if groupRejected {
			res.Verdict = VerdictRejected
			res.GroupErrors = g.Errors
		}
		out[k] = res
	}
	return out
}

// Rejections returns the Results whose verdict is rejected: what this
// 999 rejected, keyed by (GS06, ST02) of the original file.
func (a *Acknowledgment) Rejections() map[SetKey]Result {
	out := map[SetKey]Result{}
	for k, r := range a.Results() {
		if r.Verdict == VerdictRejected {
			out[k] = r
		}
	}
	return out
}
