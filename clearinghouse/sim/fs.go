package sim

import (
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pkg/sftp"
)

// The two folders of the server.
const (
	// InboundDir is where clients upload 837P files.
	InboundDir = "/inbound"
	// OutboundDir is where responses appear.
	OutboundDir = "/outbound"
)

// IsTempName reports whether name is an upload in progress by the
// usual conventions: it starts with a dot or a tilde, or ends with .tmp,
// .temp, .part, .partial or .filepart (any case). A file renamed into
// /inbound with any other name is received.
func IsTempName(name string) bool {
	base := path.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~") {
		return true
	}
	ext := strings.ToLower(path.Ext(base))
	switch ext {
	case ".tmp", ".temp", ".part", ".partial", ".filepart":
		return true
	}
	return false
}

// memFile is a file of the in-memory file system.
type memFile struct {
	path string
	data []byte
	mod  time.Time
	// writers counts open write handles; a file with any is hidden from
	// listings.
	writers int
	// deliver: the file has its final name in /inbound and is received
	// when its last writer closes.
	deliver bool
	// received: it was accepted; it can no longer change.
	received bool
}

// memFS holds the files of the two folders. Every method locks mu.
type memFS struct {
	mu    sync.Mutex
	files map[string]*memFile
	clock func() time.Time
}

func newMemFS(clock func() time.Time) *memFS {
	return &memFS{files: map[string]*memFile{}, clock: clock}
}

// fileIn reports whether p is a file path directly inside dir.
func fileIn(p, dir string) bool {
	return path.Dir(p) == dir && path.Base(p) != "" && p != dir
}

func isDir(p string) bool { return p == "/" || p == InboundDir || p == OutboundDir }

type fileInfo struct {
	name string
	size int64
	mod  time.Time
	dir  bool
}

func (fi *fileInfo) Name() string       { return fi.name }
func (fi *fileInfo) Size() int64        { return fi.size }
func (fi *fileInfo) ModTime() time.Time { return fi.mod }
func (fi *fileInfo) IsDir() bool        { return fi.dir }
func (fi *fileInfo) Sys() any           { return nil }
func (fi *fileInfo) Mode() fs.FileMode {
	if fi.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}

func (m *memFS) info(p string) (os.FileInfo, error) {
	if isDir(p) {
		return &fileInfo{name: path.Base(p), dir: true}, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.files[p]
	if f == nil {
		return nil, os.ErrNotExist
	}
	return &fileInfo{name: path.Base(p), size: int64(len(f.data)), mod: f.mod}, nil
}

// list returns the complete files of dir, sorted by name: a file that is
// being written is not listed.
func (m *memFS) list(dir string) ([]os.FileInfo, error) {
	if dir == "/" {
		return []os.FileInfo{&fileInfo{name: "inbound", dir: true}, &fileInfo{name: "outbound", dir: true}}, nil
	}
	if !isDir(dir) {
		return nil, os.ErrNotExist
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []os.FileInfo
	for p, f := range m.files {
		if path.Dir(p) == dir && f.writers == 0 {
			out = append(out, &fileInfo{name: path.Base(p), size: int64(len(f.data)), mod: f.mod})
		}
	}
	slices.SortFunc(out, func(a, b os.FileInfo) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// read returns a copy of the file at p.
func (m *memFS) read(p string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.files[p]
	if f == nil {
		return nil, os.ErrNotExist
	}
	return slices.Clone(f.data), nil
}

// openWrite opens p for writing as an SFTP open with flags asks.
func (m *memFS) openWrite(p string, flags sftp.FileOpenFlags) (*memFile, error) {
	if !fileIn(p, InboundDir) {
		return nil, os.ErrPermission
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.files[p]
	switch {
	case f == nil && !flags.Creat:
		return nil, os.ErrNotExist
	case f != nil && flags.Excl:
		return nil, os.ErrExist
	case f != nil && f.received:
		return nil, os.ErrPermission
	case f == nil:
		f = &memFile{path: p, mod: m.clock()}
		m.files[p] = f
	}
	if flags.Trunc {
		f.data = f.data[:0]
	}
	f.writers++
	f.deliver = f.deliver || !IsTempName(p)
	return f, nil
}

func (m *memFS) writeAt(f *memFile, b []byte, off int64) (int, error) {
	if off < 0 || off > maxFileSize || int64(len(b)) > maxFileSize-off {
		return 0, sftp.ErrSSHFxFailure
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	end := int(off) + len(b)
	if end > len(f.data) {
		f.data = slices.Grow(f.data, end-len(f.data))[:end]
	}
	copy(f.data[off:], b)
	f.mod = m.clock()
	return len(b), nil
}

// maxFileSize caps an upload (the simulator keeps files in memory).
const maxFileSize = 64 << 20

// closeWrite closes one write handle of f. It returns the path to
// receive when f is complete, has its final name in /inbound and has not
// been received yet. A broken upload (the connection failed while the
// file was open) is discarded: it was never complete.
func (m *memFS) closeWrite(f *memFile, broken bool) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f.writers--
	current := m.files[f.path] == f
	if broken {
		f.deliver = false
		if current && !f.received {
			delete(m.files, f.path)
		}
		return "", false
	}
	if f.writers > 0 || !f.deliver || f.received || !current {
		return "", false
	}
	f.received = true
	return f.path, true
}

// rename moves from to to. With replace (posix-rename) an existing
// target is replaced, else it is an error. It returns the path to
// receive when the file arrives complete in /inbound under its final
// name.
func (m *memFS) rename(from, to string, replace bool) (string, bool, error) {
	if !fileIn(from, InboundDir) && !fileIn(from, OutboundDir) || path.Dir(from) != path.Dir(to) || !fileIn(to, path.Dir(from)) {
		return "", false, os.ErrPermission
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.files[from]
	if f == nil {
		return "", false, os.ErrNotExist
	}
	if from == to {
		return "", false, nil
	}
	if f.received {
		return "", false, os.ErrPermission
	}
	if old := m.files[to]; old != nil && (!replace || old.received || old.writers > 0) {
		return "", false, os.ErrExist
	}
	delete(m.files, from)
	f.path = to
	m.files[to] = f
	if path.Dir(to) != InboundDir || IsTempName(to) {
		f.deliver = false
		return "", false, nil
	}
	f.deliver = true
	if f.writers > 0 {
		return "", false, nil // received when its last writer closes
	}
	f.received = true
	return to, true, nil
}

// remove deletes a file. Received files stay: they are the record of
// what was delivered.
func (m *memFS) remove(p string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.files[p]
	switch {
	case f == nil:
		return os.ErrNotExist
	case f.received || f.writers > 0:
		return os.ErrPermission
	}
	delete(m.files, p)
	return nil
}

// putOutbound stores a response file under a name not yet used in
// /outbound (name, then name-2, name-3, ... before the extension) and
// returns its path.
func (m *memFS) putOutbound(name string, data []byte) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	p := path.Join(OutboundDir, name)
	for i := 2; m.files[p] != nil; i++ {
		p = path.Join(OutboundDir, stem+"-"+strconv.Itoa(i)+ext)
	}
	m.files[p] = &memFile{path: p, data: data, mod: m.clock()}
	return p
}

// listerAt serves a fixed list of file infos.
type listerAt []os.FileInfo

func (l listerAt) ListAt(ls []os.FileInfo, offset int64) (int, error) {
	if offset >= int64(len(l)) {
		return 0, io.EOF
	}
	n := copy(ls, l[offset:])
	if n < len(ls) {
		return n, io.EOF
	}
	return n, nil
}
