package sim

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"path"
	"sync"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/claimkit/claimkit/x12"
)

// User is an account of the SFTP server: a password, authorized public
// keys, or both.
type User struct {
	Password   string
	PublicKeys []ssh.PublicKey
}

// Config configures Start. Payer and at least one user are required;
// the other fields have working zero values.
type Config struct {
	// Payer answers the files received.
	Payer Payer
	// Users are the accounts, by user name.
	Users map[string]User
	// Clock gives the time that stamps files and responses; nil means
	// time.Now in UTC. The responses carry the date of Clock() in its
	// own location.
	Clock func() time.Time
	// Listen is the address to listen on; empty means 127.0.0.1:0 (a
	// free loopback port).
	Listen string
	// HostKey is the server's host key; nil means a new ed25519 key.
	HostKey ssh.Signer
	// Envelope addresses the responses (sender and receiver IDs, usage).
	// Its ControlNumbers default to x12.NewSequence(1), shared by all
	// responses of the server; its Date and Time come from Clock.
	Envelope Envelope
	// Delay is how long after a file is received its responses appear.
	// Zero writes them before the rename (or the upload's close) that
	// delivered the file returns.
	Delay time.Duration
	// Manual holds the responses until Process is called, so that a test
	// decides when they appear. It overrides Delay.
	Manual bool
	// Faults are injected from the start; see SetFaults.
	Faults Faults
}

// Server is an SFTP server on the loopback interface with an in-memory
// file system of two folders: clients upload 837P files to /inbound
// (under a temporary name, then renamed to the final one) and download
// the payer's responses from /outbound. See Start.
type Server struct {
	cfg    Config
	signer ssh.Signer
	ln     net.Listener
	fs     *memFS
	faults faultState

	// proc serialises responses: the control numbers are handed out in
	// order.
	proc sync.Mutex

	mu       sync.Mutex
	conns    map[net.Conn]struct{}
	timers   map[*time.Timer]struct{}
	received []string
	pending  []string
	errs     []error
	closed   bool

	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
	stop      func() bool
}

// Start starts a server and returns once it listens. It closes when ctx
// ends or Close is called.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	if len(cfg.Users) == 0 {
		return nil, fmt.Errorf("%w: no users", ErrConfig)
	}
	for name, u := range cfg.Users {
		if u.Password == "" && len(u.PublicKeys) == 0 {
			return nil, fmt.Errorf("%w: user %q has neither a password nor a public key", ErrConfig, name)
		}
	}
	if cfg.Clock == nil {
		cfg.Clock = func() time.Time { return time.Now().UTC() }
	}
	if cfg.Listen == "" {
		cfg.Listen = "127.0.0.1:0"
	}
	if cfg.Envelope.ControlNumbers == nil {
		cfg.Envelope.ControlNumbers = x12.NewSequence(1)
	}
	cfg.Payer = cfg.Payer.Clone()
	s := &Server{
		cfg:    cfg,
		signer: cfg.HostKey,
		fs:     newMemFS(cfg.Clock),
		conns:  map[net.Conn]struct{}{},
		timers: map[*time.Timer]struct{}{},
	}
	s.faults.set(cfg.Faults)
	if s.signer == nil {
		_, key, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, fmt.Errorf("sim: host key: %w", err)
		}
		if s.signer, err = ssh.NewSignerFromKey(key); err != nil {
			return nil, fmt.Errorf("sim: host key: %w", err)
		}
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("sim: listen: %w", err)
	}
	s.ln = ln
	s.stop = context.AfterFunc(ctx, func() { s.Close() })
	s.wg.Add(1)
	go s.accept(s.sshConfig())
	return s, nil
}

func (s *Server) sshConfig() *ssh.ServerConfig {
	c := &ssh.ServerConfig{
		PasswordCallback: func(m ssh.ConnMetadata, pw []byte) (*ssh.Permissions, error) {
			u, ok := s.cfg.Users[m.User()]
			if ok && u.Password != "" && subtle.ConstantTimeCompare([]byte(u.Password), pw) == 1 {
				return nil, nil
			}
			return nil, errors.New("sim: access denied")
		},
		PublicKeyCallback: func(m ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
			want := key.Marshal()
			for _, k := range s.cfg.Users[m.User()].PublicKeys {
				if bytes.Equal(k.Marshal(), want) {
					return nil, nil
				}
			}
			return nil, errors.New("sim: access denied")
		},
	}
	c.AddHostKey(s.signer)
	return c
}

// Addr returns the address the server listens on (host:port).
func (s *Server) Addr() string { return s.ln.Addr().String() }

// HostKey returns the server's public host key, for a client's
// ssh.FixedHostKey or known_hosts file.
func (s *Server) HostKey() ssh.PublicKey { return s.signer.PublicKey() }

// KnownHostsLine returns the known_hosts line of the server
// ("[127.0.0.1]:port ssh-ed25519 AAAA...").
func (s *Server) KnownHostsLine() string {
	return knownhosts.Line([]string{knownhosts.Normalize(s.Addr())}, s.HostKey())
}

// Received returns the names of the files received in /inbound, in the
// order they arrived.
func (s *Server) Received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.received...)
}

// Outbound returns the names of the files in /outbound, sorted.
func (s *Server) Outbound() []string {
	l, _ := s.fs.list(OutboundDir)
	out := make([]string, len(l))
	for i, fi := range l {
		out[i] = fi.Name()
	}
	return out
}

// ReadFile returns the content of a file of the server, by path
// ("/outbound/batch.999").
func (s *Server) ReadFile(p string) ([]byte, error) {
	return s.fs.read(path.Clean("/" + p))
}

