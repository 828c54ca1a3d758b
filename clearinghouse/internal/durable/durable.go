// Package durable writes files so that a crash leaves them whole or
// absent: write a temporary file, fsync it, rename it, fsync the folder.
// Paths are relative to an os.Root, so they cannot leave it.
package durable

import (
	"io"
	"os"
	"path"
)

// Write copies r to tmp inside root (created or truncated, mode 0600),
// fsyncs it, renames it to final and fsyncs final's folder. On failure
// tmp is removed. It returns the bytes copied.
func Write(root *os.Root, tmp, final string, r io.Reader) (int64, error) {
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, final)
	}
	if err == nil {
		err = SyncDir(root, path.Dir(final))
	}
	if err != nil {
		root.Remove(tmp)
	}
	return n, err
}

// SyncDir fsyncs folder dir of root, so that a rename in it survives a
// crash.
func SyncDir(root *os.Root, dir string) error {
	f, err := root.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
