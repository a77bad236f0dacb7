//go:build !notf

package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"hw1/graphs"
	"hw1/plots"
	"hw1/runner"
	"hw1/runner/host"
	"hw1/runner/registry"
	"hw1/runner/report"
	"hw1/runner/results"
	"hw1/runner/shards"
)

func runCommand() *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "train and measure one experiment, or all of them",
		ArgsUsage: "EXPERIMENT|all",
		Description: "Runs an experiment (see 'hw1 list') and writes OUT/EXPERIMENT/: manifest.json, CSV tables,\n" +
			"figures (PNG, SVG) and TensorBoard events (tb/). Ctrl-C stops after the current step and keeps\n" +
			"every finished table. The same seed and profile give the same tables.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "profile", Aliases: []string{"p"}, Value: "quick", Usage: "smoke (seconds), quick (minutes) or full (the report's settings)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "results", Usage: "results folder"},
			&cli.Int64Flag{Name: "seed", Value: 1, Usage: "seed of everything random in the run"},
			&cli.StringFlag{Name: "seeds", Usage: "run several seeds: a count N (--seed ... --seed+N-1) or a list (1,2,5); with more than one seed, each goes to OUT/EXPERIMENT/seed-K/ and their aggregate to OUT/EXPERIMENT/"},
			&cli.IntFlag{Name: "threads", Usage: "TensorFlow intra-op threads (0: the machine's cores)"},
			&cli.StringFlag{Name: "data", Usage: "folder with the MNIST-format files (default: data/mnist, or data/fashion-mnist for --set dataset=fashion-mnist)"},
			&cli.StringSliceFlag{Name: "set", Usage: "override a configuration value, key=value (repeatable; 'hw1 list' shows the keys)"},
			&cli.StringFlag{Name: "shard", Usage: "run only part i/n (0 <= i < n) and join the parts with 'hw1 merge': the run's units of work (each experiment once per seed, a long sweep in parts) are spread over the n shards by their estimated time, each unit on exactly one shard"},
			&cli.BoolFlag{Name: "force", Usage: "redo experiments already done, or replace another run's result; the earlier result is kept in OUT/.replaced/"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress output"},
			deviceFlag(),
		},
		Action: runAction,
	}
}

