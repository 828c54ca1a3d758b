package dirdrop

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/internal/durable"
)

// tempPrefix starts the names of the files Upload is writing; List
// never shows them.
const tempPrefix = ".dirdrop-"

// Transport is a clearinghouse.Transport over local directories. A
// remote folder is a directory under the base directory given to Open
// ("/inbound" and "inbound" both name <base>/inbound). Every file is
// reached through an os.Root, so no name can leave the base directory.
type Transport struct {
	root *os.Root
}

var _ clearinghouse.Transport = (*Transport)(nil)

// Open returns a Transport over the directory base, which must exist.
func Open(base string) (*Transport, error) {
	root, err := os.OpenRoot(base)
	if err != nil {
		return nil, fmt.Errorf("dirdrop: %w", err)
	}
	return &Transport{root: root}, nil
}

// folder turns a remote folder into a path relative to the base.
func folder(dir string) (string, error) {
	d := strings.TrimLeft(path.Clean("/"+filepath.ToSlash(dir)), "/")
	if d == "" {
		return ".", nil
	}
	if !filepath.IsLocal(d) {
		return "", fmt.Errorf("%w: folder %q", clearinghouse.ErrUnsafeName, dir)
	}
	return d, nil
}

// file returns the path of name in dir, relative to the base.
func file(dir, name string) (string, error) {
	if err := clearinghouse.CheckName(name); err != nil {
		return "", err
	}
	d, err := folder(dir)
	if err != nil {
		return "", err
	}
	return path.Join(d, name), nil
}

// List implements clearinghouse.Transport. Files Upload is still
// writing and anything that is not a regular file are left out.
func (t *Transport) List(ctx context.Context, dir string) ([]clearinghouse.FileInfo, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d, err := folder(dir)
	if err != nil {
		return nil, err
	}
	f, err := t.root.Open(d)
	if err != nil {
		return nil, fmt.Errorf("dirdrop: list %s: %w", dir, err)
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	if err != nil {
		return nil, fmt.Errorf("dirdrop: list %s: %w", dir, err)
	}
	var out []clearinghouse.FileInfo
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		fi, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed since ReadDir
		}
		if err != nil {
			return nil, fmt.Errorf("dirdrop: list %s: %w", dir, err)
		}
		out = append(out, clearinghouse.FileInfo{Name: e.Name(), Size: fi.Size(), ModTime: fi.ModTime()})
	}
	slices.SortFunc(out, func(a, b clearinghouse.FileInfo) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// ctxReader stops a copy when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (r ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}

// Download implements clearinghouse.Transport.
func (t *Transport) Download(ctx context.Context, dir, name string, w io.Writer) (int64, error) {
	p, err := file(dir, name)
	if err != nil {
		return 0, err
	}
	f, err := t.root.Open(p)
	if err != nil {
		return 0, fmt.Errorf("dirdrop: download %s: %w", name, err)
	}
	defer f.Close()
	n, err := io.Copy(w, ctxReader{ctx, f})
	if err != nil {
		return n, fmt.Errorf("dirdrop: download %s: %w", name, err)
	}
	return n, nil
}

// Upload implements clearinghouse.Transport. It writes a hidden file
// next to name, fsyncs it and renames it to name, so that even a name
// written directly is never seen half written.
func (t *Transport) Upload(ctx context.Context, dir, name string, r io.Reader) (int64, error) {
	p, err := file(dir, name)
	if err != nil {
		return 0, err
	}
	var rnd [8]byte
	rand.Read(rnd[:])
	tmp := path.Join(path.Dir(p), tempPrefix+hex.EncodeToString(rnd[:]))
	n, err := durable.Write(t.root, tmp, p, ctxReader{ctx, r})
	if err != nil {
		return n, fmt.Errorf("dirdrop: upload %s: %w", name, err)
	}
	return n, nil
}

// Rename implements clearinghouse.Transport. A hard link to the new name
// fails when it exists, so an existing file is never replaced; where
// links are not supported it falls back to checking, then renaming.
func (t *Transport) Rename(ctx context.Context, dir, from, to string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	pf, err := file(dir, from)
	if err != nil {
		return err
	}
	pt, err := file(dir, to)
	if err != nil {
		return err
	}
	if _, err := t.root.Stat(pf); err != nil {
		return fmt.Errorf("dirdrop: rename %s: %w", from, err)
	}
	err = t.root.Link(pf, pt)
	switch {
	case err == nil:
		err = t.root.Remove(pf)
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("dirdrop: rename %s to %s: %w", from, to, fs.ErrExist)
	default:
		if _, serr := t.root.Lstat(pt); serr == nil {
			return fmt.Errorf("dirdrop: rename %s to %s: %w", from, to, fs.ErrExist)
		}
		err = t.root.Rename(pf, pt)
	}
	if err == nil {
		err = durable.SyncDir(t.root, path.Dir(pt))
	}
	if err != nil {
		return fmt.Errorf("dirdrop: rename %s to %s: %w", from, to, err)
	}
	return nil
}

// Stat implements clearinghouse.Transport.
func (t *Transport) Stat(ctx context.Context, dir, name string) (clearinghouse.FileInfo, error) {
	if err := ctx.Err(); err != nil {
		return clearinghouse.FileInfo{}, err
	}
	p, err := file(dir, name)
	if err != nil {
		return clearinghouse.FileInfo{}, err
	}
	fi, err := t.root.Stat(p)
	if err != nil {
		return clearinghouse.FileInfo{}, fmt.Errorf("dirdrop: stat %s: %w", name, err)
	}
	if !fi.Mode().IsRegular() {
		return clearinghouse.FileInfo{}, fmt.Errorf("dirdrop: stat %s: not a regular file: %w", name, fs.ErrNotExist)
	}
	return clearinghouse.FileInfo{Name: name, Size: fi.Size(), ModTime: fi.ModTime()}, nil
}

// Remove implements clearinghouse.Transport.
func (t *Transport) Remove(ctx context.Context, dir, name string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p, err := file(dir, name)
	if err != nil {
		return err
	}
	if err := t.root.Remove(p); err != nil {
		return fmt.Errorf("dirdrop: remove %s: %w", name, err)
	}
	return nil
}

// Close implements clearinghouse.Transport.
func (t *Transport) Close() error { return t.root.Close() }
