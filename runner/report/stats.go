package report

import (
	"math"
	"sort"
)

// ranks returns the 1-based ranks of xs; tied values share the average of
// the ranks they span.
func ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return xs[idx[a]] < xs[idx[b]] })
	out := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && xs[idx[j+1]] == xs[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			out[idx[k]] = avg
		}
		i = j + 1
	}
	return out
}

// pearson returns the Pearson correlation of xs and ys, NaN when either has
// no variance or there are fewer than two points.
func pearson(xs, ys []float64) float64 {
	n := len(xs)
	if n < 2 || n != len(ys) {
		return math.NaN()
	}
	mx, my := mean(xs), mean(ys)
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// spearman returns Spearman's rank correlation of xs and ys (the Pearson
// correlation of their average ranks) and the number of pairs used. Pairs in
// which either value is NaN or infinite are left out. The result is NaN when
// fewer than two pairs remain or one side is constant.
func spearman(xs, ys []float64) (rho float64, n int) {
	var fx, fy []float64
	for i := range xs {
		if i < len(ys) && finite(xs[i]) && finite(ys[i]) {
			fx = append(fx, xs[i])
			fy = append(fy, ys[i])
		}
	}
	return pearson(ranks(fx), ranks(fy)), len(fx)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// median returns the median of xs (the mean of the two middle values for an
// even count); xs is not modified.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// minMax returns the smallest and largest of xs.
func minMax(xs []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range xs {
		lo = math.Min(lo, x)
		hi = math.Max(hi, x)
	}
	return lo, hi
}

// argMin and argMax return the index of the first smallest / largest value.
func argMin(xs []float64) int {
	best := -1
	for i, x := range xs {
		if best < 0 || x < xs[best] {
			best = i
		}
	}
	return best
}

func argMax(xs []float64) int {
	best := -1
	for i, x := range xs {
		if best < 0 || x > xs[best] {
			best = i
		}
	}
	return best
}

// point is a point in a 2-D projection.
type point struct{ x, y float64 }

// meanPairwiseDistance returns the mean Euclidean distance over all pairs of
// points, NaN for fewer than two points.
func meanPairwiseDistance(ps []point) float64 {
	var sum float64
	var n int
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			sum += math.Hypot(ps[i].x-ps[j].x, ps[i].y-ps[j].y)
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

// nearest returns the index of the value in xs closest to target.
func nearest(xs []float64, target float64) int {
	best := -1
	for i, x := range xs {
		if best < 0 || math.Abs(x-target) < math.Abs(xs[best]-target) {
			best = i
		}
	}
	return best
}