func runAction(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("run takes one experiment name or 'all' (got %d arguments); see 'hw1 list'", c.NArg())
	}
	if d := c.String("data"); d != "" {
		info, err := os.Stat(d)
		if err != nil {
			return usageErrorf("--data %s: %v; run 'make data' to fetch MNIST and Fashion-MNIST into data/", d, err)
		}
		if !info.IsDir() {
			return usageErrorf("--data %s is a file; give the folder that holds the MNIST-format files (e.g. data/mnist)", d)
		}
	}
	if c.Int("threads") < 0 {
		return usageErrorf("--threads %d: must be 0 (the machine's cores) or more", c.Int("threads"))
	}
	shard, err := shards.ParseShard(c.String("shard"))
	if err != nil {
		return exitError{2, err}
	}
	seeds, err := runner.ParseSeeds(c.String("seeds"), c.Int64("seed"))
	if err != nil {
		return exitError{2, err}
	}
	place, err := placeDevice(c, graphs.SessionConfig{IntraOpThreads: c.Int("threads")})
	if err != nil {
		return err
	}
	rev := revision()
	where, err := host.Detect()
	if err != nil {
		return exitError{1, err}
	}
	// The runner runs whole experiments; a sharded run gives each unit
	// that is a sweep's part its part (pick, below).
	r := runner.New(runner.Options{Placement: place,
		Out: c.String("out"), Profile: c.String("profile"), Seed: seeds[0], Threads: c.Int("threads"),
		DataDir: c.String("data"), Sets: c.StringSlice("set"), Force: c.Bool("force"), Quiet: c.Bool("quiet"),
		Version: version, Revision: rev, Host: where, Draw: plots.Draw, Log: slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: logLevel(c.Bool("quiet"))})),
		Experiments: registry.New(),
	})
	name := c.Args().First()
	var names []string
	if name == "all" {
		for _, e := range r.Registry().All() {
			names = append(names, e.Name())
		}
	} else {
		names = []string{name}
	}
	// Resolve every configuration before training anything: a bad --set is
	// a usage error, not a failed experiment.
	var exps []runner.Experiment
	for _, n := range names {
		exp, err := r.Registry().Lookup(n)
		if err != nil {
			return exitError{2, err}
		}
		exps = append(exps, exp)
	}
	sets, notes, err := runner.RouteSets(exps, c.String("profile"), c.StringSlice("set"))
	if err != nil {
		return exitError{2, err}
	}
	for _, n := range notes {
		fmt.Fprintln(c.App.ErrWriter, "hw1:", n)
	}
	var jobs []runner.Job
	for _, n := range names {
		exp, cfg, err := r.PrepareWith(n, sets[n])
		if err != nil {
			return exitError{2, err}
		}
		jobs = append(jobs, runner.Job{Exp: exp, Cfg: cfg})
	}
	// One runner per seed: with several seeds each writes its own
	// seed-<k>/ folder of every experiment.
	runners := []*runner.Runner{r}
	if len(seeds) > 1 {
		runners = r.SeedRunners(seeds)
	}
	// A sharded run runs its shard's units of the plan, which every shard
	// computes alike from the experiments, seeds, profile and n; jobs of
	// which it runs nothing are left out.
	var plan *runner.Plan
	pick := func(_, i int) *runner.Runner { return runners[i] }
	if shard.Count > 1 {
		if plan, err = shards.PlanShards(names, seeds, c.String("profile"), shard.Count); err != nil {
			return exitError{2, err}
		}
		jobs, pick = shardJobs(plan, shard.Index, jobs, seeds, runners)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	unlock, err := preflight(c, r, jobs, len(seeds), pick)
	if err != nil {
		return err
	}
	defer unlock()
	if plan != nil {
		if err := shards.ClaimShard(c.String("out"), plan, shard.Index); err != nil {
			return exitError{2, err}
		}
		fmt.Fprintf(c.App.ErrWriter, "hw1: shard %s runs %s\n", shard, unitNames(plan.Shards[shard.Index]))
	}
	var share []float64 // a shard's units of each job, for its estimate
	if plan != nil {
		for _, j := range jobs {
			k := 0.0
			for _, u := range plan.Shards[shard.Index] {
				if u.Experiment == j.Exp.Name() {
					k += 1 / float64(max(1, u.Part.Count))
				}
			}
			share = append(share, k)
		}
	}
	clock := newSuiteClock(ctx, c.App.ErrWriter, r, c.String("profile"), jobs, len(runners), share)
	// The aggregate over the seeds of each experiment, written as its last
	// seed ends, while the next experiment's seeds train (none for a
	// single seed, or an experiment none of whose seeds started).
	aggregates := make([]*runner.Outcome, len(jobs))
	perJob := runner.RunUnits(ctx, jobs, len(runners), pick,
		func(i, seed int) { clock.next(i, seed, jobs[i].Exp.Name()) },
		func(i int, o runner.Outcome) { clock.finished(i, o) },
		func(i int, _ []runner.Outcome) {
			if len(seeds) > 1 {
				a := aggregateSeeds(r.ExperimentDir(jobs[i].Exp.Name()), jobs[i].Exp.Name(), seeds, plan, shard.Index)
				aggregates[i] = &a
			}
		})
	var outcomes []runner.Outcome
	for i, started := range perJob {
		outcomes = append(outcomes, started...)
		if aggregates[i] != nil {
			outcomes = append(outcomes, *aggregates[i])
		}
	}
	var reportErr error
	if name == "all" {
		// The report covers whatever finished, failed or not. It is written
		// even when a finished experiment's tables do not read as the report
		// expects; that is an error (exit 1), not a quiet note in the HTML.
		path, err := report.Write(c.String("out"))
		if err != nil {
			fmt.Fprintln(c.App.ErrWriter, "hw1: report:", err)
			reportErr = err
		}
		// The report's path comes last, after the table of experiments.
		defer func() {
			if path != "" {
				fmt.Fprintln(c.App.Writer, "report:", path)
			}
		}()
	}
	if err := summarize(c, outcomes, ctx.Err() != nil); err != nil {
		return err
	}
	if reportErr != nil {
		return exitError{1, fmt.Errorf("the report found problems in finished results: %w", reportErr)}
	}
	return nil
}

