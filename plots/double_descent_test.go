package plots

import (
	"testing"

	"hw1/runner/results"
	"hw1/runner/table"
)

// TestThresholdOverSeeds: over seeds the threshold is the fewest
// parameters at which some seed's clean fit interpolates, as each seed's
// finding has it, even where the mean over the seeds is above the bound.
func TestThresholdOverSeeds(t *testing.T) {
	cols := []string{results.ColLabelNoise, results.ColParams, results.ColTrainLoss + results.SuffixMean, results.ColTrainLoss + results.SuffixMin}
	tb := table.New(cols...)
	for _, r := range [][]any{
		{0.0, 100, 0.5, 0.4},   // no seed interpolates
		{0.0, 200, 2e-6, 1e-9}, // one seed does, the mean is above the bound
		{0.0, 300, 1e-12, 1e-13},
		{0.2, 50, 1e-12, 1e-13}, // noisy labels do not count
	} {
		if err := tb.Append(r...); err != nil {
			t.Fatal(err)
		}
	}
	agg := &source{path: "results.csv", t: tb, schema: results.DoubleDescentResults, agg: true}
	if at, ok := threshold(agg); !ok || at != 200 {
		t.Errorf("threshold over seeds: %v, %v; want 200", at, ok)
	}
	// One seed's table: its own loss.
	one := table.New(results.ColLabelNoise, results.ColParams, results.ColTrainLoss)
	for _, r := range [][]any{{0.0, 100, 0.5}, {0.0, 200, 2e-6}, {0.0, 300, 1e-12}} {
		if err := one.Append(r...); err != nil {
			t.Fatal(err)
		}
	}
	if at, ok := threshold(&source{path: "results.csv", t: one, schema: results.DoubleDescentResults}); !ok || at != 300 {
		t.Errorf("threshold of one seed: %v, %v; want 300", at, ok)
	}
}
