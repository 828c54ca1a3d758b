package sftp_test

import (
	"bytes"
	"net"
)

func splitHostPort(addr string) (string, string, error) { return net.SplitHostPort(addr) }

func trimNL(b []byte) []byte { return bytes.TrimRight(b, "\n") }
