package runner

import (
	"context"
	"runtime"
	"sync"
)

// The seeds of a multi-seed run (hw1 run --seeds): one run per seed, side by
// side where the experiment's models leave a core idle.

// SideBySide reports whether the seeds of experiment e train side by side,
// one per core: its models are small dense ones, which TensorFlow runs on
// one thread each (graphs.Model), so that a second core would otherwise be
// idle. Each seed's tables are the same as when it runs alone.
func SideBySide(e Experiment) bool { return referenceCosts()[e.Name()].class == classSmall }

// SeedWorkers is the number of seeds of e that run at once.
func SeedWorkers(e Experiment) int {
	if SideBySide(e) {
		return runtime.NumCPU()
	}
	return 1
}

// RunSeeds runs the job once per runner (one per seed), SeedWorkers at a
// time; start(i) is called as the run of runners[i] starts, done as it
// ends, one call at a time. It returns the outcomes of the runs that
// started, in the runners' order: once ctx is done, no further run starts.
func RunSeeds(ctx context.Context, j Job, runners []*Runner, start func(seed int), done func(Outcome)) []Outcome {
	out := make([]*Outcome, len(runners))
	var mu sync.Mutex
	_ = parallel(len(runners), SeedWorkers(j.Exp), func(i int) error {
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
