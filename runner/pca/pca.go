// Package pca finds the first two principal components of a set of vectors
// (the weights of training snapshots): weight-pca projects its snapshots on
// them, loss-surface draws its trajectory plane along them.
package pca

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// Projection is a set of vectors projected onto their first two principal
// components.
type Projection struct {
	// Points holds each input row's coordinates on PC 1 and PC 2, measured
	// from the rows' mean.
	Points [][2]float64
	// Explained is the share of the total variance along PC 1 and PC 2.
	Explained [2]float64
}

// Project projects rows (observations, all of one length) onto their
// first two principal components. The data are centred, not scaled. Each
// component's sign is fixed so that its largest entry (by magnitude) is
// positive, so the result does not depend on the factorisation's sign
// choice. With one variable (or one distinct direction) PC 2 is 0.
func Project(rows [][]float64) (Projection, error) {
	ax, err := PrincipalAxes(rows)
	if err != nil {
		return Projection{}, err
	}
	n, d := len(rows), len(rows[0])
	mean := make([]float64, d)
	for _, r := range rows {
		for j, v := range r {
			mean[j] += v / float64(n)
		}
	}
	out := Projection{Points: make([][2]float64, n), Explained: ax.Explained}
	for c, dir := range ax.Dirs {
		if dir == nil {
			continue
		}
		for i, r := range rows {
			s := 0.0
			for j, v := range r {
				s += (v - mean[j]) * dir[j]
			}
			out.Points[i][c] = s
		}
	}
	return out, nil
}

// Axes are the first two principal components of a set of vectors.
type Axes struct {
	// Dirs are the unit components, each signed so that its entry of
	// largest magnitude is positive; Dirs[1] is nil when there is only one.
	Dirs [2][]float64
	// Explained is the share of the total variance along each.
	Explained [2]float64
}

// PrincipalAxes returns the first two principal components of rows
// (observations, all of one length; centred, not scaled).
func PrincipalAxes(rows [][]float64) (Axes, error) {
	n := len(rows)
	if n < 2 {
		return Axes{}, fmt.Errorf("principal components: need at least 2 vectors, got %d", n)
	}
	d := len(rows[0])
	if d == 0 {
		return Axes{}, fmt.Errorf("principal components: the vectors are empty")
	}
	x := mat.NewDense(n, d, nil)
	for i, r := range rows {
		if len(r) != d {
			return Axes{}, fmt.Errorf("principal components: vector %d has %d entries, vector 0 has %d", i, len(r), d)
		}
		x.SetRow(i, r)
	}
	var pc stat.PC
	if !pc.PrincipalComponents(x, nil) {
		return Axes{}, fmt.Errorf("principal components of %d vectors of length %d: the factorisation failed", n, d)
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	_, k := vecs.Dims()
	k = min(k, 2)
	vars := pc.VarsTo(nil)
	total := 0.0
	for _, v := range vars {
		total += v
	}
	var out Axes
	for c := range k {
		dir := mat.Col(nil, c, &vecs)
		if sign := largestSign(dir); sign < 0 {
			for j := range dir {
				dir[j] = -dir[j]
			}
		}
		out.Dirs[c] = dir
		if total > 0 {
			out.Explained[c] = vars[c] / total
		}
	}
	return out, nil
}

// largestSign is the sign (+1 or -1) of v's entry of largest magnitude (the
// first such entry on ties); +1 for a zero vector.
func largestSign(v []float64) float64 {
	best, sign := 0.0, 1.0
	for _, x := range v {
		if a := max(x, -x); a > best {
			best = a
			if x < 0 {
				sign = -1
			} else {
				sign = 1
			}
		}
	}
	return sign
}
