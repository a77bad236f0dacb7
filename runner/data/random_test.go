package data

import (
	"fmt"
	"slices"
	"testing"
)

func TestRandomLabelsReproducible(t *testing.T) {
	a := RandomLabels(1000, 10, 42)
	b := RandomLabels(1000, 10, 42)
	if !slices.Equal(a, b) {
		t.Fatal("RandomLabels(1000, 10, 42) differs between two calls")
	}
	if c := RandomLabels(1000, 10, 43); slices.Equal(a, c) {
		t.Error("RandomLabels gives the same labels for seeds 42 and 43")
	}
	// A shorter draw is the start of a longer one: labels are drawn in order.
	if d := RandomLabels(10, 10, 42); !slices.Equal(d, a[:10]) {
		t.Errorf("RandomLabels(10, 10, 42) = %v, want the first 10 of RandomLabels(1000, 10, 42) %v", d, a[:10])
	}
}

func TestRandomLabelsUniform(t *testing.T) {
	const n, classes = 20000, 10
	labels := RandomLabels(n, classes, 7)
	counts := make([]int, classes)
	for _, l := range labels {
		if l < 0 || l >= classes {
			t.Fatalf("label %d outside 0..%d", l, classes-1)
		}
		counts[l]++
	}
	// Each count is Binomial(20000, 0.1): mean 2000, sd 42.4. Allow 5 sd.
	// Pearson's chi-square with 9 degrees of freedom exceeds 27.9 with
	// probability 0.001.
	chi2 := 0.0
	for c, k := range counts {
		if k < 1788 || k > 2212 {
			t.Errorf("class %d drawn %d times out of %d, want about 2000", c, k, n)
		}
		d := float64(k) - 2000
		chi2 += d * d / 2000
	}
	if chi2 > 27.9 {
		t.Errorf("chi-square %.1f over counts %v: labels are not uniform", chi2, counts)
	}
	if got := RandomLabels(5, 1, 3); !slices.Equal(got, []int32{0, 0, 0, 0, 0}) {
		t.Errorf("RandomLabels(5, 1, 3) = %v, want all zeros", got)
	}
}

func TestRandomLabelsPanicsOnNoClasses(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("RandomLabels(3, 0, 1) did not panic")
		}
	}()
	RandomLabels(3, 0, 1)
}

func TestPermutation(t *testing.T) {
	const n = 500
	p := Permutation(n, 9, 0)
	sorted := slices.Clone(p)
	slices.Sort(sorted)
	for i, v := range sorted {
		if v != int32(i) {
			t.Fatalf("Permutation(%d, 9, 0) is not a permutation of 0..%d: sorted[%d] = %d", n, n-1, i, v)
		}
	}
	if !slices.Equal(p, Permutation(n, 9, 0)) {
		t.Error("Permutation(500, 9, 0) differs between two calls")
	}
	if slices.Equal(p, Permutation(n, 9, 1)) {
		t.Error("epochs 0 and 1 get the same order")
	}
	if slices.Equal(p, Permutation(n, 10, 0)) {
		t.Error("seeds 9 and 10 get the same order")
	}
	// A shuffle moves most elements: fixed points of a random permutation
	// average 1.
	fixed := 0
	for i, v := range p {
		if v == int32(i) {
			fixed++
		}
	}
	if fixed > 10 {
		t.Errorf("Permutation(500, 9, 0) leaves %d elements in place; it does not shuffle", fixed)
	}
	if got := Permutation(0, 1, 0); len(got) != 0 {
		t.Errorf("Permutation(0, 1, 0) = %v, want empty", got)
	}
}

func TestPermutationEpochsDistinct(t *testing.T) {
	seen := make(map[string]int)
	for epoch := range 50 {
		key := fmt.Sprint(Permutation(20, 5, epoch))
		if prev, ok := seen[key]; ok {
			t.Fatalf("epochs %d and %d get the same order", prev, epoch)
		}
		seen[key] = epoch
	}
}
