// Command hw1 trains, measures and plots the experiments of the deep-learning
// homework "HW1" (deep vs shallow, optimization, generalization) on
// TensorFlow graphs built from Go. Run `hw1 --help` for the commands.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
)

// version is hw1's release; the VCS revision comes from the build info.
const version = "0.1.0-dev"

// exitCoder carries an exit code with an error.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

// exitCode maps an error from a command to hw1's exit codes: 0 done, 1 an
// experiment failed, 2 bad usage or input.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var e exitError
	if errors.As(err, &e) {
		return e.code
	}
	return 2
}

func newApp() *cli.App {
	return &cli.App{
		Name:    "hw1",
		Usage:   "reproduce the HW1 deep-learning experiments on TensorFlow",
		Version: versionString(),
		// --set takes lists as key=1,2,3: the flag must not split at commas.
		DisableSliceFlagSeparator: true,
		Description: "hw1 builds every model as a TensorFlow graph from Go, trains it inside TensorFlow,\n" +
			"writes result tables, figures and an HTML report.\n\n" +
			"Exit codes: 0 done, 1 an experiment failed, 2 bad usage or bad input, 130 interrupted.",
		Commands: []*cli.Command{
			listCommand(),
			runCommand(),
			plotCommand(),
			reportCommand(),
			mergeCommand(),
			slurmCommand(),
			benchCommand(),
			doctorCommand(),
		},
		ExitErrHandler: func(*cli.Context, error) {},
	}
}

func main() {
	if code, ok := supervise(); ok {
		os.Exit(code)
	}
	app := newApp()
	if err := app.Run(flagsFirst(app, os.Args)); err != nil {
		fmt.Fprintln(os.Stderr, "hw1:", err)
		os.Exit(exitCode(err))
	}
}
