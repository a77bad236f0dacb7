package runner

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"hw1/graphs"
	"hw1/runner/config"
	"hw1/runner/host"
	"hw1/runner/results"
)

// Options are the settings of one `hw1 run`.
type Options struct {
	Out      string    // results folder; each experiment writes Out/<name>
	Profile  string    // smoke, quick or full
	Seed     int64     // the seed of everything random in a run
	Threads  int       // TensorFlow intra-op threads; 0: the machine's cores
	DataDir  string    // --data; "" means data/<dataset>
	Sets     []string  // --set key=value overrides
	Shard    Shard     // the part of each sweep to run
	Force    bool      // redo finished experiments and replace other runs' results, kept aside in Out/.replaced
	Quiet    bool      // progress bars on a terminal only, no periodic progress lines elsewhere
	Version  string    // hw1's version, for the manifest
	Revision string    // the VCS revision, for the manifest
	Draw     DrawFunc  // draws an experiment's figures from its tables; nil: none
	Host     host.Info // the CPU and oneDNN ISA, for the manifest
	Log      *slog.Logger
	// Experiments are the experiments the runner knows by name
	// (registry.New() for hw1's own); nil: none.
	Experiments *Registry
	// SeedFolder writes Out/<name>/seed-<Seed>/ instead of Out/<name>/:
	// one seed of a multi-seed run (hw1 run --seeds), whose experiment
	// folder holds the seeds' aggregate.
	SeedFolder bool
	// Placement is where sessions run (hw1 run --device); the zero value:
	// TensorFlow's choice, not recorded in the manifest.
	Placement graphs.Placement
}

// Runner runs experiments with one set of options.
type Runner struct {
	opts     Options
	reg      *Registry
	data     *dataCache
	progress progressFactory
	// cores is shared by the runners of a multi-seed run (ForSeed).
	cores *cores
}

// New returns a runner over the registered experiments.
func New(opts Options) *Runner {
	if opts.Log == nil {
		opts.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if opts.Experiments == nil {
		opts.Experiments = NewRegistry()
	}
	return &Runner{opts: opts, reg: opts.Experiments, data: newDataCache(opts.DataDir), progress: newProgress(opts.Log, opts.Quiet),
		cores: newCores(runtime.NumCPU())}
}

// Registry returns the runner's experiments.
func (r *Runner) Registry() *Registry { return r.reg }

// ForSeed returns a runner for one seed of a multi-seed run: the same
// options, experiments and loaded data, with seed k written into its own
// seed-<k>/ folder of each experiment's folder.
func (r *Runner) ForSeed(k int64) *Runner {
	c := *r
	c.opts.Seed, c.opts.SeedFolder = k, true
	return &c
}

// ExperimentDir is the folder of the experiment name under the results
// folder: Out/<name>, the folder a multi-seed run aggregates into.
func (r *Runner) ExperimentDir(name string) string { return filepath.Join(r.opts.Out, name) }

// Dir is the folder this runner writes experiment name's result into:
// ExperimentDir, or its seed-<k>/ folder for one seed of a multi-seed run.
func (r *Runner) Dir(name string) string {
	if r.opts.SeedFolder {
		return filepath.Join(r.ExperimentDir(name), results.SeedDir(r.opts.Seed))
	}
	return r.ExperimentDir(name)
}

// Outcome is how one experiment's run ended.
type Outcome struct {
	Experiment string
	Dir        string
	Status     string // a results.Status* value, or "skipped"
	Err        error
	KeptAside  string // with --force, where the earlier result was moved
	Duration   time.Duration
}

// Prepare resolves an experiment's configuration for the runner's profile
// and --set overrides; errors are *config.UsageError.
func (r *Runner) Prepare(name string) (Experiment, any, error) {
	return r.PrepareWith(name, r.opts.Sets)
}

// PrepareWith is Prepare with the --set settings sets instead of the
// runner's (RouteSets gives each experiment of a suite its own).
func (r *Runner) PrepareWith(name string, sets []string) (Experiment, any, error) {
	exp, err := r.reg.Lookup(name)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := exp.Config(r.opts.Profile)
	if err != nil {
		return nil, nil, err
	}
	if err := config.Apply(cfg, sets); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, withRange(exp, r.opts.Profile, err))
	}
	return exp, cfg, nil
}

