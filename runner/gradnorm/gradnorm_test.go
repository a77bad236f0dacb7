package gradnorm

import (
	"hw1/runner"
	"hw1/runner/results"
	"hw1/runner/runnertest"
	"math"
	"testing"

	"hw1/graphs"
	"hw1/runner/data"
	"hw1/runner/models"
)

// TestGradNorm runs the smoke profile and checks history.csv: one row per
// step, and the first step's loss and gradient norm against the initial
// model, the norm checked by a central difference of the loss along the
// gradient's direction (whose slope is the gradient's norm).
func TestGradNorm(t *testing.T) {
	exp := Experiment()
	cfg := runnertest.SmokeConfig[gradNormConfig](t, exp)
	env := runnertest.Env(t)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	tb := runnertest.ReadTable(t, env, results.GradNormHistory)
	steps, epochs := runnertest.FiniteColumn(t, tb, "step"), runnertest.FiniteColumn(t, tb, "epoch")
	loss, gn := runnertest.FiniteColumn(t, tb, "loss"), runnertest.FiniteColumn(t, tb, "grad_norm")
	// Full batch: one step per epoch.
	if len(steps) != cfg.Epochs {
		t.Fatalf("%d rows, want %d (one step per epoch)", len(steps), cfg.Epochs)
	}
	for i := range steps {
		if steps[i] != float64(i+1) || epochs[i] != float64(i+1) {
			t.Errorf("row %d: step %v epoch %v, want %d and %d", i+1, steps[i], epochs[i], i+1, i+1)
		}
		if loss[i] < 0 || gn[i] < 0 {
			t.Errorf("row %d: loss %v, grad_norm %v: negative", i+1, loss[i], gn[i])
		}
	}
	if loss[len(loss)-1] >= loss[0] {
		t.Errorf("loss %v → %v: training does not lower it", loss[0], loss[len(loss)-1])
	}

	// The initial model, rebuilt from the same seed, in float64 so that
	// the difference quotient is accurate.
	spec := models.FitSpec(models.FitModel{Hidden: cfg.Hidden}, cfg.Activation, graphs.InitTorch, cfg.LR, runner.SubSeed(env.Seed, "grad-norm", "model"), env.Session)
	spec.Float64 = true
	m, err := graphs.New(spec)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	ds, err := m.Load(models.Curve(data.Sinc, cfg.Points))
	if err != nil {
		t.Fatal(err)
	}
	all := allExamples(cfg.Points)
	theta, err := m.Params()
	if err != nil {
		t.Fatal(err)
	}
	g, err := m.Gradient(ds, all)
	if err != nil {
		t.Fatal(err)
	}
	norm := math.Sqrt(dot(g, g))
	lossAt := func(step float64) float64 {
		p := make([]float64, len(theta))
		for i := range p {
			p[i] = theta[i] + step*g[i]/norm
		}
		if err := m.SetParams(p); err != nil {
			t.Fatal(err)
		}
		l, err := m.Loss(ds, all)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	const h = 1e-5
	slope := (lossAt(h) - lossAt(-h)) / (2 * h)
	l0 := lossAt(0)
	// The table comes from the float32 model: agree to float32 accuracy.
	if !runnertest.Near(gn[0], slope, 1e-3, 0) {
		t.Errorf("first step's grad_norm %v, but the loss rises at rate %v along the gradient", gn[0], slope)
	}
	if !runnertest.Near(loss[0], l0, 1e-5, 0) {
		t.Errorf("first step's loss %v, the initial model's loss %v", loss[0], l0)
	}
	if math.Abs(slope-norm) > 1e-6*norm {
		t.Errorf("difference quotient %v and gradient norm %v of the float64 model disagree", slope, norm)
	}
}

// allExamples is 0, 1, …, n-1: the indices of every example.
func allExamples(n int) []int32 {
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	return idx
}

// dot is the inner product of a and b.
func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
