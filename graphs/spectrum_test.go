package graphs

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	vec "gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// matrixHVP is the operator of the dense symmetric n×n matrix a
// (row-major).
func matrixHVP(a []float64, n int) HVPFunc {
	return func(v []float64) ([]float64, error) {
		out := make([]float64, n)
		for i := range n {
			out[i] = vec.Dot(a[i*n:(i+1)*n], v)
		}
		return out, nil
	}
}

// withSpectrum returns U·diag(lambda)·Uᵀ for a random orthogonal U (from
// the QR factorisation of a Gaussian matrix), row-major.
func withSpectrum(lambda []float64, seed uint64) []float64 {
	n := len(lambda)
	rng := rand.New(rand.NewPCG(seed, 5))
	g := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			g.Set(i, j, rng.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(g)
	var u mat.Dense
	qr.QTo(&u)
	var a mat.Dense
	a.Mul(&u, mat.NewDiagDense(n, lambda))
	a.Mul(&a, u.T())
	out := make([]float64, n*n)
	for i := range n {
		for j := range n {
			out[i*n+j] = (a.At(i, j) + a.At(j, i)) / 2
		}
	}
	return out
}

// exactEigenvalues returns the eigenvalues of the symmetric n×n matrix h,
// ascending, by gonum's EigenSym: the independent reference.
func exactEigenvalues(t testing.TB, h []float64, n int) []float64 {
	t.Helper()
	var eig mat.EigenSym
	if !eig.Factorize(mat.NewSymDense(n, slices.Clone(h)), false) {
		t.Fatal("EigenSym did not converge")
	}
	return eig.Values(nil)
}

// TestLanczosFullRunFindsEveryEigenvalue runs n steps on a random
// symmetric matrix and on a diagonal one with repeated eigenvalues (whose
// Krylov space from any start has only as many dimensions as distinct
// eigenvalues, so Lanczos must restart to find the multiplicities).
func TestLanczosFullRunFindsEveryEigenvalue(t *testing.T) {
	const n = 30
	rng := rand.New(rand.NewPCG(1, 2))
	a := make([]float64, n*n)
	for i := range n {
		for j := i; j < n; j++ {
			a[i*n+j] = rng.NormFloat64()
			a[j*n+i] = a[i*n+j]
		}
	}
	start := randomParams(n, 1, 3)
	r, err := Lanczos(matrixHVP(a, n), start, n+5) // more steps than n: capped
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, "Ritz values of a random matrix", r.Values, exactEigenvalues(t, a, n), 1e-12)
	sum := 0.0
	for i, w := range r.Weights {
		sum += w
		if r.Residuals[i] > 1e-10 {
			t.Errorf("residual %d of a full run = %g, want ~0", i, r.Residuals[i])
		}
	}
	if !closeTo(sum, 1, 1e-12) {
		t.Errorf("weights sum to %v, want 1", sum)
	}

	diag := []float64{3, 1, 5, 1, 3, 1, 2}
	d := make([]float64, len(diag)*len(diag))
	for i, v := range diag {
		d[i*len(diag)+i] = v
	}
	r, err = Lanczos(matrixHVP(d, len(diag)), []float64{1, 1, 1, 1, 1, 1, 1}, len(diag))
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, "Ritz values with multiplicities", r.Values, []float64{1, 1, 1, 2, 3, 3, 5}, 1e-12)
	// From the all-ones start, eigenvalue λ has weight (its multiplicity)/7,
	// carried by one Ritz value; the restarted copies have weight 0.
	want := map[float64]float64{1: 3.0 / 7, 2: 1.0 / 7, 3: 2.0 / 7, 5: 1.0 / 7}
	got := map[float64]float64{}
	for i, v := range r.Values {
		got[math.Round(v)] += r.Weights[i]
	}
	for v, w := range want {
		if !closeTo(got[v], w, 1e-12) {
			t.Errorf("weight at %v = %v, want %v", v, got[v], w)
		}
	}
}

