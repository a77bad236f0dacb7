// Package runner runs hw1's experiments: one training loop shared by all of
// them, the experiments themselves (one file each, with their configuration
// per profile), and the bookkeeping of a run on disk (tables, manifest,
// figures, TensorBoard events).
//
// Data flows one way: the CLI calls the runner, the runner builds and trains
// models through package graphs, writes result tables, and asks package plots
// to draw figures from those tables only.
package runner
