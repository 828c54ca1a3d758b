package clearinghouse

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
)

// FileInfo describes a file in a remote folder.
type FileInfo struct {
	Name    string
	Size    int64
	ModTime time.Time
}

// Transport moves files to and from a clearinghouse: an SFTP server
// (clearinghouse/sftp) or local folders (clearinghouse/dirdrop). dir is a
// remote folder from the configuration; name is a plain file name inside
// it, which every implementation checks with CheckName before it touches
// anything. Every method that does I/O takes ctx first and gives up when
// ctx ends.
//
// Upload writes under the name it is given: the Submitter uploads under a
// temporary name and then renames, so that the clearinghouse never sees
// half a file under the final name. The contract tests in
// clearinghouse/internal/transporttest pin these rules down for every
// implementation.
type Transport interface {
	// List returns the regular files of dir, sorted by name. A file being
	// uploaded under a final name is never listed half written.
	List(ctx context.Context, dir string) ([]FileInfo, error)
	// Download copies the file to w and returns the bytes copied.
	Download(ctx context.Context, dir, name string, w io.Writer) (int64, error)
	// Upload creates or truncates the file and writes r to it.
	Upload(ctx context.Context, dir, name string, r io.Reader) (int64, error)
	// Rename renames from to to inside dir. It fails, changing nothing,
	// when to exists.
	Rename(ctx context.Context, dir, from, to string) error
	// Stat describes one file; a missing file gives an error wrapping
	// fs.ErrNotExist.
	Stat(ctx context.Context, dir, name string) (FileInfo, error)
	// Remove deletes one file.
	Remove(ctx context.Context, dir, name string) error
	// Close releases the connection.
	Close() error
}

// CheckName returns an error wrapping ErrUnsafeName unless name is a
// plain local file name: not empty, not "." or "..", no directory part
// (neither slash nor backslash), and local by filepath.IsLocal. Remote
// names pass through it before they are used in a remote path or a
// local one.
func CheckName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`+"\x00") || !filepath.IsLocal(name) {
		return fmt.Errorf("%w: %q", ErrUnsafeName, name)
	}
	return nil
}