// TestTopEigenvaluesOfKnownSpectrum hides five separated eigenvalues and
// a bulk in [-1, 1] in a random 200×200 matrix and expects them from 40
// steps.
func TestTopEigenvaluesOfKnownSpectrum(t *testing.T) {
	const n = 200
	top := []float64{100, 50, 30, 20, 10}
	lambda := slices.Clone(top)
	for i := len(top); i < n; i++ {
		lambda = append(lambda, -1+2*float64(i)/n)
	}
	a := withSpectrum(lambda, 7)
	got, err := TopEigenvalues(matrixHVP(a, n), n, 5, 40, 9)
	if err != nil {
		t.Fatal(err)
	}
	for i := range top {
		if rel := math.Abs(got[i]-top[i]) / top[i]; rel > 1e-10 {
			t.Errorf("eigenvalue %d = %.15g, want %v (relative error %.2g)", i+1, got[i], top[i], rel)
		}
	}
	if _, err := TopEigenvalues(matrixHVP(a, n), n, 5, 4, 9); err == nil {
		t.Error("iters < k accepted")
	}
	if _, err := Lanczos(matrixHVP(a, n), make([]float64, n), 5); err == nil {
		t.Error("a zero start vector accepted")
	}
}

// TestHutchinsonTrace checks that the estimate is exact (standard error
// 0) for a diagonal matrix, and for a dense one within 3 standard errors
// of the trace, with a standard error near the theoretical
// √(2·Σ_{i≠j} A_ij² / samples).
func TestHutchinsonTrace(t *testing.T) {
	const n = 40
	diag := make([]float64, n*n)
	trace := 0.0
	for i := range n {
		diag[i*n+i] = float64(i) - 10
		trace += float64(i) - 10
	}
	mean, se, err := HutchinsonTrace(matrixHVP(diag, n), n, 5, 1)
	if err != nil || mean != trace || se != 0 {
		t.Errorf("diagonal: %v ± %v (%v), want exactly %v ± 0", mean, se, err, trace)
	}

	rng := rand.New(rand.NewPCG(4, 4))
	a := make([]float64, n*n)
	trace, off := 0.0, 0.0
	for i := range n {
		for j := i; j < n; j++ {
			a[i*n+j] = rng.NormFloat64()
			a[j*n+i] = a[i*n+j]
			if i == j {
				trace += a[i*n+i]
			} else {
				off += 2 * a[i*n+j] * a[i*n+j]
			}
		}
	}
	const samples = 400
	mean, se, err = HutchinsonTrace(matrixHVP(a, n), n, samples, 2)
	if err != nil {
		t.Fatal(err)
	}
	wantSE := math.Sqrt(2 * off / samples)
	t.Logf("dense: %.3f ± %.3f, trace %.3f, theoretical standard error %.3f", mean, se, trace, wantSE)
	if math.Abs(mean-trace) > 3*se {
		t.Errorf("estimate %v ± %v is more than 3 standard errors from the trace %v", mean, se, trace)
	}
	if se < 0.8*wantSE || se > 1.2*wantSE {
		t.Errorf("standard error %v, want about %v", se, wantSE)
	}
	if _, _, err := HutchinsonTrace(matrixHVP(a, n), n, 1, 2); err == nil {
		t.Error("one sample accepted")
	}
	// A sample whose zᵀAz is not finite is an error, not a NaN trace.
	for _, bad := range []float64{math.NaN(), math.Inf(1)} {
		calls := 0
		hvp := func(v []float64) ([]float64, error) {
			calls++
			out, _ := matrixHVP(a, n)(v)
			if calls == 3 {
				out[7] = bad
			}
			return out, nil
		}
		if _, _, err := HutchinsonTrace(hvp, n, 5, 2); err == nil || !strings.Contains(err.Error(), "sample 3") {
			t.Errorf("a product holding %v: err = %v, want one naming sample 3", bad, err)
		}
	}
}

