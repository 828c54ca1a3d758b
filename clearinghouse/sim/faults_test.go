package sim

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pkg/sftp"
)

// listNames lists dir through the client.
func listNames(t testing.TB, c *sftp.Client, dir string) []string {
	t.Helper()
	fis, err := c.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, fi := range fis {
		out = append(out, fi.Name())
	}
	return out
}

// isStatus reports whether err is want: os.ErrPermission and
// os.ErrNotExist as the client maps them, or an SFTP status code.
func isStatus(err error, want error) bool {
	if errors.Is(err, want) {
		return true
	}
	var se *sftp.StatusError
	return errors.As(err, &se) && se.FxCode() == want
}

var responses = []string{"b.277", "b.835", "b.999"}

func TestFaults(t *testing.T) {
	t.Parallel()
	data := encode837(t, testClaims(), 1, false)

	t.Run("failed write", func(t *testing.T) {
		t.Parallel()
		s := startServer(t, Config{Faults: Faults{FailWrite: 1}})
		c := dial(t, s)
		if err := tryUpload(c, "b.837", data); err == nil {
			t.Fatal("the first write did not fail")
		}
		if got := s.Received(); len(got) != 0 {
			t.Fatalf("received %v after a failed write", got)
		}
		upload(t, c, "b.837", data) // the retry overwrites the temporary file
		if diff := cmp.Diff(responses, listNames(t, c, OutboundDir)); diff != "" {
			t.Errorf("outbound (-want +got):\n%s", diff)
		}
	})

	t.Run("connection dropped mid-upload", func(t *testing.T) {
		t.Parallel()
		s := startServer(t, Config{Faults: Faults{DropUploadAt: int64(len(data) / 2)}})
		c := dial(t, s)
		if err := tryUpload(c, "b.837", data); err == nil {
			t.Fatal("the upload survived the dropped connection")
		}
		if _, err := c.ReadDir(InboundDir); err == nil {
			t.Fatal("the connection is still up")
		}
		c2 := dial(t, s)
		if got := listNames(t, c2, InboundDir); len(got) != 0 {
			t.Errorf("inbound after the drop lists %v: the broken upload must be gone", got)
		}
		upload(t, c2, "b.837", data) // only the first upload is dropped
		if diff := cmp.Diff([]string{"b.837"}, s.Received()); diff != "" {
			t.Errorf("received (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(responses, listNames(t, c2, OutboundDir)); diff != "" {
			t.Errorf("outbound (-want +got):\n%s", diff)
		}
	})

	t.Run("rename refused", func(t *testing.T) {
		t.Parallel()
		s := startServer(t, Config{Faults: Faults{RefuseRenames: 1}})
		c := dial(t, s)
		err := tryUpload(c, "b.837", data)
		if !isStatus(err, os.ErrPermission) {
			t.Fatalf("got %v, want a permission error", err)
		}
		if diff := cmp.Diff([]string{"b.837.tmp"}, listNames(t, c, InboundDir)); diff != "" {
			t.Errorf("inbound (-want +got):\n%s", diff)
		}
		if err := c.Rename(InboundDir+"/b.837.tmp", InboundDir+"/b.837"); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(responses, listNames(t, c, OutboundDir)); diff != "" {
			t.Errorf("outbound (-want +got):\n%s", diff)
		}
	})

	t.Run("slow listing", func(t *testing.T) {
		t.Parallel()
		s := startServer(t, Config{Faults: Faults{ListDelay: 100 * time.Millisecond}})
		c := dial(t, s)
		start := time.Now()
		listNames(t, c, OutboundDir)
		if d := time.Since(start); d < 100*time.Millisecond {
			t.Errorf("listing took %v, want at least 100ms", d)
		}
		s.SetFaults(Faults{})
		start = time.Now()
		listNames(t, c, OutboundDir)
		if d := time.Since(start); d >= 100*time.Millisecond {
			t.Errorf("listing took %v after the fault was cleared", d)
		}
	})

	t.Run("no responses", func(t *testing.T) {
		t.Parallel()
		s := startServer(t, Config{Faults: Faults{FailResponses: true}})
		c := dial(t, s)
		upload(t, c, "b.837", data)
		if got := listNames(t, c, OutboundDir); len(got) != 0 {
			t.Errorf("outbound %v, want nothing", got)
		}
		if errs := s.Errors(); len(errs) != 1 || !errors.Is(errs[0], ErrInjected) {
			t.Errorf("errors %v, want one injected fault", errs)
		}
	})
}

func TestTiming(t *testing.T) {
	t.Parallel()
	data := encode837(t, testClaims(), 1, false)

	t.Run("manual", func(t *testing.T) {
		t.Parallel()
		s := startServer(t, Config{Manual: true})
		c := dial(t, s)
		upload(t, c, "b.837", data)
		if got := listNames(t, c, OutboundDir); len(got) != 0 {
			t.Fatalf("outbound %v before Process", got)
		}
		n, err := s.Process()
		if n != 1 || err != nil {
			t.Fatalf("Process = %d, %v; want 1, nil", n, err)
		}
		if diff := cmp.Diff(responses, listNames(t, c, OutboundDir)); diff != "" {
			t.Errorf("outbound (-want +got):\n%s", diff)
		}
		if n, err := s.Process(); n != 0 || err != nil {
			t.Errorf("second Process = %d, %v; want 0, nil", n, err)
		}
	})

	t.Run("delay flushed by Process", func(t *testing.T) {
		t.Parallel()
		s := startServer(t, Config{Delay: time.Hour})
		c := dial(t, s)
		upload(t, c, "b.837", data)
		if got := listNames(t, c, OutboundDir); len(got) != 0 {
			t.Fatalf("outbound %v before the delay", got)
		}
		if n, err := s.Process(); n != 1 || err != nil {
			t.Fatalf("Process = %d, %v; want 1, nil", n, err)
		}
		if diff := cmp.Diff(responses, listNames(t, c, OutboundDir)); diff != "" {
			t.Errorf("outbound (-want +got):\n%s", diff)
		}
	})

	t.Run("short delay", func(t *testing.T) {
		t.Parallel()
		s := startServer(t, Config{Delay: 20 * time.Millisecond})
		c := dial(t, s)
		upload(t, c, "b.837", data)
		deadline := time.Now().Add(5 * time.Second)
		for len(s.Outbound()) < 3 {
			if time.Now().After(deadline) {
				t.Fatalf("outbound %v after 5s", s.Outbound())
			}
			time.Sleep(10 * time.Millisecond)
		}
		if diff := cmp.Diff(responses, listNames(t, c, OutboundDir)); diff != "" {
			t.Errorf("outbound (-want +got):\n%s", diff)
		}
	})

	t.Run("close drops pending delays", func(t *testing.T) {
		t.Parallel()
		s := startServer(t, Config{Delay: time.Hour})
		c := dial(t, s)
		upload(t, c, "b.837", data)
		start := time.Now()
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("Close took %v", d)
		}
	})
}

