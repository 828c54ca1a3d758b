package sim

import (
	"bytes"
	"errors"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
)

// session serves the SFTP requests of one connection.
type session struct {
	s    *Server
	conn ssh.Conn
}

func (h *session) handlers() sftp.Handlers {
	return sftp.Handlers{FileGet: h, FilePut: h, FileCmd: h, FileList: h}
}

// Fileread opens a file for reading: a copy taken when it is opened.
func (h *session) Fileread(r *sftp.Request) (io.ReaderAt, error) {
	data, err := h.s.fs.read(r.Filepath)
	if err != nil {
		return nil, status(err)
	}
	return bytes.NewReader(data), nil
}

// Filewrite opens a file of /inbound for writing.
func (h *session) Filewrite(r *sftp.Request) (io.WriterAt, error) {
	f, err := h.s.fs.openWrite(r.Filepath, r.Pflags())
	if err != nil {
		return nil, status(err)
	}
	return &writeHandle{h: h, f: f}, nil
}

// Filecmd handles rename, remove and the commands the server refuses.
func (h *session) Filecmd(r *sftp.Request) error {
	switch r.Method {
	case "Rename":
		return h.rename(r, false)
	case "Remove":
		return status(h.s.fs.remove(r.Filepath))
	case "Setstat":
		_, err := h.s.fs.info(r.Filepath)
		return status(err)
	case "Mkdir":
		if isDir(r.Filepath) {
			return status(os.ErrExist)
		}
		return status(os.ErrPermission)
	case "Rmdir":
		return status(os.ErrPermission)
	}
	return sftp.ErrSSHFxOpUnsupported
}

// PosixRename is a rename that replaces an existing target.
func (h *session) PosixRename(r *sftp.Request) error { return h.rename(r, true) }

func (h *session) rename(r *sftp.Request, replace bool) error {
	if h.s.faults.rename() {
		return sftp.ErrSSHFxPermissionDenied
	}
	p, ok, err := h.s.fs.rename(r.Filepath, r.Target, replace)
	if err != nil {
		return status(err)
	}
	if ok {
		h.s.receive(p)
	}
	return nil
}

// Filelist serves listings and stat.
func (h *session) Filelist(r *sftp.Request) (sftp.ListerAt, error) {
	switch r.Method {
	case "List":
		if d := h.s.faults.get().ListDelay; d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return nil, sftp.ErrSSHFxConnectionLost
			}
		}
		l, err := h.s.fs.list(r.Filepath)
		if err != nil {
			return nil, status(err)
		}
		return listerAt(l), nil
	case "Stat":
		fi, err := h.s.fs.info(r.Filepath)
		if err != nil {
			return nil, status(err)
		}
		return listerAt{fi}, nil
	}
	return nil, sftp.ErrSSHFxOpUnsupported
}

// status maps a file system error to an SFTP status error.
func status(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, os.ErrNotExist):
		return sftp.ErrSSHFxNoSuchFile
	case errors.Is(err, os.ErrPermission):
		return sftp.ErrSSHFxPermissionDenied
	}
	return sftp.ErrSSHFxFailure
}

// writeHandle is an open upload.
type writeHandle struct {
	h      *session
	f      *memFile
	broken atomic.Bool
	closed atomic.Bool
}

func (w *writeHandle) WriteAt(b []byte, off int64) (int, error) {
	fail, drop := w.h.s.faults.write(off, len(b))
	switch {
	case fail:
		return 0, sftp.ErrSSHFxFailure
	case drop:
		w.broken.Store(true)
		w.h.conn.Close()
		return 0, sftp.ErrSSHFxConnectionLost
	}
	return w.h.s.fs.writeAt(w.f, b, off)
}

// TransferError is called when the connection fails with the file open:
// the upload is incomplete.
func (w *writeHandle) TransferError(error) { w.broken.Store(true) }

func (w *writeHandle) Close() error {
	if w.closed.Swap(true) {
		return nil
	}
	if p, ok := w.h.s.fs.closeWrite(w.f, w.broken.Load()); ok {
		w.h.s.receive(p)
	}
	return nil
}
