package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"time"

	"hw1/graphs"
	"hw1/runner/data"
	"hw1/runner/results"
)

// A run's time before it starts: each experiment's time at its profile on
// the reference machine (measured, BENCHMARKS.md), scaled by how fast this
// machine trains the kind of model that experiment's time follows, timed in
// a few steps of each (Calibrate).

// Speed classes: the bench case (BenchCases) whose speed an experiment's
// time follows.
const (
	classCNN   = "cnn"        // convolutions: compute-bound
	classMLP   = "mlp-random" // large dense models: compute-bound
	classSmall = "mlp571"     // small dense models: bound by each step's fixed cost
)

// referenceCost is an experiment's time on the reference machine.
type referenceCost struct {
	class   string
	seconds map[string]float64 // by profile
	// seedShare is the wall time one seed adds to a multi-seed run, in
	// units of its time alone (SeedShare).
	seedShare float64
}

// referenceCosts are the experiments' times on the reference machine (an
// Intel Xeon with AVX-512, 2 cores, whose calibration speeds are
// referenceSpeeds): full from `make run PROFILE=full` on a clean clone,
// quick and smoke from runs of the same version the same hour
// (BENCHMARKS.md, "The full profile end to end"); min-ratio's and
// weight-pca's scaled by how much faster their runs side by side made them,
// measured against the version before in one session ("Runs side by side").
// The seed shares are BENCHMARKS.md's "Seeds side by side": 5 seeds of the
// small-model experiments, 2 seeds of the others (param-count: not
// measured, as mnist-depth).
func referenceCosts() map[string]referenceCost {
	p := func(smoke, quick, full float64) map[string]float64 {
		return map[string]float64{"smoke": smoke, "quick": quick, "full": full}
	}
	return map[string]referenceCost{
		results.FunctionFit:     {classSmall, p(2, 10, 163), 0.94},
		results.MNISTDepth:      {classCNN, p(1, 26, 1069), 0.84},
		results.WeightPCA:       {classSmall, p(1, 3, 5), 0.91},
		results.GradNorm:        {classSmall, p(1, 2, 19), 0.57},
		results.MinRatio:        {classSmall, p(2, 20, 77), 0.91},
		results.RandomLabels:    {classMLP, p(1, 7, 370), 0.72},
		results.ParamCount:      {classCNN, p(2, 50, 1816), 0.84},
		results.Interpolation:   {classMLP, p(1, 9, 84), 0.80},
		results.Sensitivity:     {classMLP, p(3, 17, 136), 0.60},
		results.LossSurface:     {classMLP, p(1, 15, 354), 0.57},
		results.HessianSpectrum: {classMLP, p(6, 36, 418), 0.53},
		results.DoubleDescent:   {classMLP, p(2, 30, 300), 0.6},
	}
}

// referenceSpeeds are Calibrate's speeds on the reference machine, in the
// bench cases' units, as printed at the start of the full run whose times
// referenceCosts holds.
func referenceSpeeds() map[string]float64 {
	return map[string]float64{classCNN: 6177, classMLP: 14350, classSmall: 6144}
}

// Calibration is this machine's speed in each speed class, measured by
// Calibrate, in the bench cases' units.
type Calibration struct {
	Speed   map[string]float64
	Elapsed time.Duration // the time the calibration took
}

// calibrationSteps are the timed and warm-up steps and the batch size of
// each speed class's calibration: together about 2 s on the reference
// machine. Each is timed calibrationRepeats times and the fastest kept, as
// the machine's speed, which other work on it can only lower.
func calibrationSteps() map[string][3]int {
	return map[string][3]int{classCNN: {80, 8, 64}, classMLP: {80, 8, 128}, classSmall: {3000, 200, 100}}
}

const calibrationRepeats = 2

// Calibrate times a few training steps of the model of each speed class
// that the jobs' estimates follow, and of no other, on the runner's
// session settings and data: MNIST is read (once, and kept for the
// experiments) only when a job's class trains on it, so that
// `hw1 run function-fit` starts training at once.
func (r *Runner) Calibrate(ctx context.Context, jobs []Job) (Calibration, error) {
	start := time.Now()
	c := Calibration{Speed: map[string]float64{}}
	session := r.opts.Placement.Session(graphs.SessionConfig{IntraOpThreads: r.opts.Threads})
	mnist := func() (*data.Set, error) {
		train, _, err := r.data.load(MNIST, r.opts.Log)
		return train, err
	}
	costs, steps := referenceCosts(), calibrationSteps()
	for _, class := range []string{classSmall, classMLP, classCNN} {
		if !slices.ContainsFunc(jobs, func(j Job) bool { return costs[j.Exp.Name()].class == class }) {
			continue
		}
		s := steps[class]
		for range calibrationRepeats {
			b, err := bench(ctx, class, mnist, s[2], s[0], s[1], session)
			if err != nil {
				return c, fmt.Errorf("calibrate the time estimate (%s): %w", class, err)
			}
			c.Speed[class] = max(c.Speed[class], b.PerSecond)
		}
	}
	c.Elapsed = time.Since(start)
	return c, nil
}

// Estimate is the expected time of one experiment's run.
type Estimate struct {
	Experiment string
	Duration   time.Duration
	// Class is the speed class whose calibration scaled it: experiments of
	// one class are off from their estimates by about the same factor.
	Class string
	// Custom: --set changed the profile's configuration, which the
	// estimate does not follow (it is the profile's).
	Custom bool
}

// Estimate returns the expected time of each job at the runner's profile:
// the reference machine's, scaled by cal's speed against the reference
// machine's (nil: the reference machine's time).
func (r *Runner) Estimate(jobs []Job, cal *Calibration) []Estimate {
	costs, ref := referenceCosts(), referenceSpeeds()
	out := make([]Estimate, len(jobs))
	for i, j := range jobs {
		name := j.Exp.Name()
		c := costs[name]
		secs := c.seconds[r.opts.Profile]
		if cal != nil && cal.Speed[c.class] > 0 {
			secs *= ref[c.class] / cal.Speed[c.class]
		}
		out[i] = Estimate{Experiment: name, Duration: time.Duration(secs * float64(time.Second)), Class: c.class, Custom: !sameAsProfile(j, r.opts.Profile)}
	}
	return out
}

// sameAsProfile reports whether the job's configuration is its profile's,
// unchanged by --set.
func sameAsProfile(j Job, profile string) bool {
	base, err := j.Exp.Config(profile)
	if err != nil {
		return false
	}
	a, errA := json.Marshal(base)
	b, errB := json.Marshal(j.Cfg)
	return errA == nil && errB == nil && reflect.DeepEqual(a, b)
}

// TaskMemory is the memory, in MiB, that one process of hw1 run asks a
// batch system for at profile, and where the number comes from: the peak
// resident memory measured on the reference machine (GNU time's maximum
// RSS of hw1 run, on 2 threads), doubled for headroom and rounded up to
// whole GiB. A process holds MNIST, TensorFlow and the models of the
// experiments (and seeds) running at once.
func TaskMemory(profile string) (int, string) {
	switch profile {
	case "smoke":
		return 2048, "twice the 1.05 GB peak of the whole smoke suite, 2 seeds side by side"
	case "quick":
		return 3072, "twice the 1.23 GB peak of quick's largest experiment, param-count, rounded up"
	default:
		return 4096, "not measured at full: quick's 1.23 GB peak, with room for full's longer runs"
	}
}
