package sftp_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/internal/transporttest"
	"github.com/claimkit/claimkit/clearinghouse/sftp"
	"github.com/claimkit/claimkit/clearinghouse/sim"
)

// server starts a simulated clearinghouse on loopback and returns it
// with a client Config whose known_hosts file holds its key.
func server(t *testing.T, users map[string]sim.User) (*sim.Server, sftp.Config) {
	t.Helper()
	if users == nil {
		users = map[string]sim.User{"clinic": {Password: "s3cret"}}
	}
	s, err := sim.Start(t.Context(), sim.Config{Payer: sim.DefaultPayer(), Users: users, Manual: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	kh := filepath.Join(t.TempDir(), "known_hosts")
	if err := os.WriteFile(kh, []byte(s.KnownHostsLine()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return s, sftp.Config{Addr: s.Addr(), User: "clinic", Password: "s3cret", KnownHostsFile: kh, Timeout: 10 * time.Second}
}

func dial(t *testing.T, cfg sftp.Config) *sftp.Transport {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	tr, err := sftp.Dial(ctx, cfg)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	return tr
}

func TestContract(t *testing.T) {
	_, cfg := server(t, nil)
	transporttest.Run(t, func(t *testing.T) clearinghouse.Transport { return dial(t, cfg) }, sim.InboundDir)
}

func TestHostKeyChecking(t *testing.T) {
	s, cfg := server(t, nil)
	other, err := sim.Start(t.Context(), sim.Config{Payer: sim.DefaultPayer(), Users: map[string]sim.User{"clinic": {Password: "s3cret"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// known_hosts with the other server's key under this server's address.
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	signer, _ := ssh.NewSignerFromKey(otherKey)
	wrongLine := knownLine(s.Addr(), signer.PublicKey())
	tests := []struct {
		name       string
		knownHosts string
		want       error
	}{
		{"empty file", write("empty", ""), sftp.ErrUnknownHost},
		{"other host only", write("other", other.KnownHostsLine()+"\n"), sftp.ErrUnknownHost},
		{"wrong key", write("wrong", wrongLine+"\n"), sftp.ErrHostKeyMismatch},
		{"missing file", filepath.Join(dir, "absent"), sftp.ErrConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cfg
			c.KnownHostsFile = tt.knownHosts
			tr, err := sftp.Dial(t.Context(), c)
			if err == nil {
				tr.Close()
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Dial = %v, want %v", err, tt.want)
			}
		})
	}
	t.Run("no known_hosts at all", func(t *testing.T) {
		c := cfg
		c.KnownHostsFile = ""
		if _, err := sftp.Dial(t.Context(), c); !errors.Is(err, sftp.ErrConfig) {
			t.Fatalf("Dial without known_hosts = %v, want ErrConfig", err)
		}
	})
}

func knownLine(addr string, key ssh.PublicKey) string {
	host, port, _ := splitHostPort(addr)
	return "[" + host + "]:" + port + " " + string(trimNL(ssh.MarshalAuthorizedKey(key)))
}

func TestAuthentication(t *testing.T) {
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	keyPEM := pem.EncodeToMemory(block)
	_, cfg := server(t, map[string]sim.User{"clinic": {Password: "s3cret", PublicKeys: []ssh.PublicKey{signer.PublicKey()}}})

	t.Run("key", func(t *testing.T) {
		c := cfg
		c.Password, c.PrivateKey = "", keyPEM
		dial(t, c).Close()
	})
	t.Run("wrong password", func(t *testing.T) {
		c := cfg
		c.Password = "nope"
		if tr, err := sftp.Dial(t.Context(), c); err == nil {
			tr.Close()
			t.Fatal("Dial with a wrong password succeeded")
		}
	})
	t.Run("bad key", func(t *testing.T) {
		c := cfg
		c.PrivateKey = []byte("not a key")
		if _, err := sftp.Dial(t.Context(), c); !errors.Is(err, sftp.ErrConfig) {
			t.Fatalf("Dial with a bad key = %v, want ErrConfig", err)
		}
	})
}

// A call that outlives its context is cut short: pkg/sftp ignores
// contexts, so the transport closes the connection.
func TestContextEndsSlowCall(t *testing.T) {
	s, cfg := server(t, nil)
	tr := dial(t, cfg)
	defer tr.Close()
	// The server holds the listing for 3 s (its Close waits for it).
	s.SetFaults(sim.Faults{ListDelay: 3 * time.Second})
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := tr.List(ctx, sim.OutboundDir); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("List = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("List returned after %v", d)
	}
}

// A dial that outlives its context gives up.
func TestDialContext(t *testing.T) {
	_, cfg := server(t, nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := sftp.Dial(ctx, cfg); err == nil {
		t.Fatal("Dial with a canceled context succeeded")
	}
}
