// Package paramcount is the param-count experiment (generalization):
// MLPs and CNNs of growing width trained on MNIST, each one's training
// and test loss and accuracy against its number of parameters.
package paramcount

import (
	"errors"
	"fmt"
	"hw1/runner"
	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/results"
	"strconv"

	"hw1/graphs"
	"hw1/runner/models"
)

// paramCountConfig configures param-count.
type paramCountConfig struct {
	Dataset string `json:"dataset" set:"mnist|fashion-mnist"`
	// Family is the structure whose width grows: cnn (widthCNN, as in the
	// report) or mlp (widthMLP, far cheaper on a CPU).
	Family string `json:"family" set:"cnn|mlp"`
	// CNNWidths and MLPWidths are the widths w of the models of each
	// family, one model each; Family picks the list.
	CNNWidths     []int   `json:"cnn_widths"`
	MLPWidths     []int   `json:"mlp_widths"`
	TrainExamples int     `json:"train_examples" zero:"all 60,000"` // 0: all 60,000
	TestExamples  int     `json:"test_examples" zero:"all 10,000"`  // 0: all 10,000
	Epochs        int     `json:"epochs"`
	BatchSize     int     `json:"batch_size"`
	LR            float64 `json:"lr"`
}

// Model families of param-count.
const (
	familyCNN = "cnn"
	familyMLP = "mlp"
)

// Experiment is the param-count experiment.
func Experiment() runner.Experiment {
	// Ten models of one structure, Adam 0.001, widths growing roughly
	// geometrically so that the parameter counts are about log-spaced: the
	// report's ten CNNs (w = 1..32, 524 to 454,922 parameters), or ten MLPs
	// (w = 1..512, 807 to 669,706 parameters), far cheaper on a CPU, which
	// smoke uses.
	cnnWidths := []int{1, 2, 3, 4, 6, 8, 11, 16, 23, 32}
	mlpWidths := []int{1, 2, 4, 8, 16, 32, 64, 128, 256, 512}
	base := paramCountConfig{Dataset: runner.MNIST, Family: familyCNN, CNNWidths: cnnWidths, MLPWidths: mlpWidths, BatchSize: 64, LR: 0.001}
	smoke, quick, full := base, base, base
	smoke.Family, smoke.TrainExamples, smoke.TestExamples, smoke.Epochs = familyMLP, 256, 256, 1
	quick.TrainExamples, quick.TestExamples, quick.Epochs = 6000, 5000, 5
	full.Epochs = 20
	return runner.Define(runner.Definition[paramCountConfig]{
		Name:     results.ParamCount,
		Cost:     catalog.Cost{Class: catalog.ClassCNN, Seconds: catalog.Times(2, 50, 1816), SeedShare: 0.84}, // reference machine: smoke, quick, full
		Profiles: map[string]paramCountConfig{"smoke": smoke, "quick": quick, "full": full},
		Run:      runParamCount,
		Check:    checkParamCount,
		Datasets: func(c *paramCountConfig) []string { return []string{c.Dataset} },
	})
}

// widthCNN is the cnn family of param-count: conv(w, 5x5) - maxpool 2 -
// conv(2w, 5x5) - maxpool 2 - dense(4w) - dense(10), ReLU throughout; every
// layer's width grows with w.
func widthCNN(w int) []graphs.Layer {
	return []graphs.Layer{
		{Kind: graphs.Conv2D, Filters: w, Kernel: 5, Activation: graphs.ReLU},
		{Kind: graphs.MaxPool, Pool: 2},
		{Kind: graphs.Conv2D, Filters: 2 * w, Kernel: 5, Activation: graphs.ReLU},
		{Kind: graphs.MaxPool, Pool: 2},
		{Kind: graphs.Flatten},
		{Kind: graphs.Dense, Units: 4 * w, Activation: graphs.ReLU},
		{Kind: graphs.Dense, Units: 10},
	}
}

// widthMLP is the hidden layers of the mlp family of param-count:
// 784 - w - w - 10, ReLU.
func widthMLP(w int) []int { return []int{w, w} }

