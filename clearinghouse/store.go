package clearinghouse

import (
	"context"
	"time"

	"github.com/shopspring/decimal"

	"github.com/claimkit/claimkit/claims"
	"github.com/claimkit/claimkit/claims/remit"
	"github.com/claimkit/claimkit/claims/x837p"
	"github.com/claimkit/claimkit/x12"
)

// Store is the ledger the daemon keeps its state in: claims, batches,
// control numbers, the response files seen, postings, quarantine and
// unmatched responses. clearinghouse/ledger is the SQLite implementation.
type Store interface {
	// Update runs fn in one write transaction: what fn did is committed
	// when it returns nil and rolled back otherwise.
	Update(ctx context.Context, fn func(Tx) error) error
	// View runs fn in a read transaction.
	View(ctx context.Context, fn func(Tx) error) error
	// Close closes the store.
	Close() error
}

// Tx is one transaction of a Store. Its methods are valid only inside
// the function given to Update or View; read methods return copies.
type Tx interface {
	// NextControlNumber hands out the next ISA13, GS06 or ST02. A number
	// is never handed out twice once the transaction commits; past
	// 999999999 it fails with ErrControlNumbers.
	NextControlNumber(kind x12.ControlKind) (int64, error)

	// AddClaims inserts new claims; an ID already present fails with
	// ErrClaimExists.
	AddClaims(cs []*claims.Claim) error
	// SaveClaims stores the current state (status, history, payer claim
	// control number) of claims already in the store.
	SaveClaims(cs []*claims.Claim) error
	// Claims returns the claims q selects, ordered by ID.
	Claims(q ClaimQuery) ([]*claims.Claim, error)
	// AssignBatch records that the claims are in batch batchID.
	AssignBatch(batchID int64, claimIDs []string) error

	// AddBatch inserts b and sets b.ID.
	AddBatch(b *Batch) error
	// SaveBatch stores b's state and dates.
	SaveBatch(b *Batch) error
	// Batches returns the batches q selects, ordered by ID.
	Batches(q BatchQuery) ([]*Batch, error)

	// SeenResponse reports whether a response file with this name and
	// size was recorded already.
	SeenResponse(name string, size int64) (bool, error)
	// ResponseByHash returns the first response recorded with this
	// SHA-256, or nil.
	ResponseByHash(sha256 string) (*Response, error)
	// AddResponse records a response file and sets r.ID. A name and hash
	// pair is recorded once.
	AddResponse(r *Response) error
	// Responses returns every response file recorded, in order.
	Responses() ([]*Response, error)

	// Postings returns the 835 postings of the claims with these patient
	// control numbers (all postings when pcns is nil), in order.
	Postings(pcns []string) ([]remit.Posting, error)
	// AddPostings records postings made from response responseID.
	AddPostings(responseID int64, ps []remit.Posting) error

	// AddQuarantine records a response file that could not be read.
	AddQuarantine(q *Quarantined) error
	// Quarantine returns every quarantined file, in order.
	Quarantine() ([]Quarantined, error)
	// AddUnmatched records what a response names that matches nothing
	// sent (or that a claim cannot take).
	AddUnmatched(us []Unmatched) error
	// Unmatched returns every unmatched record, in order.
	Unmatched() ([]Unmatched, error)
}

// ClaimQuery selects claims. Zero fields select everything.
type ClaimQuery struct {
	// Status selects one status.
	Status claims.ClaimStatus
	// Unbatched selects claims in no batch yet.
	Unbatched bool
	// BatchID selects the claims of one batch.
	BatchID int64
	// IDs and PCNs select claims by ID or patient control number.
	IDs, PCNs []string
	// Limit caps the number of claims returned.
	Limit int
}

// BatchQuery selects batches. Zero fields select everything.
type BatchQuery struct {
	// States selects batches in any of these states.
	States []BatchState
	// Interchange and Group select by ISA13 and GS06.
	Interchange, Group string
}

// BatchState is where a batch is on its way to the clearinghouse.
type BatchState string

// Batch states. A batch moves staged → sending → uploaded → acknowledged.
const (
	// BatchStaged: the 837P is in the outbox, fsynced, its SHA-256
	// recorded; nothing was renamed on the remote yet.
	BatchStaged BatchState = "staged"
	// BatchSending: the whole file is on the remote under its temporary
	// name and the rename to the final name is under way. If the
	// temporary file is still there the rename did not happen; if it is
	// gone it did.
	BatchSending BatchState = "sending"
	// BatchUploaded: the clearinghouse has the file under its final name.
	BatchUploaded BatchState = "uploaded"
	// BatchAcknowledged: a 999 or TA1 answered it.
	BatchAcknowledged BatchState = "acknowledged"
)

