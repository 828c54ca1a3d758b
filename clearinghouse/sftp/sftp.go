package sftp

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	pkgsftp "github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/claimkit/claimkit/clearinghouse"
)

// Sentinel errors of the package; match them with errors.Is.
var (
	// ErrConfig: a Config that Dial cannot use.
	ErrConfig = errors.New("sftp: invalid config")
	// ErrUnknownHost: known_hosts has no key for the server. There is no
	// way to skip the check: add the server's key to the file.
	ErrUnknownHost = errors.New("sftp: host not in known_hosts")
	// ErrHostKeyMismatch: the server's key is not the one known_hosts
	// holds for it (or is revoked there).
	ErrHostKeyMismatch = errors.New("sftp: host key does not match known_hosts")
)

// DefaultTimeout bounds the connection and the SSH handshake when Config
// says nothing.
const DefaultTimeout = 30 * time.Second

// Config says how to reach and authenticate to an SFTP server. The
// secrets are values, never file names or variable names: the caller
// (cmd/claimkitd) reads them from where its configuration says.
type Config struct {
	// Addr is host:port.
	Addr string
	User string
	// Password and PrivateKey (PEM, with Passphrase when it is
	// encrypted) authenticate the user; at least one is required. The
	// key is tried first.
	Password   string
	PrivateKey []byte
	Passphrase []byte
	// KnownHostsFile is the OpenSSH known_hosts file the server's host
	// key is checked against. Required: an unknown host is refused.
	KnownHostsFile string
	// Timeout bounds the connection and the handshake; 0 means
	// DefaultTimeout.
	Timeout time.Duration
}

// The algorithms offered, strongest first: explicit minimums, so that a
// server that offers only SHA-1 or CBC suites is refused.
var (
	keyExchanges = []string{"mlkem768x25519-sha256", "curve25519-sha256", "curve25519-sha256@libssh.org",
		"ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "diffie-hellman-group16-sha512",
		"diffie-hellman-group14-sha256"}
	ciphers = []string{"chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes128-gcm@openssh.com",
		"aes256-ctr", "aes192-ctr", "aes128-ctr"}
	macs = []string{"hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512"}
)

// Transport is a clearinghouse.Transport over one SFTP connection.
type Transport struct {
	conn   net.Conn
	client *ssh.Client
	sftp   *pkgsftp.Client
}

var _ clearinghouse.Transport = (*Transport)(nil)

// Dial connects, checks the server's host key against KnownHostsFile
// and authenticates. ctx bounds the whole of it: the connection is
// closed if ctx ends during the handshake.
func Dial(ctx context.Context, cfg Config) (*Transport, error) {
	if cfg.Addr == "" || cfg.User == "" || cfg.KnownHostsFile == "" || cfg.Password == "" && len(cfg.PrivateKey) == 0 {
		return nil, fmt.Errorf("%w: Addr, User, KnownHostsFile and a password or key are required", ErrConfig)
	}
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		return nil, fmt.Errorf("%w: Addr: %w", ErrConfig, err)
	}
	check, err := knownhosts.New(cfg.KnownHostsFile)
	if err != nil {
		return nil, fmt.Errorf("%w: known_hosts: %w", ErrConfig, err)
	}
	algos, err := hostKeyAlgorithms(check, cfg.Addr)
	if err != nil {
		return nil, err
	}
	var auth []ssh.AuthMethod
	if len(cfg.PrivateKey) > 0 {
		var signer ssh.Signer
		if len(cfg.Passphrase) > 0 {
			signer, err = ssh.ParsePrivateKeyWithPassphrase(cfg.PrivateKey, cfg.Passphrase)
		} else {
			signer, err = ssh.ParsePrivateKey(cfg.PrivateKey)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: private key: %w", ErrConfig, err)
		}
		auth = append(auth, ssh.PublicKeys(signer))
	}
	if cfg.Password != "" {
		auth = append(auth, ssh.Password(cfg.Password))
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	sshCfg := &ssh.ClientConfig{
		User:              cfg.User,
		Auth:              auth,
		HostKeyCallback:   hostKeyCallback(check),
		HostKeyAlgorithms: algos,
		Timeout:           timeout,
		Config:            ssh.Config{KeyExchanges: keyExchanges, Ciphers: ciphers, MACs: macs},
	}

	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(dctx, "tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("sftp: dial %s: %w", cfg.Addr, err)
	}
	stop := context.AfterFunc(dctx, func() { conn.Close() })
	if dl, ok := dctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	c, chans, reqs, err := ssh.NewClientConn(conn, cfg.Addr, sshCfg)
	if !stop() {
		if err == nil {
			c.Close()
		}
		conn.Close()
		return nil, fmt.Errorf("sftp: handshake with %s: %w", cfg.Addr, cmpErr(ctx.Err(), dctx.Err()))
	}
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("sftp: handshake with %s: %w", cfg.Addr, err)
	}
	conn.SetDeadline(time.Time{})
	client := ssh.NewClient(c, chans, reqs)
	sc, err := pkgsftp.NewClient(client)
	if err != nil {
		client.Close()
		return nil, fmt.Errorf("sftp: starting the sftp subsystem on %s: %w", cfg.Addr, err)
	}
	return &Transport{conn: conn, client: client, sftp: sc}, nil
}

func cmpErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return context.Canceled
}

// addrString is a net.Addr for a host:port string.
type addrString string

func (a addrString) Network() string { return "tcp" }
func (a addrString) String() string  { return string(a) }

// hostKeyAlgorithms returns the key algorithms known_hosts has for addr,
// so that the server is asked for a key the file can check. A host the
// file does not know is refused before any connection.
func hostKeyAlgorithms(check ssh.HostKeyCallback, addr string) ([]string, error) {
	probe, err := ssh.NewPublicKey(ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)).Public())
	if err != nil {
		return nil, err
	}
	err = check(addr, addrString(addr), probe)
	var ke *knownhosts.KeyError
	switch {
	case errors.As(err, &ke) && len(ke.Want) > 0:
		// A known host: the probe does not match its keys, as meant.
	case err == nil || ke != nil:
		return nil, fmt.Errorf("%w: %s", ErrUnknownHost, addr)
	default:
		return nil, fmt.Errorf("%w: known_hosts: %w", ErrConfig, err)
	}
	var algos []string
	for _, k := range ke.Want {
		t := k.Key.Type()
		switch t {
		case ssh.KeyAlgoRSA:
			algos = append(algos, ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256)
		case ssh.CertAlgoRSAv01:
			algos = append(algos, ssh.CertAlgoRSASHA512v01, ssh.CertAlgoRSASHA256v01)
		default:
			algos = append(algos, t)
		}
	}
	slices.Sort(algos)
	return slices.Compact(algos), nil
}

// hostKeyCallback wraps the known_hosts check with this package's
// sentinels.
func hostKeyCallback(check ssh.HostKeyCallback) ssh.HostKeyCallback {
	return func(host string, remote net.Addr, key ssh.PublicKey) error {
		err := check(host, remote, key)
		var ke *knownhosts.KeyError
		var re *knownhosts.RevokedError
		switch {
		case err == nil:
			return nil
		case errors.As(err, &ke) && len(ke.Want) == 0:
			return fmt.Errorf("%w: %s", ErrUnknownHost, host)
		case errors.As(err, &ke), errors.As(err, &re):
			return fmt.Errorf("%w: %s offered %s %s", ErrHostKeyMismatch, host, key.Type(), ssh.FingerprintSHA256(key))
		}
		return err
	}
}

// op runs f, closing the connection if ctx ends first: pkg/sftp calls
// do not take a context. The Transport is unusable after that.
func (t *Transport) op(ctx context.Context, f func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { t.conn.Close() })
	err := f()
	if !stop() {
		return cmpErr(ctx.Err())
	}
	return err
}

// file returns the remote path of name in dir.
func file(dir, name string) (string, error) {
	if err := clearinghouse.CheckName(name); err != nil {
		return "", err
	}
	return path.Join(dir, name), nil
}

