// Package shards is a sharded run's side that needs no TensorFlow: the
// units of work of a run cut into shards (hw1 run --shard i/n) and their
// plan, the shard file that records which shard a folder holds, a results
// folder's lock, and hw1 merge, which joins the shards' folders (and the
// seed folders of a multi-seed run) into one result. Package runner runs
// the plan's units; bin/hw1-results, built without TensorFlow, merges.
package shards
