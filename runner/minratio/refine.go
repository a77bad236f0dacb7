package minratio

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// refineResult is where refineCritical stopped.
type refineResult struct {
	Theta    []float64
	GradNorm float64 // ‖∇L(Theta)‖
	Steps    int     // accepted steps
}

// refineCritical lowers ‖g(θ)‖², g = ∇L, by Levenberg–Marquardt steps on
// the residual g, whose Jacobian is the Hessian H:
//
//	δ = −(H² + μ·I)⁻¹ H g,
//
// accepted when ‖g‖ falls, with μ adapted by the ratio of the actual to
// the predicted reduction (Nielsen's rule, as in Madsen, Nielsen and
// Tingleff, "Methods for non-linear least squares problems", 2004). Near a critical point with non-singular H this is Newton's method
// on g = 0 and converges quadratically, to a minimum or a saddle alike;
// first-order descent on ‖g‖² crawls there, since its conditioning is that
// of H². It stops when ‖g‖ <= target, after maxSteps accepted steps, or
// when μ has grown so large that no step lowers ‖g‖.
func refineCritical(theta []float64, grad, hess func(theta []float64) ([]float64, error), target float64, maxSteps int) (refineResult, error) {
	n := len(theta)
	theta = append([]float64(nil), theta...)
	g, err := grad(theta)
	if err != nil {
		return refineResult{}, err
	}
	norm := vecNorm(g)
	res := refineResult{Theta: theta, GradNorm: norm}
	mu, nu := math.NaN(), 2.0
	for res.Steps < maxSteps && norm > target {
		h, err := hess(theta)
		if err != nil {
			return res, err
		}
		if len(h) != n*n {
			return res, fmt.Errorf("refine: Hessian has %d values, want %d", len(h), n*n)
		}
		hm := mat.NewDense(n, n, h)
		var h2 mat.Dense
		h2.Mul(hm, hm)
		if math.IsNaN(mu) {
			// Start at a small share of H²'s largest diagonal entry.
			d := 0.0
			for i := range n {
				d = max(d, h2.At(i, i))
			}
			mu = 1e-6 * max(d, 1e-300)
		}
		var hg mat.VecDense
		hg.MulVec(hm, mat.NewVecDense(n, g))
		accepted := false
		for !accepted {
			if mu > 1e300 {
				return res, nil // no step lowers ‖g‖: a local minimum of ‖g‖²
			}
			a := mat.NewSymDense(n, nil)
			for i := range n {
				for j := i; j < n; j++ {
					v := (h2.At(i, j) + h2.At(j, i)) / 2
					if i == j {
						v += mu
					}
					a.SetSym(i, j, v)
				}
			}
			var chol mat.Cholesky
			var delta mat.VecDense
			if !chol.Factorize(a) || chol.SolveVecTo(&delta, &hg) != nil {
				mu, nu = mu*nu, nu*2
				continue
			}
			trial := make([]float64, n)
			pred := 0.0 // the reduction of ½‖g‖² the linear model of g predicts
			for i := range n {
				d := delta.AtVec(i)
				trial[i] = theta[i] - d
				pred += d * (mu*d + hg.AtVec(i)) / 2
			}
			tg, err := grad(trial)
			if err != nil {
				return res, err
			}
			tn := vecNorm(tg)
			if rho := (norm*norm - tn*tn) / 2 / pred; tn < norm && pred > 0 {
				theta, g, norm = trial, tg, tn
				mu *= max(1.0/3, 1-math.Pow(2*rho-1, 3))
				nu = 2
				accepted = true
			} else {
				mu, nu = mu*nu, nu*2
			}
		}
		res.Steps++
		res.Theta, res.GradNorm = theta, norm
	}
	return res, nil
}

// vecNorm is the 2-norm of v.
func vecNorm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}
