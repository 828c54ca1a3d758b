package sim

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

func newSigner(t testing.TB) ssh.Signer {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAuth(t *testing.T) {
	t.Parallel()
	userKey := newSigner(t)
	s := startServer(t, Config{Users: map[string]User{
		testUser: {Password: testPassword, PublicKeys: []ssh.PublicKey{userKey.PublicKey()}},
	}})
	for _, tc := range []struct {
		name string
		auth ssh.AuthMethod
		ok   bool
	}{
		{"password", ssh.Password(testPassword), true},
		{"wrong password", ssh.Password("wrong"), false},
		{"empty password", ssh.Password(""), false},
		{"public key", ssh.PublicKeys(userKey), true},
		{"unknown public key", ssh.PublicKeys(newSigner(t)), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			conn, err := dialSSH(s, s.HostKey(), tc.auth)
			if tc.ok {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				defer conn.Close()
				c, err := sftp.NewClient(conn)
				if err != nil {
					t.Fatal(err)
				}
				defer c.Close()
				if _, err := c.ReadDir(InboundDir); err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				conn.Close()
				t.Fatal("accepted")
			}
			if !isAuthFailure(err) {
				t.Fatalf("refused for another reason: %v", err)
			}
		})
	}
}

// isAuthFailure reports whether err is the client's "unable to
// authenticate" handshake error.
func isAuthFailure(err error) bool {
	return err != nil && strings.Contains(err.Error(), "unable to authenticate")
}

func TestHostKey(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{})
	if got := s.HostKey().Type(); got != ssh.KeyAlgoED25519 {
		t.Errorf("host key type %s, want ed25519", got)
	}

	t.Run("unknown key refused", func(t *testing.T) {
		t.Parallel()
		conn, err := dialSSH(s, newSigner(t).PublicKey(), ssh.Password(testPassword))
		if err == nil {
			conn.Close()
			t.Fatal("a server with another host key was accepted")
		}
		if !strings.Contains(err.Error(), "host key mismatch") {
			t.Errorf("refused for another reason: %v", err)
		}
	})

	t.Run("known_hosts line", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		known := filepath.Join(dir, "known_hosts")
		if err := os.WriteFile(known, []byte(s.KnownHostsLine()+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		cb, err := knownhosts.New(known)
		if err != nil {
			t.Fatal(err)
		}
		conn, err := dialWith(s, cb, ssh.Password(testPassword))
		if err != nil {
			t.Fatalf("the server's own known_hosts line does not verify it: %v", err)
		}
		conn.Close()

		empty := filepath.Join(dir, "empty")
		if err := os.WriteFile(empty, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		cb, err = knownhosts.New(empty)
		if err != nil {
			t.Fatal(err)
		}
		conn, err = dialWith(s, cb, ssh.Password(testPassword))
		if err == nil {
			conn.Close()
			t.Fatal("a host missing from known_hosts was accepted")
		}
		var ke *knownhosts.KeyError
		if !errors.As(err, &ke) || len(ke.Want) != 0 {
			t.Errorf("unknown host: got %v, want an unknown-host error", err)
		}
	})
}
