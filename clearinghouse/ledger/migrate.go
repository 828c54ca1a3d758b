package ledger

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations are the schema changes, in order. The database's
// user_version is the number applied; Open applies the rest, each in
// its own transaction. Never edit a migration once released: add one.
var migrations = []string{
	// 1: the first schema.
	`
CREATE TABLE control_numbers (
	kind INTEGER PRIMARY KEY,
	last INTEGER NOT NULL
) STRICT;

CREATE TABLE batches (
	id              INTEGER PRIMARY KEY,
	file_name       TEXT NOT NULL UNIQUE,
	interchange     TEXT NOT NULL UNIQUE,
	grp             TEXT NOT NULL UNIQUE,
	sets            TEXT NOT NULL,
	sha256          TEXT NOT NULL,
	size            INTEGER NOT NULL,
	state           TEXT NOT NULL,
	staged_at       TEXT NOT NULL,
	uploaded_at     TEXT NOT NULL DEFAULT '',
	acknowledged_at TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX batches_state ON batches(state);

CREATE TABLE claims (
	id       TEXT PRIMARY KEY,
	pcn      TEXT NOT NULL,
	status   TEXT NOT NULL,
	batch_id INTEGER REFERENCES batches(id),
	data     TEXT NOT NULL
) STRICT;
CREATE INDEX claims_status ON claims(status, batch_id);
CREATE INDEX claims_pcn ON claims(pcn);
CREATE INDEX claims_batch ON claims(batch_id);

CREATE TABLE responses (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	size       INTEGER NOT NULL,
	sha256     TEXT NOT NULL,
	kind       TEXT NOT NULL,
	outcome    TEXT NOT NULL,
	local_name TEXT NOT NULL,
	seen_at    TEXT NOT NULL,
	UNIQUE (name, sha256)
) STRICT;
CREATE INDEX responses_sha256 ON responses(sha256);
CREATE INDEX responses_name ON responses(name, size);

CREATE TABLE postings (
	key         TEXT PRIMARY KEY,
	response_id INTEGER NOT NULL REFERENCES responses(id),
	claim_id    TEXT NOT NULL,
	pcn         TEXT NOT NULL,
	data        TEXT NOT NULL
) STRICT;
CREATE INDEX postings_pcn ON postings(pcn);

CREATE TABLE quarantine (
	id          INTEGER PRIMARY KEY,
	response_id INTEGER NOT NULL REFERENCES responses(id),
	name        TEXT NOT NULL,
	sha256      TEXT NOT NULL,
	error       TEXT NOT NULL,
	at          TEXT NOT NULL
) STRICT;

CREATE TABLE unmatched (
	id          INTEGER PRIMARY KEY,
	response_id INTEGER NOT NULL REFERENCES responses(id),
	kind        TEXT NOT NULL,
	reference   TEXT NOT NULL,
	amount      TEXT NOT NULL DEFAULT '',
	reason      TEXT NOT NULL,
	at          TEXT NOT NULL
) STRICT;
`,
}

// migrate brings the schema of db up to date.
func migrate(ctx context.Context, db *sql.DB) error {
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("ledger: reading the schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("%w: schema version %d, this build knows %d", ErrNewerSchema, v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("ledger: migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("ledger: migration %d: %w", i+1, err)
		}
		// PRAGMA takes no bound parameters; i+1 is a small integer.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("ledger: migration %d: %w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("ledger: migration %d: %w", i+1, err)
		}
	}
	return nil
}
