package minratio

import (
	"context"
	"hw1/runner"
	"hw1/runner/results"
	"hw1/runner/runnertest"
	"math"
	"slices"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// A hand-made spectrum: tol = 1e-6·5; -1e-9, 0 and 2e-6 are near zero,
// 3 and 5 positive, -2 negative.
func TestClassify(t *testing.T) {
	s := classify([]float64{-2, -1e-9, 0, 2e-6, 3, 5}, 1e-6)
	if math.Abs(s.Tol-5e-6) > 1e-18 || s.NearZero != 3 || s.MinRatio != 2.0/6 || s.Min != -2 || s.Max != 5 {
		t.Errorf("classify = %+v, want tol 5e-6, near zero 3, ratio 1/3, min -2, max 5", s)
	}
	// Over the three eigenvalues outside the tolerance, 2 are positive.
	if s.ClearRatio != 2.0/3 {
		t.Errorf("clear ratio %v, want 2/3", s.ClearRatio)
	}
	if s := classify([]float64{0, 1e-9}, 1); !math.IsNaN(s.ClearRatio) || s.NearZero != 2 {
		t.Errorf("all near zero: %+v, want a NaN clear ratio", s)
	}
	// rel_tol 0: only exact zeros are near zero.
	if s := classify([]float64{-1, 0, 1e-12, 2}, 0); s.NearZero != 1 || s.MinRatio != 0.5 {
		t.Errorf("classify with rel_tol 0 = %+v, want near zero 1, ratio 1/2", s)
	}
}

func TestEigenvaluesSym(t *testing.T) {
	// [[2 1] [1 2]]: eigenvalues 1 and 3.
	v, err := EigenvaluesSym([]float64{2, 1, 1, 2}, 2)
	if err != nil || len(v) != 2 || math.Abs(v[0]-1) > 1e-14 || math.Abs(v[1]-3) > 1e-14 {
		t.Errorf("eigenvalues = %v, %v; want [1 3]", v, err)
	}
	// [[0 1 0] [1 0 0] [0 0 -2]]: eigenvalues -2, -1, 1.
	v, err = EigenvaluesSym([]float64{0, 1, 0, 1, 0, 0, 0, 0, -2}, 3)
	if err != nil || !slices.EqualFunc(v, []float64{-2, -1, 1}, func(a, b float64) bool { return math.Abs(a-b) < 1e-14 }) {
		t.Errorf("eigenvalues = %v, %v; want [-2 -1 1]", v, err)
	}
	if _, err := EigenvaluesSym([]float64{1, math.NaN(), math.NaN(), 1}, 2); err == nil {
		t.Error("NaN entry: no error")
	}
	if _, err := EigenvaluesSym([]float64{1, 2, 3}, 2); err == nil {
		t.Error("3 values for a 2x2 matrix: no error")
	}
}

// refineCritical on f(x, y) = (x²-1)² + y²: ∇f = (4x(x²-1), 2y), critical
// points (0, 0) (a saddle) and (±1, 0) (minima).
func TestRefineCriticalAnalytic(t *testing.T) {
	grad := func(p []float64) ([]float64, error) {
		x, y := p[0], p[1]
		return []float64{4 * x * (x*x - 1), 2 * y}, nil
	}
	hess := func(p []float64) ([]float64, error) {
		x := p[0]
		return []float64{12*x*x - 4, 0, 0, 2}, nil
	}
	for _, start := range [][]float64{{0.2, 0.5}, {0.8, -1}, {-1.7, 0.3}} {
		res, err := refineCritical(start, grad, hess, 1e-12, 50)
		if err != nil {
			t.Fatal(err)
		}
		g, _ := grad(res.Theta)
		if n := vecNorm(g); n > 1e-12 || math.Abs(n-res.GradNorm) > 1e-15 {
			t.Errorf("from %v: stopped at %v with ‖∇f‖ = %v (reported %v), want <= 1e-12", start, res.Theta, n, res.GradNorm)
		}
		near := false
		for _, c := range [][]float64{{0, 0}, {1, 0}, {-1, 0}} {
			near = near || math.Hypot(res.Theta[0]-c[0], res.Theta[1]-c[1]) < 1e-9
		}
		if !near || res.Steps < 1 || res.Steps > 50 {
			t.Errorf("from %v: %v after %d steps, want a critical point within 50 steps", start, res.Theta, res.Steps)
		}
		if start[0] == 0.2 && math.Abs(res.Theta[0]) > 1e-9 {
			t.Errorf("from %v: reached %v, want the nearby saddle (0, 0)", start, res.Theta)
		}
	}
	// f(x) = x³/3 + x has f' = x²+1 >= 1: no critical point. Refining must
	// stop at the minimum of |f'| (x = 0) without error or endless loop.
	res, err := refineCritical([]float64{0.7},
		func(p []float64) ([]float64, error) { return []float64{p[0]*p[0] + 1}, nil },
		func(p []float64) ([]float64, error) { return []float64{2 * p[0]}, nil }, 1e-8, 200)
	if err != nil || res.GradNorm < 1 || math.Abs(res.Theta[0]) > 1e-3 {
		t.Errorf("no critical point: %+v, %v; want to stop near x = 0 with |f'| >= 1", res, err)
	}
}

// TestMinRatio runs the smoke profile, checks points.csv, and recomputes
// run 1's numbers independently: the Hessian by central differences of the
// exact gradient (TensorFlow's first-order graph, not the second-order one
// the experiment differentiates), its eigenvalues, the minimal ratio and
// the near-zero count.
func TestMinRatio(t *testing.T) {
	exp := Experiment()
	cfg := runnertest.SmokeConfig[Config](t, exp)
	env := runnertest.Env(t)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	tb := runnertest.ReadTable(t, env, results.MinRatioPoints)
	if len(tb.Rows) != cfg.Runs {
		t.Fatalf("%d rows, want %d", len(tb.Rows), cfg.Runs)
	}
	loss, gn := runnertest.FiniteColumn(t, tb, "loss"), runnertest.FiniteColumn(t, tb, "grad_norm")
	ratio, nearZero := runnertest.FiniteColumn(t, tb, "min_ratio"), runnertest.FiniteColumn(t, tb, "near_zero")
	lo, hi := runnertest.FiniteColumn(t, tb, "min_eigenvalue"), runnertest.FiniteColumn(t, tb, "max_eigenvalue")
	steps, refine := runnertest.FiniteColumn(t, tb, "steps"), runnertest.FiniteColumn(t, tb, "refine_steps")
	reached, _ := tb.Strings("reached")
	const nParams = 57 // 1-4-8-1: (1·4+4) + (4·8+8) + (8·1+1)
	for i := range tb.Rows {
		if ratio[i] < 0 || ratio[i] > 1 || nearZero[i] < 0 || nearZero[i] > nParams || nearZero[i] != math.Trunc(nearZero[i]) {
			t.Errorf("run %d: min_ratio %v, near_zero %v", i, ratio[i], nearZero[i])
		}
		// The positive and near-zero eigenvalues fit in the 57.
		if pos := ratio[i] * nParams; math.Abs(pos-math.Round(pos)) > 1e-9 || math.Round(pos)+nearZero[i] > nParams {
			t.Errorf("run %d: min_ratio %v is not a count over %d, or with near_zero %v exceeds it", i, ratio[i], nParams, nearZero[i])
		}
		if lo[i] > hi[i] || loss[i] < 0 || gn[i] < 0 {
			t.Errorf("run %d: min eigenvalue %v > max %v, or negative loss %v / norm %v", i, lo[i], hi[i], loss[i], gn[i])
		}
		if steps[i] > float64(cfg.GradNormSteps) || refine[i] > float64(cfg.RefineSteps) {
			t.Errorf("run %d: %v and %v steps, budgets %d and %d", i, steps[i], refine[i], cfg.GradNormSteps, cfg.RefineSteps)
		}
		if want := strconv.FormatBool(gn[i] <= cfg.GradNormTarget); reached[i] != want {
			t.Errorf("run %d: reached %s with grad_norm %v and target %v", i, reached[i], gn[i], cfg.GradNormTarget)
		}
	}

	// The ratio over the eigenvalues outside the tolerance is the same
	// positive count over fewer eigenvalues; the tolerance is rel_tol times
	// the largest |λ|; the Hessian's error, checked against differences of
	// exact gradients, stays below it.
	clear, _ := tb.Floats(results.ColMinRatioClear)
	tols := runnertest.FiniteColumn(t, tb, results.ColTolerance)
	herr := runnertest.FiniteColumn(t, tb, results.ColHessianError)
	for i := range tb.Rows {
		pos := math.Round(ratio[i] * nParams)
		if want := pos / (nParams - nearZero[i]); !runnertest.Near(clear[i], want, 1e-12, 0) {
			t.Errorf("run %d: min_ratio_clear %v, want %v positive of %v", i, clear[i], pos, nParams-nearZero[i])
		}
		if want := cfg.RelTol * max(math.Abs(lo[i]), math.Abs(hi[i])); !runnertest.Near(tols[i], want, 1e-12, 0) {
			t.Errorf("run %d: tolerance %v, want %v", i, tols[i], want)
		}
		if !(herr[i] > 0) || herr[i] >= tols[i] {
			t.Errorf("run %d: hessian_error %v, want positive and below the tolerance %v", i, herr[i], tols[i])
		}
	}

	// Run 1 again, on a fresh model: the same critical point (the runs are
	// deterministic, and a run on a used model starts afresh).
	const run = 1
	w, err := NewCriticalSearch(env, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Search(env, cfg, run); err != nil {
		t.Fatal(err)
	}
	theta, err := w.Model.Params()
	if err != nil {
		t.Fatal(err)
	}
	l, err := w.Model.Loss(w.Train, w.All)
	if err != nil {
		t.Fatal(err)
	}
	g, err := w.Model.Gradient(w.Train, w.All)
	if err != nil {
		t.Fatal(err)
	}
	if l != loss[run] || !runnertest.Near(vecNorm(g), gn[run], 1e-9, 0) {
		t.Fatalf("rerun of run %d: loss %v, ‖∇L‖ %v; table %v, %v", run, l, vecNorm(g), loss[run], gn[run])
	}
	n := len(theta)
	const h = 1e-5
	fd := mat.NewSymDense(n, nil)
	cols := make([][]float64, n)
	for j := range n {
		p := slices.Clone(theta)
		p[j] = theta[j] + h
		if err := w.Model.SetParams(p); err != nil {
			t.Fatal(err)
		}
		gp, err := w.Model.Gradient(w.Train, w.All)
		if err != nil {
			t.Fatal(err)
		}
		p[j] = theta[j] - h
		if err := w.Model.SetParams(p); err != nil {
			t.Fatal(err)
		}
		gm, err := w.Model.Gradient(w.Train, w.All)
		if err != nil {
			t.Fatal(err)
		}
		cols[j] = make([]float64, n)
		for i := range n {
			cols[j][i] = (gp[i] - gm[i]) / (2 * h)
		}
	}
	for i := range n {
		for j := i; j < n; j++ {
			fd.SetSym(i, j, (cols[j][i]+cols[i][j])/2)
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(fd, false) {
		t.Fatal("eigen-decomposition of the difference Hessian failed")
	}
	vals := eig.Values(nil)
	// The difference Hessian is accurate to ~1e-9 an entry: its
	// eigenvalues to well within slack.
	const slack = 1e-6
	if math.Abs(vals[0]-lo[run]) > slack || math.Abs(vals[n-1]-hi[run]) > slack {
		t.Errorf("eigenvalues of the difference Hessian span [%v, %v], the table [%v, %v]", vals[0], vals[n-1], lo[run], hi[run])
	}
	tol := cfg.RelTol * max(math.Abs(vals[0]), math.Abs(vals[n-1]))
	// Eigenvalues within slack of ±tol may fall either way.
	count := func(pred func(v, tol float64) bool) (minC, maxC int) {
		for _, v := range vals {
			a, b := pred(v, tol-slack), pred(v, tol+slack)
			if a && b {
				minC++
			}
			if a || b {
				maxC++
			}
		}
		return minC, maxC
	}
	pLo, pHi := count(func(v, tol float64) bool { return v > tol })
	zLo, zHi := count(func(v, tol float64) bool { return math.Abs(v) <= tol })
	pos := int(math.Round(ratio[run] * nParams))
	if pos < pLo || pos > pHi || int(nearZero[run]) < zLo || int(nearZero[run]) > zHi {
		t.Errorf("table: %d positive, %v near zero; difference Hessian: %d–%d positive, %d–%d near zero (tol %v)",
			pos, nearZero[run], pLo, pHi, zLo, zHi, tol)
	}
	if pHi-pLo > 2 || zHi-zLo > 2 {
		t.Errorf("too many eigenvalues at the tolerance to check the counts: %d–%d positive, %d–%d near zero", pLo, pHi, zLo, zHi)
	}
}

// TestMinRatioShardResume: a shard runs only its runs; resuming the same
// folder adds the missing runs and keeps the rows already there.
func TestMinRatioShardResume(t *testing.T) {
	exp := Experiment()
	cfg := runnertest.SmokeConfig[Config](t, exp)
	cfg.Epochs, cfg.GradNormSteps, cfg.RefineSteps = 20, 10, 1
	env := runnertest.Env(t)
	env.Shard = runner.Shard{Index: 1, Count: 2}
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	first := runnertest.ReadTable(t, env, results.MinRatioPoints)
	if runs, _ := first.Strings("run"); !slices.Equal(runs, []string{"1"}) {
		t.Fatalf("shard 1/2 of 3 runs wrote runs %v, want [1]", runs)
	}
	env = runnertest.Resumed(t, context.Background(), env.Dir)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	second := runnertest.ReadTable(t, env, results.MinRatioPoints)
	if runs, _ := second.Strings("run"); !slices.Equal(runs, []string{"0", "1", "2"}) {
		t.Fatalf("resumed runs %v, want [0 1 2] (in sweep order)", runs)
	}
	if !slices.Equal(second.Rows[1], first.Rows[0]) {
		t.Errorf("resuming changed the row of run 1: %v, was %v", second.Rows[1], first.Rows[0])
	}
}

// The runs side by side write the tables of the runs one after the other.
func TestRunsSideBySideWriteTheTablesOfOneAfterTheOther(t *testing.T) {
	runnertest.SideBySideWritesTheSame(t, Experiment())
}
