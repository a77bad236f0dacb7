package main

import (
	"errors"

	"hw1/runner/config"
	"hw1/runner/data"
	"hw1/runner/shards"
)

// isInputError reports whether err is bad input the user can fix (exit
// status 2) rather than a failure of an experiment.
func isInputError(err error) bool {
	var input *shards.InputError
	var usage *config.UsageError
	var missing *data.MissingError
	return errors.As(err, &input) || errors.As(err, &usage) || errors.As(err, &missing)
}