// Batch is one 837P interchange: a file in the outbox and, once sent,
// on the clearinghouse.
type Batch struct {
	ID int64 `json:"id"`
	// FileName is the file's name in the outbox and on the remote.
	FileName string `json:"file_name"`
	// InterchangeControlNumber and GroupControlNumber are ISA13 and GS06.
	InterchangeControlNumber string `json:"interchange_control_number"`
	GroupControlNumber       string `json:"group_control_number"`
	// Sets are the transaction sets with their segment maps.
	Sets []SetRecord `json:"sets"`
	// SHA256 is the hex SHA-256 of the file, Size its length.
	SHA256 string     `json:"sha256"`
	Size   int64      `json:"size"`
	State  BatchState `json:"state"`

	StagedAt       time.Time `json:"staged_at"`
	UploadedAt     time.Time `json:"uploaded_at,omitzero"`
	AcknowledgedAt time.Time `json:"acknowledged_at,omitzero"`
}

// ClaimIDs returns the IDs of the claims of every set, in order.
func (b *Batch) ClaimIDs() []string {
	var out []string
	for i := range b.Sets {
		out = append(out, b.Sets[i].ClaimIDs...)
	}
	return out
}

// SetRecord is one transaction set of a batch: its ST02, its claims and
// what each of its segments holds, so that a 999 IK3 position maps back
// to a claim and line after a restart.
type SetRecord struct {
	ControlNumber string             `json:"control_number"`
	ClaimIDs      []string           `json:"claim_ids"`
	Segments      []x837p.SegmentRef `json:"segments"`
}

// Segment returns what the segment at position pos (ST = 1) holds.
func (s *SetRecord) Segment(pos int) (x837p.SegmentRef, bool) {
	if pos < 1 || pos > len(s.Segments) {
		return x837p.SegmentRef{}, false
	}
	return s.Segments[pos-1], true
}

// ResponseKind is the kind of a response file.
type ResponseKind string

// Response kinds.
const (
	// KindAck is a 999 and/or TA1 file.
	KindAck ResponseKind = "999"
	// Kind277CA is a 277CA claim acknowledgment.
	Kind277CA ResponseKind = "277CA"
	// Kind835 is an 835 remittance.
	Kind835 ResponseKind = "835"
	// KindUnknown is a file that could not be told apart.
	KindUnknown ResponseKind = "unknown"
)

// ResponseOutcome is what the daemon did with a response file.
type ResponseOutcome string

// Response outcomes.
const (
	// OutcomeApplied: parsed and applied to the ledger.
	OutcomeApplied ResponseOutcome = "applied"
	// OutcomeDuplicate: the same content was applied before (under this
	// or another name); nothing changed.
	OutcomeDuplicate ResponseOutcome = "duplicate"
	// OutcomeQuarantined: it could not be read; see Quarantined.
	OutcomeQuarantined ResponseOutcome = "quarantined"
)

// Response is one response file the daemon downloaded.
type Response struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Size int64  `json:"size"`
	// SHA256 is the hex SHA-256 of the content.
	SHA256  string          `json:"sha256"`
	Kind    ResponseKind    `json:"kind"`
	Outcome ResponseOutcome `json:"outcome"`
	// LocalName is the file's name in the data directory's inbox (or
	// quarantine) folder.
	LocalName string    `json:"local_name"`
	SeenAt    time.Time `json:"seen_at"`
}

// Quarantined is a response file that could not be read: the cycle went
// on without it. The file is kept in the quarantine folder.
type Quarantined struct {
	ResponseID int64     `json:"response_id"`
	Name       string    `json:"name"`
	SHA256     string    `json:"sha256"`
	Error      string    `json:"error"`
	At         time.Time `json:"at"`
}

// Unmatched is something a response names that matches nothing sent,
// or that the claim it names cannot take: a remittance for an unknown
// patient control number, a 999 for a group never sent, a 277CA status
// the claim's status forbids. It is reported, never dropped.
type Unmatched struct {
	ResponseID int64        `json:"response_id"`
	Kind       ResponseKind `json:"kind"`
	// Reference is what the response names: a patient control number,
	// or an ISA13, GS06 or ST02.
	Reference string `json:"reference"`
	// Amount is the money involved (the paid amount of a CLP), if any.
	Amount decimal.NullDecimal `json:"amount"`
	Reason string              `json:"reason"`
	At     time.Time           `json:"at"`
}

// controlNumbers hands out control numbers from a ledger transaction.
type controlNumbers struct{ tx Tx }

func (c controlNumbers) Next(kind x12.ControlKind) (int64, error) {
	return c.tx.NextControlNumber(kind)
}

// ControlNumbers returns an x12.ControlNumbers that allocates from tx:
// the numbers are persisted, never reused, and a batch staged in tx
// keeps them.
func ControlNumbers(tx Tx) x12.ControlNumbers { return controlNumbers{tx} }
