//go:build integration

package sftp_test

import (
	"os"
	"testing"

	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/internal/transporttest"
	"github.com/claimkit/claimkit/clearinghouse/sftp"
)

// TestContractRealServer runs the contract tests against a real SFTP
// server, described by the environment:
//
//	CLAIMKIT_SFTP_ADDR         host:port
//	CLAIMKIT_SFTP_USER         user name
//	CLAIMKIT_SFTP_PASSWORD     password (or CLAIMKIT_SFTP_KEY_FILE, a PEM key)
//	CLAIMKIT_SFTP_KNOWN_HOSTS  known_hosts file holding the server's key
//	CLAIMKIT_SFTP_DIR          a folder the tests may write to
//
//	go test -tags integration -run TestContractRealServer ./clearinghouse/sftp
func TestContractRealServer(t *testing.T) {
	addr := os.Getenv("CLAIMKIT_SFTP_ADDR")
	if addr == "" {
		t.Skip("CLAIMKIT_SFTP_ADDR is not set")
	}
	cfg := sftp.Config{Addr: addr, User: os.Getenv("CLAIMKIT_SFTP_USER"), Password: os.Getenv("CLAIMKIT_SFTP_PASSWORD"),
		KnownHostsFile: os.Getenv("CLAIMKIT_SFTP_KNOWN_HOSTS")}
	if p := os.Getenv("CLAIMKIT_SFTP_KEY_FILE"); p != "" {
		key, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cfg.PrivateKey = key
	}
	transporttest.Run(t, func(t *testing.T) clearinghouse.Transport { return dial(t, cfg) }, os.Getenv("CLAIMKIT_SFTP_DIR"))
}
