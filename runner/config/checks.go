package config

import (
	"fmt"
	"math"
)

// Checks of single configuration values, for the experiments' check hooks:
// each names the --set key at fault and what its value must be.

// AtLeast requires an integer setting to be at least lo.
func AtLeast(key string, v, lo int) error {
	if v < lo {
		return fmt.Errorf("%s = %d, want at least %d", key, v, lo)
	}
	return nil
}

// Positive requires a finite number above zero (a learning rate, a target).
func Positive(key string, v float64) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return fmt.Errorf("%s = %g, want a finite number above 0", key, v)
	}
	return nil
}

// Widths requires every width of a list of layer widths to be at least 1.
func Widths(key string, ws []int) error {
	for _, w := range ws {
		if w < 1 {
			return fmt.Errorf("%s has width %d, want every width at least 1", key, w)
		}
	}
	return nil
}
