package runner

import (
	"context"
	"runtime"
	"sync"
)

// The seeds of a multi-seed run (hw1 run --seeds): one run per seed, one
// per core at a time, the next experiment's seeds starting as the last
// seeds of one free their cores (RunSuite). A seed leaves part of the
// machine idle between its ops (small models and batches, evaluation, the
// Go side's work), so every experiment gains (BENCHMARKS.md). Every session
// has the thread count it has alone (graphs.Model: its own pool; one thread
// for a small dense model), so each seed's tables are the same as when it
// runs alone. Runs within a seed that go side by side alone
// (Env.sideBySide) keep to the seed's core while the other seeds hold
// theirs.

// WithPart returns a runner that runs part of each sweep (Env.Shard): a
// unit of a sharded run that is a sweep's part; the zero Shard runs
// everything.
func (r *Runner) WithPart(part Shard) *Runner {
	c := *r
	c.opts.Shard = part
	return &c
}

// SeedWorkers is the number of seeds that run at once: the machine's cores.
func SeedWorkers() int { return runtime.NumCPU() }

// SeedShare is the wall time of one seed of experiment e among seeds run
// side by side, in units of its time alone: what a seed adds to a
// multi-seed run's time (measured on 2 cores; Definition's Cost).
func SeedShare(e Experiment) float64 {
	return e.Cost().SeedShare
}

// RunSuite runs every job once per runner (one runner per seed): the runs
// in job order and, within a job, in seed order, as many at once as there
// are seeds, at most SeedWorkers. So the first seeds of the next job start
// on the cores that the last seeds of a job leave, where they would idle
// until the job's last seed ended. (A single seed runs its jobs one after
// the other, on every core.)
//
// start(j, i) is called as seed i of job j starts, done(j, o) as it ends,
// one call at a time. ended(j, started) is called once every run of job j
// that started has ended, with their outcomes in seed order, while the runs
// of other jobs go on; it is not called for a job none of whose runs
// started. Once ctx is done, no further run starts. RunSuite returns, per
// job, the outcomes of the runs that started, in seed order.
func RunSuite(ctx context.Context, jobs []Job, runners []*Runner, start func(job, seed int), done func(job int, o Outcome), ended func(job int, started []Outcome)) [][]Outcome {
	return RunUnits(ctx, jobs, len(runners), func(_, i int) *Runner { return runners[i] }, start, done, ended)
}

// RunUnits is RunSuite for the units of a shard (hw1 run --shard): pick(j,
// i) is the runner of seed i of job j (with the part of its sweep the shard
// runs, Runner.WithPart), or nil when another shard runs it, and then it is
// not started.
func RunUnits(ctx context.Context, jobs []Job, seeds int, pick func(job, seed int) *Runner, start func(job, seed int), done func(job int, o Outcome), ended func(job int, started []Outcome)) [][]Outcome {
	out := make([]*Outcome, len(jobs)*seeds)
	left := make([]int, len(jobs)) // per job, the runs not yet over or skipped
	for j := range left {
		left[j] = seeds
	}
	var mu sync.Mutex
	// A run that ends its job reports the job's outcomes; the others
	// return nil.
	finish := func(k int, o *Outcome) []Outcome {
		mu.Lock()
		defer mu.Unlock()
		j := k / seeds
		out[k] = o
		if o != nil {
			done(j, *o)
		}
		if left[j]--; left[j] > 0 {
			return nil
		}
		return startedOf(out[j*seeds : (j+1)*seeds])
	}
	_ = parallel(len(out), min(seeds, SeedWorkers()), func(k int) error {
		j, i := k/seeds, k%seeds
		r := pick(j, i)
		mu.Lock()
		run := ctx.Err() == nil && r != nil
		if run {
			start(j, i)
		}
		mu.Unlock()
		var o *Outcome
		if run {
			ran := r.Run(ctx, jobs[j].Exp, jobs[j].Cfg)
			o = &ran
		}
		if started := finish(k, o); len(started) > 0 {
			ended(j, started)
		}
		return nil
	})
	all := make([][]Outcome, len(jobs))
	for j := range jobs {
		all[j] = startedOf(out[j*seeds : (j+1)*seeds])
	}
	return all
}

// startedOf is the outcomes of the runs that started, in order.
func startedOf(runs []*Outcome) []Outcome {
	var started []Outcome
	for _, o := range runs {
		if o != nil {
			started = append(started, *o)
		}
	}
	return started
}
