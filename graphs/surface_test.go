package graphs

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// TestFilterNormalizeByHand checks filter normalisation on a 2-2-1 dense
// network and on a convolution, with the expected values worked out by
// hand.
func TestFilterNormalizeByHand(t *testing.T) {
	// Params order: dense1 weights [2 inputs, 2 units] row-major (w[in][u]
	// at in·2+u), dense1 biases [2], dense2 weights [2, 1], dense2 bias.
	dense := Spec{Input: []int{2}, Layers: []Layer{{Kind: Dense, Units: 2, Activation: ReLU}, {Kind: Dense, Units: 1}}, Loss: MSE}
	theta := []float64{
		3, 1, // w[0][0], w[0][1]
		4, 0, // w[1][0], w[1][1]: unit 0 has column (3, 4), norm 5; unit 1 (1, 0), norm 1
		7, 8, // biases
		6, 8, // dense2: unit 0 has column (6, 8), norm 10
		9, // bias
	}
	dir := []float64{
		1, 2, // unit 0's column (1, 0), norm 1; unit 1's (2, 2), norm 2√2
		0, 2,
		5, -5, // biases: set to 0
		0, -3, // column (0, -3), norm 3
		4, // bias: set to 0
	}
	r := 1 / math.Sqrt2
	want := []float64{
		5, r, // unit 0: (1, 0)·5/1 = (5, 0); unit 1: (2, 2)·1/(2√2) = (1/√2, 1/√2)
		0, r,
		0, 0,
		0, -10, // (0, -3)·10/3
		0,
	}
	got, err := dense.FilterNormalize(dir, theta)
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, "dense filter-normalised direction", got, want, 1e-15)
	if dir[4] != 5 || dir[7] != -3 {
		t.Error("FilterNormalize changed its argument")
	}

	// A 2×2 convolution with 2 filters on a 2×2×1 image: weights
	// [2, 2, 1, 2] row-major, filter f at entries f, f+2, f+4, f+6. Then
	// Flatten and Dense 8 → 1.
	conv := Spec{Input: []int{2, 2, 1}, Layers: []Layer{{Kind: Conv2D, Filters: 2, Kernel: 2}, {Kind: Flatten}, {Kind: Dense, Units: 1}}, Loss: MSE}
	theta = []float64{
		1, 0, 1, 0, 1, 0, 1, 3, // filter 0 (1, 1, 1, 1), norm 2; filter 1 (0, 0, 0, 3), norm 3
		-1, 2, // biases
		1, 2, 3, 4, 5, 6, 7, 8, // dense weights
		1, // bias
	}
	dir = []float64{
		1, 0, 0, 4, 0, 0, 0, 3, // filter 0 (1, 0, 0, 0), norm 1; filter 1 (0, 4, 0, 3), norm 5
		1, 1,
		0, 0, 0, 0, 0, 0, 0, 0, // a zero direction stays zero
		1,
	}
	want = []float64{
		2, 0, 0, 2.4, 0, 0, 0, 1.8, // filter 0 ×2; filter 1 ×3/5
		0, 0,
		0, 0, 0, 0, 0, 0, 0, 0,
		0,
	}
	if got, err = conv.FilterNormalize(dir, theta); err != nil {
		t.Fatal(err)
	}
	checkVectors(t, "conv filter-normalised direction", got, want, 1e-15)
	if _, err := conv.FilterNormalize(dir[1:], theta); err == nil || !strings.Contains(err.Error(), "parameters") {
		t.Errorf("a short direction: %v, want an error", err)
	}
}

// TestRandomDirection checks that each unit of a random direction has the
// norm of the same unit of θ, that biases are 0, and that the seed fixes
// the direction.
func TestRandomDirection(t *testing.T) {
	spec := smallCNN
	n, _ := spec.NumParams()
	theta := randomParams(n, 1, 5)
	d, err := spec.RandomDirection(theta, 1)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := spec.plan()
	off := 0
	for _, l := range p.layers {
		if l.weightShape == nil {
			continue
		}
		size, units := prod(l.weightShape), l.weightShape[len(l.weightShape)-1]
		for u := range units {
			var dn, tn float64
			for i := off + u; i < off+size; i += units {
				dn += d[i] * d[i]
				tn += theta[i] * theta[i]
			}
			if !closeTo(math.Sqrt(dn), math.Sqrt(tn), 1e-14) {
				t.Errorf("%s unit %d: direction norm %v, θ norm %v", l.name, u, math.Sqrt(dn), math.Sqrt(tn))
			}
		}
		for i := off + size; i < off+size+prod(l.biasShape); i++ {
			if d[i] != 0 {
				t.Errorf("%s: bias entry %d of the direction is %v, want 0", l.name, i, d[i])
			}
		}
		off += size + prod(l.biasShape)
	}
	again, _ := spec.RandomDirection(theta, 1)
	other, _ := spec.RandomDirection(theta, 2)
	if !slices.Equal(d, again) || slices.Equal(d, other) {
		t.Error("the seed does not fix the direction")
	}
}

