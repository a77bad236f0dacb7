package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"time"

	"hw1/graphs"
	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/data"
)

// A run's time before it starts: each experiment's time at its profile on
// the reference machine (measured, BENCHMARKS.md), scaled by how fast this
// machine trains the kind of model that experiment's time follows, timed in
// a few steps of each (Calibrate).

// Speed classes: the bench case (BenchCases) whose speed an experiment's
// time follows; each experiment declares its own (Definition's Cost).
const (
	classCNN   = catalog.ClassCNN
	classMLP   = catalog.ClassMLP
	classSmall = catalog.ClassSmall
)

// CheckCost reports an experiment whose reference cost is missing or
// incomplete (Definition's Cost): without one, its estimate would be 0 and
// a sharded run could not balance its units.
func CheckCost(e Experiment) error {
	if err := e.Cost().Check(config.Profiles()); err != nil {
		return fmt.Errorf("%s: its reference cost (Definition's Cost): %w", e.Name(), err)
	}
	return nil
}

// referenceSpeeds are Calibrate's speeds on the reference machine, in the
// bench cases' units, as printed at the start of the full run whose times
// the experiments' costs hold (Definition's Cost).
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
	steps := calibrationSteps()
	for _, class := range []string{classSmall, classMLP, classCNN} {
		if !slices.ContainsFunc(jobs, func(j Job) bool { return j.Exp.Cost().Class == class }) {
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
	ref := referenceSpeeds()
	out := make([]Estimate, len(jobs))
	for i, j := range jobs {
		name := j.Exp.Name()
		c := j.Exp.Cost()
		secs := c.Seconds[r.opts.Profile]
		if cal != nil && cal.Speed[c.Class] > 0 {
			secs *= ref[c.Class] / cal.Speed[c.Class]
		}
		out[i] = Estimate{Experiment: name, Duration: time.Duration(secs * float64(time.Second)), Class: c.Class, Custom: !sameAsProfile(j, r.opts.Profile)}
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
