package catalog

import (
	"errors"
	"fmt"
)

// Speed classes: the bench case whose speed an experiment's time follows
// (runner.BenchCases).
const (
	ClassCNN   = "cnn"        // convolutions: compute-bound
	ClassMLP   = "mlp-random" // large dense models: compute-bound
	ClassSmall = "mlp571"     // small dense models: bound by each step's fixed cost
)

// Cost is an experiment's time on the reference machine (an Intel Xeon
// with AVX-512, 2 cores, whose calibration speeds are the runner's
// reference speeds), which the time estimate scales by this machine's speed
// in Class, and which balances a sharded run's shards. The experiments'
// times are: full from `make run PROFILE=full` on a clean clone, quick and
// smoke from runs of the same version the same hour (BENCHMARKS.md, "The
// full profile end to end"); min-ratio's and weight-pca's scaled by how
// much faster their runs side by side made them, measured against the
// version before in one session ("Runs side by side"). The seed shares are
// BENCHMARKS.md's "Seeds side by side": 5 seeds of the small-model
// experiments, 2 seeds of the others (param-count: not measured, as
// mnist-depth).
type Cost struct {
	Class   string             `json:"class"`
	Seconds map[string]float64 `json:"seconds"` // by profile
	// SeedShare is the wall time one seed adds to a multi-seed run, in
	// units of its time alone (runner.SeedShare).
	SeedShare float64 `json:"seed_share"`
}

// Times is a Cost's Seconds of the three profiles.
func Times(smoke, quick, full float64) map[string]float64 {
	return map[string]float64{"smoke": smoke, "quick": quick, "full": full}
}

// Check reports what a declared cost lacks: a known class, a time for
// every profile of profiles, a seed share.
func (c Cost) Check(profiles []string) error {
	var errs []error
	switch c.Class {
	case ClassCNN, ClassMLP, ClassSmall:
	default:
		errs = append(errs, fmt.Errorf("speed class %q is none of %s, %s, %s", c.Class, ClassCNN, ClassMLP, ClassSmall))
	}
	for _, p := range profiles {
		if c.Seconds[p] <= 0 {
			errs = append(errs, fmt.Errorf("no reference time for profile %s", p))
		}
	}
	if c.SeedShare <= 0 {
		errs = append(errs, errors.New("no seed share"))
	}
	return errors.Join(errs...)
}
