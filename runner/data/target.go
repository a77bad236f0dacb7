package data

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Sinc is sin(5πx)/(5πx), with its limit 1 at x = 0.
func Sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	t := 5 * math.Pi * x
	return math.Sin(t) / t
}

// Square is sign(sin(5πx)): a square wave of period 0.4 taking the values -1
// and 1 (and 0 where sin(5πx) is exactly 0, which in floating point happens
// only at x = 0).
func Square(x float64) float64 {
	s := math.Sin(5 * math.Pi * x)
	switch {
	case s > 0:
		return 1
	case s < 0:
		return -1
	default:
		return 0
	}
}

// targets maps the names the experiments and the CLI use to the functions.
func targets() map[string]func(float64) float64 {
	return map[string]func(float64) float64{
		"sinc":   Sinc,
		"square": Square,
	}
}

// TargetNames lists the names Target accepts, sorted.
func TargetNames() []string {
	names := make([]string, 0, 2)
	for name := range targets() {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Target returns the target function with the given name ("sinc" or
// "square").
func Target(name string) (func(float64) float64, error) {
	f, ok := targets()[name]
	if !ok {
		return nil, fmt.Errorf("unknown target function %q: valid names are %s",
			name, strings.Join(TargetNames(), ", "))
	}
	return f, nil
}

// Grid returns n evenly spaced points in (lo, hi]: lo + (hi-lo)·i/n for
// i = 1..n. lo itself is left out, so a grid starting at 0 never asks sinc for
// its removable singularity; the last point is exactly hi. For n < 1 it
// returns nil.
func Grid(n int, lo, hi float64) []float64 {
	if n < 1 {
		return nil
	}
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = lo + (hi-lo)*float64(i+1)/float64(n)
	}
	xs[n-1] = hi
	return xs
}
