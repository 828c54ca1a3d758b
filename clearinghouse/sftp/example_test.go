package sftp_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/claimkit/claimkit/clearinghouse/sftp"
)

// Dial checks the server's host key against known_hosts; the secrets
// are read by the caller, never by this package from a configuration.
func ExampleDial() {
	key, err := os.ReadFile("/etc/claimkit/id_ed25519")
	if err != nil {
		log.Fatal(err)
	}
	t, err := sftp.Dial(context.Background(), sftp.Config{
		Addr: "sftp.clearinghouse.example:22", User: "acme", PrivateKey: key,
		KnownHostsFile: "/etc/claimkit/known_hosts",
	})
	if err != nil {
		log.Fatal(err) // sftp.ErrUnknownHost when the server is not in known_hosts
	}
	defer t.Close()
	files, err := t.List(context.Background(), "/outbound")
	fmt.Println(len(files), err)
}