// TestSpectralDensityOfKnownSpectrum uses a diagonal matrix whose
// eigenvalues are -1 (half), 2 (30%) and 10 (20%). A Rademacher start has
// (q·e_j)² = 1/n exactly, so every run's quadrature is the spectrum
// itself: nodes -1, 2, 10 with weights 0.5, 0.3, 0.2. The same spectrum
// rotated by a random orthogonal matrix gives random weights whose mean
// over runs is near the shares.
func TestSpectralDensityOfKnownSpectrum(t *testing.T) {
	const n = 100
	lambda := make([]float64, n)
	for i := range lambda {
		switch {
		case i < 50:
			lambda[i] = -1
		case i < 80:
			lambda[i] = 2
		default:
			lambda[i] = 10
		}
	}
	d := make([]float64, n*n)
	for i, v := range lambda {
		d[i*n+i] = v
	}
	shares := map[float64]float64{-1: 0.5, 2: 0.3, 10: 0.2}
	runs, err := SpectralQuadrature(matrixHVP(d, n), n, 3, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	for r, q := range runs {
		got := map[float64]float64{}
		for i, v := range q.Values {
			if q.Weights[i] > 1e-12 {
				if _, ok := shares[math.Round(v)]; !ok || math.Abs(v-math.Round(v)) > 1e-9 {
					t.Errorf("run %d: node %v with weight %v is no eigenvalue", r, v, q.Weights[i])
				}
				got[math.Round(v)] += q.Weights[i]
			}
		}
		for v, w := range shares {
			if !closeTo(got[v], w, 1e-12) {
				t.Errorf("run %d: weight at %v = %v, want %v", r, v, got[v], w)
			}
		}
	}

	// Density on a grid reaching 5σ beyond the eigenvalues: it integrates
	// to 1, and the mass within 1 of each eigenvalue is its share.
	const sigma, step = 0.1, 0.001
	var grid []float64
	for x := -2.0; x <= 11; x += step {
		grid = append(grid, x)
	}
	mass := func(dens []float64, lo, hi float64) float64 {
		s := 0.0
		for i, x := range grid {
			if x >= lo && x < hi {
				s += dens[i] * step
			}
		}
		return s
	}
	rot := withSpectrum(lambda, 3)
	rotRuns, err := SpectralQuadrature(matrixHVP(rot, n), n, 20, 12, 2)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		runs []Ritz
		tol  float64
	}{"diagonal": {runs, 1e-6}, "rotated": {rotRuns, 0.06}} {
		dens, err := SpectralDensity(c.runs, grid, sigma)
		if err != nil {
			t.Fatal(err)
		}
		if total := mass(dens, math.Inf(-1), math.Inf(1)); !closeTo(total, 1, 1e-6) {
			t.Errorf("%s: the density integrates to %v, want 1", name, total)
		}
		for v, w := range shares {
			if got := mass(dens, v-1, v+1); math.Abs(got-w) > c.tol {
				t.Errorf("%s: mass near %v = %v, want %v ± %v", name, v, got, w, c.tol)
			}
		}
	}
	if _, err := SpectralDensity(runs, grid, 0); err == nil {
		t.Error("sigma 0 accepted")
	}
}

// mlp57 is the 57-parameter network of the min-ratio and weight-pca
// experiments: 1 → 4 → 8 → 1, tanh, in float64.
var mlp57 = Spec{
	Input:   []int{1},
	Layers:  []Layer{{Kind: Dense, Units: 4, Activation: Tanh}, {Kind: Dense, Units: 8, Activation: Tanh}, {Kind: Dense, Units: 1}},
	Loss:    MSE,
	Float64: true,
}

