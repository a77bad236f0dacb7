package graphs

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	vec "gonum.org/v1/gonum/floats" // imported as vec: the package has its own func floats
	"gonum.org/v1/gonum/mat"
)

// This file holds the Hessian's spectrum (PyHessian, Yao et al. 2020;
// Ghorbani et al. 2019): its top eigenvalues by Lanczos, its trace by
// Hutchinson's estimator and its spectral density by stochastic Lanczos
// quadrature. The algorithms work on any symmetric operator given as an
// HVPFunc, so they can be checked on plain matrices; a Model's
// HessianOperator passes them exact Hessian-vector products
// (HessianVector). Everything is accumulated in float64; a float32 model's
// products carry float32 rounding, so its eigenvalues are good to some
// 1e-6 relative at best.

// HVPFunc returns A·v for a symmetric n×n matrix A that it never forms:
// the Hessian of a loss (Model.HessianOperator) or a test matrix. It must
// not keep or change v.
type HVPFunc func(v []float64) ([]float64, error)

// Ritz is the result of a Lanczos run of m steps from a start vector q:
// the eigen-decomposition of the m×m tridiagonal matrix T = QᵀAQ, where
// the columns of Q are the orthonormal Lanczos vectors.
type Ritz struct {
	// Values are the Ritz values, T's eigenvalues, ascending: estimates of
	// A's eigenvalues, the extreme ones first to converge.
	Values []float64
	// Weights are the squared first components of T's unit eigenvectors,
	// (q·y_i)² for the Ritz vectors y_i: the m-point Gauss quadrature of
	// the spectral measure Σ_j (q·u_j)² δ(λ - λ_j) of A seen from q. They
	// sum to 1.
	Weights []float64
	// Residuals are ‖A·y_i - Values[i]·y_i‖ for the unit Ritz vectors y_i
	// (β_m times the last component of T's eigenvector): A has an
	// eigenvalue within Residuals[i] of Values[i].
	Residuals []float64
}

// Lanczos runs min(steps, n) steps of the Lanczos iteration on the
// symmetric operator hvp from start (n = len(start), any non-zero
// vector; it is normalised), with full reorthogonalisation: every new
// vector is orthogonalised twice against all earlier ones, so the basis
// stays orthonormal to rounding and no spurious copies of converged
// eigenvalues appear. When the Krylov space of start is exhausted (an
// invariant subspace, β ≈ 0), the run continues from a pseudo-random
// vector orthogonal to the basis, so that n steps find every eigenvalue
// with its multiplicity; eigenvalues found after such a restart have
// weight 0, since start has no component along them. It keeps every
// Lanczos vector: steps·n float64s.
func Lanczos(hvp HVPFunc, start []float64, steps int) (Ritz, error) {
	n := len(start)
	if n == 0 {
		return Ritz{}, errors.New("lanczos: the start vector is empty")
	}
	if steps < 1 {
		return Ritz{}, fmt.Errorf("lanczos: steps = %d, want at least 1", steps)
	}
	steps = min(steps, n)
	q0 := slices.Clone(start)
	if nrm := norm(q0); nrm > 0 && !math.IsInf(nrm, 0) {
		vec.Scale(1/nrm, q0)
	} else {
		return Ritz{}, fmt.Errorf("lanczos: the start vector has norm %v, want a positive finite number", nrm)
	}
	basis := [][]float64{q0}
	alpha := make([]float64, 0, steps)
	beta := make([]float64, 0, steps) // beta[j] couples vectors j and j+1; the last one is the residual's
	var restart *rand.Rand
	anorm := 0.0 // running estimate of ‖T‖, the scale of "β ≈ 0"
	for j := range steps {
		q := basis[j]
		w, err := hvp(q)
		if err != nil {
			return Ritz{}, fmt.Errorf("lanczos step %d: %w", j+1, err)
		}
		if len(w) != n {
			return Ritz{}, fmt.Errorf("lanczos step %d: the product has %d values, want %d", j+1, len(w), n)
		}
		w = slices.Clone(w)
		a := vec.Dot(q, w)
		if math.IsNaN(a) || math.IsInf(a, 0) {
			return Ritz{}, fmt.Errorf("lanczos step %d: q·Aq = %v", j+1, a)
		}
		alpha = append(alpha, a)
		vec.AddScaled(w, -a, q)
		if j > 0 {
			vec.AddScaled(w, -beta[j-1], basis[j-1])
		}
		reorthogonalize(w, basis)
		b := norm(w)
		prev := 0.0
		if j > 0 {
			prev = beta[j-1]
		}
		anorm = math.Max(anorm, math.Abs(a)+b+prev) // a row sum of |T|
		if j == steps-1 {
			beta = append(beta, b)
			break
		}
		if b <= 1e-10*anorm || b == 0 {
			// The basis spans an invariant subspace: continue from a
			// vector orthogonal to it, coupled to nothing (β = 0).
			if restart == nil {
				restart = rand.New(rand.NewPCG(0x6c616e637a6f73, uint64(n))) // "lanczos"
			}
			if w, err = freshDirection(restart, basis); err != nil {
				return Ritz{}, fmt.Errorf("lanczos step %d: %w", j+1, err)
			}
			beta = append(beta, 0)
			basis = append(basis, w)
			continue
		}
		beta = append(beta, b)
		vec.Scale(1/b, w)
		basis = append(basis, w)
	}
	return tridiagonalRitz(alpha, beta)
}

