package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"hw1/runner/report"
	"hw1/runner/results"
)

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "write DIR/report.html: every figure, configuration and the findings computed from the tables",
		ArgsUsage: "DIR (the results folder of 'hw1 run')",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("report takes one folder, e.g. 'hw1 report results'")
			}
			dir := c.Args().First()
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return usageErrorf("report: %s is not a folder; run 'hw1 run all --out %s' first", dir, dir)
			}
			if err := results.CheckResultsFolder(dir); err != nil {
				return exitError{2, fmt.Errorf("report: %w", err)}
			}
			path, err := report.Write(dir)
			if path != "" {
				fmt.Fprintln(c.App.Writer, path)
			}
			if err != nil {
				return exitError{1, fmt.Errorf("report: %w", err)}
			}
			return nil
		},
	}
}
