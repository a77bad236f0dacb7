//go:build notf

package main

import (
	"fmt"
	"slices"

	"github.com/urfave/cli/v2"
)

// commands are the commands of the build without TensorFlow
// (bin/hw1-results, `go build -tags notf`, pure Go): those that read
// results only, so that results copied from a cluster can be merged,
// redrawn, reported and compared on a machine without libtensorflow, and
// list, which reads the experiments from the catalog (runner/catalog).
func commands() []*cli.Command {
	return []*cli.Command{listCommand(), plotCommand(), reportCommand(), mergeCommand(), compareCommand(), recordCommand()}
}

// notInThisBuild says, for a command of the full build, that it needs
// TensorFlow and which binary has it.
func notInThisBuild(name string) string {
	if !slices.Contains([]string{"run", "bench", "doctor", "slurm"}, name) {
		return ""
	}
	return fmt.Sprintf("%q is not in this build of hw1, which has no TensorFlow and only reads results (list, plot, report, merge, compare): "+
		"run it with bin/hw1 ('make build', which needs TensorFlow's C library: 'make libtensorflow')", name)
}

// supervise is not needed without TensorFlow: there are no start-up lines
// to filter and no environment to set before a library loads.
func supervise() (code int, ok bool) { return 0, false }
