package graphs

import (
	"errors"
	"fmt"
	"math"
)

// Sharpness returns the sharpness of the loss over the examples idx of ds
// at the current parameters θ (Keskar et al. 2017):
//
//	max over |δ_i| ≤ eps·(|θ_i|+1) of (L(θ+δ) - L(θ)) / (1 + L(θ)),
//
// found by projected sign-gradient ascent: from δ = 0, steps times
// δ ← clip(δ + a·b⊙sign(∇L(θ+δ)), -b, b) with b_i = eps·(|θ_i|+1) and
// a = min(1, 2/steps), so the ascent can reach a corner of the box in
// steps/2 steps and use the rest to turn. The result is the largest value
// seen at any iterate (δ = 0 included, so it is ≥ 0). θ is restored
// afterwards, also on error.
func (m *Model) Sharpness(ds *Dataset, idx []int32, eps float64, steps int) (sharp float64, err error) {
	if !(eps >= 0) || math.IsInf(eps, 0) {
		return 0, fmt.Errorf("sharpness: eps = %v, want a finite number ≥ 0", eps)
	}
	if steps < 1 {
		return 0, fmt.Errorf("sharpness: steps = %d, want at least 1", steps)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return 0, err
	}
	theta, err := m.paramsLocked()
	if err != nil {
		return 0, fmt.Errorf("sharpness: %w", err)
	}
	defer func() {
		if rerr := m.setParamsLocked(theta); rerr != nil {
			err = errors.Join(err, fmt.Errorf("sharpness: restore parameters: %w", rerr))
		}
	}()
	l0, g, err := m.lossAndGradient(ds, idx)
	if err != nil {
		return 0, fmt.Errorf("sharpness: %w", err)
	}
	bound := make([]float64, len(theta))
	for i, t := range theta {
		bound[i] = eps * (math.Abs(t) + 1)
	}
	a := math.Min(1, 2/float64(steps))
	delta := make([]float64, len(theta))
	p := make([]float64, len(theta))
	for range steps {
		for i := range delta {
			delta[i] = math.Max(-bound[i], math.Min(bound[i], delta[i]+a*bound[i]*sign(g[i])))
			p[i] = theta[i] + delta[i]
		}
		if err := m.setParamsLocked(p); err != nil {
			return 0, fmt.Errorf("sharpness: %w", err)
		}
		var l float64
		if l, g, err = m.lossAndGradient(ds, idx); err != nil {
			return 0, fmt.Errorf("sharpness: %w", err)
		}
		sharp = math.Max(sharp, (l-l0)/(1+l0))
	}
	return sharp, nil
}

func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}