// Run runs one experiment whose configuration Prepare resolved: it writes
// the manifest as "running", runs, draws the figures, and writes the
// manifest's final status. Whatever happens, the tables already written stay.
//
// What is in the folder decides how (see inspect): nothing, start; an
// unfinished run of the same profile, seed and configuration, resume it
// (sweeps skip the runs already in their tables); a finished one that holds
// this run's shard, skip; with --force, keep what is there aside in
// OUT/.replaced and start anew; anything else is refused with an
// *InputError and nothing is touched.
func (r *Runner) Run(ctx context.Context, exp Experiment, cfg any) Outcome {
	dir := r.Dir(exp.Name())
	out := Outcome{Experiment: exp.Name(), Dir: dir}
	p, err := r.inspect(exp.Name(), cfg)
	if err != nil {
		out.Status, out.Err = results.StatusFailed, err
		return out
	}
	if p.act == actSkip {
		out.Status = "skipped"
		r.opts.Log.Info("already done, skipping (use --force to redo)", "experiment", exp.Name(), "dir", dir)
		return out
	}
	if p.act == actReplace {
		aside := dir
		if p.aside != "" {
			aside = p.aside
		}
		dst, err := keepAside(r.opts.Out, aside, time.Now())
		if err != nil {
			out.Status, out.Err = results.StatusFailed, err
			return out
		}
		out.KeptAside = dst
		r.opts.Log.Info("--force: kept the earlier result aside", "experiment", exp.Name(), "moved_to", dst)
	}
	resume := p.act == actResume
	// A run killed while writing leaves the temporary files of its atomic
	// writes: a resumed run, and a fresh one in a folder whose first run
	// was killed before its manifest was written, clear them.
	if err := removeTempFiles(dir); err != nil {
		out.Status, out.Err = results.StatusFailed, err
		return out
	}
	session := r.opts.Placement.Session(graphs.SessionConfig{IntraOpThreads: r.opts.Threads}).Resolved()
	start := time.Now()
	m := &results.Manifest{
		Experiment: exp.Name(), Profile: r.opts.Profile, Seed: r.opts.Seed, Config: cfg,
		Version: r.opts.Version, Revision: r.opts.Revision, TensorFlow: graphs.TFVersion(),
		Threads: session.IntraOpThreads, InterOpThreads: session.InterOpThreads, CPU: r.opts.Host.CPU, ISA: r.opts.Host.ISA,
		Start:  start.UTC().Truncate(time.Second),
		Status: results.StatusRunning, Repeatability: results.RepeatabilityOn(r.opts.Placement.Device),
		Device: r.opts.Placement.Name,
		Shards: resumedShards(resumed(p), r.opts.Shard.String()),
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		out.Status, out.Err = results.StatusFailed, fmt.Errorf("create %s: %w", dir, err)
		return out
	}
	if err := m.Write(dir); err != nil {
		out.Status, out.Err = results.StatusFailed, err
		return out
	}
	log, closeLog := r.experimentLog(dir, exp.Name())
	defer closeLog()
	log.Info("start", "profile", r.opts.Profile, "seed", r.opts.Seed, "dir", dir)
	env := &Env{Ctx: ctx, Dir: dir, Seed: r.opts.Seed, Session: session, Shard: r.opts.Shard,
		Log: log, data: r.data, progress: r.progress, resume: resume, cores: r.cores}
	// The experiment holds a core while it trains; after an interrupt it
	// runs without one, to write its status.
	held := r.cores.take(ctx)
	err = r.protect(exp, env, cfg)
	if held {
		r.cores.give()
	}
	if cerr := env.close(); cerr != nil {
		// As while training (Env.scalars): the tables are the results, the
		// event file a view of them.
		log.Warn("tensorboard events incomplete", "err", cerr)
	}
	if err == nil && r.opts.Draw != nil {
		figs, perr := r.opts.Draw(dir)
		m.Figures = figs
		if perr != nil {
			err = fmt.Errorf("figures: %w", perr)
		}
	}
	m.Tables, m.Notes = env.tables, env.notes
	m.End = time.Now().UTC().Truncate(time.Second)
	m.DurationSeconds = time.Since(start).Round(time.Millisecond).Seconds()
	switch {
	case err == nil:
		m.Status = results.StatusDone
	case errors.Is(err, ErrInterrupted) || errors.Is(err, context.Canceled):
		m.Status, m.Error = results.StatusInterrupted, err.Error()
	default:
		m.Status, m.Error = results.StatusFailed, err.Error()
	}
	if werr := m.Write(dir); werr != nil && err == nil {
		err, m.Status = werr, results.StatusFailed
	}
	out.Status, out.Err, out.Duration = m.Status, err, time.Since(start)
	if err != nil {
		log.Error(m.Status, "err", err)
	} else {
		log.Info("done", "took", out.Duration.Round(time.Millisecond).String(), "tables", m.Tables, "figures", len(m.Figures))
	}
	return out
}

// protect runs an experiment and turns a panic in it into an error, so that
// one broken experiment cannot take the others down.
func (r *Runner) protect(exp Experiment, env *Env, cfg any) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error (please report): %v", p)
		}
	}()
	return exp.Run(env, cfg)
}
