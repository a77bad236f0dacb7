package graphs

import (
	"math"
	"reflect"
	"testing"
)

func TestSharpness(t *testing.T) {
	spec := smallMLP(SoftmaxCrossEntropy, 3)
	m := newTestModel(t, spec)
	theta := randomParams(m.NumParams(), 0.8, 61)
	if err := m.SetParams(theta); err != nil {
		t.Fatal(err)
	}
	ds := loadTest(t, m, randomData(spec, 12, 62))
	idx := allIndices(12)
	l0, _ := m.Loss(ds, idx)
	g, _ := m.Gradient(ds, idx)
	restored := func(when string) {
		t.Helper()
		p, _ := m.Params()
		if !reflect.DeepEqual(p, theta) {
			t.Fatalf("%s: parameters not restored", when)
		}
	}

	s0, err := m.Sharpness(ds, idx, 0, 5)
	if err != nil || s0 != 0 {
		t.Errorf("Sharpness with eps = 0: %v, %v; want 0", s0, err)
	}
	restored("eps = 0")

	// For a small box the loss is nearly linear in δ, so the maximum is
	// at the corner δ_i = b_i·sign(g_i): Σ b_i|g_i| / (1 + L).
	const small = 1e-5
	s, err := m.Sharpness(ds, idx, small, 4)
	if err != nil {
		t.Fatal(err)
	}
	lin := 0.0
	for i := range theta {
		lin += small * (math.Abs(theta[i]) + 1) * math.Abs(g[i])
	}
	lin /= 1 + l0
	if math.Abs(s-lin) > 0.01*lin {
		t.Errorf("Sharpness(eps=%g) = %v, want the linear estimate %v ± 1%%", small, s, lin)
	}
	restored("eps = 1e-5")

	// A larger box: projected ascent must beat random points of the box.
	const eps = 0.05
	s, err = m.Sharpness(ds, idx, eps, 10)
	if err != nil {
		t.Fatal(err)
	}
	restored("eps = 0.05")
	if s < 0 {
		t.Errorf("Sharpness = %v < 0", s)
	}
	best := 0.0
	p := make([]float64, len(theta))
	for k := range 100 {
		r := randomParams(len(theta), 1, uint64(100+k))
		for i := range p {
			p[i] = theta[i] + r[i]*eps*(math.Abs(theta[i])+1)
		}
		m.SetParams(p)
		l, _ := m.Loss(ds, idx)
		best = math.Max(best, (l-l0)/(1+l0))
	}
	m.SetParams(theta)
	if s < best {
		t.Errorf("Sharpness = %v is below the best of 100 random points %v", s, best)
	}

	if _, err := m.Sharpness(ds, idx, -1, 5); err == nil {
		t.Error("negative eps accepted")
	}
	if _, err := m.Sharpness(ds, idx, 0.1, 0); err == nil {
		t.Error("0 steps accepted")
	}
}