// widthSpec is the model of width w of a family.
func widthSpec(family string, w int, lr float64, seed int64, s graphs.SessionConfig) (graphs.Spec, error) {
	switch family {
	case familyCNN:
		return models.CNNSpec(widthCNN(w), lr, seed, s), nil
	case familyMLP:
		return models.MLPSpec(widthMLP(w), lr, seed, s), nil
	}
	return graphs.Spec{}, fmt.Errorf("family %q; want %s or %s", family, familyCNN, familyMLP)
}

// widthName names the model of width w in results.csv.
func widthName(family string, w int) string { return family + "-w" + strconv.Itoa(w) }

func runParamCount(env *runner.Env, cfg *paramCountConfig) error {
	const name = results.ParamCount
	train, test, err := env.Images(cfg.Dataset, cfg.TrainExamples, cfg.TestExamples)
	if err != nil {
		return err
	}
	env.Note("trained on the first %d training examples, tested on the first %d test examples of %s; %d epochs, batch size %d, Adam lr %g; final metrics over the whole training and test sets",
		train.N, test.N, cfg.Dataset, cfg.Epochs, cfg.BatchSize, cfg.LR)
	structure := "conv(w,5x5)-maxpool-conv(2w,5x5)-maxpool-dense(4w)-dense(10)"
	if cfg.Family == familyMLP {
		structure = "784-w-w-10 fully connected"
	}
	env.Note("models: %s, ReLU, for w in %v", structure, cfg.widths())

	widths := cfg.widths()
	keys := make([]string, len(widths))
	for k, w := range widths {
		keys[k] = widthName(cfg.Family, w)
	}
	return env.Sweep(results.ParamCountResults, keys, func(k int) (results.Row, error) {
		model := keys[k]
		run := name + "/" + model
		spec, err := widthSpec(cfg.Family, widths[k], cfg.LR, runner.SubSeed(env.Seed, name, model), env.Session)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		c, err := models.NewClassifier(run, spec, train, test)
		if err != nil {
			return nil, err
		}
		hist, err := env.Fit(runner.Fit{Name: run, Model: c.Model, Train: c.Train, Test: c.Test, Epochs: cfg.Epochs,
			BatchSize: cfg.BatchSize, Seed: uint64(runner.SubSeed(env.Seed, name, model, "shuffle")), EvalEvery: cfg.Epochs, EvalTrain: true})
		params := c.Model.NumParams()
		c.Close()
		if err != nil {
			return nil, err
		}
		last := hist[len(hist)-1]
		env.Point(name+"/"+results.RunByParams, int64(params), []string{results.ColTrainLoss, results.ColTrainAcc, results.ColTestLoss, results.ColTestAcc}, last.Train.Loss, last.Train.Accuracy, last.Test.Loss, last.Test.Accuracy)
		env.Log.Info("trained", results.ColModel, model, results.ColParams, params, results.ColTrainLoss, last.Train.Loss, results.ColTestLoss, last.Test.Loss, results.ColTestAcc, last.Test.Accuracy)
		return results.Row{results.ColModel: model, results.ColParams: params, results.ColTrainLoss: last.Train.Loss,
			results.ColTrainAcc: last.Train.Accuracy, results.ColTestLoss: last.Test.Loss, results.ColTestAcc: last.Test.Accuracy}, nil
	})
}

// widths is the width list of the configured family.
func (c *paramCountConfig) widths() []int {
	if c.Family == familyMLP {
		return c.MLPWidths
	}
	return c.CNNWidths
}

func checkParamCount(c *paramCountConfig) error {
	return errors.Join(config.Widths(c.Family+"_widths", c.widths()), config.AtLeast("train_examples", c.TrainExamples, 0),
		config.AtLeast("test_examples", c.TestExamples, 0), config.AtLeast("epochs", c.Epochs, 1), config.AtLeast("batch_size", c.BatchSize, 0), config.Positive("lr", c.LR))
}
