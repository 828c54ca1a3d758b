package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// decodeTOML reads the TOML file name into v, rejecting unknown keys.
// Problems with the file's content are printed to stderr (with the line
// and a caret for syntax errors) and reported as input errors; a file
// that cannot be opened is an I/O failure.
func decodeTOML(e *env, name string, v any) error {
	in, err := openInput(e, name)
	if err != nil {
		return err
	}
	defer in.Close()
	md, err := toml.NewDecoder(in).Decode(v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			fmt.Fprintf(e.stderr, "%s: %s\n", name, pe.ErrorWithPosition())
		} else {
			fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
		}
		return errInputReported
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		fmt.Fprintf(e.stderr, "%s: unknown keys: %s\n", name, strings.Join(keys, ", "))
		return errInputReported
	}
	return nil
}

// decodeJSON reads the JSON file name with unknown fields rejected.
// decode is called with the decoder and whether the value is an object
// (first non-space byte '{'), for inputs that take either one object or
// an array. Data after the value is an error; errors are printed with
// their byte offset and reported as input errors.
func decodeJSON(e *env, name string, decode func(dec *json.Decoder, object bool) error) error {
	in, err := openInput(e, name)
	if err != nil {
		return err
	}
	defer in.Close()
	raw, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	trimmed := bytes.TrimSpace(raw)
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.DisallowUnknownFields()
	err = decode(dec, len(trimmed) > 0 && trimmed[0] == '{')
	if err == nil && dec.More() {
		err = errors.New("data after the JSON value")
	}
	if err != nil {
		return reportJSONError(e, name, err)
	}
	return nil
}

// reportJSONError prints a JSON decoding error of file name with the
// byte offset where the decoder knows it, and reports an input error.
func reportJSONError(e *env, name string, err error) error {
	msg := err.Error()
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		msg = "byte " + strconv.FormatInt(se.Offset, 10) + ": " + msg
	case errors.As(err, &te):
		msg = "byte " + strconv.FormatInt(te.Offset, 10) + ": " + msg
	}
	fmt.Fprintf(e.stderr, "%s: %s\n", name, msg)
	return errInputReported
}
