package mnistdepth

import (
	"math"
	"strings"
	"testing"

	"hw1/runner/results"
	"hw1/runner/runnertest"
)

// TestMNISTDepthTrainEvalExamples runs the smoke profile (512 training
// examples) with the training metrics on the first 100: every train_acc is
// then a whole number of hundredths, and the notes say which examples
// were measured.
func TestMNISTDepthTrainEvalExamples(t *testing.T) {
	runnertest.MNISTDir(t)
	exp := Experiment()
	cfg := runnertest.SmokeConfig[mnistDepthConfig](t, exp)
	if cfg.TrainExamples != 512 {
		t.Fatalf("smoke trains on %d examples; the test assumes 512", cfg.TrainExamples)
	}
	cfg.TrainEvalExamples, cfg.Epochs = 100, 2
	env := runnertest.Env(t)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	acc := runnertest.FiniteColumn(t, runnertest.ReadTable(t, env, results.MNISTDepthHistory), results.ColTrainAcc)
	if len(acc) != 2*len(cfg.Models) {
		t.Fatalf("%d history rows, want %d", len(acc), 2*len(cfg.Models))
	}
	for i, a := range acc {
		if k := a * 100; math.Abs(k-math.Round(k)) > 1e-9 {
			t.Errorf("row %d: train_acc %v is not a share of 100 examples", i+1, a)
		}
	}
	if !strings.Contains(strings.Join(env.Notes(), "\n"), "first 100 of the 512 training examples") {
		t.Errorf("no note names the 100 evaluated training examples: %q", env.Notes())
	}
}