// TestLossSurfaceMatchesReference evaluates a 3×4 grid and a line and
// checks every point against the plain-Go loss at θ + a·δ + b·η, the
// point (0, 0) against Evaluate at θ to the bit, and that the model's
// parameters are restored.
func TestLossSurfaceMatchesReference(t *testing.T) {
	for name, spec := range map[string]Spec{"mlp57": mlp57, "xent": smallMLP(SoftmaxCrossEntropy, 3)} {
		m := newTestModel(t, spec)
		n := m.NumParams()
		theta := randomParams(n, 1, 71)
		before := randomParams(n, 1, 72)
		if err := m.SetParams(before); err != nil {
			t.Fatal(err)
		}
		d := randomData(spec, 30, 73)
		ds := loadTest(t, m, d)
		d1, err := spec.RandomDirection(theta, 1)
		if err != nil {
			t.Fatal(err)
		}
		d2, _ := spec.RandomDirection(theta, 2)
		as, bs := []float64{-0.5, 0, 1}, []float64{-1, 0, 0.25, 0.5}
		const batch = 7
		s, err := m.LossSurface(ds, batch, theta, d1, d2, as, bs)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Loss) != len(as)*len(bs) || (spec.Loss == MSE) != (s.Accuracy == nil) {
			t.Fatalf("%s: %d losses and %d accuracies for a %d×%d grid", name, len(s.Loss), len(s.Accuracy), len(as), len(bs))
		}
		p := make([]float64, n)
		for i, a := range as {
			for j, b := range bs {
				for k := range p {
					p[k] = theta[k] + a*d1[k] + b*d2[k]
				}
				wantLoss, wantAcc := refLoss(t, spec, p, d)
				if got := s.Loss[i*len(bs)+j]; !closeTo(got, wantLoss, 1e-12) {
					t.Errorf("%s at (%v, %v): loss %v, want %v", name, a, b, got, wantLoss)
				}
				if s.Accuracy != nil && s.Accuracy[i*len(bs)+j] != wantAcc {
					t.Errorf("%s at (%v, %v): accuracy %v, want %v", name, a, b, s.Accuracy[i*len(bs)+j], wantAcc)
				}
			}
		}
		if after, _ := m.Params(); !slices.Equal(after, before) {
			t.Errorf("%s: LossSurface did not restore the parameters", name)
		}
		if err := m.SetParams(theta); err != nil {
			t.Fatal(err)
		}
		at, err := m.Evaluate(ds, batch)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Loss[1*len(bs)+1]; got != at.Loss {
			t.Errorf("%s: the surface at (0, 0) is %v, Evaluate at θ %v; want them equal", name, got, at.Loss)
		}
		line, err := m.LossSurface(ds, batch, theta, d1, nil, []float64{0, 1}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(line.B, []float64{0}) || line.Loss[0] != at.Loss || line.Loss[1] != s.Loss[2*len(bs)+1] {
			t.Errorf("%s: the line gives %v at B %v, want %v and %v", name, line.Loss, line.B, at.Loss, s.Loss[2*len(bs)+1])
		}
		if _, err := m.LossSurface(ds, batch, theta, d1[1:], d2, as, bs); err == nil {
			t.Errorf("%s: a short direction accepted", name)
		}
	}
}

// benchSurface measures a 25×25 loss surface of spec over examples random
// examples, one batch per point, with the default session configuration
// (all cores, graph optimizer on).
func benchSurface(b *testing.B, spec Spec, examples int) {
	m, ds := benchModel(b, spec, examples)
	theta, _ := m.Params()
	d1, _ := spec.RandomDirection(theta, 1)
	d2, _ := spec.RandomDirection(theta, 2)
	grid := make([]float64, 25)
	for i := range grid {
		grid[i] = -1 + 2*float64(i)/24
	}
	if _, err := m.LossSurface(ds, examples, theta, d1, d2, grid[:1], grid[:1]); err != nil { // first run outside the timing
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := m.LossSurface(ds, examples, theta, d1, d2, grid, grid); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*625), "µs/point")
}

// BenchmarkSurface57 is a 25×25 surface of the 57-parameter network over
// 1,000 examples.
func BenchmarkSurface57(b *testing.B) {
	benchSurface(b, mlp57, 1000)
}

// BenchmarkSurfaceMNISTMLP is a 25×25 surface of a 784 → 128 → 10 ReLU
// network (101,770 parameters, float32) over 3,000 random images.
func BenchmarkSurfaceMNISTMLP(b *testing.B) {
	benchSurface(b, Spec{
		Input:  []int{784},
		Layers: []Layer{{Kind: Dense, Units: 128, Activation: ReLU}, {Kind: Dense, Units: 10}},
		Loss:   SoftmaxCrossEntropy,
	}, 3000)
}
