package vote

import (
	"slices"
	"testing"
)

func TestLotIsFixedBySeed(t *testing.T) {
	a, b, c := NewLot(10, 42), NewLot(10, 42), NewLot(10, 43)
	among := []int{2, 5, 7, 9}
	if a.First(among) != b.First(among) {
		t.Fatal("the same seed drew different winners")
	}
	differs := false
	for s := uint64(0); s < 20 && !differs; s++ {
		differs = NewLot(10, s).First(among) != c.First(among)
	}
	if !differs {
		t.Fatal("twenty seeds all drew the same candidate: the seed is not used")
	}
	if w := a.First(among); !slices.Contains(among, w) {
		t.Fatalf("drew %d, not one of %v", w, among)
	}
}
