package data

import (
	"slices"
	"testing"
)

// indexedSet returns a set of 1x2 images whose pixels are (i, -i) for example
// i, so every example can be traced back, with the given labels.
func indexedSet(labels []int32) *Set {
	s := &Set{N: len(labels), Rows: 1, Cols: 2, Labels: slices.Clone(labels)}
	for i := range labels {
		s.Pixels = append(s.Pixels, float32(i), -float32(i))
	}
	return s
}

// origin returns the index in the indexed set of example k of a derived set,
// checking that its two pixels agree.
func origin(t *testing.T, s *Set, k int) int {
	t.Helper()
	a, b := s.Pixels[2*k], s.Pixels[2*k+1]
	if a != -b {
		t.Fatalf("example %d has pixels (%g, %g): rows mixed up", k, a, b)
	}
	return int(a)
}

func TestHead(t *testing.T) {
	s := indexedSet([]int32{3, 1, 4, 1, 5})
	h := s.Head(2)
	if h.N != 2 || len(h.Pixels) != 4 || !slices.Equal(h.Labels, []int32{3, 1}) {
		t.Fatalf("Head(2) = N %d, pixels %v, labels %v; want 2 examples labelled 3, 1", h.N, h.Pixels, h.Labels)
	}
	if origin(t, h, 1) != 1 || h.Rows != 1 || h.Cols != 2 {
		t.Errorf("Head(2) example 1 comes from %d (%dx%d), want 1 (1x2)", origin(t, h, 1), h.Rows, h.Cols)
	}
	if all := s.Head(99); all.N != 5 || len(all.Labels) != 5 || len(all.Pixels) != 10 {
		t.Errorf("Head(99) of 5 examples has N %d, %d labels, %d pixels; want the whole set", all.N, len(all.Labels), len(all.Pixels))
	}
	if none := s.Head(-1); none.N != 0 || len(none.Labels) != 0 {
		t.Errorf("Head(-1) has %d examples, want 0", none.N)
	}
	// Appending to a head must not overwrite the parent.
	_ = append(h.Labels, 9)
	if s.Labels[2] != 4 {
		t.Errorf("appending to Head(2).Labels changed the parent's label 2 to %d", s.Labels[2])
	}
}

func TestWithLabels(t *testing.T) {
	s := indexedSet([]int32{0, 1, 2})
	labels := []int32{7, 8, 9}
	w, err := s.WithLabels(labels)
	if err != nil {
		t.Fatal(err)
	}
	labels[0] = 1
	if !slices.Equal(w.Labels, []int32{7, 8, 9}) {
		t.Errorf("WithLabels labels = %v, want [7 8 9] (a copy of the argument)", w.Labels)
	}
	if !slices.Equal(s.Labels, []int32{0, 1, 2}) {
		t.Errorf("WithLabels changed the original's labels to %v", s.Labels)
	}
	if w.N != 3 || !slices.Equal(w.Pixels, s.Pixels) {
		t.Errorf("WithLabels changed the pixels: %v, want %v", w.Pixels, s.Pixels)
	}
	_, err = s.WithLabels([]int32{1, 2})
	wantErr(t, err, "2 labels", "3 examples")
}
