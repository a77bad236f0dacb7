package minratio

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// spectrum summarises the eigenvalues of a Hessian at a critical point.
type spectrum struct {
	// Experiment is the share of eigenvalues greater than Tol: the share of
	// directions in which the loss curves upwards.
	MinRatio float64
	// ClearRatio is the share of positive eigenvalues among those outside
	// the tolerance, positive / (count - NearZero): the near-zero ones,
	// whose sign rounding decides, are left out. NaN if all are near zero.
	ClearRatio float64
	// NearZero counts the eigenvalues with |λ| <= Tol: flat directions,
	// counted as neither positive nor negative.
	NearZero int
	Min, Max float64 // the smallest and largest eigenvalue
	// Tol is relTol·max|λ|.
	Tol float64
}

// EigenvaluesSym returns the eigenvalues, ascending, of the symmetric n×n
// matrix h (row-major; its upper triangle is used).
func EigenvaluesSym(h []float64, n int) ([]float64, error) {
	if n < 1 || len(h) != n*n {
		return nil, fmt.Errorf("eigenvalues: %d values are not an n×n matrix with n = %d", len(h), n)
	}
	for _, v := range h {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("eigenvalues: the matrix has a non-finite entry (%v)", v)
		}
	}
	var e mat.EigenSym
	if !e.Factorize(mat.NewSymDense(n, append([]float64(nil), h...)), false) {
		return nil, fmt.Errorf("eigenvalues of a %d×%d matrix: the factorisation did not converge", n, n)
	}
	return e.Values(nil), nil
}

// classify summarises eigenvalues: those within tol = relTol·max|λ| of zero
// are near zero, those above tol count as positive.
func classify(eigs []float64, relTol float64) spectrum {
	s := spectrum{Min: math.Inf(1), Max: math.Inf(-1)}
	largest := 0.0
	for _, l := range eigs {
		s.Min, s.Max = min(s.Min, l), max(s.Max, l)
		largest = max(largest, math.Abs(l))
	}
	s.Tol = relTol * largest
	positive := 0
	for _, l := range eigs {
		switch {
		case math.Abs(l) <= s.Tol:
			s.NearZero++
		case l > 0:
			positive++
		}
	}
	if len(eigs) > 0 {
		s.MinRatio = float64(positive) / float64(len(eigs))
	}
	s.ClearRatio = math.NaN()
	if clear := len(eigs) - s.NearZero; clear > 0 {
		s.ClearRatio = float64(positive) / float64(clear)
	}
	return s
}
