// Package sensitivity is the sensitivity experiment (generalization): MLPs
// trained on MNIST with batch sizes from small to large, and each one's
// input sensitivity (the Frobenius norm of the input Jacobian) and
// sharpness beside its losses and accuracies. hessian-spectrum trains the
// same models through Train.
package sensitivity

import (
	"errors"
	"fmt"
	"hw1/runner"
	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/results"
	"math"
	"strconv"

	"hw1/runner/data"
	"hw1/runner/models"
)

// Training budgets of the sensitivity sweep.
const (
	BudgetEpochs = "epochs" // every batch size trains the same number of epochs
	budgetSteps  = "steps"  // every batch size takes the same number of steps
)

// Config configures sensitivity.
type Config struct {
	Dataset       string  `json:"dataset" set:"mnist|fashion-mnist"`
	Hidden        []int   `json:"hidden"`      // widths of the two ReLU hidden layers
	BatchSizes    []int   `json:"batch_sizes"` // one model each
	TrainExamples int     `json:"train_examples"`
	TestExamples  int     `json:"test_examples"`
	LR            float64 `json:"lr"`
	Budget        string  `json:"budget" set:"epochs|steps"`
	Epochs        int     `json:"epochs"` // budget=epochs
	Steps         int     `json:"steps"`  // budget=steps
	// SensExamples is how many test examples (the first) the sensitivity
	// is averaged over; 0: all test examples.
	SensExamples int `json:"sens_examples" zero:"all test examples"`
	// Sharpness: ε, the number of projected gradient ascent steps, and how
	// many training examples (the first) the loss is taken over.
	SharpEps      float64 `json:"sharp_eps"`
	SharpSteps    int     `json:"sharp_steps"`
	SharpExamples int     `json:"sharp_examples"`
}

// Experiment is the sensitivity experiment.
func Experiment() runner.Experiment {
	// Identical networks 784-20-29-10 (16,609 parameters, the report's
	// "about 16,600"), one per batch size, log-spaced from 5 to 1000.
	base := Config{Dataset: runner.MNIST, Hidden: []int{20, 29}, BatchSizes: []int{5, 16, 50, 160, 500, 1000},
		LR: 0.001, Budget: BudgetEpochs, SensExamples: 1000, SharpEps: 1e-3, SharpSteps: 20, SharpExamples: 1000}
	smoke, quick, full := base, base, base
	smoke.TrainExamples, smoke.TestExamples, smoke.Epochs, smoke.Steps = 1000, 300, 1, 50
	smoke.SensExamples, smoke.SharpSteps, smoke.SharpExamples = 100, 5, 200
	quick.TrainExamples, quick.TestExamples, quick.Epochs, quick.Steps = 10000, 5000, 10, 2000
	full.Epochs, full.Steps, full.SensExamples, full.SharpExamples = 20, 20000, 10000, 10000
	return runner.Define(runner.Definition[Config]{
		Name:     results.Sensitivity,
		Cost:     catalog.Cost{Class: catalog.ClassMLP, Seconds: catalog.Times(3, 17, 136), SeedShare: 0.60}, // reference machine: smoke, quick, full
		Profiles: map[string]Config{"smoke": smoke, "quick": quick, "full": full},
		Run:      runSensitivity,
		Check:    checkSensitivityConfig,
		Datasets: func(c *Config) []string { return []string{c.Dataset} },
	})
}

func runSensitivity(env *runner.Env, cfg *Config) error {
	const name = results.Sensitivity
	train, test, err := env.Images(cfg.Dataset, cfg.TrainExamples, cfg.TestExamples)
	if err != nil {
		return err
	}
	seed := InitSeed(env.Seed)
	params, err := models.MLPSpec(cfg.Hidden, cfg.LR, seed, env.Session).NumParams()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	budget := fmt.Sprintf("%d epochs each", cfg.Epochs)
	if cfg.Budget == budgetSteps {
		budget = fmt.Sprintf("%d steps each", cfg.Steps)
	}
	env.Note("identical networks (same initial parameters): fully connected ReLU, hidden layers %v, %d parameters, Adam lr %g; trained on the first %d training examples of %s, %s; tested on the first %d test examples",
		cfg.Hidden, params, cfg.LR, train.N, cfg.Dataset, budget, test.N)
	env.Note("sensitivity: mean over the first %d test examples of ||d softmax(f(x))/dx||_F; loss_grad_norm: mean of ||dL/dx||_F over the same examples; sharpness: eps %g, %d projected gradient ascent steps, loss over the first %d training examples",
		min(cfg.SensExamples, test.N), cfg.SharpEps, cfg.SharpSteps, min(cfg.SharpExamples, train.N))

	keys := make([]string, len(cfg.BatchSizes))
	for k, bs := range cfg.BatchSizes {
		keys[k] = strconv.Itoa(bs)
	}
	return env.Sweep(results.SensitivityResults, keys, func(k int) (results.Row, error) {
		return sensitivityRun(env, cfg, cfg.BatchSizes[k], seed, train, test)
	})
}

