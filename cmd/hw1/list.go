package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/results"
)

func listCommand() *cli.Command {
	return &cli.Command{
		Name:  "list",
		Usage: "list the experiments, their profiles and their --set keys",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "keys", Aliases: []string{"k"}, Usage: "also show each experiment's --set keys with their values in --profile"},
			&cli.StringFlag{Name: "profile", Value: config.ProfileQuick, Usage: "the profile whose values --keys shows: smoke, quick or full"},
		},
		Action: func(c *cli.Context) error {
			w := c.App.Writer
			profile := c.String("profile")
			if err := config.CheckProfile(profile); err != nil {
				return exitError{2, err}
			}
			// The catalog, not the registry: the experiments' keys and
			// profile values without TensorFlow, in both builds.
			exps, err := catalog.Read()
			if err != nil {
				return err
			}
			profiles := strings.Join(config.Profiles(), ", ")
			fmt.Fprintf(w, "Experiments (profiles: %s):\n", profiles)
			if c.Bool("keys") {
				fmt.Fprintf(w, "(--set keys with their values in the %s profile)\n", profile)
			}
			for _, e := range exps {
				d, _ := results.Describe(e.Name)
				fmt.Fprintf(w, "  %-17s %s\n", e.Name, d.Line())
				if c.Bool("keys") {
					for _, k := range e.Keys[profile] {
						choices := ""
						if len(k.Choices) > 0 {
							choices = " (" + strings.Join(k.Choices, "|") + ")"
						}
						zero := ""
						if k.Zero != "" {
							zero = "; 0: " + k.Zero
						}
						fmt.Fprintf(w, "      --set %s=%s  [%s%s%s]\n", k.Name, k.Value, k.Type, choices, zero)
					}
				}
			}
			fmt.Fprintln(w, "\nRun one with 'hw1 run NAME --profile quick', or all with 'hw1 run all'.")
			return nil
		},
	}
}
