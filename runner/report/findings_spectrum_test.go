package report

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"hw1/runner/results"
	"hw1/runner/table"
)

func TestHessianSpectrumFindings(t *testing.T) {
	dir := newExpDir(t, results.HessianSpectrum)
	fakeHessianSpectrum(t, dir, fakeSincExact, fakeSincExact[:3], []float64{0.01, 0.02, 0.03})
	fs := mustFindings(t, dir)
	if len(fs) != 4 {
		t.Fatalf("%d findings, want 4", len(fs))
	}
	checkFinding(t, fs[0], AgreesYes, 0, "sinc: top 3 eigenvalues (λ_max 5) within 0·λ_max", "Hutchinson 7.4 ± 0.2, exact 7.6 (1 standard errors apart)")
	checkFinding(t, fs[1], AgreesYes, 1, "10: 2 / 0.01; 100: 4 / 0.02; 1,000: 8 / 0.03", "ρ(batch size, λ_max) = 1.00", "ρ(λ_max, sharpness) = 1.00")
	checkFinding(t, fs[2], AgreesYes, 10, "sens-bs10: 10 outliers (gap ×60.5), 95.0% of the density")
	checkFinding(t, fs[3], AgreesYes, 0.25, "25.0% of the eigenvalues negative", "the most negative -0.01 = −0.002·λ_max (λ_max 5)", "sens-bs100 1.0%")

	// Lanczos off by 1e-4·λ_max; sharpness falling with the batch size;
	// a quarter of the eigenvalues negative, but one of -1 = -0.2·λ_max.
	lz := []float64{5.0005, 2, 0.5}
	negative := []float64{5, 2, 0.5, 0.1, 0.05, 0.01, -0.001, -1}
	fakeHessianSpectrum(t, dir, negative, lz, []float64{0.03, 0.02, 0.01})
	fs = mustFindings(t, dir)
	checkFinding(t, fs[0], AgreesNo, 1e-4)
	checkFinding(t, fs[1], AgreesPartly, -1, "ρ(batch size, sharpness) = -1.00")
	checkFinding(t, fs[3], AgreesPartly, 0.25)
	// λ_min ≥ 0: no negative eigenvalue to state, and nothing too large.
	fakeHessianSpectrum(t, dir, []float64{5, 2, 0.5, 0.1}, []float64{5, 2, 0.5}, []float64{0.01, 0.02, 0.03})
	fs = mustFindings(t, dir)
	checkFinding(t, fs[3], AgreesYes, 0.25, "no negative eigenvalue (smallest 0.1)")
	if strings.Contains(fs[3].Statement, "most negative") {
		t.Errorf("statement names a most negative eigenvalue, but none is: %s", fs[3].Statement)
	}
	// No exact eigenvalues of the model the summary names: n/a, no panic.
	path := filepath.Join(dir, results.HessianSpectrumEigenvalues.File)
	tb, err := table.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if tb, err = tb.Where(results.ColMethod, results.MethodLanczos); err != nil {
		t.Fatal(err)
	}
	if err := tb.Write(path); err != nil {
		t.Fatal(err)
	}
	fs = mustFindings(t, dir)
	checkFinding(t, fs[3], AgreesNA, math.NaN(), "no exact eigenvalues")
	// The literature claims only what the rules check.
	if strings.Contains(fs[1].Literature, "ε²") {
		t.Errorf("sharpness claimed to be ε²·λ_max/2: %s", fs[1].Literature)
	}
	if !strings.Contains(fs[3].Literature, "at one point near a minimum") {
		t.Errorf("sign structure's literature does not say what one point shows: %s", fs[3].Literature)
	}
	if got := outliersOf([]float64{5, 4.5, 4, 3.5}); got != 0 {
		t.Errorf("no gap ≥ 1.5: %d outliers, want 0", got)
	}
	if got := outliersOf([]float64{5, 4.5, 1, 0.9}); got != 2 {
		t.Errorf("gap after 2: %d outliers, want 2", got)
	}
	if m := massWithin([]float64{1, -1, 0}, []float64{0, 0, 2}, 0.5); math.Abs(m) > 1e-12 {
		t.Errorf("mass within 0.5 of a triangle on [-1, 1]: %v, want 0 (no whole trapezoid inside)", m)
	}
	if m := massWithin([]float64{-1, 0, 1, 3}, []float64{1, 1, 1, 0}, 1); math.Abs(m-2.0/3) > 1e-12 {
		t.Errorf("mass within 1: %v, want 2/3", m)
	}
}

func outliersOf(top []float64) int { n, _ := outliers(top); return n }