// checkSensitivity reports a configuration the sweep cannot run.
func checkSensitivity(cfg *Config) error {
	for _, bs := range cfg.BatchSizes {
		if bs < 1 {
			return fmt.Errorf("batch size %d in batch_sizes; every batch size must be at least 1", bs)
		}
	}
	switch {
	case cfg.Budget == BudgetEpochs && cfg.Epochs < 1:
		return fmt.Errorf("budget=epochs with epochs=%d; set epochs to at least 1", cfg.Epochs)
	case cfg.Budget == budgetSteps && cfg.Steps < 1:
		return fmt.Errorf("budget=steps with steps=%d; set steps to at least 1", cfg.Steps)
	case cfg.Budget != BudgetEpochs && cfg.Budget != budgetSteps:
		return fmt.Errorf("budget %q; want epochs or steps", cfg.Budget)
	case cfg.SharpEps < 0 || cfg.SharpSteps < 0:
		return fmt.Errorf("sharp_eps %g and sharp_steps %d must not be negative", cfg.SharpEps, cfg.SharpSteps)
	}
	return nil
}

// sensitivityRun trains the network with batch size bs and measures it; it
// returns its row of results.csv.
func sensitivityRun(env *runner.Env, cfg *Config, bs int, seed int64, train, test *data.Set) (results.Row, error) {
	run := fmt.Sprintf("%s/bs%d", results.Sensitivity, bs)
	c, steps, err := Train(env, cfg, bs, seed, train, test)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	perEpoch := (train.N + bs - 1) / bs
	trainM, err := c.Model.Evaluate(c.Train, runner.EvalBatch)
	if err != nil {
		return nil, fmt.Errorf("%s: evaluate train set: %w", run, err)
	}
	testM, err := c.Model.Evaluate(c.Test, runner.EvalBatch)
	if err != nil {
		return nil, fmt.Errorf("%s: evaluate test set: %w", run, err)
	}
	sens, err := c.Model.Sensitivity(c.Test, models.FirstN(cfg.SensExamples, test.N))
	if err != nil {
		return nil, fmt.Errorf("%s: sensitivity: %w", run, err)
	}
	sharp, err := c.Model.Sharpness(c.Train, models.FirstN(cfg.SharpExamples, train.N), cfg.SharpEps, cfg.SharpSteps)
	if err != nil {
		return nil, fmt.Errorf("%s: sharpness: %w", run, err)
	}
	if math.IsNaN(sharp) || math.IsNaN(sens.JacobianFrobenius) {
		return nil, fmt.Errorf("%s: sensitivity %g or sharpness %g is not a number", run, sens.JacobianFrobenius, sharp)
	}
	env.Point(results.Sensitivity+"/"+results.RunByBatchSize, int64(bs),
		[]string{results.ColTrainLoss, results.ColTrainAcc, results.ColTestLoss, results.ColTestAcc, results.ColSensitivity, results.ColLossGradNorm, results.ColSharpness},
		trainM.Loss, trainM.Accuracy, testM.Loss, testM.Accuracy, sens.JacobianFrobenius, sens.LossGradNorm, sharp)
	env.Log.Info("measured", results.ColBatchSize, bs, results.ColSteps, steps, results.ColTestAcc, testM.Accuracy, results.ColSensitivity, sens.JacobianFrobenius, results.ColSharpness, sharp)
	return results.Row{results.ColBatchSize: bs, results.ColTrainLoss: trainM.Loss, results.ColTrainAcc: trainM.Accuracy,
		results.ColTestLoss: testM.Loss, results.ColTestAcc: testM.Accuracy, results.ColSensitivity: sens.JacobianFrobenius,
		results.ColLossGradNorm: sens.LossGradNorm, results.ColSharpness: sharp,
		results.ColEpochs: float64(steps) / float64(perEpoch), results.ColSteps: steps}, nil
}

// Train builds the sweep's network for batch size bs from the
// initial parameters of seed and trains it with cfg's budget; it returns
// the trained classifier (test set loaded when test is not nil; the caller
// closes it) and the steps taken. hessian-spectrum trains the same models
// through it.
func Train(env *runner.Env, cfg *Config, bs int, seed int64, train, test *data.Set) (*models.Classifier, int, error) {
	run := fmt.Sprintf("%s/bs%d", results.Sensitivity, bs)
	c, err := models.NewClassifier(run, models.MLPSpec(cfg.Hidden, cfg.LR, seed, env.Session), train, test)
	if err != nil {
		return nil, 0, err
	}
	epochs := cfg.Epochs
	perEpoch := (train.N + bs - 1) / bs
	fit := runner.Fit{Name: run, Model: c.Model, Train: c.Train, BatchSize: bs,
		Seed: uint64(runner.SubSeed(env.Seed, results.Sensitivity, "shuffle", strconv.Itoa(bs)))}
	if cfg.Budget == budgetSteps {
		epochs = (cfg.Steps + perEpoch - 1) / perEpoch
		fit.MaxSteps = cfg.Steps
	}
	fit.Epochs, fit.EvalEvery = epochs, epochs
	hist, err := env.Fit(fit)
	if err != nil {
		c.Close()
		return nil, 0, err
	}
	return c, hist[len(hist)-1].Steps, nil
}

func checkSensitivityConfig(c *Config) error {
	return errors.Join(checkSensitivity(c), config.Widths("hidden", c.Hidden), config.AtLeast("train_examples", c.TrainExamples, 0),
		config.AtLeast("test_examples", c.TestExamples, 0), config.Positive("lr", c.LR))
}

// InitSeed is the seed of the initial parameters every batch size's model
// starts from, under the run's seed; hessian-spectrum trains the models
// again from it.
func InitSeed(seed int64) int64 {
	return runner.SubSeed(seed, results.Sensitivity, "init")
}
