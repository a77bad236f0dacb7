package data

import (
	"fmt"
	"slices"
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