// tridiagonalRitz decomposes the m×m tridiagonal matrix with diagonal
// alpha and off-diagonal beta[:m-1]; beta[m-1] is the residual norm after
// the last step.
func tridiagonalRitz(alpha, beta []float64) (Ritz, error) {
	m := len(alpha)
	t := mat.NewSymDense(m, nil)
	for i := range m {
		t.SetSym(i, i, alpha[i])
		if i+1 < m {
			t.SetSym(i, i+1, beta[i])
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(t, true) {
		return Ritz{}, errors.New("lanczos: the eigen-decomposition of the tridiagonal matrix did not converge")
	}
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	r := Ritz{Values: eig.Values(nil), Weights: make([]float64, m), Residuals: make([]float64, m)}
	for i := range m {
		first, last := vecs.At(0, i), vecs.At(m-1, i)
		r.Weights[i] = first * first
		r.Residuals[i] = math.Abs(beta[m-1] * last)
	}
	return r, nil
}

// reorthogonalize removes from w its components along the orthonormal
// vectors basis, twice (classical Gram-Schmidt twice is as good as
// modified Gram-Schmidt and enough for orthogonality to rounding).
func reorthogonalize(w []float64, basis [][]float64) {
	for range 2 {
		for _, q := range basis {
			vec.AddScaled(w, -vec.Dot(q, w), q)
		}
	}
}

// freshDirection returns a unit vector orthogonal to the orthonormal
// basis (fewer than n vectors), drawn from rng.
func freshDirection(rng *rand.Rand, basis [][]float64) ([]float64, error) {
	n := len(basis[0])
	for range 10 {
		w := make([]float64, n)
		for i := range w {
			w[i] = rng.NormFloat64()
		}
		reorthogonalize(w, basis)
		if b := norm(w); b > 1e-8*math.Sqrt(float64(n)) {
			vec.Scale(1/b, w)
			return w, nil
		}
	}
	return nil, errors.New("no direction orthogonal to the Lanczos basis")
}

// TopEigenvalues returns the k largest eigenvalues of the symmetric n×n
// operator hvp, largest first: the k largest Ritz values of a Lanczos run
// of iters steps (at most n; Lanczos) from a Gaussian start drawn from
// seed. The extreme eigenvalues converge first, the faster the better
// they are separated from the rest: on the 57-parameter test network the
// top 5 are off by 3e-4 after 20 steps and exact to rounding after 30 (run
// Lanczos itself for the residual bounds). These are the largest
// eigenvalues, not the largest in magnitude that PyHessian's power
// iteration finds; the most negative ones are Lanczos's first Values.
func TopEigenvalues(hvp HVPFunc, n, k, iters int, seed uint64) ([]float64, error) {
	if n < 1 || k < 1 || k > n {
		return nil, fmt.Errorf("top eigenvalues: k = %d of n = %d, want 1 <= k <= n", k, n)
	}
	if iters < k {
		return nil, fmt.Errorf("top eigenvalues: iters = %d, want at least k = %d", iters, k)
	}
	rng := rand.New(rand.NewPCG(seed, 0x746f702d6b)) // "top-k"
	start := make([]float64, n)
	for i := range start {
		start[i] = rng.NormFloat64()
	}
	r, err := Lanczos(hvp, start, iters)
	if err != nil {
		return nil, fmt.Errorf("top eigenvalues: %w", err)
	}
	top := slices.Clone(r.Values[len(r.Values)-k:])
	slices.Reverse(top)
	return top, nil
}

// HutchinsonTrace estimates the trace of the symmetric n×n operator hvp by
// Hutchinson's estimator: the mean of zᵀAz over samples Rademacher vectors
// z (entries ±1, drawn from seed), with its standard error, the sample
// standard deviation over √samples. Its variance per sample is
// 2·Σ_{i≠j} A_ij², so the estimate is exact for a diagonal A.
func HutchinsonTrace(hvp HVPFunc, n, samples int, seed uint64) (mean, stderr float64, err error) {
	if n < 1 {
		return 0, 0, fmt.Errorf("hutchinson trace: n = %d, want at least 1", n)
	}
	if samples < 2 {
		return 0, 0, fmt.Errorf("hutchinson trace: samples = %d, want at least 2 (for the standard error)", samples)
	}
	rng := rand.New(rand.NewPCG(seed, 0x7472616365)) // "trace"
	est := make([]float64, samples)
	z := make([]float64, n)
	for s := range samples {
		rademacher(rng, z)
		az, err := hvp(z)
		if err != nil {
			return 0, 0, fmt.Errorf("hutchinson trace, sample %d: %w", s+1, err)
		}
		if len(az) != n {
			return 0, 0, fmt.Errorf("hutchinson trace, sample %d: the product has %d values, want %d", s+1, len(az), n)
		}
		est[s] = vec.Dot(z, az)
		if math.IsNaN(est[s]) || math.IsInf(est[s], 0) {
			return 0, 0, fmt.Errorf("hutchinson trace, sample %d: zᵀAz = %v", s+1, est[s])
		}
	}
	for _, e := range est {
		mean += e
	}
	mean /= float64(samples)
	ss := 0.0
	for _, e := range est {
		ss += (e - mean) * (e - mean)
	}
	return mean, math.Sqrt(ss / float64(samples-1) / float64(samples)), nil
}

// SpectralQuadrature runs stochastic Lanczos quadrature (Ghorbani et al.
// 2019; Lin, Saad and Yang 2016) on the symmetric n×n operator hvp: runs
// Lanczos runs of steps steps (at most n), each from its own Rademacher
// vector drawn from seed. Each run's Values and Weights are the nodes and
// weights of a Gauss quadrature of the spectral density (1/n)·Σ_j δ(λ -
// λ_j): a Rademacher start z/√n has E[(q·u_j)²] = 1/n for every unit
// eigenvector u_j, so the mean over runs of Σ_i w_i f(θ_i) estimates
// (1/n)·Σ_j f(λ_j) without bias for f of low degree. SpectralDensity
// smooths the runs onto a grid.
func SpectralQuadrature(hvp HVPFunc, n, runs, steps int, seed uint64) ([]Ritz, error) {
	if n < 1 || runs < 1 || steps < 1 {
		return nil, fmt.Errorf("spectral quadrature: n = %d, runs = %d, steps = %d; want each at least 1", n, runs, steps)
	}
	rng := rand.New(rand.NewPCG(seed, 0x736c71)) // "slq"
	out := make([]Ritz, runs)
	z := make([]float64, n)
	for r := range runs {
		rademacher(rng, z)
		var err error
		if out[r], err = Lanczos(hvp, z, steps); err != nil {
			return nil, fmt.Errorf("spectral quadrature, run %d: %w", r+1, err)
		}
	}
	return out, nil
}

// SpectralDensity returns the density of the runs' quadratures
// (SpectralQuadrature) at each point of grid, smoothed by a Gaussian of
// standard deviation sigma (> 0):
//
//	φ(λ) = (1/R)·Σ_r Σ_i w_ri·exp(-(λ - θ_ri)²/(2σ²)) / (σ√(2π)),
//
// over the R runs' nodes θ_ri and weights w_ri. It integrates to 1 over
// the real line (the weights of each run sum to 1), so its Riemann sum is
// close to 1 on a grid that reaches a few σ beyond the extreme nodes and
// whose spacing is well below σ; on a coarser grid the sum can be far
// from 1, since the Gaussians fall between the points. PyHessian smooths
// with σ² = 1e-5·max(1, λ_max - λ_min).
func SpectralDensity(runs []Ritz, grid []float64, sigma float64) ([]float64, error) {
	if !(sigma > 0) || math.IsInf(sigma, 0) {
		return nil, fmt.Errorf("spectral density: sigma = %v, want a positive finite number", sigma)
	}
	if len(runs) == 0 {
		return nil, errors.New("spectral density: no Lanczos runs")
	}
	for _, r := range runs {
		if len(r.Values) != len(r.Weights) {
			return nil, fmt.Errorf("spectral density: a run has %d nodes but %d weights", len(r.Values), len(r.Weights))
		}
	}
	out := make([]float64, len(grid))
	c := 1 / (sigma * math.Sqrt(2*math.Pi) * float64(len(runs)))
	for g, x := range grid {
		s := 0.0
		for _, r := range runs {
			for i, v := range r.Values {
				d := (x - v) / sigma
				s += r.Weights[i] * math.Exp(-d*d/2)
			}
		}
		out[g] = c * s
	}
	return out, nil
}

// HessianOperator returns the Hessian-vector product of the mean loss over
// the examples idx of ds at the model's current parameters (HessianVector)
// as an HVPFunc, for Lanczos and the other spectrum functions. Each call
// is one HessianVector; the parameters must not change while an algorithm
// uses it.
func (m *Model) HessianOperator(ds *Dataset, idx []int32) HVPFunc {
	return func(v []float64) ([]float64, error) { return m.HessianVector(ds, idx, v) }
}

// rademacher fills z with independent ±1 from rng.
func rademacher(rng *rand.Rand, z []float64) {
	for i := range z {
		z[i] = 1
		if rng.Uint64()&1 == 0 {
			z[i] = -1
		}
	}
}
