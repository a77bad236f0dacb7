// Package interpolation is the interpolation experiment (generalization):
// the loss and accuracy along the straight line between the parameters of
// two trained models (a small- and a large-batch pair, a low and a high
// learning rate), as Goodfellow et al. (2015) drew them. hessian-spectrum
// and loss-surface train its pair batch through TrainEndpoint and Config.
package interpolation

import (
	"errors"
	"fmt"
	"hw1/runner"
	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/results"

	"hw1/graphs"
	"hw1/runner/data"
	"hw1/runner/models"
)

// Config configures interpolation.
type Config struct {
	Dataset       string `json:"dataset" set:"mnist|fashion-mnist"`
	Hidden        []int  `json:"hidden"`                           // widths of the ReLU hidden layers
	TrainExamples int    `json:"train_examples" zero:"all 60,000"` // 0: all 60,000
	TestExamples  int    `json:"test_examples" zero:"all 10,000"`  // 0: all 10,000
	Epochs        int    `json:"epochs"`                           // the same for every model
	// The first model of both pairs uses BatchSize and LR; the second model
	// of pair batch uses LargeBatchSize, that of pair lr uses HighLR.
	BatchSize      int     `json:"batch_size"`
	LargeBatchSize int     `json:"large_batch_size"`
	LR             float64 `json:"lr"`
	HighLR         float64 `json:"high_lr"`
	// AlphaPoints values of alpha, evenly spaced from -1 to 2; a multiple of
	// 6 plus 1 (25, 31, ...) so that -1, 0, 0.5, 1 and 2 are among them.
	AlphaPoints int `json:"alpha_points"`
}

// Experiment is the interpolation experiment.
func Experiment() runner.Experiment {
	base := Config{Dataset: runner.MNIST, Hidden: []int{256, 256}, BatchSize: 64, LargeBatchSize: 1024,
		LR: 0.001, HighLR: 0.01, AlphaPoints: 31}
	smoke, quick, full := base, base, base
	smoke.Hidden, smoke.TrainExamples, smoke.TestExamples, smoke.Epochs, smoke.AlphaPoints = []int{32}, 1024, 512, 2, 7
	smoke.BatchSize, smoke.LargeBatchSize = 32, 256
	quick.TrainExamples, quick.TestExamples, quick.Epochs = 10000, 5000, 5
	full.Epochs = 20
	return runner.Define(runner.Definition[Config]{
		Name:     results.Interpolation,
		Cost:     catalog.Cost{Class: catalog.ClassMLP, Seconds: catalog.Times(1, 9, 84), SeedShare: 0.80}, // reference machine: smoke, quick, full
		Profiles: map[string]Config{"smoke": smoke, "quick": quick, "full": full},
		Run:      runInterpolation,
		Check:    checkInterpolation,
		Datasets: func(c *Config) []string { return []string{c.Dataset} },
	})
}

// TrainSetting is how one model of a pair is trained.
type TrainSetting struct {
	BatchSize int
	LR        float64
}

func (s TrainSetting) String() string { return fmt.Sprintf("bs%d-lr%g", s.BatchSize, s.LR) }

// alphas returns n values evenly spaced from -1 to 2, each computed as an
// exact integer ratio so that -1, 0, 0.5, 1 and 2 come out exactly.
func alphas(n int) ([]float64, error) {
	if n < 7 || (n-1)%6 != 0 {
		return nil, fmt.Errorf("alpha_points is %d; it must be 6k+1 with k >= 1 (e.g. 7, 25, 31) so that -1, 0, 0.5, 1 and 2 are on the grid", n)
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(3*i-(n-1)) / float64(n-1)
	}
	return out, nil
}

