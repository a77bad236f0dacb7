package graphs

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// refRandomFeatures computes the same fit with plain loops and gonum: the
// features from the same W and b, then the minimum-norm least-squares
// output layer from the SVD's pseudo-inverse.
func refRandomFeatures(t *testing.T, rf RandomFeatures, x, y, eval Matrix) (onX, onEval *mat.Dense) {
	t.Helper()
	w, b := rf.draw(x.Cols)
	phi := func(m Matrix) *mat.Dense {
		out := mat.NewDense(m.Rows, rf.Features, nil)
		for i := range m.Rows {
			for j := range rf.Features {
				s := b[j]
				for k := range m.Cols {
					s += m.Values[i*m.Cols+k] * w.Values[k*rf.Features+j]
				}
				out.Set(i, j, math.Sqrt(2/float64(rf.Features))*math.Cos(s))
			}
		}
		return out
	}
	px, pe := phi(x), phi(eval)
	var svd mat.SVD
	if !svd.Factorize(px, mat.SVDThin) {
		t.Fatal("SVD failed")
	}
	var coef mat.Dense
	rank := svd.Rank(1e-12)
	svd.SolveTo(&coef, mat.NewDense(y.Rows, y.Cols, y.Values), rank)
	onX, onEval = &mat.Dense{}, &mat.Dense{}
	onX.Mul(px, &coef)
	onEval.Mul(pe, &coef)
	return onX, onEval
}

func randomMatrix(rng *rand.Rand, rows, cols int) Matrix {
	m := Matrix{Rows: rows, Cols: cols, Values: make([]float64, rows*cols)}
	for i := range m.Values {
		m.Values[i] = rng.Float64()
	}
	return m
}

// Below, at and beyond the interpolation threshold (6 examples): the fit
// is gonum's minimum-norm least squares, and from 6 features on it
// interpolates the training targets.
func TestRandomFeaturesFitIsMinimumNormLeastSquares(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	x, y, eval := randomMatrix(rng, 6, 3), randomMatrix(rng, 6, 2), randomMatrix(rng, 4, 3)
	for _, n := range []int{3, 6, 15} {
		rf := RandomFeatures{Features: n, Bandwidth: 0.7, Seed: 9, Session: testSession}
		onX, onEval, err := rf.Fit(x, y, eval)
		if err != nil {
			t.Fatal(err)
		}
		refX, refEval := refRandomFeatures(t, rf, x, y, eval)
		for i := range onX.Values {
			if d := math.Abs(onX.Values[i] - refX.RawMatrix().Data[i]); d > 1e-7 {
				t.Errorf("%d features: training output %d is %g, gonum's %g", n, i, onX.Values[i], refX.RawMatrix().Data[i])
			}
		}
		for i := range onEval[0].Values {
			if d := math.Abs(onEval[0].Values[i] - refEval.RawMatrix().Data[i]); d > 1e-6 {
				t.Errorf("%d features: evaluation output %d is %g, gonum's %g", n, i, onEval[0].Values[i], refEval.RawMatrix().Data[i])
			}
		}
		if n >= x.Rows {
			for i := range onX.Values {
				if d := math.Abs(onX.Values[i] - y.Values[i]); d > 1e-8 {
					t.Errorf("%d features do not interpolate: output %d is %g, target %g", n, i, onX.Values[i], y.Values[i])
				}
			}
		}
	}
}

func TestRandomFeaturesRefusesBadInput(t *testing.T) {
	x := Matrix{Rows: 2, Cols: 1, Values: []float64{0, 1}}
	y := Matrix{Rows: 2, Cols: 1, Values: []float64{0, 1}}
	for _, c := range []struct {
		rf   RandomFeatures
		x, y Matrix
	}{
		{RandomFeatures{Features: 0, Bandwidth: 1}, x, y},
		{RandomFeatures{Features: 2, Bandwidth: 0}, x, y},
		{RandomFeatures{Features: 2, Bandwidth: 1, Ridge: -1}, x, y},
		{RandomFeatures{Features: 2, Bandwidth: 1}, x, Matrix{Rows: 1, Cols: 1, Values: []float64{0}}},
		{RandomFeatures{Features: 2, Bandwidth: 1}, Matrix{Rows: 2, Cols: 1, Values: []float64{0}}, y},
	} {
		if _, _, err := c.rf.Fit(c.x, c.y); err == nil {
			t.Errorf("%+v with %d×%d inputs: no error", c.rf, c.x.Rows, c.x.Cols)
		}
	}
}
