package hessianspectrum

import (
	"math"
	"slices"
	"sort"
	"testing"

	"gonum.org/v1/gonum/mat"

	"hw1/graphs"
	"hw1/runner"
	"hw1/runner/minratio"
	"hw1/runner/results"
	"hw1/runner/runnertest"
	"hw1/runner/table"
)

// TestHessianSpectrum runs the smoke profile (two batch sizes of the
// sweep) and checks the tables: eigenvalues sorted, Lanczos against the
// exact Hessian at the sinc network, each density integrating to 1, the
// summary consistent with the eigenvalues; and recomputes the sinc
// network's exact eigenvalues independently, from a Hessian of central
// differences of exact gradients at the same critical point found again
// on a fresh model.
func TestHessianSpectrum(t *testing.T) {
	runnertest.MNISTDir(t)
	exp := Experiment()
	cfg := runnertest.SmokeConfig[hessianSpectrumConfig](t, exp)
	cfg.BatchSizes = []int{16, 500}
	env := runnertest.Env(t)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	eig := runnertest.ReadTable(t, env, results.HessianSpectrumEigenvalues)
	dens := runnertest.ReadTable(t, env, results.HessianSpectrumDensity)
	sum := runnertest.ReadTable(t, env, results.HessianSpectrumSummary)

	byModel := map[string]map[string][]float64{}
	models, _ := eig.Distinct(results.ColModel)
	if len(models) != 3+len(cfg.BatchSizes) {
		t.Fatalf("models %v, want the sinc network, the pair and %d batch sizes", models, len(cfg.BatchSizes))
	}
	for _, m := range models {
		byModel[m] = map[string][]float64{}
		rows, _ := eig.Where(results.ColModel, m)
		for _, method := range []string{results.MethodLanczos, results.MethodExact} {
			r, _ := rows.Where(results.ColMethod, method)
			idx, val := runnertest.FiniteColumn(t, r, results.ColIndex), runnertest.FiniteColumn(t, r, results.ColEigenvalue)
			for k := range idx {
				if idx[k] != float64(k+1) {
					t.Fatalf("%s/%s: index %v at row %d", m, method, idx[k], k+1)
				}
				if k > 0 && val[k] > val[k-1] {
					t.Errorf("%s/%s: eigenvalue %d (%v) above eigenvalue %d (%v): not sorted", m, method, k+1, val[k], k, val[k-1])
				}
			}
			byModel[m][method] = val
		}
		if n := len(byModel[m][results.MethodLanczos]); n != cfg.TopK {
			t.Errorf("%s: %d Lanczos eigenvalues, want top_k = %d", m, n, cfg.TopK)
		}
	}
	sinc := byModel[spectrumSincModel]
	if len(sinc[results.MethodExact]) != 57 {
		t.Fatalf("sinc network: %d exact eigenvalues, want all 57", len(sinc[results.MethodExact]))
	}
	lmax := sinc[results.MethodExact][0]
	for k, l := range sinc[results.MethodLanczos] {
		if math.Abs(l-sinc[results.MethodExact][k]) > 1e-6*lmax {
			t.Errorf("sinc eigenvalue %d: Lanczos %v, exact %v", k+1, l, sinc[results.MethodExact][k])
		}
	}
	checkDensities(t, dens)
	checkSummary(t, sum, byModel, cfg)
	checkSincExact(t, env, cfg, sinc[results.MethodExact])
}

// checkDensities: each model's and method's density integrates to 1 over
// its grid (trapezoids), within the grid's resolution.
func checkDensities(t *testing.T, dens *table.Table) {
	t.Helper()
	models, _ := dens.Distinct(results.ColModel)
	for _, m := range models {
		rows, _ := dens.Where(results.ColModel, m)
		methods, _ := rows.Distinct(results.ColMethod)
		for _, method := range methods {
			r, _ := rows.Where(results.ColMethod, method)
			l, d := runnertest.FiniteColumn(t, r, results.ColLambda), runnertest.FiniteColumn(t, r, results.ColDensity)
			if !sort.Float64sAreSorted(l) {
				t.Errorf("%s/%s: lambda not ascending", m, method)
			}
			area := 0.0
			for k := 0; k+1 < len(l); k++ {
				area += (l[k+1] - l[k]) * (d[k] + d[k+1]) / 2
			}
			if math.Abs(area-1) > 0.05 {
				t.Errorf("%s/%s: the density integrates to %v, want 1", m, method, area)
			}
		}
	}
}

