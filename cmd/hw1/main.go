// Command hw1 trains, measures and plots the experiments of the deep-learning
// homework "HW1" (deep vs shallow, optimization, generalization) on
// TensorFlow graphs built from Go. Run `hw1 --help` for the commands.
package main

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/urfave/cli/v2"

	"hw1/runner/config"
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
	app := &cli.App{
		Name:    "hw1",
		Usage:   "reproduce the HW1 deep-learning experiments on TensorFlow",
		Version: versionString(),
		// --set takes lists as key=1,2,3: the flag must not split at commas.
		DisableSliceFlagSeparator: true,
		Description: "hw1 builds every model as a TensorFlow graph from Go, trains it inside TensorFlow,\n" +
			"writes result tables, figures and an HTML report.\n\n" +
			"Exit codes: 0 done, 1 an experiment failed, 2 bad usage or bad input, 130 interrupted.",
		Commands:       commands(),
		ExitErrHandler: func(*cli.Context, error) {},
	}
	app.Action = func(c *cli.Context) error {
		if c.NArg() == 0 {
			return cli.ShowAppHelp(c)
		}
		var names []string
		for _, cmd := range app.Commands {
			names = append(names, cmd.Name)
		}
		if why := notInThisBuild(c.Args().First()); why != "" {
			return usageErrorf("%s", why)
		}
		guess := ""
		if s := config.Suggest(c.Args().First(), names); s != "" {
			guess = fmt.Sprintf(" (did you mean %q?)", s)
		}
		return usageErrorf("unknown command %q%s; commands: %s (see 'hw1 --help')", c.Args().First(), guess, strings.Join(names, ", "))
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = flagError
	}
	return app
}

// flagError is a command's answer to a flag it cannot parse: one line that
// names the flag as it is typed (--threads) and where to read more, instead
// of the CLI library's whole help between two copies of the error.
func flagError(c *cli.Context, err error, _ bool) error {
	// The flag package names a multi-letter flag with one dash.
	msg := regexp.MustCompile(`(flag|defined:) -([a-z][a-z0-9-]+)`).ReplaceAllString(err.Error(), "$1 --$2")
	return usageErrorf("%s: %s; see 'hw1 %s --help'", c.Command.Name, msg, c.Command.Name)
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

// usageErrorf is a usage error: exit status 2 with the message.
func usageErrorf(format string, args ...any) error {
	return exitError{2, fmt.Errorf(format, args...)}
}
