package ledger_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/claimkit/claimkit/clearinghouse"
	"github.com/claimkit/claimkit/clearinghouse/ledger"
	"github.com/claimkit/claimkit/x12"
)

// Control numbers handed out by the ledger survive a restart and are
// never handed out again.
func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "ledger-example-")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "ledger.db")
	ctx := context.Background()
	for run := 1; run <= 2; run++ {
		l, err := ledger.Open(ctx, path)
		if err != nil {
			log.Fatal(err)
		}
		err = l.Update(ctx, func(tx clearinghouse.Tx) error {
			isa, err := tx.NextControlNumber(x12.InterchangeControl)
			if err != nil {
				return err
			}
			st, err := tx.NextControlNumber(x12.SetControl)
			fmt.Printf("run %d: ISA13 %09d, ST02 %04d\n", run, isa, st)
			return err
		})
		if err != nil {
			log.Fatal(err)
		}
		l.Close()
	}
	fi, _ := os.Stat(path)
	fmt.Println(fi.Mode().Perm())
	// Output:
	// run 1: ISA13 000000001, ST02 0001
	// run 2: ISA13 000000002, ST02 0002
	// -rw-------
}
