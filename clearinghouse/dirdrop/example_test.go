package dirdrop_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/claimkit/claimkit/clearinghouse/dirdrop"
)

// Upload under a temporary name, then rename: the folder never shows
// the file half written under its final name.
func ExampleTransport_Upload() {
	base, _ := os.MkdirTemp("", "dirdrop-example-")
	defer os.RemoveAll(base)
	os.Mkdir(filepath.Join(base, "inbound"), 0o700)
	t, err := dirdrop.Open(base)
	if err != nil {
		log.Fatal(err)
	}
	defer t.Close()
	ctx := context.Background()
	if _, err := t.Upload(ctx, "inbound", "batch-1.837.part", strings.NewReader("ISA*00*...~")); err != nil {
		log.Fatal(err)
	}
	if err := t.Rename(ctx, "inbound", "batch-1.837.part", "batch-1.837"); err != nil {
		log.Fatal(err)
	}
	list, _ := t.List(ctx, "inbound")
	for _, fi := range list {
		fmt.Println(fi.Name, fi.Size)
	}
	_, err = t.Upload(ctx, "inbound", "../escape.837", strings.NewReader("x"))
	fmt.Println(err)
	// Output:
	// batch-1.837 11
	// clearinghouse: unsafe file name: "../escape.837"
}
