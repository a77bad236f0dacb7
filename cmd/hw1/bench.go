//go:build !notf

package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"hw1/graphs"
	"hw1/runner"
)

func benchCommand() *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "measure training throughput of one model (scripts/bench.sh compares it with Keras)",
		Description: "Prints 'RESULT <case> <per second> <unit> params=<n> batch=<n> steps=<n> threads=<n> seconds=<s>'.\n" +
			"threads is what the model trained on: --threads, but one for a small dense model (mlp571) when\n" +
			"sessions have thread pools of their own (" + graphs.OwnThreadPoolsEnv + "=1, as make and scripts/tfenv set).\n" +
			"Cases: cnn (mnist-depth's deep CNN), mlp571 (function-fit's 1-hidden-layer model), mlp-random (random-labels' MLP).",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "case", Value: "cnn", Usage: "cnn, mlp571 or mlp-random"},
			&cli.IntFlag{Name: "batch", Value: 64, Usage: "batch size"},
			&cli.IntFlag{Name: "steps", Value: 200, Usage: "timed training steps"},
			&cli.IntFlag{Name: "warmup", Value: 50, Usage: "untimed steps first"},
			&cli.IntFlag{Name: "threads", Usage: "TensorFlow intra-op threads (0: the machine's cores)"},
			&cli.StringFlag{Name: "data", Value: filepath.Join("data", "mnist"), Usage: "MNIST folder"},
			deviceFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.Int("batch") < 1 || c.Int("steps") < 1 || c.Int("warmup") < 0 || c.Int("threads") < 0 {
				return usageErrorf("bench: --batch and --steps must be positive, --warmup and --threads not negative")
			}
			cfg := graphs.SessionConfig{IntraOpThreads: c.Int("threads")}
			place, err := placeDevice(c, cfg)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			r, err := runner.Bench(ctx, c.String("case"), c.String("data"), c.Int("batch"), c.Int("steps"), c.Int("warmup"),
				place.Session(cfg))
			if err != nil {
				return exitError{1, fmt.Errorf("bench: %w", err)}
			}
			fmt.Fprintf(c.App.Writer, "RESULT %s %.1f %s params=%d batch=%d steps=%d threads=%d seconds=%.3f device=%s\n",
				r.Case.Name, r.PerSecond, r.Case.Unit, r.Params, r.Batch, r.Steps, r.Threads, r.Seconds, place.Device)
			return nil
		},
	}
}
