// Command claimkitd is the claims daemon: every interval it sends the
// claims that are ready to the clearinghouse and applies the 999, TA1,
// 277CA and 835 files that come back, keeping its state in a SQLite
// ledger in its data directory.
//
//	claimkitd -config /etc/claimkit/claimkitd.toml          # run until SIGINT or SIGTERM
//	claimkitd -config claimkitd.toml -once                  # one cycle, its report as JSON
//	claimkitd -config claimkitd.toml add claims.json        # put claims in the ledger
//	claimkitd -config claimkitd.toml check                  # check the configuration and secrets
//
// The first SIGINT or SIGTERM stops the loop and sends what is staged
// (bounded by flush_timeout); a second one ends the process at once.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal now ends the process: it aborts the shutdown
	}()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err))
}
