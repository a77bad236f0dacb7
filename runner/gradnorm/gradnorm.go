// Package gradnorm is the grad-norm experiment (optimization): the loss
// and the gradient's norm at every step of a small network fitting
// sin(5πx)/(5πx).
package gradnorm

import (
	"errors"
	"fmt"

	"hw1/graphs"
	"hw1/runner"
	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/data"
	"hw1/runner/models"
	"hw1/runner/results"
)

// gradNormConfig configures grad-norm: one network fitting sinc, with the
// loss and the gradient norm of every optimizer step recorded.
type gradNormConfig struct {
	Hidden     []int   `json:"hidden"`
	Activation string  `json:"activation" set:"relu|tanh|selu|softplus"`
	Points     int     `json:"points"`
	Epochs     int     `json:"epochs"`
	BatchSize  int     `json:"batch_size" zero:"the full batch"` // 0: full batch
	LR         float64 `json:"lr"`
}

// Experiment is the grad-norm experiment.
func Experiment() runner.Experiment {
	// The deep network of function-fit (7 hidden ReLU layers of 9, 568
	// parameters) on sinc, full batch, Adam 0.001. With the full batch the
	// gradient is exact, so what the norm does is the optimisation's own,
	// not mini-batch noise. With seed 1 and 3000 steps the loss falls fast
	// onto a plateau, where the norm first stays small and then spikes
	// again and again while the loss barely moves.
	base := gradNormConfig{Hidden: []int{9, 9, 9, 9, 9, 9, 9}, Activation: "relu", Points: 1000, BatchSize: 0, LR: 0.001}
	smoke, quick, full := base, base, base
	smoke.Points, smoke.Epochs = 100, 50
	quick.Epochs = 3000
	full.Epochs = 20000
	return runner.Define(runner.Definition[gradNormConfig]{
		Name:     results.GradNorm,
		Cost:     catalog.Cost{Class: catalog.ClassSmall, Seconds: catalog.Times(1, 2, 19), SeedShare: 0.57}, // reference machine: smoke, quick, full
		Profiles: map[string]gradNormConfig{"smoke": smoke, "quick": quick, "full": full},
		Run:      runGradNorm,
		Check:    checkGradNorm,
	})
}

func runGradNorm(env *runner.Env, cfg *gradNormConfig) error {
	const name = results.GradNorm
	model, err := graphs.New(models.FitSpec(models.FitModel{Hidden: cfg.Hidden}, cfg.Activation, graphs.InitTorch, cfg.LR, runner.SubSeed(env.Seed, name, "model"), env.Session))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer model.Close()
	ds, err := model.Load(models.Curve(data.Sinc, cfg.Points))
	if err != nil {
		return fmt.Errorf("%s: load data: %w", name, err)
	}
	batch := "full batch"
	if cfg.BatchSize > 0 && cfg.BatchSize < cfg.Points {
		batch = fmt.Sprintf("batches of %d", cfg.BatchSize)
	}
	env.Note("loss and grad_norm of each step are those of the step's %s, before its update; grad_norm is the 2-norm of the gradient over all %d parameters",
		batch, model.NumParams())
	hist := results.GradNormHistory.New(false)
	_, err = env.Fit(runner.Fit{Name: name, Model: model, Train: ds, Epochs: cfg.Epochs, BatchSize: cfg.BatchSize,
		Seed: uint64(runner.SubSeed(env.Seed, name, "shuffle")), EvalEvery: cfg.Epochs, GradNorm: true,
		Hooks: []runner.Hook{env.StepCurves(name), runner.WatchSteps("history", func(s runner.Step) error {
			return results.GradNormHistory.Append(hist, results.Row{results.ColStep: s.Step, results.ColEpoch: s.Epoch, results.ColLoss: s.Loss, results.ColGradNorm: s.GradNorm})
		})}})
	// The steps taken are written even when training stopped early.
	if werr := env.WriteTable(results.GradNormHistory, hist); werr != nil {
		return werr
	}
	return err
}

func checkGradNorm(c *gradNormConfig) error {
	return errors.Join(config.Widths("hidden", c.Hidden), config.AtLeast("points", c.Points, 1), config.AtLeast("epochs", c.Epochs, 1),
		config.AtLeast("batch_size", c.BatchSize, 0), config.Positive("lr", c.LR))
}
