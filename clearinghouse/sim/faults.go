package sim

import (
	"sync"
	"time"
)

// Faults inject failures into the SFTP server, for tests of clients.
// The zero value injects none. Counts start when the server starts or
// when SetFaults is called.
type Faults struct {
	// FailWrite makes the Nth write request (1-based, over all
	// connections) fail with an error status; 0 never.
	FailWrite int
	// DropUploadAt drops the connection of the first upload that
	// reaches this many bytes, before storing the write that reaches
	// it; later uploads go through. 0 never.
	DropUploadAt int64
	// RefuseRenames refuses the first N rename requests with a
	// permission error.
	RefuseRenames int
	// ListDelay delays every directory listing (the request's context
	// cuts it short when the client goes away).
	ListDelay time.Duration
	// FailResponses makes the server receive files but write no
	// responses for them (a clearinghouse that is down), until SetFaults
	// clears it.
	FailResponses bool
}

// faultState tracks the counters of the current Faults.
type faultState struct {
	mu      sync.Mutex
	f       Faults
	writes  int
	renames int
	dropped bool
}

func (s *faultState) set(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.f, s.writes, s.renames, s.dropped = f, 0, 0, false
}

func (s *faultState) get() Faults {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.f
}

// write counts a write request of n bytes at offset off and says whether
// it fails or drops its connection.
func (s *faultState) write(off int64, n int) (fail, drop bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes++
	if s.f.FailWrite > 0 && s.writes == s.f.FailWrite {
		return true, false
	}
	if s.f.DropUploadAt > 0 && !s.dropped && off+int64(n) >= s.f.DropUploadAt {
		s.dropped = true
		return false, true
	}
	return false, false
}

// rename counts a rename request and says whether it is refused.
func (s *faultState) rename() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.renames++
	return s.renames <= s.f.RefuseRenames
}
