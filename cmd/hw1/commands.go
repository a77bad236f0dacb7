//go:build !notf

package main

import "github.com/urfave/cli/v2"

// commands are hw1's commands. This build links TensorFlow; the build
// tagged notf (bin/hw1-results) has those that read results only.
func commands() []*cli.Command {
	return []*cli.Command{
		listCommand(),
		runCommand(),
		plotCommand(),
		reportCommand(),
		mergeCommand(),
		compareCommand(),
		recordCommand(),
		slurmCommand(),
		benchCommand(),
		doctorCommand(),
	}
}

// notInThisBuild says why a command is missing from this build: never, in
// the build with TensorFlow.
func notInThisBuild(string) string { return "" }
