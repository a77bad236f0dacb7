package minratio

import (
	"fmt"
	"math"

	"hw1/graphs"
)

// hessianFDStep is the step of the central differences that check the
// exact Hessian: with float64 gradients it balances the truncation error,
// O(h²), against the rounding error, O(1e-16/h).
const hessianFDStep = 1e-5

// hessianFDError returns ‖H - H_fd‖_F, where h is the exact Hessian (n×n,
// row-major) of the mean loss over the examples idx of ds at theta and H_fd
// its central differences of exact gradients, column by column:
// (∇L(θ + s·e_j) - ∇L(θ - s·e_j)) / 2s. By Weyl's inequality every
// eigenvalue of h lies within ‖H - H_true‖₂ <= ‖H - H_fd‖_F + ‖H_fd - H_true‖_F
// of the true one, so the result bounds the Hessian's numerical error up
// to the differences' own (about 1e-10 relative). The model's parameters
// are theta again afterwards.
func hessianFDError(m *graphs.Model, ds *graphs.Dataset, idx []int32, theta, h []float64) (errF float64, err error) {
	n := len(theta)
	if len(h) != n*n {
		return 0, fmt.Errorf("hessian check: %d values are not the %d×%d Hessian", len(h), n, n)
	}
	defer func() {
		if rerr := m.SetParams(theta); rerr != nil && err == nil {
			err = fmt.Errorf("hessian check: restore parameters: %w", rerr)
		}
	}()
	p := append([]float64(nil), theta...)
	grad := func(j int, s float64) ([]float64, error) {
		p[j] = theta[j] + s
		defer func() { p[j] = theta[j] }()
		if err := m.SetParams(p); err != nil {
			return nil, err
		}
		return m.Gradient(ds, idx)
	}
	ss := 0.0
	for j := range n {
		up, err := grad(j, hessianFDStep)
		if err != nil {
			return 0, fmt.Errorf("hessian check, parameter %d: %w", j, err)
		}
		down, err := grad(j, -hessianFDStep)
		if err != nil {
			return 0, fmt.Errorf("hessian check, parameter %d: %w", j, err)
		}
		for i := range n {
			d := h[i*n+j] - (up[i]-down[i])/(2*hessianFDStep)
			ss += d * d
		}
	}
	return math.Sqrt(ss), nil
}
