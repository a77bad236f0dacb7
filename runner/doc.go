// Package runner is hw1's engine: the one training loop every experiment
// shares (Env.Fit), the Env an experiment runs in, sweeps of independent
// runs, and the bookkeeping of a run on disk: the result folders and what
// may happen to them (resume, skip, refuse, keep aside), the checks before
// training, tables through the schema of runner/results, manifests,
// TensorBoard events, seeds, seed folders and time estimates. A sharded
// run's plan, the shard files, a results folder's lock and hw1 merge are in
// runner/shards, which needs no TensorFlow (so that the results tool
// merges); the experiments' costs and keys, copied for it, in
// runner/catalog.
//
// The experiments are not here: each is a package of its own under runner/
// (runner/functionfit, runner/minratio, ...) that states its configuration
// per profile, its reference cost, its checks and its training, and hands
// them to the engine through Define; what hw1 says about it (its
// description) is in runner/results. Package runner/registry lists them in the schema's order
// and is the one place that joins the two: the engine never imports an
// experiment (runner/registry's tests check it). What several experiments
// share is named once and imported: the networks and data helpers in
// runner/models, the principal components in runner/pca, and one
// experiment's settings or training that another reuses from that
// experiment's package (hessian-spectrum imports min-ratio's,
// interpolation's and sensitivity's; loss-surface weight-pca's and
// interpolation's).
//
// The loop (loop.go) takes a Fit's steps and evaluates its epochs; every
// other concern of a training run is a named hook (hook.go), called in
// order: the progress display and the TensorBoard curves that Env.Fit adds
// (loophooks.go), the evaluation schedule (EvalEvery, or any Scheduler),
// the step budget (MaxSteps, or any Limiter), early stopping (StopWhen, or
// ErrStop from any hook), and an experiment's own (OnEpoch, OnStep,
// WatchSteps: its tables' rows, snapshots, a learning-rate schedule). A
// new concern is a new hook, not an edit of the loop. A step hook says
// whether it must see each step before the next; only then, or with
// Fit.GradNorm, does a Fit give up taking several steps per TensorFlow
// run. What each experiment writes to TensorBoard is declared in
// runner/results (TensorBoard), and curves.go writes the ones that are not
// per epoch.
//
// The machine's cores are a budget shared by the experiments one process
// runs at once (cores.go): each running experiment holds one, and runs too
// small for more than one thread go side by side on the free ones
// (Env.SweepSideBySide for sweeps, Env.SideBySide otherwise), with the
// tables they would have one after the other.
//
// Data flows one way: the CLI calls the runner, the runner builds and trains
// models through package graphs and writes result tables. It never imports
// plots or the report: the CLI hands it a function that draws figures
// (Options.Draw) and the experiments it runs (Options.Experiments).
package runner
