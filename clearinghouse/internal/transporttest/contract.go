// Package transporttest holds the contract tests every
// clearinghouse.Transport must pass, and a Transport wrapper that
// injects faults for crash-recovery tests.
package transporttest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/claimkit/claimkit/clearinghouse"
)

// Run runs the contract tests. open returns a connected Transport (the
// test closes it); dir is a folder of it that the tests may write to.
// File names are unique to each test, so one server can serve them all.
func Run(t *testing.T, open func(t *testing.T) clearinghouse.Transport, dir string) {
	conn := func(t *testing.T) clearinghouse.Transport {
		t.Helper()
		tr := open(t)
		t.Cleanup(func() { tr.Close() })
		return tr
	}
	t.Run("UploadRenameDownload", func(t *testing.T) {
		tr := conn(t)
		ctx := t.Context()
		data := payload(40_000, 'a')
		n, err := tr.Upload(ctx, dir, "urd.837.part", bytes.NewReader(data))
		if err != nil || n != int64(len(data)) {
			t.Fatalf("Upload = %d, %v; want %d, nil", n, err, len(data))
		}
		if err := tr.Rename(ctx, dir, "urd.837.part", "urd.837"); err != nil {
			t.Fatalf("Rename: %v", err)
		}
		fi, err := tr.Stat(ctx, dir, "urd.837")
		if err != nil || fi.Name != "urd.837" || fi.Size != int64(len(data)) {
			t.Fatalf("Stat = %+v, %v; want urd.837 of %d bytes", fi, err, len(data))
		}
		if _, err := tr.Stat(ctx, dir, "urd.837.part"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat of the temporary name after the rename: %v, want fs.ErrNotExist", err)
		}
		list := listed(t, tr, dir)
		if got, ok := list["urd.837"]; !ok || got != int64(len(data)) {
			t.Errorf("List shows urd.837 = %d, %v; want %d bytes", got, ok, len(data))
		}
		if _, ok := list["urd.837.part"]; ok {
			t.Errorf("List still shows the temporary name")
		}
		var buf bytes.Buffer
		n, err = tr.Download(ctx, dir, "urd.837", &buf)
		if err != nil || n != int64(len(data)) || !bytes.Equal(buf.Bytes(), data) {
			t.Fatalf("Download = %d bytes, %v; content equal %v", n, err, bytes.Equal(buf.Bytes(), data))
		}
	})

	// A listing taken while an upload is in progress never shows the
	// file, under any name, with part of its content.
	t.Run("AtomicUpload", func(t *testing.T) {
		tr := conn(t)
		ctx := t.Context()
		other := conn(t) // a second connection lists, as a clearinghouse would
		data := payload(300_000, 'b')
		pr, pw := io.Pipe()
		done := make(chan error, 1)
		go func() {
			_, err := tr.Upload(ctx, dir, "atomic.837.part", pr)
			done <- err
		}()
		half := len(data) / 2
		if _, err := pw.Write(data[:half]); err != nil {
			t.Fatalf("writing the first half: %v", err)
		}
		for range 3 {
			for name, size := range listed(t, other, dir) {
				if strings.HasPrefix(name, "atomic.837") {
					t.Errorf("mid-upload listing shows %s with %d bytes", name, size)
				}
			}
		}
		if _, err := pw.Write(data[half:]); err != nil {
			t.Fatalf("writing the second half: %v", err)
		}
		pw.Close()
		if err := <-done; err != nil {
			t.Fatalf("Upload: %v", err)
		}
		if err := tr.Rename(ctx, dir, "atomic.837.part", "atomic.837"); err != nil {
			t.Fatalf("Rename: %v", err)
		}
		list := listed(t, other, dir)
		if got := list["atomic.837"]; got != int64(len(data)) {
			t.Errorf("after the rename the listing shows %d bytes, want %d", got, len(data))
		}
	})

	t.Run("UploadTruncates", func(t *testing.T) {
		tr := conn(t)
		ctx := t.Context()
		if _, err := tr.Upload(ctx, dir, "trunc.part", bytes.NewReader(payload(5000, 'c'))); err != nil {
			t.Fatal(err)
		}
		short := payload(100, 'd')
		if _, err := tr.Upload(ctx, dir, "trunc.part", bytes.NewReader(short)); err != nil {
			t.Fatalf("second Upload: %v", err)
		}
		var buf bytes.Buffer
		if _, err := tr.Download(ctx, dir, "trunc.part", &buf); err != nil || !bytes.Equal(buf.Bytes(), short) {
			t.Fatalf("Download after a shorter upload = %d bytes, %v; want the %d new bytes", buf.Len(), err, len(short))
		}
		if err := tr.Remove(ctx, dir, "trunc.part"); err != nil {
			t.Fatalf("Remove: %v", err)
		}
		if _, err := tr.Stat(ctx, dir, "trunc.part"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat after Remove: %v, want fs.ErrNotExist", err)
		}
	})

	t.Run("RenameNeverReplaces", func(t *testing.T) {
		tr := conn(t)
		ctx := t.Context()
		first, second := payload(1000, 'e'), payload(2000, 'f')
		if _, err := tr.Upload(ctx, dir, "keep.part", bytes.NewReader(first)); err != nil {
			t.Fatal(err)
		}
		if err := tr.Rename(ctx, dir, "keep.part", "keep.837"); err != nil {
			t.Fatal(err)
		}
		if _, err := tr.Upload(ctx, dir, "keep2.part", bytes.NewReader(second)); err != nil {
			t.Fatal(err)
		}
		if err := tr.Rename(ctx, dir, "keep2.part", "keep.837"); err == nil {
			t.Fatalf("Rename onto an existing file succeeded")
		}
		var buf bytes.Buffer
		if _, err := tr.Download(ctx, dir, "keep.837", &buf); err != nil || !bytes.Equal(buf.Bytes(), first) {
			t.Fatalf("the existing file changed: %d bytes, %v", buf.Len(), err)
		}
		if _, err := tr.Stat(ctx, dir, "keep2.part"); err != nil {
			t.Errorf("the source of the refused rename is gone: %v", err)
		}
		if err := tr.Remove(ctx, dir, "keep2.part"); err != nil {
			t.Errorf("Remove: %v", err)
		}
	})

	t.Run("Missing", func(t *testing.T) {
		tr := conn(t)
		ctx := t.Context()
		if _, err := tr.Stat(ctx, dir, "missing.999"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat: %v, want fs.ErrNotExist", err)
		}
		if _, err := tr.Download(ctx, dir, "missing.999", io.Discard); err == nil {
			t.Errorf("Download of a missing file succeeded")
		}
		if err := tr.Rename(ctx, dir, "missing.part", "missing.837"); err == nil {
			t.Errorf("Rename of a missing file succeeded")
		}
	})

	// Names that could leave the folder are refused before anything is
	// sent, with ErrUnsafeName.
	t.Run("PathSafety", func(t *testing.T) {
		tr := conn(t)
		ctx := t.Context()
		for _, name := range []string{"", ".", "..", "../escape.837", "/etc/passwd", "a/b.837", `a\b.837`, "x\x00y"} {
			ops := map[string]error{}
			_, ops["Upload"] = tr.Upload(ctx, dir, name, strings.NewReader("x"))
			_, ops["Download"] = tr.Download(ctx, dir, name, io.Discard)
			_, ops["Stat"] = tr.Stat(ctx, dir, name)
			ops["Remove"] = tr.Remove(ctx, dir, name)
			ops["Rename from"] = tr.Rename(ctx, dir, name, "ok.837")
			ops["Rename to"] = tr.Rename(ctx, dir, "urd.837", name)
			for op, err := range ops {
				if !errors.Is(err, clearinghouse.ErrUnsafeName) {
					t.Errorf("%s(%q) = %v, want ErrUnsafeName", op, name, err)
				}
			}
		}
		for name := range listed(t, tr, dir) {
			if strings.Contains(name, "escape") {
				t.Errorf("listing shows %q", name)
			}
		}
	})

	t.Run("CanceledContext", func(t *testing.T) {
		tr := conn(t)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := tr.List(ctx, dir); err == nil {
			t.Errorf("List with a canceled context succeeded")
		}
		if _, err := tr.Upload(ctx, dir, "canceled.part", bytes.NewReader(payload(100, 'g'))); err == nil {
			t.Errorf("Upload with a canceled context succeeded")
		}
	})
}

// listed returns the listing of dir as name → size.
func listed(t *testing.T, tr clearinghouse.Transport, dir string) map[string]int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	list, err := tr.List(ctx, dir)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	out := map[string]int64{}
	for i, fi := range list {
		if i > 0 && list[i-1].Name >= fi.Name {
			t.Errorf("List is not sorted by name: %q before %q", list[i-1].Name, fi.Name)
		}
		out[fi.Name] = fi.Size
	}
	return out
}

// payload returns n bytes of X12-like text starting with marker.
func payload(n int, marker byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = "ABCDEFGHIJ*~"[i%12]
	}
	b[0] = marker
	return b
}
