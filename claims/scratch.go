package claims

import "sync"

// groupScratch is the working memory of one Group call: everything but
// the claims it returns. Group takes it from a pool, so that a service
// grouping batch after batch neither allocates nor has the garbage
// collector account for it again each time.
type groupScratch struct {
	tables    [5]table
	groups    []groupAcc
	lines     []lineAcc
	nextItem  []int32
	lineNo    []uint8
	gkeys     []sortKey
	lineOrder []int32
	itemOrder []int32
	itemStart []int32
	chunks    []chunk
	// These hold strings and decimals of the batch: put clears them.
	refs     refs
	procs    []Procedure
	sums     []lineSum
	diags    [][]string
	diagBufs [][MaxPointers]string
}

var scratchPool = sync.Pool{New: func() any { return new(groupScratch) }}

func getScratch() *groupScratch { return scratchPool.Get().(*groupScratch) }

// put clears what refers to the batch and returns sc to the pool.
func (sc *groupScratch) put() {
	sc.refs.clear()
	clear(sc.procs[:cap(sc.procs)])
	clear(sc.sums[:cap(sc.sums)])
	clear(sc.diags[:cap(sc.diags)])
	clear(sc.diagBufs[:cap(sc.diagBufs)])
	scratchPool.Put(sc)
}

// table returns the k-th table, emptied and sized for n entries.
func (sc *groupScratch) table(k, n int) *table {
	t := &sc.tables[k]
	size := tableSize(n)
	if cap(t.slots) < size {
		*t = newTable(n)
		return t
	}
	t.slots = t.slots[:size]
	clear(t.slots)
	t.mask = uint64(size - 1)
	return t
}

// reuse returns s emptied, with room for n elements.
func reuse[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, 0, n)
	}
	return s[:0]
}

// clear empties the maps, keeping their room.
func (r *refs) clear() {
	clear(r.patients)
	clear(r.coverages)
	clear(r.providers)
	clear(r.facilities)
}