func TestFileSystem(t *testing.T) {
	t.Parallel()
	data := encode837(t, testClaims(), 1, false)
	s := startServer(t, Config{})
	c := dial(t, s)

	// A file being written is not listed, under any name.
	f, err := c.Create(InboundDir + "/partial.837.part")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(data[:100]); err != nil {
		t.Fatal(err)
	}
	if got := listNames(t, c, InboundDir); len(got) != 0 {
		t.Errorf("inbound lists %v while it is being written", got)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"partial.837.part"}, listNames(t, c, InboundDir)); diff != "" {
		t.Errorf("inbound after close (-want +got):\n%s", diff)
	}
	if len(s.Received()) != 0 {
		t.Errorf("a temporary name was received: %v", s.Received())
	}

	// A file written directly under its final name is received when it
	// is closed, not before.
	f, err = c.Create(InboundDir + "/direct.837")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	if len(s.Received()) != 0 {
		t.Errorf("received %v before close", s.Received())
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"direct.837"}, s.Received()); diff != "" {
		t.Errorf("received (-want +got):\n%s", diff)
	}

	upload(t, c, "second.837", data)
	for _, tc := range []struct {
		name string
		op   func() error
		want error
	}{
		{"overwrite a received file", func() error { _, err := c.Create(InboundDir + "/direct.837"); return err }, os.ErrPermission},
		{"remove a received file", func() error { return c.Remove(InboundDir + "/direct.837") }, os.ErrPermission},
		{"rename onto a received file", func() error {
			return c.PosixRename(InboundDir+"/partial.837.part", InboundDir+"/direct.837")
		}, sftp.ErrSSHFxFailure},
		{"rename a received file", func() error { return c.Rename(InboundDir+"/direct.837", InboundDir+"/again.837") }, os.ErrPermission},
		{"rename across folders", func() error {
			return c.Rename(InboundDir+"/partial.837.part", OutboundDir+"/x.999")
		}, os.ErrPermission},
		{"write to outbound", func() error { _, err := c.Create(OutboundDir + "/x.999"); return err }, os.ErrPermission},
		{"write at the top", func() error { _, err := c.Create("/x.837"); return err }, os.ErrPermission},
		{"make a folder", func() error { return c.Mkdir("/archive") }, os.ErrPermission},
		{"read a missing file", func() error { _, err := c.Open(OutboundDir + "/none.999"); return err }, os.ErrNotExist},
		{"list a missing folder", func() error { _, err := c.ReadDir("/archive"); return err }, os.ErrNotExist},
	} {
		if err := tc.op(); !isStatus(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}

	// Responses of a file name seen twice do not overwrite each other;
	// a client may delete what it downloaded.
	if err := c.Remove(InboundDir + "/partial.837.part"); err != nil {
		t.Fatal(err)
	}
	upload(t, c, "direct.x12", data) // same base name as direct.837
	want := []string{
		"direct-2.277", "direct-2.835", "direct-2.999",
		"direct.277", "direct.835", "direct.999",
		"second.277", "second.835", "second.999",
	}
	if diff := cmp.Diff(want, listNames(t, c, OutboundDir)); diff != "" {
		t.Errorf("outbound (-want +got):\n%s", diff)
	}
	if err := c.Remove(OutboundDir + "/second.999"); err != nil {
		t.Errorf("removing a downloaded response: %v", err)
	}
	if _, err := c.Stat(OutboundDir + "/second.999"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stat after remove: %v", err)
	}
	if diff := cmp.Diff([]string{"inbound", "outbound"}, listNames(t, c, "/")); diff != "" {
		t.Errorf("top folder (-want +got):\n%s", diff)
	}
}

func TestStartStop(t *testing.T) {
	t.Parallel()
	if _, err := Start(t.Context(), Config{Payer: DefaultPayer()}); !errors.Is(err, ErrConfig) {
		t.Errorf("no users: %v", err)
	}
	if _, err := Start(t.Context(), Config{Payer: DefaultPayer(), Users: map[string]User{"x": {}}}); !errors.Is(err, ErrConfig) {
		t.Errorf("user without credentials: %v", err)
	}

	ctx, cancel := context.WithCancel(t.Context())
	s, err := Start(ctx, Config{Payer: DefaultPayer(), Users: map[string]User{testUser: {Password: testPassword}}})
	if err != nil {
		t.Fatal(err)
	}
	dial(t, s)
	cancel() // closes the server
	deadline := time.Now().Add(5 * time.Second)
	for {
		conn, err := dialSSH(s, s.HostKey())
		if err != nil {
			break
		}
		conn.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections after its context ended")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close after the context ended: %v", err)
	}
}
