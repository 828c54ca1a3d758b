// Package ledger is the daemon's state in one SQLite file (pure Go,
// modernc.org/sqlite, no cgo): a clearinghouse.Store.
//
//	l, err := ledger.Open(ctx, filepath.Join(dataDir, "ledger.db")) // mode 0600
//	defer l.Close()
//	err = l.Update(ctx, func(tx clearinghouse.Tx) error {
//		isa13, err := tx.NextControlNumber(x12.InterchangeControl)
//		...
//	})
//
// Tables: control_numbers (the last ISA13, GS06 and ST02 handed out: a
// number is never handed out twice), claims (each claim as JSON with its
// status and batch), batches (control numbers, file name, SHA-256,
// state, segment maps), responses (name, size and SHA-256 of every
// response file seen: the same content is applied once), postings (835
// postings by their key), quarantine and unmatched. The schema is
// created and migrated in code when the file is opened (PRAGMA
// user_version).
//
// The file is opened in WAL mode with synchronous=FULL: a committed
// transaction survives a crash. Write transactions start with BEGIN
// IMMEDIATE, so a second process (claimkitd add while the daemon runs)
// waits for the lock instead of failing.
package ledger
