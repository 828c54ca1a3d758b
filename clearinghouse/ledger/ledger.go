package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go

	"github.com/claimkit/claimkit/clearinghouse"
)

// Sentinel errors of the package; match them with errors.Is.
var (
	// ErrNewerSchema: the database was written by a newer build.
	ErrNewerSchema = errors.New("ledger: database schema is newer than this build")
	// ErrPath: the database path cannot be used.
	ErrPath = errors.New("ledger: unusable database path")
)

// FileMode is the mode of the database file: owner only, because it
// holds claims, which are patient data.
const FileMode fs.FileMode = 0o600

// Ledger is a clearinghouse.Store in one SQLite file.
type Ledger struct {
	db *sql.DB
}

var _ clearinghouse.Store = (*Ledger)(nil)

// Open opens the ledger at path, creating it with mode 0600 when it does
// not exist (and tightening the mode of an existing file to 0600), and
// brings its schema up to date.
func Open(ctx context.Context, path string) (*Ledger, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("%w: %q", ErrPath, path)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, FileMode)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	fi, err := f.Stat()
	if err == nil && fi.Mode().Perm() != FileMode {
		err = f.Chmod(FileMode)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	// WAL with synchronous FULL: a committed transaction survives a
	// crash or power loss. BEGIN IMMEDIATE takes the write lock at the
	// start, so two processes sharing the file never deadlock on an
	// upgrade; busy_timeout waits for the other one.
	dsn := path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)" +
		"&_pragma=foreign_keys(1)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	// One connection: transactions of this process run one after the
	// other and never see SQLITE_BUSY from each other.
	db.SetMaxOpenConns(1)
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return &Ledger{db: db}, nil
}

// Update runs fn in one write transaction.
func (l *Ledger) Update(ctx context.Context, fn func(clearinghouse.Tx) error) error {
	return l.run(ctx, fn)
}

// View runs fn in a transaction; what fn writes is rolled back.
func (l *Ledger) View(ctx context.Context, fn func(clearinghouse.Tx) error) error {
	return l.run(ctx, func(tx clearinghouse.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errRollback
	})
}

// errRollback ends a View without committing.
var errRollback = errors.New("ledger: read only")

func (l *Ledger) run(ctx context.Context, fn func(clearinghouse.Tx) error) (err error) {
	stx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("ledger: begin: %w", err)
	}
	t := &tx{ctx: ctx, tx: stx}
	defer func() {
		if err != nil {
			stx.Rollback()
			if errors.Is(err, errRollback) {
				err = nil
			}
		}
	}()
	if err := fn(t); err != nil {
		return err
	}
	if err := stx.Commit(); err != nil {
		return fmt.Errorf("ledger: commit: %w", err)
	}
	return nil
}

// Close closes the database.
func (l *Ledger) Close() error {
	if err := l.db.Close(); err != nil {
		return fmt.Errorf("ledger: close: %w", err)
	}
	return nil
}
