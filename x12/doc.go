// Package x12 is the syntax layer for ASC X12 5010 interchanges.
package x12