// checkSummary: one row per model and method, λ_max the first eigenvalue,
// the exact trace the eigenvalues' sum, shares in [0, 1], the sweep's
// batch sizes.
func checkSummary(t *testing.T, sum *table.Table, eig map[string]map[string][]float64, cfg *hessianSpectrumConfig) {
	t.Helper()
	names, _ := sum.Strings(results.ColModel)
	methods, _ := sum.Strings(results.ColMethod)
	fams, _ := sum.Strings(results.ColFamily)
	top := runnertest.FiniteColumn(t, sum, results.ColTopEigenvalue)
	trace := runnertest.FiniteColumn(t, sum, results.ColTrace)
	se := runnertest.FiniteColumn(t, sum, results.ColTraceStderr)
	neg := runnertest.FiniteColumn(t, sum, results.ColNegativeShare)
	bs := runnertest.FiniteColumn(t, sum, results.ColBatchSize)
	var sweep []int
	for i, m := range names {
		e := eig[m][methods[i]]
		if len(e) == 0 || top[i] != e[0] {
			t.Errorf("%s/%s: top_eigenvalue %v, eigenvalues.csv %v", m, methods[i], top[i], e)
		}
		if neg[i] < 0 || neg[i] > 1 || se[i] < 0 {
			t.Errorf("%s/%s: negative_share %v, trace_stderr %v", m, methods[i], neg[i], se[i])
		}
		if methods[i] == results.MethodExact {
			s := 0.0
			for _, v := range e {
				s += v
			}
			if se[i] != 0 || math.Abs(s-trace[i]) > 1e-9*math.Abs(s) {
				t.Errorf("%s exact: trace %v ± %v, sum of eigenvalues %v", m, trace[i], se[i], s)
			}
		}
		if fams[i] == results.Sensitivity {
			sweep = append(sweep, int(bs[i]))
		}
	}
	if !slices.Equal(sweep, cfg.BatchSizes) {
		t.Errorf("sensitivity's models have batch sizes %v, want %v", sweep, cfg.BatchSizes)
	}
}

// checkSincExact finds the sinc network's critical point again and
// compares the table's exact eigenvalues with those of a Hessian of
// central differences of exact gradients.
func checkSincExact(t *testing.T, env *runner.Env, cfg *hessianSpectrumConfig, exact []float64) {
	t.Helper()
	mr := &minratio.Config{Runs: 1, Hidden: cfg.SincHidden, Activation: cfg.SincActivation, Points: cfg.SincPoints,
		Epochs: cfg.SincEpochs, LR: cfg.SincLR, GradNormLR: cfg.SincGradNormLR, GradNormSteps: cfg.SincGradNormSteps,
		GradNormTarget: cfg.SincGradNormTarget, RefineSteps: cfg.SincRefineSteps, RelTol: cfg.RelTol}
	w, err := minratio.NewCriticalSearch(env, mr)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Search(env, mr, 0); err != nil {
		t.Fatal(err)
	}
	vals := fdEigenvalues(t, w.Model, w.Train, w.All)
	slices.Reverse(vals)
	for k := range exact {
		if math.Abs(vals[k]-exact[k]) > 1e-6*exact[0] {
			t.Errorf("exact eigenvalue %d: table %v, difference Hessian %v", k+1, exact[k], vals[k])
		}
	}
}

// fdEigenvalues returns the eigenvalues, ascending, of the symmetrised
// Hessian of central differences (step 1e-5) of the model's exact
// gradient at its current parameters.
func fdEigenvalues(t *testing.T, m *graphs.Model, ds *graphs.Dataset, idx []int32) []float64 {
	t.Helper()
	theta, err := m.Params()
	if err != nil {
		t.Fatal(err)
	}
	defer m.SetParams(theta)
	n := len(theta)
	const h = 1e-5
	cols := make([][]float64, n)
	for j := range n {
		p := slices.Clone(theta)
		var g [2][]float64
		for s, d := range []float64{h, -h} {
			p[j] = theta[j] + d
			if err := m.SetParams(p); err != nil {
				t.Fatal(err)
			}
			if g[s], err = m.Gradient(ds, idx); err != nil {
				t.Fatal(err)
			}
		}
		cols[j] = make([]float64, n)
		for i := range n {
			cols[j][i] = (g[0][i] - g[1][i]) / (2 * h)
		}
	}
	fd := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			fd.SetSym(i, j, (cols[j][i]+cols[i][j])/2)
		}
	}
	var e mat.EigenSym
	if !e.Factorize(fd, false) {
		t.Fatal("eigen-decomposition of the difference Hessian failed")
	}
	return e.Values(nil)
}
