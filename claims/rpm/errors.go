package rpm

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Sentinel errors. Every error the package returns wraps one of these;
// match them with errors.Is.
var (
	// ErrCatalogue: a code list given to NewCatalogue is inconsistent.
	ErrCatalogue = errors.New("rpm: bad code catalogue")
	// ErrInvalidInput: an episode, reading, time entry or fee is missing
	// a value or has one out of range.
	ErrInvalidInput = errors.New("rpm: invalid input")
	// ErrBadJSON: the input is not JSON of the expected shape.
	ErrBadJSON = errors.New("rpm: bad JSON")
	// ErrNoFee: a code is billable but the input has no fee for it.
	ErrNoFee = errors.New("rpm: no fee for a billable code")
	// ErrAsOf: the as-of date is not a date.
	ErrAsOf = errors.New("rpm: bad as-of date")
)

// InputError is a problem with one element of an Input. Offset is the
// 0-based byte offset of the element in the JSON it was read from (with
// Line and Column, 1-based), or -1 when the Input did not come from JSON.
// Error() names the section, index, ID and field, never patient data.
type InputError struct {
	Offset       int64
	Line, Column int
	// Section is "episodes", "readings", "time_entries" or "fees" (empty
	// for the document itself); Index the element (-1 for none).
	Section string
	Index   int
	ID      string
	Field   string
	Err     error
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString("rpm: ")
	if e.Offset >= 0 {
		fmt.Fprintf(&b, "line %d, column %d: ", e.Line, e.Column)
	}
	if e.Section != "" {
		b.WriteString(e.Section)
		if e.Index >= 0 {
			b.WriteString("[" + strconv.Itoa(e.Index) + "]")
		}
		if e.ID != "" {
			b.WriteString(" (id " + strconv.Quote(e.ID) + ")")
		}
		if e.Field != "" {
			b.WriteString(", field " + strconv.Quote(e.Field))
		}
		b.WriteString(": ")
	}
	b.WriteString(strings.TrimPrefix(e.Err.Error(), "rpm: "))
	return b.String()
}

func (e *InputError) Unwrap() error { return e.Err }

// InputErrors lists the problems of one Input in input order.
type InputErrors []*InputError

// Error returns the first problem and how many more there are.
func (l InputErrors) Error() string {
	switch len(l) {
	case 0:
		return "rpm: no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", l[0].Error(), len(l)-1)
}

// Unwrap returns the problems, so errors.Is and errors.As see each one.
func (l InputErrors) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Err returns l as an error, or nil when l is empty.
func (l InputErrors) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

var sectionOrder = map[string]int{"": 0, SectionEpisodes: 1, SectionReadings: 2, SectionTimeEntries: 3, SectionFees: 4}

// sort orders by offset when known, else by section, index and ID.
func (l InputErrors) sort() {
	slices.SortStableFunc(l, func(a, b *InputError) int {
		if a.Offset != b.Offset {
			return int(a.Offset - b.Offset)
		}
		if a.Section != b.Section {
			return sectionOrder[a.Section] - sectionOrder[b.Section]
		}
		if a.Index != b.Index {
			return a.Index - b.Index
		}
		return strings.Compare(a.ID, b.ID)
	})
}
