package runner

import (
	"errors"
	"slices"
	"testing"

	"hw1/graphs"
	"hw1/runner/data"
	"hw1/runner/models"
)

// loopModel builds a small dense MSE model on 50 sinc points; such a model
// takes several steps per TensorFlow run.
func loopModel(t *testing.T, env *Env, opt graphs.Optimizer) (*graphs.Model, *graphs.Dataset) {
	t.Helper()
	m, err := graphs.New(graphs.Spec{
		Input:     []int{1},
		Layers:    []graphs.Layer{{Kind: graphs.Dense, Units: 12, Activation: graphs.ReLU}, {Kind: graphs.Dense, Units: 1}},
		Loss:      graphs.MSE,
		Optimizer: opt,
		Seed:      3,
		Session:   env.Session,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	if m.StepsPerRun() < 2 {
		t.Fatalf("the test model takes %d step per run; the test needs several", m.StepsPerRun())
	}
	ds, err := m.Load(models.Curve(data.Sinc, 50))
	if err != nil {
		t.Fatal(err)
	}
	return m, ds
}

// TestFitSeveralStepsPerRunMatchesOneAtATime trains the same model twice
// for 60 epochs of 9 steps (the last of 2 examples), evaluating every third:
// once with a step hook, which makes Fit take one step per run, and once
// without, which lets it take several steps per run across epochs (27
// between evaluations: the last run of each is short). The epoch losses and
// the final parameters must be identical.
func TestFitSeveralStepsPerRunMatchesOneAtATime(t *testing.T) {
	env := testEnv(t)
	var steps []Step
	run := func(hook bool) ([]Epoch, []float64) {
		m, ds := loopModel(t, env, graphs.Optimizer{Kind: graphs.Adam, LR: 0.01})
		f := Fit{Name: "fit", Model: m, Train: ds, Epochs: 60, BatchSize: 6, Seed: 2, EvalEvery: 3}
		if hook {
			f.Hooks = []Hook{OnStep("steps", func(s Step) error { steps = append(steps, s); return nil })}
		}
		hist, err := env.Fit(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := m.Params()
		if err != nil {
			t.Fatal(err)
		}
		return hist, p
	}
	histOne, pOne := run(true)
	histMany, pMany := run(false)
	if len(steps) != 60*9 || steps[len(steps)-1].Step != 540 || steps[len(steps)-1].Epoch != 60 || 540 < minUnrolledFitSteps {
		t.Fatalf("the hook saw %d steps, the last %+v; want 540 (at least %d), the last of epoch 60", len(steps), steps[len(steps)-1], minUnrolledFitSteps)
	}
	if len(histOne) != 20 || len(histMany) != 20 || !slices.Equal(pOne, pMany) {
		t.Errorf("%d and %d evaluated epochs; parameters equal: %v; want 20, 20 and true", len(histOne), len(histMany), slices.Equal(pOne, pMany))
	}
	for i := range histOne {
		if histOne[i].Train.Loss != histMany[i].Train.Loss || histOne[i].Steps != histMany[i].Steps || histOne[i].Epoch != histMany[i].Epoch {
			t.Errorf("epoch %d: one step per run %+v, several %+v", histOne[i].Epoch, histOne[i], histMany[i])
		}
	}
}

// TestFitDivergedStep makes SGD diverge and requires Fit to name the same
// first non-finite step with several steps per run as with one.
func TestFitDivergedStep(t *testing.T) {
	env := testEnv(t)
	per := 0
	diverge := func(hook bool) *DivergedError {
		m, ds := loopModel(t, env, graphs.Optimizer{Kind: graphs.SGD, LR: 40})
		f := Fit{Name: "fit", Model: m, Train: ds, Epochs: 100, BatchSize: 7, Seed: 2}
		per = m.StepsPerRun()
		if hook {
			f.Hooks = []Hook{OnStep("steps", func(Step) error { return nil })}
		}
		_, err := env.Fit(f)
		var d *DivergedError
		if !errors.As(err, &d) {
			t.Fatalf("error %v, want a DivergedError", err)
		}
		return d
	}
	one, many := diverge(true), diverge(false)
	if one.Epoch != many.Epoch || one.Step != many.Step {
		t.Errorf("one step per run diverged at epoch %d step %d, several at epoch %d step %d", one.Epoch, one.Step, many.Epoch, many.Step)
	}
	if (one.Step-1)%per == 0 {
		t.Errorf("diverged at step %d, the first of a run of %d: change the learning rate so that the test checks a step inside a run", one.Step, per)
	}
}

// TestFitTrainEvalExamples checks that the training metrics of an evaluated
// epoch are those of the first TrainEvalExamples examples, not of the whole
// training set.
func TestFitTrainEvalExamples(t *testing.T) {
	env := testEnv(t)
	m, ds := loopModel(t, env, graphs.Optimizer{Kind: graphs.Adam, LR: 0.01})
	hist, err := env.Fit(Fit{Name: "fit", Model: m, Train: ds, Epochs: 2, BatchSize: 8, Seed: 2, EvalTrain: true, TrainEvalExamples: 10})
	if err != nil {
		t.Fatal(err)
	}
	head, err := m.Evaluate(ds.Head(10), EvalBatch)
	if err != nil {
		t.Fatal(err)
	}
	all, err := m.Evaluate(ds, EvalBatch)
	if err != nil {
		t.Fatal(err)
	}
	got := hist[len(hist)-1].Train.Loss
	if got != head.Loss || got == all.Loss {
		t.Errorf("train loss of the last epoch %v; over the first 10 examples %v, over all 50 %v: want the first", got, head.Loss, all.Loss)
	}
}
