// Package runner runs hw1's experiments: one training loop shared by all of
// them, the experiments themselves (a file each, with their configuration
// per profile and their checks; the larger ones have helper files), and the
// bookkeeping of a run on disk: the result folders and what may happen to
// them (resume, skip, refuse, keep aside), the lock of a results folder,
// the checks before training, tables through the schema of runner/results,
// manifests, TensorBoard events, shards, merges and seed folders.
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
// (Options.Draw).
package runner
