package data

import (
	"fmt"
	"slices"
	"sort"
)

// Set is a set of labelled grey-scale images in MNIST layout: example i has
// pixels Pixels[i*Rows*Cols : (i+1)*Rows*Cols] in row-major order, scaled to
// [0, 1] (byte/255), and class Labels[i].
type Set struct {
	N, Rows, Cols int
	Pixels        []float32 // N*Rows*Cols values in [0, 1]
	Labels        []int32   // N classes, 0..9 for MNIST and Fashion-MNIST
}

// Dim is the number of pixels of one example, Rows*Cols.
func (s *Set) Dim() int { return s.Rows * s.Cols }

// Head returns the first n examples, sharing memory with s. n is clamped to
// 0..N, so Head(n) with n > N is the whole set.
func (s *Set) Head(n int) *Set {
	n = max(0, min(n, s.N))
	d := s.Dim()
	return &Set{
		N: n, Rows: s.Rows, Cols: s.Cols,
		Pixels: s.Pixels[: n*d : n*d],
		Labels: s.Labels[:n:n],
	}
}

// Subset returns a copy of the examples at idx, in that order (an index may
// repeat). It panics if an index is outside 0..N-1, as slice indexing does.
func (s *Set) Subset(idx []int) *Set {
	d := s.Dim()
	out := &Set{
		N: len(idx), Rows: s.Rows, Cols: s.Cols,
		Pixels: make([]float32, len(idx)*d),
		Labels: make([]int32, len(idx)),
	}
	for k, i := range idx {
		if i < 0 || i >= s.N {
			panic(fmt.Sprintf("data.Set.Subset: index %d outside 0..%d", i, s.N-1))
		}
		copy(out.Pixels[k*d:(k+1)*d], s.Pixels[i*d:(i+1)*d])
		out.Labels[k] = s.Labels[i]
	}
	return out
}

// Balanced returns n examples (all of them if n >= N) with about as many of
// each class: the counts of two classes differ by at most one, except that a
// class with too few examples gives all it has and the others make up the
// rest. Which examples of a class are taken is drawn reproducibly from the
// seed; they come out in the order they have in s.
func (s *Set) Balanced(n int, seed uint64) *Set {
	n = max(0, min(n, s.N))
	byClass := make(map[int32][]int)
	for i, l := range s.Labels[:s.N] {
		byClass[l] = append(byClass[l], i)
	}
	classes := make([]int32, 0, len(byClass))
	for c := range byClass {
		classes = append(classes, c)
	}
	slices.Sort(classes)

	// Shuffle every class in label order, so the draw depends only on seed.
	r := newRand(seed, streamBalanced)
	for _, c := range classes {
		idx := byClass[c]
		r.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	}

	// Fill the quotas from the smallest class up: each class takes an equal
	// share of what is still needed, or all it has if that is less.
	order := slices.Clone(classes)
	sort.SliceStable(order, func(a, b int) bool {
		return len(byClass[order[a]]) < len(byClass[order[b]])
	})
	chosen := make([]int, 0, n)
	remaining := n
	for k, c := range order {
		take := min(remaining/(len(order)-k), len(byClass[c]))
		chosen = append(chosen, byClass[c][:take]...)
		remaining -= take
	}
	slices.Sort(chosen)
	return s.Subset(chosen)
}

// WithLabels returns a copy of s whose labels are replaced by labels (copied;
// the pixels are shared). The number of labels must be N.
func (s *Set) WithLabels(labels []int32) (*Set, error) {
	if len(labels) != s.N {
		return nil, fmt.Errorf("replacing labels: got %d labels for a set of %d examples", len(labels), s.N)
	}
	return &Set{
		N: s.N, Rows: s.Rows, Cols: s.Cols,
		Pixels: s.Pixels,
		Labels: slices.Clone(labels),
	}, nil
}
