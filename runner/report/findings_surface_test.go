package report

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/results"
)

func TestLossSurfaceFindings(t *testing.T) {
	dir := newExpDir(t, results.LossSurface)
	// Small batch 0.01 + (a² + b²), large 0.01 + 4(a² + b²); τ = 2·0.01 =
	// 0.02: only (0, 0) of either grid is below it, so the widths tie.
	fakeLossSurface(t, dir, 1, 4)
	fs := mustFindings(t, dir)
	if len(fs) != 3 {
		t.Fatalf("%d findings, want 3", len(fs))
	}
	checkFinding(t, fs[0], AgreesNA, 2, "small (100 parameters, batch 64, loss at θ* 0.01, 25 grid points)")
	checkFinding(t, fs[1], AgreesNo, 1, "τ = 0.02", "batch 64 (small) 0.16", "batch 1,024 (large) 0.16", "of the grid's area 4;")
	// The trajectories: 95% and 60% on two components, 5 snapshots each.
	checkFinding(t, fs[2], AgreesYes, 0.6, "small 95.0%", "large 60.0%", "chance level for 5 snapshots 50.0%")

	// Flatter small-batch surface, minima losses 0.01: shift both up so
	// that τ = 2·0.26 = 0.52 (loss 0.26 at θ*).
	writeTable(t, dir, results.LossSurfaceModels,
		[]any{"small", 100, 64, 0.26, 0.3, 0.1}, []any{"large", 100, 1024, 0.26, 0.9, 0.05})
	var surf [][]any
	for _, m := range []struct {
		name  string
		steep float64
	}{{"small", 0.25}, {"large", 4}} {
		for i := range 5 {
			for j := range 5 {
				a, b := -1+float64(i)/2, -1+float64(j)/2
				surf = append(surf, []any{m.name, a, b, 0.26 + m.steep*(a*a+b*b), results.PlaneRandom})
			}
		}
	}
	writeTable(t, dir, results.LossSurfaceSurface, surf...)
	fs = mustFindings(t, dir)
	// Small: a²+b² ≤ 1.04 holds for 13 of 25 points (area 4·13/25 =
	// 2.08); large: a²+b² ≤ 0.065 only at (0, 0) (0.16).
	checkFinding(t, fs[1], AgreesYes, 2.08/0.16, "τ = 0.52", "(small) 2.08", "(large) 0.16")
	checkFinding(t, fs[2], AgreesNo, 0.4, "small 40.0%")

	// The same losses on a grid twice as wide in a: area 8, widths doubled.
	for _, r := range surf {
		r[1] = 2 * r[1].(float64)
	}
	writeTable(t, dir, results.LossSurfaceSurface, surf...)
	fs = mustFindings(t, dir)
	checkFinding(t, fs[1], AgreesYes, 2.08/0.16, "(small) 4.16", "(large) 0.32", "of the grid's area 8;")

	// Without trajectory.csv (the figures do without it): the trajectory
	// finding is n/a and says why; the other two stay.
	if err := os.Remove(filepath.Join(dir, results.LossSurfaceTrajectory.File)); err != nil {
		t.Fatal(err)
	}
	fs = mustFindings(t, dir)
	if len(fs) != 3 {
		t.Fatalf("without trajectory.csv: %d findings, want 3", len(fs))
	}
	checkFinding(t, fs[0], AgreesNA, 2, "small (100 parameters")
	checkFinding(t, fs[1], AgreesYes, 2.08/0.16, "(small) 4.16")
	checkFinding(t, fs[2], AgreesNA, math.NaN(), "No trajectory to judge", results.LossSurfaceTrajectory.File+" is missing")
	if !strings.HasPrefix(fs[2].Rule, "n/a: ") {
		t.Errorf("trajectory rule %q, want an n/a rule", fs[2].Rule)
	}
}
