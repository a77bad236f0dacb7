package graphs

import (
	"math"
	"testing"
)

// fdGradient is the central-difference gradient of the model's mean loss
// over idx, one parameter at a time.
func fdGradient(t *testing.T, m *Model, ds *Dataset, idx []int32, theta []float64, h float64) []float64 {
	t.Helper()
	g := make([]float64, len(theta))
	p := append([]float64(nil), theta...)
	for i := range p {
		p[i] = theta[i] + h
		if err := m.SetParams(p); err != nil {
			t.Fatal(err)
		}
		up, err := m.Loss(ds, idx)
		if err != nil {
			t.Fatal(err)
		}
		p[i] = theta[i] - h
		if err := m.SetParams(p); err != nil {
			t.Fatal(err)
		}
		down, err := m.Loss(ds, idx)
		if err != nil {
			t.Fatal(err)
		}
		p[i] = theta[i]
		g[i] = (up - down) / (2 * h)
	}
	if err := m.SetParams(theta); err != nil {
		t.Fatal(err)
	}
	return g
}

// TestGradientMatchesFiniteDifferences covers every layer kind and
// activation (the CNN) and both losses.
func TestGradientMatchesFiniteDifferences(t *testing.T) {
	specs := map[string]Spec{"cnn-xent": smallCNN, "mlp-mse": smallMLP(MSE, 2), "mlp-xent": smallMLP(SoftmaxCrossEntropy, 3)}
	for name, spec := range specs {
		m := newTestModel(t, spec)
		theta := randomParams(m.NumParams(), 0.7, 21)
		if err := m.SetParams(theta); err != nil {
			t.Fatal(err)
		}
		d := randomData(spec, 8, 22)
		ds := loadTest(t, m, d)
		idx := []int32{0, 1, 3, 4, 6, 7}
		if spec.Layers[0].Kind == Dense {
			checkBothSigns(t, spec, theta, d)
		}
		got, err := m.Gradient(ds, idx)
		if err != nil {
			t.Fatal(err)
		}
		checkVectors(t, name+" gradient", got, fdGradient(t, m, ds, idx, theta, 1e-6), 1e-7)
		gn, err := m.GradNorm(ds, idx)
		if err != nil || !closeTo(gn, norm(got), 1e-12) {
			t.Errorf("%s: GradNorm = %v, %v; want %v", name, gn, err, norm(got))
		}
	}
}

// TestChunkedProbesMatchWhole splits probes into chunks of 3 examples and
// expects the results of one run over all examples.
func TestChunkedProbesMatchWhole(t *testing.T) {
	spec := smallMLP(SoftmaxCrossEntropy, 3)
	m := newTestModel(t, spec)
	ds := loadTest(t, m, randomData(spec, 11, 2))
	idx := []int32{10, 0, 1, 2, 3, 4, 5, 6, 7, 8} // 10 examples: chunks of 3, 3, 3, 1
	v := randomParams(m.NumParams(), 1, 3)
	type probes struct {
		loss, gn float64
		grad, hv []float64
		sens     Sensitivity
	}
	run := func() probes {
		var p probes
		var err error
		if p.loss, err = m.Loss(ds, idx); err != nil {
			t.Fatal(err)
		}
		if p.gn, err = m.GradNorm(ds, idx); err != nil {
			t.Fatal(err)
		}
		if p.grad, err = m.Gradient(ds, idx); err != nil {
			t.Fatal(err)
		}
		if p.hv, err = m.HessianVector(ds, idx, v); err != nil {
			t.Fatal(err)
		}
		if p.sens, err = m.Sensitivity(ds, idx); err != nil {
			t.Fatal(err)
		}
		return p
	}
	whole := run()
	m.chunk = 3
	parts := run()
	if !closeTo(parts.loss, whole.loss, 1e-12) || !closeTo(parts.gn, whole.gn, 1e-12) {
		t.Errorf("chunked loss, grad norm %v, %v; whole %v, %v", parts.loss, parts.gn, whole.loss, whole.gn)
	}
	checkVectors(t, "chunked gradient", parts.grad, whole.grad, 1e-12)
	checkVectors(t, "chunked Hv", parts.hv, whole.hv, 1e-12)
	if !closeTo(parts.sens.JacobianFrobenius, whole.sens.JacobianFrobenius, 1e-12) ||
		!closeTo(parts.sens.LossGradNorm, whole.sens.LossGradNorm, 1e-12) {
		t.Errorf("chunked sensitivity %+v, whole %+v", parts.sens, whole.sens)
	}
}

// TestSensitivityMatchesFiniteDifferences checks both sensitivities
// against central differences of the plain-Go forward pass in the inputs.
func TestSensitivityMatchesFiniteDifferences(t *testing.T) {
	for name, spec := range map[string]Spec{"mlp-xent": smallMLP(SoftmaxCrossEntropy, 3), "cnn-xent": smallCNN, "mlp-mse": smallMLP(MSE, 2)} {
		m := newTestModel(t, spec)
		theta := randomParams(m.NumParams(), 0.9, 8)
		if err := m.SetParams(theta); err != nil {
			t.Fatal(err)
		}
		d := randomData(spec, 5, 9)
		ds := loadTest(t, m, d)
		got, err := m.Sensitivity(ds, allIndices(d.N))
		if err != nil {
			t.Fatal(err)
		}
		in := prod(spec.Input)
		outputs := func(x []float64) []float64 {
			o := refForward(t, spec, theta, x)
			if spec.Loss == SoftmaxCrossEntropy {
				return softmax(o)
			}
			return o
		}
		exampleLoss := func(x []float64, i int) float64 {
			o := refForward(t, spec, theta, x)
			if spec.Loss == SoftmaxCrossEntropy {
				return xent(o, int(d.Labels[i]))
			}
			s := 0.0
			for k, v := range o {
				e := v - float64(d.Y[i*len(o)+k])
				s += e * e / float64(len(o))
			}
			return s
		}
		const h = 1e-6
		var jac, lg float64
		for i := range d.N {
			x := make([]float64, in)
			for j := range x {
				x[j] = float64(d.X[i*in+j])
			}
			var jsq, gsq float64
			for j := range x {
				x0 := x[j]
				x[j] = x0 + h
				up, lup := outputs(x), exampleLoss(x, i)
				x[j] = x0 - h
				down, ldown := outputs(x), exampleLoss(x, i)
				x[j] = x0
				for k := range up {
					dk := (up[k] - down[k]) / (2 * h)
					jsq += dk * dk
				}
				dl := (lup - ldown) / (2 * h)
				gsq += dl * dl
			}
			jac += math.Sqrt(jsq) / float64(d.N)
			lg += math.Sqrt(gsq) / float64(d.N)
		}
		if !closeTo(got.JacobianFrobenius, jac, 1e-6) || !closeTo(got.LossGradNorm, lg, 1e-6) {
			t.Errorf("%s: Sensitivity = %+v, finite differences give {%v %v}", name, got, jac, lg)
		}
	}
}