// TestModelSpectrumMatchesExactHessian compares the top eigenvalues, trace
// and spectral quadrature of the model's HessianOperator with the
// eigenvalues of the exact Hessian (Model.Hessian, decomposed by gonum), on
// the 57-parameter MSE network and a cross-entropy network with every
// activation.
func TestModelSpectrumMatchesExactHessian(t *testing.T) {
	for name, spec := range map[string]Spec{"mlp57": mlp57, "xent": smallMLP(SoftmaxCrossEntropy, 3)} {
		m := newTestModel(t, spec)
		n := m.NumParams()
		if err := m.SetParams(randomParams(n, 1, 61)); err != nil {
			t.Fatal(err)
		}
		ds := loadTest(t, m, randomData(spec, 40, 62))
		idx := allIndices(40)
		h, err := m.Hessian(ds, idx)
		if err != nil {
			t.Fatal(err)
		}
		exact := exactEigenvalues(t, h, n)
		slices.Reverse(exact)
		hvp := m.HessianOperator(ds, idx)

		const k, iters = 5, 30
		top, err := TopEigenvalues(hvp, n, k, iters, 1)
		if err != nil {
			t.Fatal(err)
		}
		worst := 0.0
		for i := range k {
			worst = math.Max(worst, math.Abs(top[i]-exact[i])/math.Abs(exact[i]))
		}
		t.Logf("%s: %d parameters, top %d eigenvalues %.6g (exact %.6g), max relative error %.2g after %d steps",
			name, n, k, top, exact[:k], worst, iters)
		if worst > 1e-6 {
			t.Errorf("%s: Lanczos top eigenvalues off by %.2g relative, want <= 1e-6", name, worst)
		}

		// A short run has not converged, but each Ritz value is within its
		// residual of an exact eigenvalue.
		short, err := Lanczos(hvp, randomParams(n, 1, 4), 12)
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range short.Values {
			d := math.Inf(1)
			for _, e := range exact {
				d = math.Min(d, math.Abs(v-e))
			}
			if d > short.Residuals[i]+1e-12*math.Abs(exact[0]) {
				t.Errorf("%s: Ritz value %v is %g from the nearest eigenvalue, beyond its residual %g", name, v, d, short.Residuals[i])
			}
		}

		trace := 0.0
		for i := range n {
			trace += h[i*n+i]
		}
		mean, se, err := HutchinsonTrace(hvp, n, 100, 2)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: Hutchinson trace %.5g ± %.2g, exact %.5g", name, mean, se, trace)
		if !(math.Abs(mean-trace) <= 3*se) {
			t.Errorf("%s: trace %v ± %v is more than 3 standard errors from the exact %v", name, mean, se, trace)
		}

		// Full-length runs: every node with weight is an exact eigenvalue,
		// and the first moment Σ w θ averages to trace/n.
		runs, err := SpectralQuadrature(hvp, n, 4, n, 3)
		if err != nil {
			t.Fatal(err)
		}
		scale := math.Max(math.Abs(exact[0]), math.Abs(exact[n-1]))
		for r, q := range runs {
			for i, v := range q.Values {
				d := math.Inf(1)
				for _, e := range exact {
					d = math.Min(d, math.Abs(v-e))
				}
				if d > 1e-8*scale {
					t.Errorf("%s run %d: node %v (weight %v) is %g from the nearest eigenvalue", name, r, v, q.Weights[i], d)
				}
			}
		}
		lo, hi := exact[n-1]-1, exact[0]+1
		sigma := (hi - lo) / 200
		var grid []float64
		for x := lo - 5*sigma; x <= hi+5*sigma; x += sigma / 10 {
			grid = append(grid, x)
		}
		q, err := SpectralQuadrature(hvp, n, 4, 20, 3)
		if err != nil {
			t.Fatal(err)
		}
		dens, err := SpectralDensity(q, grid, sigma)
		if err != nil {
			t.Fatal(err)
		}
		total := 0.0
		for _, v := range dens {
			total += v * sigma / 10
		}
		if !closeTo(total, 1, 1e-4) {
			t.Errorf("%s: the Hessian's density integrates to %v, want 1", name, total)
		}
	}
}

func TestModelSpectrumRefusesConvolutions(t *testing.T) {
	m := newTestModel(t, smallCNN)
	ds := loadTest(t, m, randomData(smallCNN, 3, 1))
	if _, err := TopEigenvalues(m.HessianOperator(ds, []int32{0, 1}), m.NumParams(), 2, 4, 1); err == nil || !strings.Contains(err.Error(), "dense") {
		t.Errorf("TopEigenvalues of a CNN: %v, want an error naming dense layers", err)
	}
}

// BenchmarkLanczos57 is one 20-step Lanczos run on the Hessian of the
// 57-parameter network over 100 examples (20 exact Hessian-vector
// products).
func BenchmarkLanczos57(b *testing.B) {
	m := newTestModel(b, mlp57)
	ds := loadTest(b, m, randomData(mlp57, 100, 1))
	idx := allIndices(100)
	hvp := m.HessianOperator(ds, idx)
	start := randomParams(m.NumParams(), 1, 2)
	if _, err := Lanczos(hvp, start, 2); err != nil { // build the second-order graph outside the timing
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Lanczos(hvp, start, 20); err != nil {
			b.Fatal(err)
		}
	}
}
