package report

import (
	"fmt"
	"testing"

	"hw1/runner/results"
)

// fakeDoubleDescent writes double-descent's table into dir: n = 100
// examples (threshold 1,000 parameters), sizes 500 to 5,000 parameters,
// one draw per noise; the test error of each series is errs (one per
// size), and a fit interpolates from 1,000 parameters on.
func fakeDoubleDescent(t *testing.T, dir string, clean, noisy []float64) {
	t.Helper()
	features := []int{50, 90, 100, 110, 200, 500}
	var rows [][]any
	for _, s := range []struct {
		noise float64
		errs  []float64
	}{{0, clean}, {0.2, noisy}} {
		if s.errs == nil {
			continue
		}
		for i, f := range features {
			trainLoss := 0.1
			if f >= 100 {
				trainLoss = 1e-12
			}
			key := fmt.Sprintf("noise%.2f-draw1-features%06d", s.noise, f)
			rows = append(rows, []any{key, s.noise, 1, f, f * 10, trainLoss, 0.0, 2 * s.errs[i], s.errs[i]})
		}
	}
	writeTable(t, dir, results.DoubleDescentResults, rows...)
}

func TestDoubleDescentFindings(t *testing.T) {
	dir := newExpDir(t, results.DoubleDescent)
	// A peak at the threshold (1,000), falling beyond; noise raises it.
	fakeDoubleDescent(t, dir, []float64{0.4, 0.6, 0.85, 0.6, 0.3, 0.2}, []float64{0.5, 0.7, 0.9, 0.8, 0.5, 0.4})
	fs := mustFindings(t, dir)
	if len(fs) != 2 {
		t.Fatalf("%d findings, want 2", len(fs))
	}
	checkFinding(t, fs[0], AgreesYes, 1, "threshold is at 1,000 parameters", "in 1 of 1 draws", "peak 85.0% at 1,000")
	checkFinding(t, fs[1], AgreesYes, 0.9-0.85, "85.0% with clean labels, 90.0% with 20.0%")
	// The peak far below the threshold (at 500, a factor 2 below it: still
	// within) and one at 500 parameters with 1,000 as threshold... here a
	// peak at the largest size: no descent beyond it.
	fakeDoubleDescent(t, dir, []float64{0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, []float64{0.4, 0.5, 0.6, 0.7, 0.8, 0.85})
	fs = mustFindings(t, dir)
	checkFinding(t, fs[0], AgreesNo, 0, "in 0 of 1 draws")
	checkFinding(t, fs[1], AgreesNo, 0.85-0.9)
	// Clean labels alone: nothing to set the noise against.
	fakeDoubleDescent(t, dir, []float64{0.4, 0.6, 0.85, 0.6, 0.3, 0.2}, nil)
	if f := mustFindings(t, dir)[1]; f.Agrees != AgreesNA {
		t.Errorf("one series: %s, want n/a: %s", f.Agrees, f.Statement)
	}
}