// aggregateSeeds writes the aggregate of the seeds in dir (the seeds' own
// tables only) and reports it as an outcome of its own: done only when every
// seed is. Shard i of a sharded run (plan not nil) aggregates the seeds it
// has and is "incomplete", when other shards run units of the experiment,
// until 'hw1 merge' joins the shards: not a failure.
func aggregateSeeds(dir, name string, seeds []int64, plan *runner.Plan, shard int) runner.Outcome {
	out := runner.Outcome{Experiment: name + " (seeds)", Dir: dir}
	m, err := shards.AggregateSeedShard(dir, name, seeds, plan, shard)
	if err != nil {
		out.Status, out.Err = results.StatusFailed, fmt.Errorf("aggregate over seeds: %w", err)
		return out
	}
	out.Status = m.Status
	waiting := m.Status == results.StatusIncomplete && plan != nil // for the other shards' units
	if m.Status != results.StatusDone && m.Status != results.StatusInterrupted && !waiting {
		out.Err = fmt.Errorf("not every seed finished: %s", m.Error)
		return out
	}
	// The figures over seeds: the mean with its band, from the aggregates.
	if _, err := plots.Draw(dir); err != nil {
		out.Status, out.Err = results.StatusFailed, fmt.Errorf("figures over seeds: %w", err)
	}
	return out
}

// summarize prints one line per experiment and picks the exit code.
func summarize(c *cli.Context, outcomes []runner.Outcome, interrupted bool) error {
	w := c.App.Writer
	var failed []string
	code := 0
	for _, o := range outcomes {
		line := fmt.Sprintf("%-17s %-11s %8s  %s", o.Experiment, o.Status, o.Duration.Round(100*time.Millisecond), o.Dir)
		if o.Err != nil {
			line += "  " + o.Err.Error()
			if errors.Is(o.Err, syscall.ENOSPC) {
				line += " (the disk is full: free some space or write elsewhere with --out DIR, then rerun the same command to continue)"
			}
		}
		fmt.Fprintln(w, line)
		if o.KeptAside != "" {
			fmt.Fprintf(w, "%-17s the earlier result is kept in %s\n", "", o.KeptAside)
		}
		switch {
		case o.Status == results.StatusInterrupted:
			interrupted = true
		case o.Err != nil:
			failed = append(failed, o.Experiment)
			// A failed experiment (1) outweighs bad input (2).
			if !isInputError(o.Err) {
				code = 1
			} else if code == 0 {
				code = 2
			}
		}
	}
	if interrupted {
		return exitError{130, errors.New("interrupted: finished tables are kept; rerun the same command to continue")}
	}
	if code != 0 {
		return exitError{code, fmt.Errorf("%d experiment(s) failed: %s", len(failed), strings.Join(failed, ", "))}
	}
	return nil
}

// logLevel is the terminal's log level: everything but debug, or with
// --quiet warnings and errors only (each experiment's folder keeps its
// whole log in runner.LogFile either way).
func logLevel(quiet bool) slog.Level {
	if quiet {
		return slog.LevelWarn
	}
	return slog.LevelInfo
}

// shardJobs are the jobs of which shard i of plan runs a unit, and the
// runner of each unit (seed i of job j; nil for another shard's), with its
// part of the sweep.
func shardJobs(plan *runner.Plan, i int, jobs []runner.Job, seeds []int64, runners []*runner.Runner) ([]runner.Job, func(job, seed int) *runner.Runner) {
	var own []runner.Job
	var parts [][]*runner.Runner // per own job, per seed
	for _, j := range jobs {
		var rs []*runner.Runner
		has := false
		for k, seed := range seeds {
			part, ok := plan.Part(i, j.Exp.Name(), seed)
			if !ok {
				rs = append(rs, nil)
				continue
			}
			rs, has = append(rs, runners[k].WithPart(part)), true
		}
		if has {
			own, parts = append(own, j), append(parts, rs)
		}
	}
	return own, func(j, k int) *runner.Runner { return parts[j][k] }
}

// unitNames lists units, or says there are none.
func unitNames(units []shards.Unit) string {
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = u.String()
	}
	return strings.Join(names, ", ")
}
