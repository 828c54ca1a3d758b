package claims

import (
	"bytes"
	"math/rand/v2"
	"sync"
	"testing"
)

// TestGroupScratchReuse checks that the working memory Group reuses
// between calls carries nothing from one call to the next: a batch gives
// the same claims before and after other batches of other sizes, and
// concurrent calls give the same claims as a call alone.
func TestGroupScratchReuse(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	small := genPractice(rng, 40)
	large := genBatch(rng, genConfig{patients: 30, items: 3000, diagnoses: 200, days: 60})
	group := func(b *Batch) []byte {
		t.Helper()
		c := cloneBatch(b)
		res, err := Group(c, GroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return mustJSON(t, res)
	}
	wantSmall, wantLarge := group(small), group(large)
	for round := range 3 {
		if got := group(large); !bytes.Equal(got, wantLarge) {
			t.Fatalf("round %d: the large batch grouped differently after other calls", round)
		}
		if got := group(small); !bytes.Equal(got, wantSmall) {
			t.Fatalf("round %d: the small batch grouped differently after a large one", round)
		}
	}

	var wg sync.WaitGroup
	got := make([][]byte, 8)
	for k := range got {
		wg.Go(func() {
			b := small
			if k%2 == 1 {
				b = large
			}
			c := cloneBatch(b)
			res, err := Group(c, GroupOptions{})
			if err != nil {
				t.Error(err)
				return
			}
			got[k] = mustJSON(t, res)
		})
	}
	wg.Wait()
	for k, g := range got {
		want := wantSmall
		if k%2 == 1 {
			want = wantLarge
		}
		if !bytes.Equal(g, want) {
			t.Errorf("concurrent call %d grouped differently", k)
		}
	}
}
