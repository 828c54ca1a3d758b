package transporttest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/claimkit/claimkit/clearinghouse"
)

// ErrInjected is the error of an injected fault.
var ErrInjected = errors.New("transporttest: injected fault")

// Fault fails one kind of call.
type Fault struct {
	// Op is the method: "List", "Download", "Upload", "Rename", "Stat"
	// or "Remove".
	Op string
	// Name limits the fault to calls on this file name (for Rename, the
	// source name); empty matches any.
	Name string
	// After makes the call happen first and then fail, like a
	// connection lost after the server acted but before it answered.
	After bool
	// Times is how many matching calls fail; 0 means 1.
	Times int
}

// Faulty wraps a Transport, fails the calls its faults match, and counts
// the calls that reached the wrapped Transport.
type Faulty struct {
	clearinghouse.Transport

	mu     sync.Mutex
	faults []Fault
	calls  map[string]int
}

// NewFaulty wraps t.
func NewFaulty(t clearinghouse.Transport) *Faulty {
	return &Faulty{Transport: t, calls: map[string]int{}}
}

// Inject adds a fault.
func (f *Faulty) Inject(ft Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if ft.Times <= 0 {
		ft.Times = 1
	}
	f.faults = append(f.faults, ft)
}

// Calls returns how many calls of op reached the wrapped Transport.
func (f *Faulty) Calls(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[op]
}

// check counts the call and says whether it fails before or after it
// reaches the wrapped Transport.
func (f *Faulty) check(op, name string) (before, after error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.faults {
		ft := &f.faults[i]
		if ft.Times == 0 || ft.Op != op || ft.Name != "" && ft.Name != name {
			continue
		}
		ft.Times--
		err := fmt.Errorf("%w: %s %s", ErrInjected, op, name)
		if ft.After {
			f.calls[op]++
			return nil, err
		}
		return err, nil
	}
	f.calls[op]++
	return nil, nil
}

// List implements clearinghouse.Transport.
func (f *Faulty) List(ctx context.Context, dir string) ([]clearinghouse.FileInfo, error) {
	before, after := f.check("List", "")
	if before != nil {
		return nil, before
	}
	l, err := f.Transport.List(ctx, dir)
	if err == nil {
		err = after
	}
	return l, err
}

// Download implements clearinghouse.Transport.
func (f *Faulty) Download(ctx context.Context, dir, name string, w io.Writer) (int64, error) {
	before, after := f.check("Download", name)
	if before != nil {
		return 0, before
	}
	n, err := f.Transport.Download(ctx, dir, name, w)
	if err == nil {
		err = after
	}
	return n, err
}

// Upload implements clearinghouse.Transport.
func (f *Faulty) Upload(ctx context.Context, dir, name string, r io.Reader) (int64, error) {
	before, after := f.check("Upload", name)
	if before != nil {
		return 0, before
	}
	n, err := f.Transport.Upload(ctx, dir, name, r)
	if err == nil {
		err = after
	}
	return n, err
}

// Rename implements clearinghouse.Transport.
func (f *Faulty) Rename(ctx context.Context, dir, from, to string) error {
	before, after := f.check("Rename", from)
	if before != nil {
		return before
	}
	err := f.Transport.Rename(ctx, dir, from, to)
	if err == nil {
		err = after
	}
	return err
}

// Stat implements clearinghouse.Transport.
func (f *Faulty) Stat(ctx context.Context, dir, name string) (clearinghouse.FileInfo, error) {
	before, after := f.check("Stat", name)
	if before != nil {
		return clearinghouse.FileInfo{}, before
	}
	fi, err := f.Transport.Stat(ctx, dir, name)
	if err == nil {
		err = after
	}
	return fi, err
}

// Remove implements clearinghouse.Transport.
func (f *Faulty) Remove(ctx context.Context, dir, name string) error {
	before, after := f.check("Remove", name)
	if before != nil {
		return before
	}
	err := f.Transport.Remove(ctx, dir, name)
	if err == nil {
		err = after
	}
	return err
}

// Close does not close the wrapped Transport: a test reuses it across
// the daemon's cycles, each of which closes the Transport it got.
func (f *Faulty) Close() error { return nil }
