//go:build unix

package remit_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) the process has used.
// The benchmarks report MB per CPU second next to MB/s because the
// machine they run on is shared.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
