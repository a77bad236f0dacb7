package graphs

import (
	"math"
	"testing"
)

// trainStep takes one optimizer step on the examples idx of ds through
// TrainSteps (a run of the single step) and returns its loss.
func trainStep(m *Model, ds *Dataset, idx []int32) (float64, error) {
	losses, err := m.TrainSteps(ds, [][]int32{idx})
	if err != nil {
		return 0, err
	}
	return losses[0], nil
}

// stepAgainstHand takes two steps with the model and checks each against
// update, the optimizer's rule computed in Go from the gradient before the
// step (Gradient is checked against finite differences elsewhere).
func stepAgainstHand(t *testing.T, opt Optimizer, update func(step int, theta, g []float64)) {
	t.Helper()
	spec := smallMLP(SoftmaxCrossEntropy, 3)
	spec.Optimizer = opt
	m := newTestModel(t, spec)
	ds := loadTest(t, m, randomData(spec, 10, 4))
	idx := []int32{0, 2, 3, 7, 9}
	theta, _ := m.Params()
	for step := 1; step <= 2; step++ {
		g, err := m.Gradient(ds, idx)
		if err != nil {
			t.Fatal(err)
		}
		wantLoss, _ := m.Loss(ds, idx)
		loss, err := trainStep(m, ds, idx)
		if err != nil {
			t.Fatal(err)
		}
		if !closeTo(loss, wantLoss, 1e-12) {
			t.Errorf("step %d returned loss %v, want the loss before the update %v", step, loss, wantLoss)
		}
		update(step, theta, g)
		got, _ := m.Params()
		checkVectors(t, string(opt.Kind)+" step", got, theta, 1e-12)
	}
}

func TestSGDStepByHand(t *testing.T) {
	const lr = 0.3
	stepAgainstHand(t, Optimizer{Kind: SGD, LR: lr}, func(_ int, theta, g []float64) {
		for i := range theta {
			theta[i] -= lr * g[i]
		}
	})
}

func TestMomentumStepByHand(t *testing.T) {
	const lr, mu = 0.2, 0.7
	var a []float64
	stepAgainstHand(t, Optimizer{Kind: Momentum, LR: lr, Momentum: mu}, func(_ int, theta, g []float64) {
		if a == nil {
			a = make([]float64, len(theta))
		}
		for i := range theta {
			a[i] = mu*a[i] - lr*g[i]
			theta[i] += a[i]
		}
	})
}

func TestAdamStepByHand(t *testing.T) {
	const lr, b1, b2, eps = 0.01, 0.8, 0.95, 1e-3
	var mom, vel []float64
	stepAgainstHand(t, Optimizer{Kind: Adam, LR: lr, Beta1: b1, Beta2: b2, Epsilon: eps}, func(step int, theta, g []float64) {
		if mom == nil {
			mom, vel = make([]float64, len(theta)), make([]float64, len(theta))
		}
		alpha := lr * math.Sqrt(1-math.Pow(b2, float64(step))) / (1 - math.Pow(b1, float64(step)))
		for i := range theta {
			mom[i] = b1*mom[i] + (1-b1)*g[i]
			vel[i] = b2*vel[i] + (1-b2)*g[i]*g[i]
			theta[i] -= alpha * mom[i] / (math.Sqrt(vel[i]) + eps)
		}
	})
}

// TestSetLearningRate changes an SGD model's learning rate and checks the
// size of the next step.
func TestSetLearningRate(t *testing.T) {
	spec := smallMLP(MSE, 2)
	spec.Optimizer = Optimizer{Kind: SGD, LR: 0.5}
	m := newTestModel(t, spec)
	ds := loadTest(t, m, randomData(spec, 6, 1))
	idx := allIndices(6)
	if err := m.SetLearningRate(0.05); err != nil {
		t.Fatal(err)
	}
	if m.Spec().Optimizer.LR != 0.05 {
		t.Errorf("Spec().Optimizer.LR = %v after SetLearningRate(0.05)", m.Spec().Optimizer.LR)
	}
	theta, _ := m.Params()
	g, _ := m.Gradient(ds, idx)
	if _, err := trainStep(m, ds, idx); err != nil {
		t.Fatal(err)
	}
	for i := range theta {
		theta[i] -= 0.05 * g[i]
	}
	got, _ := m.Params()
	checkVectors(t, "after SetLearningRate(0.05)", got, theta, 1e-12)
	if err := m.SetLearningRate(math.NaN()); err == nil {
		t.Error("NaN learning rate accepted")
	}
}

// TestTrainStepGradNorm checks the norm returned with a step against the
// norm of Gradient taken before it.
func TestTrainStepGradNorm(t *testing.T) {
	spec := smallMLP(SoftmaxCrossEntropy, 3)
	m := newTestModel(t, spec)
	ds := loadTest(t, m, randomData(spec, 10, 4))
	idx := []int32{1, 4, 5}
	g, _ := m.Gradient(ds, idx)
	l0, _ := m.Loss(ds, idx)
	loss, gn, err := m.TrainStepGradNorm(ds, idx)
	if err != nil {
		t.Fatal(err)
	}
	if !closeTo(gn, norm(g), 1e-12) || !closeTo(loss, l0, 1e-12) {
		t.Errorf("TrainStepGradNorm = %v, %v; want %v, %v", loss, gn, l0, norm(g))
	}
	gn2, _ := m.GradNorm(ds, idx)
	g2, _ := m.Gradient(ds, idx)
	if !closeTo(gn2, norm(g2), 1e-12) || gn2 == gn {
		t.Errorf("GradNorm after the step = %v, want |Gradient| = %v (and not the old %v)", gn2, norm(g2), gn)
	}
}

// TestResetOptimizer takes Adam steps, resets, and expects the next step
// to be a first step again (zero moments, bias correction of step 1),
// computed by hand from the gradient.
func TestResetOptimizer(t *testing.T) {
	const lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-7
	spec := smallMLP(MSE, 2)
	spec.Optimizer = Optimizer{Kind: Adam, LR: lr}
	m := newTestModel(t, spec)
	ds := loadTest(t, m, randomData(spec, 6, 3))
	idx := allIndices(6)
	for range 3 {
		if _, err := trainStep(m, ds, idx); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.ResetOptimizer(); err != nil {
		t.Fatal(err)
	}
	theta, _ := m.Params()
	g, _ := m.Gradient(ds, idx)
	if _, err := trainStep(m, ds, idx); err != nil {
		t.Fatal(err)
	}
	alpha := lr * math.Sqrt(1-b2) / (1 - b1)
	for i := range theta {
		mom, vel := (1-b1)*g[i], (1-b2)*g[i]*g[i]
		theta[i] -= alpha * mom / (math.Sqrt(vel) + eps)
	}
	got, _ := m.Params()
	checkVectors(t, "first Adam step after ResetOptimizer", got, theta, 1e-12)
}
