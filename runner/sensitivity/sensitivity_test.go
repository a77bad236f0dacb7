package sensitivity

import (
	"bytes"
	"context"
	"hw1/runner/models"
	"hw1/runner/results"
	"hw1/runner/runnertest"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestSensitivityConfig checks every profile against the homework: the
// network 784-20-29-10 has 784·20+20 + 20·29+29 + 29·10+10 = 16,609
// parameters (the report's "about 16,600"), and at least 5 batch sizes are
// log-spaced from 5 to 1000.
func TestSensitivityConfig(t *testing.T) {
	exp := Experiment()
	for _, p := range []string{"smoke", "quick", "full"} {
		c, err := exp.Config(p)
		if err != nil {
			t.Fatal(err)
		}
		cfg := c.(*Config)
		n, err := models.MLPSpec(cfg.Hidden, cfg.LR, 0, runnertest.Env(t).Session).NumParams()
		if err != nil {
			t.Fatal(err)
		}
		if n != 16609 {
			t.Errorf("%s: %d parameters, want 16,609", p, n)
		}
		bs := cfg.BatchSizes
		if len(bs) < 5 || bs[0] != 5 || bs[len(bs)-1] != 1000 {
			t.Fatalf("%s: batch sizes %v, want at least 5 from 5 to 1000", p, bs)
		}
		for i := 1; i < len(bs); i++ {
			if r := float64(bs[i]) / float64(bs[i-1]); r < 1.8 || r > 4 {
				t.Errorf("%s: batch sizes %d -> %d grow by %.2f, want log-spaced", p, bs[i-1], bs[i], r)
			}
		}
		if cfg.Budget != BudgetEpochs || cfg.SharpEps != 1e-3 || cfg.SharpSteps < 1 {
			t.Errorf("%s: budget %q, sharp_eps %v, sharp_steps %d; want equal epochs and eps 1e-3", p, cfg.Budget, cfg.SharpEps, cfg.SharpSteps)
		}
	}
}

func TestCheckSensitivity(t *testing.T) {
	good := func() *Config { return runnertest.SmokeConfig[Config](t, Experiment()) }
	if err := checkSensitivity(good()); err != nil {
		t.Fatal(err)
	}
	bad := []func(c *Config){
		func(c *Config) { c.BatchSizes = []int{5, 0} },
		func(c *Config) { c.Epochs = 0 },
		func(c *Config) { c.Budget, c.Steps = budgetSteps, 0 },
		func(c *Config) { c.SharpEps = -1 },
	}
	for i, f := range bad {
		c := good()
		f(c)
		if err := checkSensitivity(c); err == nil {
			t.Errorf("bad config %d (%+v): no error", i, c)
		}
	}
}

// TestSensitivitySweep runs the smoke sweep at equal epochs and checks its
// table; then reruns it resuming the finished table under a cancelled
// context, which must train nothing and leave the table as it was.
func TestSensitivitySweep(t *testing.T) {
	runnertest.MNISTDir(t)
	exp := Experiment()
	cfg := runnertest.SmokeConfig[Config](t, exp)
	env := runnertest.Env(t)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	res := runnertest.ReadTable(t, env, results.SensitivityResults)
	bs, steps := runnertest.FiniteColumn(t, res, "batch_size"), runnertest.FiniteColumn(t, res, "steps")
	if len(bs) != len(cfg.BatchSizes) {
		t.Fatalf("results.csv has %d rows, want %d", len(bs), len(cfg.BatchSizes))
	}
	for i, b := range cfg.BatchSizes {
		if bs[i] != float64(b) {
			t.Errorf("row %d: batch size %v, want %d", i, bs[i], b)
		}
		if want := cfg.Epochs * ((cfg.TrainExamples + b - 1) / b); steps[i] != float64(want) {
			t.Errorf("batch size %d: %v steps, want %d (%d epochs)", b, steps[i], want, cfg.Epochs)
		}
	}
	runnertest.CheckUnit(t, "train_acc", runnertest.FiniteColumn(t, res, "train_acc"))
	runnertest.CheckUnit(t, "test_acc", runnertest.FiniteColumn(t, res, "test_acc"))
	for _, col := range []string{"train_loss", "test_loss", "sensitivity", "loss_grad_norm"} {
		for i, v := range runnertest.FiniteColumn(t, res, col) {
			if !(v > 0) || math.IsInf(v, 0) {
				t.Errorf("batch size %v: %s = %v, want a positive number", bs[i], col, v)
			}
		}
	}
	for i, v := range runnertest.FiniteColumn(t, res, "sharpness") {
		// The ascent starts at δ = 0, so sharpness is >= 0; the loss cannot
		// grow by a factor anywhere near 10 within ε = 1e-3 of θ.
		if !(v >= 0 && v < 10) {
			t.Errorf("batch size %v: sharpness %v, want a value in [0, 10)", bs[i], v)
		}
	}

	before, err := os.ReadFile(filepath.Join(env.Dir, "results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	again := runnertest.Resumed(t, ctx, env.Dir)
	if err := exp.Run(again, cfg); err != nil {
		t.Fatalf("resuming a finished sweep: %v (it should have nothing to train)", err)
	}
	after, err := os.ReadFile(filepath.Join(env.Dir, "results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("resuming a finished sweep changed results.csv:\n%s\nto\n%s", before, after)
	}
}

// TestSensitivityEqualSteps checks --set budget=steps: every batch size
// takes exactly the configured number of steps.
func TestSensitivityEqualSteps(t *testing.T) {
	runnertest.MNISTDir(t)
	exp := Experiment()
	cfg := runnertest.SmokeConfig[Config](t, exp)
	cfg.Budget, cfg.Steps, cfg.SharpSteps = budgetSteps, 30, 2
	env := runnertest.Env(t)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	res := runnertest.ReadTable(t, env, results.SensitivityResults)
	bs, steps, epochs := runnertest.FiniteColumn(t, res, "batch_size"), runnertest.FiniteColumn(t, res, "steps"), runnertest.FiniteColumn(t, res, "epochs")
	for i := range bs {
		perEpoch := math.Ceil(float64(cfg.TrainExamples) / bs[i])
		if steps[i] != 30 || math.Abs(epochs[i]-30/perEpoch) > 1e-12 {
			t.Errorf("batch size %v: %v steps (%v epochs), want 30 steps (%v epochs)", bs[i], steps[i], epochs[i], 30/perEpoch)
		}
	}
}
