package dirdrop_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/dirdrop"
	"github.com/claimkit/claimkit/clearinghouse/internal/transporttest"
)

func TestContract(t *testing.T) {
	base := t.TempDir()
	if err := os.Mkdir(filepath.Join(base, "inbound"), 0o700); err != nil {
		t.Fatal(err)
	}
	transporttest.Run(t, func(t *testing.T) clearinghouse.Transport {
		tr, err := dirdrop.Open(base)
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}, "/inbound")
}

// A symbolic link inside the folder that points outside the base is not
// followed: os.Root refuses it.
func TestSymlinkEscape(t *testing.T) {
	base, outside := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret"), filepath.Join(base, "link.999")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	tr, err := dirdrop.Open(base)
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	if _, err := tr.Download(t.Context(), ".", "link.999", io.Discard); err == nil {
		t.Fatalf("Download followed a link out of the base directory")
	}
	list, err := tr.List(t.Context(), ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 0 {
		t.Errorf("List shows %v; a link is not a regular file", list)
	}
}
