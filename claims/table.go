package claims

import (
	"hash/maphash"
	"math/bits"
)

// table is an open-addressing hash set of int32 indexes, for the hot
// lookups of Group (item IDs, claim keys, line keys). A slot holds the top
// 32 bits of the hash and index+1, so the zero slot is empty, a new table
// needs no filling, and most probes that miss never touch the entry. The
// caller hashes and compares; the table only probes.
type table struct {
	slots []uint64
	mask  uint64
}

// newTable makes a table for n entries, at most three quarters full.
func newTable(n int) table {
	size := tableSize(n)
	return table{slots: make([]uint64, size), mask: uint64(size - 1)}
}

// tableSize is the number of slots for n entries: a power of two, at least
// 16, with n at most three quarters of it.
func tableSize(n int) int {
	size := 16
	for size*3 < n*4 {
		size <<= 1
	}
	return size
}

// find returns the index stored under hash h for which eq is true, or
// inserts i and returns -1. The table never fills: it has room for n.
func (t *table) find(h uint64, i int32, eq func(j int32) bool) int32 {
	j, _ := t.findSlot(h, i, eq)
	return j
}

// findSlot is find that also returns the slot it looked at last, for undo.
func (t *table) findSlot(h uint64, i int32, eq func(j int32) bool) (int32, uint64) {
	fp := h &^ (1<<32 - 1)
	for p := h & t.mask; ; p = (p + 1) & t.mask {
		s := t.slots[p]
		if s == 0 {
			t.slots[p] = fp | uint64(uint32(i+1))
			return -1, p
		}
		if s&^(1<<32-1) == fp {
			if j := int32(uint32(s)) - 1; eq(j) {
				return j, p
			}
		}
	}
}

// rehash returns a table twice the size for the entries of vs, each
// stored under hash(&vs[i]).
func rehash[T any](vs []T, hash func(*T) uint64) table {
	t := newTable(2 * len(vs))
	for i := range vs {
		t.find(hash(&vs[i]), int32(i), func(int32) bool { return false })
	}
	return t
}

// undo empties the slot findSlot just filled. It must come before any
// other insert: then no entry probed past the slot, and emptying it
// breaks no chain.
func (t *table) undo(slot uint64) { t.slots[slot] = 0 }

// mix64 is the finaliser of SplitMix64: it spreads the bits of x.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// hash hashes the code and the modifiers that are set.
func (p *Procedure) hash() uint64 {
	h := maphash.String(idSeed, p.Code)
	for _, m := range p.Modifiers {
		if m == "" {
			break
		}
		h = mix64(h ^ maphash.String(idSeed, m))
	}
	return h
}

func (k *lineKey) hash() uint64 {
	a := uint64(uint32(k.group))<<32 | uint64(uint32(k.proc))
	b := uint64(uint32(k.start))<<32 | uint64(uint32(k.end))
	if k.minutes {
		b ^= 1 << 63
	}
	hi, lo := bits.Mul64(mix64(a)^0x9e3779b97f4a7c15, mix64(b)|1)
	return hi ^ lo
}

var idSeed = maphash.MakeSeed()