// Errors returns the errors met while answering received files (a file
// that is not X12 has no response), in order.
func (s *Server) Errors() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]error(nil), s.errs...)
}

// SetFaults replaces the injected faults and restarts their counts.
func (s *Server) SetFaults(f Faults) { s.faults.set(f) }

// Process writes the responses of the files waiting in Manual mode (or
// for their Delay) now, and returns how many files it answered and the
// errors met.
func (s *Server) Process() (int, error) {
	s.mu.Lock()
	pending := s.pending
	s.pending = nil
	for t := range s.timers {
		if t.Stop() {
			s.wg.Done()
		}
	}
	clear(s.timers)
	s.mu.Unlock()
	var errs []error
	for _, p := range pending {
		if err := s.respond(p); err != nil {
			errs = append(errs, err)
		}
	}
	return len(pending), errors.Join(errs...)
}

// Close stops the server: it closes the listener and every connection
// and waits for them to end. Responses still waiting are dropped. It
// can be called more than once.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.stop()
		s.mu.Lock()
		s.closed = true
		for c := range s.conns {
			c.Close()
		}
		for t := range s.timers {
			if t.Stop() {
				s.wg.Done()
			}
		}
		clear(s.timers)
		s.mu.Unlock()
		if err := s.ln.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
			s.closeErr = err
		}
		s.wg.Wait()
	})
	return s.closeErr
}

func (s *Server) accept(cfg *ssh.ServerConfig) {
	defer s.wg.Done()
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			nc.Close()
			return
		}
		s.conns[nc] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go s.serve(nc, cfg)
	}
}

// handshakeTimeout bounds the SSH handshake of a connection.
const handshakeTimeout = 10 * time.Second

func (s *Server) serve(nc net.Conn, cfg *ssh.ServerConfig) {
	defer s.wg.Done()
	defer func() {
		s.mu.Lock()
		delete(s.conns, nc)
		s.mu.Unlock()
		nc.Close()
	}()
	nc.SetDeadline(time.Now().Add(handshakeTimeout))
	conn, chans, reqs, err := ssh.NewServerConn(nc, cfg)
	if err != nil {
		return
	}
	nc.SetDeadline(time.Time{})
	defer conn.Close()
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Go(func() { ssh.DiscardRequests(reqs) })
	for nch := range chans {
		if nch.ChannelType() != "session" {
			nch.Reject(ssh.UnknownChannelType, "only sessions")
			continue
		}
		ch, creqs, err := nch.Accept()
		if err != nil {
			continue
		}
		wg.Go(func() { s.session(conn, ch, creqs) })
	}
}

// session serves one SSH session: the sftp subsystem, nothing else.
func (s *Server) session(conn ssh.Conn, ch ssh.Channel, reqs <-chan *ssh.Request) {
	defer ch.Close()
	var wg sync.WaitGroup
	defer wg.Wait()
	started := false
	for req := range reqs {
		ok := !started && req.Type == "subsystem" && len(req.Payload) > 4 && string(req.Payload[4:]) == "sftp"
		req.Reply(ok, nil)
		if !ok {
			continue
		}
		started = true
		h := &session{s: s, conn: conn}
		wg.Go(func() {
			rs := sftp.NewRequestServer(ch, h.handlers())
			rs.Serve()
			rs.Close()
			ch.Close()
		})
	}
}

// receive records a file that arrived complete in /inbound and answers
// it now, after Delay, or on Process.
func (s *Server) receive(p string) {
	s.mu.Lock()
	s.received = append(s.received, path.Base(p))
	switch {
	case s.closed:
		s.mu.Unlock()
		return
	case s.cfg.Manual:
		s.pending = append(s.pending, p)
		s.mu.Unlock()
		return
	case s.cfg.Delay > 0:
		s.pending = append(s.pending, p)
		s.wg.Add(1)
		var t *time.Timer
		t = time.AfterFunc(s.cfg.Delay, func() {
			defer s.wg.Done()
			s.mu.Lock()
			delete(s.timers, t)
			i := indexOf(s.pending, p)
			if i >= 0 {
				s.pending = append(s.pending[:i], s.pending[i+1:]...)
			}
			s.mu.Unlock()
			if i >= 0 {
				s.respond(p)
			}
		})
		s.timers[t] = struct{}{}
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	s.respond(p)
}

func indexOf(list []string, v string) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

// respond runs the payer on the received file p and stores its
// responses in /outbound.
func (s *Server) respond(p string) error {
	if s.faults.get().FailResponses {
		return s.fail(fmt.Errorf("%w: no response to %s", ErrInjected, path.Base(p)))
	}
	s.proc.Lock()
	defer s.proc.Unlock()
	data, err := s.fs.read(p)
	if err != nil {
		return s.fail(fmt.Errorf("sim: %s: %w", path.Base(p), err))
	}
	now := s.cfg.Clock()
	env := s.cfg.Envelope
	env.Date = x12.DateOf(now)
	env.Time = x12.TimeOfDay{Hour: now.Hour(), Minute: now.Minute(), Precision: 4}
	files, err := s.cfg.Payer.Respond(path.Base(p), data, env)
	if err != nil {
		return s.fail(err)
	}
	for _, f := range files {
		s.fs.putOutbound(f.Name, f.Data)
	}
	return nil
}

func (s *Server) fail(err error) error {
	s.mu.Lock()
	s.errs = append(s.errs, err)
	s.mu.Unlock()
	return err
}
