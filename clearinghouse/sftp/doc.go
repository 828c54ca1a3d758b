// Package sftp is a clearinghouse.Transport over SFTP (pkg/sftp on
// golang.org/x/crypto/ssh).
//
//	t, err := sftp.Dial(ctx, sftp.Config{
//		Addr: "sftp.clearinghouse.example:22", User: "acme",
//		PrivateKey: key, // or Password; read by the caller from a file or the environment
//		KnownHostsFile: "/etc/claimkit/known_hosts",
//	})
//	defer t.Close()
//	_, err = t.Upload(ctx, "/inbound", "batch.837.part", f)
//	err = t.Rename(ctx, "/inbound", "batch.837.part", "batch.837")
//
// Security is not optional: the server's host key is checked against
// the known_hosts file (an unknown host fails with ErrUnknownHost before
// any connection is made, a changed key with ErrHostKeyMismatch), and
// the client offers only modern key exchanges, ciphers and MACs. Names
// are checked with clearinghouse.CheckName before they reach a remote
// path.
//
// pkg/sftp calls take no context, so Dial uses a context-aware dialer
// and every call closes the connection when its context ends
// (context.AfterFunc); the Transport is then unusable, which suits the
// daemon's one connection per cycle.
package sftp
