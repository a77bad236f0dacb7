package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"hw1/runner/compare"
)

func compareCommand() *cli.Command {
	return &cli.Command{
		Name:      "compare",
		Usage:     "hold one results folder against another: tables identical, within a tolerance, or different; findings the same or not",
		ArgsUsage: "A B (each the --out folder of a 'hw1 run', or one experiment's folder)",
		Description: "For every experiment in A or B: runs of another profile, seeds or configuration are named and not\n" +
			"compared; otherwise each table (the aggregate and every seed's) is identical, within the tolerance\n" +
			"(numbers only: |a-b| <= abs + rel*max(|a|,|b|)) or different, with its largest differences, and each\n" +
			"finding has the same verdict or not. Where the two ran on other CPUs or thread counts it says so\n" +
			"(README, Repeatability). Exit 0: everything agrees; 1: something differs; 2: bad input.",
		Flags: []cli.Flag{
			&cli.Float64Flag{Name: "rel", Value: 1e-3, Usage: "relative tolerance of numbers (0: byte for byte)"},
			&cli.Float64Flag{Name: "abs", Value: 1e-12, Usage: "absolute tolerance of numbers"},
			&cli.StringFlag{Name: "html", Usage: "also write the comparison as an HTML page to this file"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 {
				return usageErrorf("compare takes two results folders, e.g. 'hw1 compare results reference'")
			}
			tol := compare.Tolerance{Rel: c.Float64("rel"), Abs: c.Float64("abs")}
			if !(tol.Rel >= 0) || !(tol.Abs >= 0) {
				return usageErrorf("compare: --rel %g and --abs %g must be 0 or more", tol.Rel, tol.Abs)
			}
			r, err := compare.Folders(c.Args().Get(0), c.Args().Get(1), tol)
			var in *compare.InputError
			if errors.As(err, &in) {
				return exitError{2, fmt.Errorf("compare: %w", err)}
			}
			if err != nil {
				return exitError{1, fmt.Errorf("compare: %w", err)}
			}
			if err := compare.WriteText(c.App.Writer, r); err != nil {
				return exitError{1, err}
			}
			if p := c.String("html"); p != "" {
				if err := writeComparePage(p, r); err != nil {
					return exitError{1, fmt.Errorf("compare: %w", err)}
				}
				fmt.Fprintf(c.App.Writer, "page: %s\n", p)
			}
			if !r.Agrees() {
				return exitError{1, errors.New("compare: the two results differ (see above)")}
			}
			return nil
		},
	}
}

// writeComparePage writes the comparison's HTML page to path.
func writeComparePage(path string, r *compare.Result) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := compare.WriteHTML(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
