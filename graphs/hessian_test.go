package graphs

import (
	"math"
	"strings"
	"testing"
)

// TestHessianLinearMSEAnalytic checks the Hessian of a linear model
// f(x) = xW + b (3 inputs, K = 2 outputs) under MSE against the closed
// form. With L = 1/(N·K) Σ_i Σ_k (f_k(x_i) - y_ik)² and z_i = (x_i, 1),
// ∂²L/∂θ_(j,k)∂θ_(j',k') = 2/(N·K) Σ_i z_ij z_ij' [k = k'], where θ_(j,k)
// is W[j][k] for j < 3 (index j·K+k in Params) and b[k] for j = 3 (index
// 3K+k). It does not depend on θ or y.
func TestHessianLinearMSEAnalytic(t *testing.T) {
	const in, k = 3, 2
	spec := Spec{Input: []int{in}, Layers: []Layer{{Kind: Dense, Units: k}}, Loss: MSE, Float64: true}
	m := newTestModel(t, spec)
	d := randomData(spec, 6, 31)
	ds := loadTest(t, m, d)
	idx := []int32{0, 2, 3, 5}
	got, err := m.Hessian(ds, idx)
	if err != nil {
		t.Fatal(err)
	}
	n := (in + 1) * k
	pos := func(j, kk int) int {
		if j < in {
			return j*k + kk
		}
		return in*k + kk
	}
	want := make([]float64, n*n)
	for _, i := range idx {
		z := []float64{float64(d.X[int(i)*in]), float64(d.X[int(i)*in+1]), float64(d.X[int(i)*in+2]), 1}
		for j := range in + 1 {
			for j2 := range in + 1 {
				for kk := range k {
					want[pos(j, kk)*n+pos(j2, kk)] += 2 / float64(len(idx)*k) * z[j] * z[j2]
				}
			}
		}
	}
	checkVectors(t, "linear MSE Hessian", got, want, 1e-12)
}

// TestHessianMatchesFiniteDifferencesOfGradient compares the exact
// Hessian (second forward pass, differentiated twice) with central
// differences of the first-order gradient (first forward pass), for every
// dense activation and both losses, and checks H·v.
func TestHessianMatchesFiniteDifferencesOfGradient(t *testing.T) {
	for name, spec := range map[string]Spec{"mse": smallMLP(MSE, 2), "xent": smallMLP(SoftmaxCrossEntropy, 3)} {
		m := newTestModel(t, spec)
		theta := randomParams(m.NumParams(), 0.8, 41)
		if err := m.SetParams(theta); err != nil {
			t.Fatal(err)
		}
		d := randomData(spec, 9, 42)
		ds := loadTest(t, m, d)
		idx := []int32{0, 1, 2, 4, 5, 8}
		checkBothSigns(t, spec, theta, d)
		h, err := m.Hessian(ds, idx)
		if err != nil {
			t.Fatal(err)
		}
		n := m.NumParams()
		const step = 1e-5
		fd := make([]float64, n*n)
		p := append([]float64(nil), theta...)
		for j := range n {
			p[j] = theta[j] + step
			m.SetParams(p)
			up, err := m.Gradient(ds, idx)
			if err != nil {
				t.Fatal(err)
			}
			p[j] = theta[j] - step
			m.SetParams(p)
			down, _ := m.Gradient(ds, idx)
			p[j] = theta[j]
			for i := range n {
				fd[i*n+j] = (up[i] - down[i]) / (2 * step)
			}
		}
		m.SetParams(theta)
		checkVectors(t, name+" Hessian", h, fd, 1e-7)

		v := randomParams(n, 1, 43)
		hv, err := m.HessianVector(ds, idx, v)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]float64, n)
		for i := range n {
			for j := range n {
				want[i] += h[i*n+j] * v[j]
			}
		}
		checkVectors(t, name+" H·v", hv, want, 1e-10)
		if _, err := m.HessianVector(ds, idx, v[1:]); err == nil {
			t.Error("HessianVector with a short v accepted")
		}
	}
}

// TestTrainGradNormStep checks, on an SGD model, that the step moves θ by
// -lr·∇‖∇L‖² with ∇‖∇L‖² from central differences of ‖Gradient‖², that it
// returns ‖∇L‖² before the step, and that repeated steps lower it.
func TestTrainGradNormStep(t *testing.T) {
	spec := smallMLP(MSE, 2)
	const lr = 0.01
	spec.Optimizer = Optimizer{Kind: SGD, LR: lr}
	m := newTestModel(t, spec)
	theta := randomParams(m.NumParams(), 0.8, 51)
	if err := m.SetParams(theta); err != nil {
		t.Fatal(err)
	}
	d := randomData(spec, 8, 52)
	ds := loadTest(t, m, d)
	idx := allIndices(8)
	checkBothSigns(t, spec, theta, d)
	gnsq := func(p []float64) float64 {
		if err := m.SetParams(p); err != nil {
			t.Fatal(err)
		}
		g, err := m.Gradient(ds, idx)
		if err != nil {
			t.Fatal(err)
		}
		n := norm(g)
		return n * n
	}
	n := m.NumParams()
	const step = 1e-6
	want := append([]float64(nil), theta...)
	p := append([]float64(nil), theta...)
	for j := range n {
		p[j] = theta[j] + step
		up := gnsq(p)
		p[j] = theta[j] - step
		down := gnsq(p)
		p[j] = theta[j]
		want[j] -= lr * (up - down) / (2 * step)
	}
	before := gnsq(theta)
	got, err := m.TrainGradNormStep(ds, idx)
	if err != nil {
		t.Fatal(err)
	}
	if !closeTo(got, before, 1e-12) {
		t.Errorf("TrainGradNormStep returned %v, want ‖∇L‖² before the step %v", got, before)
	}
	after, _ := m.Params()
	checkVectors(t, "θ after a gradient-norm step", after, want, 1e-8)
	last := got
	for range 20 {
		if last, err = m.TrainGradNormStep(ds, idx); err != nil {
			t.Fatal(err)
		}
	}
	if !(last < got) {
		t.Errorf("‖∇L‖² went from %v to %v in 20 steps, want lower", got, last)
	}
}

// TestSecondOrderRefusesConvolutions expects a clear error for a CNN and
// a model that keeps working afterwards.
func TestSecondOrderRefusesConvolutions(t *testing.T) {
	m := newTestModel(t, smallCNN)
	ds := loadTest(t, m, randomData(smallCNN, 3, 1))
	if _, err := m.Hessian(ds, []int32{0}); err == nil || !strings.Contains(err.Error(), "dense") {
		t.Errorf("Hessian of a CNN: %v, want an error naming dense layers", err)
	}
	if _, err := m.TrainGradNormStep(ds, []int32{0}); err == nil {
		t.Error("TrainGradNormStep of a CNN: no error")
	}
	if s, err := m.Sensitivity(ds, []int32{0, 1}); err != nil || math.IsNaN(s.JacobianFrobenius) {
		t.Errorf("Sensitivity after the refused Hessian: %+v, %v", s, err)
	}
}
