//go:build !notf

package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"hw1/runner"
	"hw1/runner/config"
	"hw1/runner/data"
)

// preflight checks a run's input before anything trains: configurations
// and datasets (Runner.CheckInput), that the output folder can be written,
// and what the experiments' folders hold (Runner.CheckFolders), the last
// under the output folder's lock, so that one process writes into it at a time, and
// says so when it takes over the lock of a process that died. Bad input is
// exit status 2. runners are the run's runners, one per seed, whose
// folders are checked. The returned function releases the lock.
func preflight(c *cli.Context, r *runner.Runner, runners []*runner.Runner, jobs []runner.Job) (func(), error) {
	out := c.String("out")
	// Configurations and data first: they need no folder, and bad ones
	// leave nothing behind.
	if err := r.CheckInput(jobs); err != nil {
		return nil, exitError{2, err}
	}
	if err := runner.CheckWritable(out); err != nil {
		return nil, exitError{2, err}
	}
	lock, stale, err := runner.LockOut(out)
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
	for _, sr := range runners { // the folders of every seed
		if err := sr.CheckFolders(jobs); err != nil {
			unlock()
			return nil, exitError{2, err}
		}
	}
	return unlock, nil
}

// isInputError reports whether err is bad input the user can fix (exit
// status 2) rather than a failure of an experiment.
func isInputError(err error) bool {
	var input *runner.InputError
	var usage *config.UsageError
	var missing *data.MissingError
	return errors.As(err, &input) || errors.As(err, &usage) || errors.As(err, &missing)
}
