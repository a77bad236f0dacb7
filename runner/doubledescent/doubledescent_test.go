package doubledescent

import (
	"math"
	"slices"
	"testing"

	"hw1/graphs"
	"hw1/runner/results"
	"hw1/runner/runnertest"
)

// The smoke run: one row per noise and size; every fit from the
// interpolation threshold (N = n) on fits its training set exactly, none
// below it; and the test error at the threshold is the clean series' peak.
func TestDoubleDescentSmoke(t *testing.T) {
	exp := Experiment()
	cfg := runnertest.SmokeConfig[Config](t, exp)
	env := runnertest.Env(t)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	tb := runnertest.ReadTable(t, env, results.DoubleDescentResults)
	runs := fits(cfg, cfg.TrainExamples)
	if len(tb.Rows) != len(runs) || len(runs) != 2*cfg.Draws*len(cfg.Ratios) {
		t.Fatalf("%d rows, want %d (2 noises × %d draws × %d sizes)", len(tb.Rows), len(runs), cfg.Draws, len(cfg.Ratios))
	}
	features := runnertest.FiniteColumn(t, tb, results.ColFeatures)
	noise := runnertest.FiniteColumn(t, tb, results.ColLabelNoise)
	trainLoss := runnertest.FiniteColumn(t, tb, results.ColTrainLoss)
	testErr := runnertest.FiniteColumn(t, tb, results.ColTestError)
	peak, peakAt := 0.0, 0.0
	for i := range features {
		interpolates := trainLoss[i] < results.InterpolationLoss
		if want := features[i] >= float64(cfg.TrainExamples); interpolates != want {
			t.Errorf("row %d: %g features, training loss %g: interpolates %v, want %v", i, features[i], trainLoss[i], interpolates, want)
		}
		if noise[i] == 0 && testErr[i] > peak {
			peak, peakAt = testErr[i], features[i]
		}
	}
	if peakAt != float64(cfg.TrainExamples) {
		t.Errorf("the clean test error peaks at %g features, want the threshold %d", peakAt, cfg.TrainExamples)
	}
}

// Label noise replaces about the asked share of labels, each by another
// class, the same from the same seed; and 0 replaces none.
func TestNoisyLabels(t *testing.T) {
	labels := make([]int32, 10000)
	for i := range labels {
		labels[i] = int32(i % Classes)
	}
	a, b := noisyLabels(labels, 0.2, 7), noisyLabels(labels, 0.2, 7)
	if !slices.Equal(a, b) {
		t.Error("the same seed gave other noisy labels")
	}
	changed := 0
	for i := range labels {
		if a[i] != labels[i] {
			changed++
		}
		if a[i] < 0 || a[i] >= Classes {
			t.Fatalf("label %d out of range", a[i])
		}
	}
	if share := float64(changed) / float64(len(labels)); math.Abs(share-0.2) > 0.02 {
		t.Errorf("%.3f of the labels changed, want about 0.2", share)
	}
	if c := noisyLabels(labels, 0, 7); !slices.Equal(c, labels) {
		t.Error("label_noise 0 changed labels")
	}
}

// lossAndError on a hand-checked example: two examples, labels 0 and 2;
// outputs (1, 0, 0, ...) and (0.5, 0, 0.25, ...).
func TestLossAndError(t *testing.T) {
	out := graphs.Matrix{Rows: 2, Cols: Classes, Values: make([]float64, 2*Classes)}
	out.Values[0] = 1            // example 0: exact
	out.Values[Classes+0] = 0.5  // example 1: class 0 wins, wrongly
	out.Values[Classes+2] = 0.25 // its label's output
	loss, errRate := lossAndError(out, []int32{0, 2})
	// Example 1: 0.5² + (0.25 − 1)² = 0.8125; the mean over two: 0.40625.
	if math.Abs(loss-0.40625) > 1e-12 || errRate != 0.5 {
		t.Errorf("loss %g, error %g; want 0.40625 and 0.5", loss, errRate)
	}
}

// The runs: clean then noisy, each draw, sizes growing, each size once
// however the ratios round.
func TestFits(t *testing.T) {
	c := &Config{Ratios: []float64{1, 0.5, 0.501, 2}, LabelNoise: 0.1, Draws: 2}
	got := fits(c, 100)
	var keys []string
	for _, f := range got {
		keys = append(keys, f.key())
	}
	want := []string{
		"noise0.00-draw1-features000050", "noise0.00-draw1-features000100", "noise0.00-draw1-features000200",
		"noise0.00-draw2-features000050", "noise0.00-draw2-features000100", "noise0.00-draw2-features000200",
		"noise0.10-draw1-features000050", "noise0.10-draw1-features000100", "noise0.10-draw1-features000200",
		"noise0.10-draw2-features000050", "noise0.10-draw2-features000100", "noise0.10-draw2-features000200",
	}
	if !slices.Equal(keys, want) {
		t.Errorf("runs %v, want %v", keys, want)
	}
	if !slices.IsSorted(keys) {
		t.Error("the run keys do not sort in run order: a merge would reorder the table")
	}
}
