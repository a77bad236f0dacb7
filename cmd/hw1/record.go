package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"hw1/runner/config"
	"hw1/runner/record"
	"hw1/runner/results"
)

func recordCommand() *cli.Command {
	return &cli.Command{
		Name:      "record",
		Usage:     "make the compact record of a results folder (manifests, aggregate tables, findings) to compare runs with",
		ArgsUsage: "RESULTS RECORD (e.g. 'hw1 record results-record docs/record')",
		Description: "Writes, for every experiment of RESULTS (each must have finished), its manifests (its own and every\n" +
			"seed's), its aggregate tables gzip-compressed, and its findings as computed from every seed's tables,\n" +
			"with a README.md listing the findings and how many seeds hold each. RECORD is replaced if it holds a\n" +
			"record, refused if it holds anything else. 'hw1 compare RUN RECORD' holds a run against it: tables by\n" +
			"their aggregates, findings by their verdicts. 'make record' runs the full profile over 3 seeds and\n" +
			"writes docs/record.",
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usageErrorf("record takes a results folder and the record's folder, e.g. 'hw1 record results-record docs/record'")
			}
			sum, err := record.Write(c.Args().Get(0), c.Args().Get(1))
			var none *results.NoResultsError
			var usage *config.UsageError
			if errors.As(err, &none) || errors.As(err, &usage) {
				return exitError{2, err}
			}
			if err != nil {
				return exitError{1, err}
			}
			fmt.Fprintf(c.App.Writer, "record: %d experiments, %d findings, %.1f MB in %s\n",
				sum.Experiments, sum.Findings, float64(sum.Bytes)/1e6, c.Args().Get(1))
			return nil
		},
	}
}
