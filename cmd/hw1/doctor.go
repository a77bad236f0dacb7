//go:build !notf

package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"hw1/graphs"
	"hw1/runner/data"
	"hw1/runner/host"
)

func doctorCommand() *cli.Command {
	return &cli.Command{
		Name:  "doctor",
		Usage: "check TensorFlow (version, devices, threads) and the data sets",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "data-root", Value: "data", Usage: "folder that holds mnist/ and fashion-mnist/"},
			&cli.IntFlag{Name: "threads", Usage: "intra-op threads (0: the machine's cores)"},
		},
		Action: func(c *cli.Context) error {
			w := c.App.Writer
			fmt.Fprintf(w, "hw1          %s\n", versionString())
			fmt.Fprintf(w, "TensorFlow   %s (linked C library)\n", graphs.TFVersion())
			verr := graphs.CheckTFVersion()
			cfg := graphs.SessionConfig{IntraOpThreads: c.Int("threads")}.Resolved()
			pools := "one pool for all sessions: every session has the first one's intra-op threads"
			if graphs.OwnThreadPools() {
				pools = "a pool per session; small dense models on one thread"
			}
			fmt.Fprintf(w, "threads      intra-op %d, inter-op %d (%s)\n", cfg.IntraOpThreads, cfg.InterOpThreads, pools)
			where, err := host.Detect()
			if err != nil {
				return exitError{1, fmt.Errorf("doctor: %w", err)}
			}
			fmt.Fprintf(w, "cpu          %s\n", where.CPU)
			fmt.Fprintf(w, "oneDNN ISA   %s\n", isaLine(where.ISA))
			if err := printGPUs(w, cfg); err != nil {
				return exitError{1, fmt.Errorf("doctor: %w", err)}
			}
			devs, err := graphs.Devices(cfg)
			if err != nil {
				return exitError{1, fmt.Errorf("doctor: %w", err)}
			}
			for _, d := range devs {
				fmt.Fprintf(w, "device       %s (%s, %d MiB)\n", d.Name, d.Type, d.MemoryBytes>>20)
			}
			missing := false
			for _, set := range []string{"mnist", "fashion-mnist"} {
				dir := filepath.Join(c.String("data-root"), set)
				state := "present"
				if data.Check(dir) != nil {
					state = "missing (run: make data)"
					missing = missing || set == "mnist"
				}
				fmt.Fprintf(w, "data         %-14s %s: %s\n", set, dir, state)
			}
			if verr != nil {
				return exitError{1, verr}
			}
			if missing {
				return exitError{1, fmt.Errorf("MNIST is missing under %s: run 'make data'", c.String("data-root"))}
			}
			fmt.Fprintln(w, "ok")
			return nil
		},
	}
}

// isaLine says which instruction set oneDNN uses, in oneDNN's words, and
// what decided it.
func isaLine(isa string) string {
	switch isa {
	case "off":
		return "off (" + host.OneDNNEnv + "=0: Eigen's kernels)"
	case "none":
		return "none (this CPU has none of oneDNN's x86-64 instruction sets)"
	}
	line := isa + ": " + host.ISAText(isa)
	if v := os.Getenv(host.MaxISAEnv); v != "" {
		line += " (capped by " + host.MaxISAEnv + "=" + v + ")"
	}
	return line
}