func runInterpolation(env *runner.Env, cfg *Config) error {
	const name = results.Interpolation
	as, err := alphas(cfg.AlphaPoints)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	train, test, err := env.Images(cfg.Dataset, cfg.TrainExamples, cfg.TestExamples)
	if err != nil {
		return err
	}
	base := TrainSetting{cfg.BatchSize, cfg.LR}
	pairs := []struct {
		name string
		a, b TrainSetting
	}{
		{results.PairBatch, base, TrainSetting{cfg.LargeBatchSize, cfg.LR}},
		{results.PairLR, base, TrainSetting{cfg.BatchSize, cfg.HighLR}},
	}
	// Every model starts from the same initial parameters; the model both
	// pairs share is trained once.
	seed := InitSeed(env.Seed)
	env.Note("fully connected ReLU network, hidden layers %v, Adam; every model starts from the same initial parameters and trains %d epochs on the first %d training examples of %s (same shuffling order); evaluated on them and on the first %d test examples",
		cfg.Hidden, cfg.Epochs, train.N, cfg.Dataset, test.N)

	// One model evaluates every point of the line, with both sets loaded
	// once.
	eval, err := models.NewClassifier(name+"/eval", models.MLPSpec(cfg.Hidden, cfg.LR, seed, env.Session), train, test)
	if err != nil {
		return err
	}
	defer eval.Close()

	trained := map[TrainSetting][]float64{}
	nets := results.InterpolationModels.New(false)
	curve := results.InterpolationCurve.New(false)
	for _, p := range pairs {
		var theta [2][]float64
		for i, s := range []TrainSetting{p.a, p.b} {
			if th, ok := trained[s]; ok {
				theta[i] = th
				continue
			}
			th, row, err := TrainEndpoint(env, cfg, s, seed, train, test)
			if err != nil {
				return err
			}
			trained[s], theta[i] = th, th
			if err := results.InterpolationModels.Append(nets, row); err != nil {
				return err
			}
			if err := env.WriteTable(results.InterpolationModels, nets); err != nil {
				return err
			}
		}
		for _, a := range as {
			if err := env.Canceled(); err != nil {
				return err
			}
			m, err := evalBetween(eval, theta[0], theta[1], a)
			if err != nil {
				return fmt.Errorf("%s: pair %s at alpha %g: %w", name, p.name, a, err)
			}
			if err := results.InterpolationCurve.Append(curve, results.Row{results.ColPair: p.name, results.ColAlpha: a,
				results.ColTrainLoss: m[0].Loss, results.ColTrainAcc: m[0].Accuracy, results.ColTestLoss: m[1].Loss, results.ColTestAcc: m[1].Accuracy}); err != nil {
				return err
			}
		}
		if err := env.WriteTable(results.InterpolationCurve, curve); err != nil {
			return err
		}
		env.Note("pair %s: %s (alpha 0) against %s (alpha 1)", p.name, p.a, p.b)
	}
	return nil
}

// TrainEndpoint trains one model with setting s from the initial parameters
// of seed, and returns its parameters and its row of models.csv (its own
// evaluation, right after training).
func TrainEndpoint(env *runner.Env, cfg *Config, s TrainSetting, seed int64, train, test *data.Set) ([]float64, results.Row, error) {
	run := results.Interpolation + "/" + s.String()
	c, err := models.NewClassifier(run, models.MLPSpec(cfg.Hidden, s.LR, seed, env.Session), train, test)
	if err != nil {
		return nil, nil, err
	}
	defer c.Close()
	hist, err := env.Fit(runner.Fit{Name: run, Model: c.Model, Train: c.Train, Test: c.Test, Epochs: cfg.Epochs, BatchSize: s.BatchSize,
		Seed: ShuffleSeed(env.Seed), EvalEvery: cfg.Epochs, EvalTrain: true})
	if err != nil {
		return nil, nil, err
	}
	theta, err := c.Model.Params()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", run, err)
	}
	last := hist[len(hist)-1]
	row := results.Row{results.ColModel: s.String(), results.ColBatchSize: s.BatchSize, results.ColLR: s.LR, results.ColEpochs: cfg.Epochs,
		results.ColSteps: last.Steps, results.ColTrainLoss: last.Train.Loss, results.ColTrainAcc: last.Train.Accuracy,
		results.ColTestLoss: last.Test.Loss, results.ColTestAcc: last.Test.Accuracy}
	return theta, row, nil
}

// evalBetween sets c's parameters to (1-a)·θ1 + a·θ2 and evaluates them on
// c's training and test sets; nothing is trained.
func evalBetween(c *models.Classifier, theta1, theta2 []float64, a float64) ([2]graphs.Metrics, error) {
	var out [2]graphs.Metrics
	if len(theta1) != len(theta2) {
		return out, fmt.Errorf("the two models have %d and %d parameters", len(theta1), len(theta2))
	}
	p := make([]float64, len(theta1))
	for i := range p {
		p[i] = (1-a)*theta1[i] + a*theta2[i]
	}
	if err := c.Model.SetParams(p); err != nil {
		return out, err
	}
	var err error
	if out[0], err = c.Model.Evaluate(c.Train, runner.EvalBatch); err != nil {
		return out, fmt.Errorf("evaluate train set: %w", err)
	}
	if out[1], err = c.Model.Evaluate(c.Test, runner.EvalBatch); err != nil {
		return out, fmt.Errorf("evaluate test set: %w", err)
	}
	return out, nil
}

func checkInterpolation(c *Config) error {
	_, alphaErr := alphas(c.AlphaPoints)
	return errors.Join(config.Widths("hidden", c.Hidden), config.AtLeast("train_examples", c.TrainExamples, 0), config.AtLeast("test_examples", c.TestExamples, 0),
		config.AtLeast("epochs", c.Epochs, 1), config.AtLeast("batch_size", c.BatchSize, 0), config.AtLeast("large_batch_size", c.LargeBatchSize, 0),
		config.Positive("lr", c.LR), config.Positive("high_lr", c.HighLR), alphaErr)
}

// InitSeed is the seed of the initial parameters every model of
// interpolation starts from, under the run's seed; hessian-spectrum and
// loss-surface train its pair batch again from it.
func InitSeed(seed int64) int64 {
	return runner.SubSeed(seed, results.Interpolation, "init")
}

// ShuffleSeed is the seed of every model's shuffling order under the run's
// seed.
func ShuffleSeed(seed int64) uint64 {
	return uint64(runner.SubSeed(seed, results.Interpolation, "shuffle"))
}
