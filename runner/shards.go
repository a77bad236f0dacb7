package runner

import "hw1/runner/shards"

// The engine's names for the types of package shards, which holds a
// sharded run's plan and the merge of its folders without TensorFlow (so
// that bin/hw1-results merges): the runner runs the plan's units.
type (
	// Shard is part Index of Count of a run or of a sweep.
	Shard = shards.Shard
	// Plan is the assignment of a sharded run's units to its shards.
	Plan = shards.Plan
	// InputError is bad input found before anything trains or merges.
	InputError = shards.InputError
	// DrawFunc draws the figures of an experiment folder from its tables.
	DrawFunc = shards.DrawFunc
)
