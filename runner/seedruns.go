package runner

import (
	"context"
	"runtime"
	"sync"
)

// The seeds of a multi-seed run (hw1 run --seeds): one run per seed, one
// per core at a time. A seed leaves part of the machine idle between its
// ops (small models and batches, evaluation, the Go side's work), so every
// experiment gains (BENCHMARKS.md). Every session has the thread count it
// has alone (graphs.Model: its own pool; one thread for a small dense
// model), so each seed's tables are the same as when it runs alone. Runs
// within a seed that go side by side alone (Env.sideBySide) keep to the
// seed's core while the other seeds hold theirs.

// SeedWorkers is the number of seeds that run at once: the machine's cores.
func SeedWorkers() int { return runtime.NumCPU() }

// SeedShare is the wall time of one seed of experiment e among seeds run
// side by side, in units of its time alone: what a seed adds to a
// multi-seed run's time (measured on 2 cores; referenceCosts).
func SeedShare(e Experiment) float64 {
	return referenceCosts()[e.Name()].seedShare
}

// RunSeeds runs the job once per runner (one per seed), SeedWorkers at a
// time; start(i) is called as the run of runners[i] starts, done as it
// ends, one call at a time. It returns the outcomes of the runs that
// started, in the runners' order: once ctx is done, no further run starts.
func RunSeeds(ctx context.Context, j Job, runners []*Runner, start func(seed int), done func(Outcome)) []Outcome {
	out := make([]*Outcome, len(runners))
	var mu sync.Mutex
	_ = parallel(len(runners), SeedWorkers(), func(i int) error {
		mu.Lock()
		if ctx.Err() != nil {
			mu.Unlock()
			return nil
		}
		start(i)
		mu.Unlock()
		o := runners[i].Run(ctx, j.Exp, j.Cfg)
		mu.Lock()
		defer mu.Unlock()
		out[i] = &o
		done(o)
		return nil
	})
	var started []Outcome
	for _, o := range out {
		if o != nil {
			started = append(started, *o)
		}
	}
	return started
}
