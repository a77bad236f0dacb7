//go:build !notf

package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"hw1/runner"
	"hw1/runner/shards"
)

// preflight checks a run's input before anything trains: configurations
// and datasets (Runner.CheckInput), that the output folder can be written,
// and what the experiments' folders hold (Runner.CheckFolders), the last
// under the output folder's lock, so that one process writes into it at a time, and
// says so when it takes over the lock of a process that died. Bad input is
// exit status 2. pick(j, i) is the runner of seed i of job j (nil:
// another shard runs it), whose folders are checked. The returned function
// releases the lock.
func preflight(c *cli.Context, r *runner.Runner, jobs []runner.Job, seeds int, pick func(job, seed int) *runner.Runner) (func(), error) {
	out := c.String("out")
	// Configurations and data first: they need no folder, and bad ones
	// leave nothing behind.
	if err := r.CheckInput(jobs); err != nil {
		return nil, exitError{2, err}
	}
	if err := runner.CheckWritable(out); err != nil {
		return nil, exitError{2, err}
	}
	lock, stale, err := shards.LockOut(out)
	if err != nil {
		return nil, exitError{2, err}
	}
	if stale > 0 {
		fmt.Fprintf(c.App.ErrWriter, "hw1: %s was locked by process %d, which ended without releasing it (killed?); taking it over\n", out, stale)
	}
	unlock := func() {
		if err := lock.Unlock(); err != nil {
			fmt.Fprintln(c.App.ErrWriter, "hw1:", err)
		}
	}
	for j, job := range jobs { // the folders of every unit
		for i := range seeds {
			sr := pick(j, i)
			if sr == nil {
				continue
			}
			if err := sr.CheckFolders([]runner.Job{job}); err != nil {
				unlock()
				return nil, exitError{2, err}
			}
		}
	}
	return unlock, nil
}
