// Package dirdrop is a clearinghouse.Transport over local directories:
// for tests, and for clearinghouses whose drop folders are mounted as a
// network share.
//
//	t, err := dirdrop.Open("/mnt/clearinghouse") // holds inbound/ and outbound/
//	d, err := clearinghouse.New(clearinghouse.Config{
//		Connect: func(context.Context) (clearinghouse.Transport, error) { return dirdrop.Open(base) },
//		Inbound: "inbound", Outbound: "outbound",
//		...
//	})
//
// Every path goes through an os.Root opened on the base directory, and
// every name through clearinghouse.CheckName, so a name from a listing
// or a response cannot reach outside the base. Upload writes a hidden
// temporary file, fsyncs it and renames it, so a listing never shows a
// file half written; Rename never replaces an existing file.
package dirdrop