// List implements clearinghouse.Transport.
func (t *Transport) List(ctx context.Context, dir string) ([]clearinghouse.FileInfo, error) {
	var out []clearinghouse.FileInfo
	err := t.op(ctx, func() error {
		fis, err := t.sftp.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, fi := range fis {
			if fi.Mode().IsRegular() {
				out = append(out, clearinghouse.FileInfo{Name: fi.Name(), Size: fi.Size(), ModTime: fi.ModTime()})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sftp: list %s: %w", dir, err)
	}
	slices.SortFunc(out, func(a, b clearinghouse.FileInfo) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Download implements clearinghouse.Transport.
func (t *Transport) Download(ctx context.Context, dir, name string, w io.Writer) (int64, error) {
	p, err := file(dir, name)
	if err != nil {
		return 0, err
	}
	var n int64
	err = t.op(ctx, func() error {
		f, err := t.sftp.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		n, err = f.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("sftp: download %s: %w", p, err)
	}
	return n, nil
}

// Upload implements clearinghouse.Transport. The upload is complete only
// when the server accepts the close of the file.
func (t *Transport) Upload(ctx context.Context, dir, name string, r io.Reader) (int64, error) {
	p, err := file(dir, name)
	if err != nil {
		return 0, err
	}
	var n int64
	err = t.op(ctx, func() error {
		f, err := t.sftp.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
		if err != nil {
			return err
		}
		n, err = io.Copy(f, r)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
	if err != nil {
		return n, fmt.Errorf("sftp: upload %s: %w", p, err)
	}
	return n, nil
}

// Rename implements clearinghouse.Transport with the plain SFTP rename,
// which does not replace an existing file. When it fails and the target
// exists, the error wraps fs.ErrExist.
func (t *Transport) Rename(ctx context.Context, dir, from, to string) error {
	pf, err := file(dir, from)
	if err != nil {
		return err
	}
	pt, err := file(dir, to)
	if err != nil {
		return err
	}
	err = t.op(ctx, func() error {
		err := t.sftp.Rename(pf, pt)
		if err != nil {
			if _, serr := t.sftp.Stat(pt); serr == nil {
				return fmt.Errorf("%w (%w)", fs.ErrExist, err)
			}
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("sftp: rename %s to %s: %w", pf, pt, err)
	}
	return nil
}

// Stat implements clearinghouse.Transport.
func (t *Transport) Stat(ctx context.Context, dir, name string) (clearinghouse.FileInfo, error) {
	p, err := file(dir, name)
	if err != nil {
		return clearinghouse.FileInfo{}, err
	}
	var out clearinghouse.FileInfo
	err = t.op(ctx, func() error {
		fi, err := t.sftp.Stat(p)
		if err != nil {
			return err
		}
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("not a regular file: %w", fs.ErrNotExist)
		}
		out = clearinghouse.FileInfo{Name: name, Size: fi.Size(), ModTime: fi.ModTime()}
		return nil
	})
	if err != nil {
		return clearinghouse.FileInfo{}, fmt.Errorf("sftp: stat %s: %w", p, err)
	}
	return out, nil
}

// Remove implements clearinghouse.Transport.
func (t *Transport) Remove(ctx context.Context, dir, name string) error {
	p, err := file(dir, name)
	if err != nil {
		return err
	}
	if err := t.op(ctx, func() error { return t.sftp.Remove(p) }); err != nil {
		return fmt.Errorf("sftp: remove %s: %w", p, err)
	}
	return nil
}

// Close ends the SFTP session and the connection.
func (t *Transport) Close() error {
	err := t.sftp.Close()
	if cerr := t.client.Close(); err == nil && cerr != nil && !errors.Is(cerr, net.ErrClosed) {
		err = cerr
	}
	if err != nil && !errors.Is(err, net.ErrClosed) && !errors.Is(err, io.EOF) {
		return fmt.Errorf("sftp: close: %w", err)
	}
	return nil
}
