package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"hw1/plots"
	"hw1/runner/results"
	"hw1/runner/shards"
)

func mergeCommand() *cli.Command {
	return &cli.Command{
		Name:      "merge",
		Usage:     "join the outputs of sharded runs (--shard i/n) into one results folder",
		ArgsUsage: "OUT SHARD_DIR...",
		Description: "Each SHARD_DIR is the --out of one 'hw1 run --shard i/n', whose shard.json names the run and\n" +
			"the shard's units of work: every unit of the run must be in exactly one folder, its shard's. A shard\n" +
			"given twice, or a unit in the folder of a shard that does not run it, is refused (exit 2); units\n" +
			"that no folder holds are named with their shards, and the merge is \"incomplete\" (exit 1).\n" +
			"Tables are joined and deduplicated\n" +
			"by their run key (first column), figures redrawn, and OUT/EXPERIMENT/manifest.json lists the shards.\n" +
			"Two shards with different rows for one run key are refused; a merge that lacks a shard, or holds\n" +
			"one that did not finish, is written with the status \"incomplete\" and exits 1. A merge writes over\n" +
			"nothing: OUT must be a new folder (or hold none of the merged experiments), not a shard (exit 2).\n" +
			"Shards of a multi-seed run ('hw1 run --seeds N --shard i/n') are joined seed by seed: every\n" +
			"seed-K/ folder is copied as it is (or joined from the parts of its sweep), and the aggregate over the seeds is computed anew with its figures; a merge that lacks\n" +
			"seeds of the list is \"incomplete\" (exit 1). Shards of a multi-seed and a single-seed run do not\n" +
			"mix (exit 2). Then 'hw1 report OUT' writes the report.",
		Action: func(c *cli.Context) error {
			if c.NArg() < 2 {
				return usageErrorf("merge takes an output folder and at least one shard folder, e.g. 'hw1 merge results shard-0 shard-1'")
			}
			args := c.Args().Slice()
			for _, d := range args[1:] {
				if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
					return usageErrorf("merge: shard folder %s does not exist", d)
				}
				// Checked before the output folder is locked (and made), so
				// that a refused merge leaves nothing behind.
				if err := results.CheckResultsFolder(d); err != nil {
					return exitError{2, fmt.Errorf("merge: shard %w", err)}
				}
			}
			// One writer per results folder, as for 'hw1 run'.
			lock, _, err := shards.LockOut(args[0])
			if err != nil {
				return exitError{2, err}
			}
			defer lock.Unlock()
			names, err := shards.Merge(args[0], args[1:], plots.Draw)
			for _, n := range names {
				fmt.Fprintf(c.App.Writer, "merged %s\n", n)
				warnMixedHosts(c.App.ErrWriter, filepath.Join(args[0], n))
			}
			if isInputError(err) {
				return exitError{2, err}
			}
			if err != nil {
				return exitError{1, err}
			}
			return nil
		},
	}
}

// warnMixedHosts repeats on w the mixed-hosts note of the merged manifest
// in dir, if it has one: the user learns at once that the shards ran on
// different CPUs or thread counts.
func warnMixedHosts(w io.Writer, dir string) {
	m, err := results.ReadManifest(dir)
	if err != nil {
		return // the merge itself has said what went wrong
	}
	for _, n := range m.Notes {
		if strings.HasPrefix(n, results.MixedHostsPrefix) {
			fmt.Fprintf(w, "warning: %s: %s\n", filepath.Base(dir), n)
		}
	}
}
