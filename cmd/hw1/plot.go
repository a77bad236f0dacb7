package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/urfave/cli/v2"

	"hw1/plots"
	"hw1/runner/results"
)

func plotCommand() *cli.Command {
	return &cli.Command{
		Name:      "plot",
		Usage:     "redraw the figures from the tables in DIR, without training",
		ArgsUsage: "DIR (a results folder, or one experiment's folder in it)",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("plot takes one folder, e.g. 'hw1 plot results'")
			}
			dir := c.Args().First()
			if _, err := os.Stat(dir); err != nil {
				return usageErrorf("plot: %v", err)
			}
			w := c.App.Writer
			if _, err := os.Stat(filepath.Join(dir, results.ManifestFile)); err == nil {
				figs, err := plots.Draw(dir)
				fmt.Fprintf(w, "%s: %d figures\n", dir, len(figs))
				if err != nil {
					return exitError{1, err}
				}
				return nil
			}
			all, err := plots.DrawAll(dir)
			names := make([]string, 0, len(all))
			for n := range all {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				fmt.Fprintf(w, "%s: %d figures\n", filepath.Join(dir, n), len(all[n]))
			}
			if err != nil {
				return exitError{1, err}
			}
			if len(all) == 0 {
				return usageErrorf("plot: no experiment folders (with %s) in %s", results.ManifestFile, dir)
			}
			return nil
		},
	}
}
