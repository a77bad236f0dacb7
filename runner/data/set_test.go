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

func TestSubset(t *testing.T) {
	s := indexedSet([]int32{0, 1, 2, 3, 4, 5})
	sub := s.Subset([]int{4, 0, 4, 2})
	if sub.N != 4 || !slices.Equal(sub.Labels, []int32{4, 0, 4, 2}) {
		t.Fatalf("Subset labels %v (N %d), want [4 0 4 2]", sub.Labels, sub.N)
	}
	for k, want := range []int{4, 0, 4, 2} {
		if got := origin(t, sub, k); got != want {
			t.Errorf("Subset example %d comes from %d, want %d", k, got, want)
		}
	}
	sub.Pixels[0] = 100
	if s.Pixels[8] != 4 {
		t.Error("writing to a Subset changed the parent's pixels; Subset must copy")
	}
	if empty := s.Subset(nil); empty.N != 0 || len(empty.Pixels) != 0 {
		t.Errorf("Subset(nil) has %d examples", empty.N)
	}
	defer func() {
		if recover() == nil {
			t.Error("Subset with index 6 of 6 examples did not panic")
		}
	}()
	s.Subset([]int{1, 6})
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

func TestBalanced(t *testing.T) {
	// Class sizes: 0 -> 50, 1 -> 60, 2 -> 3, 3 -> 20, interleaved.
	sizes := map[int32]int{0: 50, 1: 60, 2: 3, 3: 20}
	var labels []int32
	for len(labels) < 133 {
		for c := int32(0); c < 4; c++ {
			if sizes[c] > 0 {
				labels = append(labels, c)
				sizes[c]--
			}
		}
	}
	s := indexedSet(labels)

	b := s.Balanced(40, 1)
	if b.N != 40 {
		t.Fatalf("Balanced(40) has %d examples", b.N)
	}
	counts := map[int32]int{}
	prev := -1
	for k := range b.N {
		i := origin(t, b, k)
		if i <= prev {
			t.Fatalf("Balanced examples are not in the set's order without repeats: %d after %d", i, prev)
		}
		prev = i
		if b.Labels[k] != labels[i] {
			t.Fatalf("Balanced example %d (from %d) labelled %d, want %d", k, i, b.Labels[k], labels[i])
		}
		counts[b.Labels[k]]++
	}
	// Class 2 gives all 3; the other 37 split 12, 12, 13 over classes 0, 1, 3.
	if counts[2] != 3 {
		t.Errorf("class 2 (3 examples) contributes %d, want all 3", counts[2])
	}
	others := []int{counts[0], counts[1], counts[3]}
	slices.Sort(others)
	if !slices.Equal(others, []int{12, 12, 13}) {
		t.Errorf("classes 0, 1, 3 contribute %v, want 12, 12 and 13 in some order", counts)
	}

	// Reproducible from the seed, different for another seed.
	if again := s.Balanced(40, 1); !slices.Equal(again.Pixels, b.Pixels) {
		t.Error("Balanced(40, 1) differs between two calls")
	}
	if other := s.Balanced(40, 2); slices.Equal(other.Pixels, b.Pixels) {
		t.Error("Balanced(40, 1) and Balanced(40, 2) choose the same examples")
	}

	// Equal shares when every class has enough.
	eight := s.Balanced(8, 3)
	c8 := map[int32]int{}
	for _, l := range eight.Labels {
		c8[l]++
	}
	for c := int32(0); c < 4; c++ {
		if c8[c] != 2 {
			t.Errorf("Balanced(8) takes %d of class %d, want 2 of each of 4 classes", c8[c], c)
		}
	}
	if all := s.Balanced(1000, 3); all.N != s.N {
		t.Errorf("Balanced(1000) of %d examples gives %d", s.N, all.N)
	}
}
