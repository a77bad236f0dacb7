// Package mnistdepth is the mnist-depth experiment (deep vs shallow): two
// CNNs of about 114,000 parameters, with one and with two convolutions,
// trained on MNIST, with their training and test curves.
package mnistdepth

import (
	"fmt"

	"errors"
	"hw1/graphs"
	"hw1/runner"
	"hw1/runner/catalog"
	"hw1/runner/config"
	"hw1/runner/models"
	"hw1/runner/results"
)

// mnistDepthConfig configures mnist-depth.
type mnistDepthConfig struct {
	Dataset       string            `json:"dataset" set:"mnist|fashion-mnist"`
	Models        []models.CNNModel `json:"models" set:"-"`
	TrainExamples int               `json:"train_examples" zero:"all 60,000"` // 0: all 60,000
	TestExamples  int               `json:"test_examples" zero:"all 10,000"`  // 0: all 10,000
	// TrainEvalExamples is the fixed subset on which each epoch's training
	// loss and accuracy are measured: the first that many training
	// examples; 0: the whole training set.
	TrainEvalExamples int     `json:"train_eval_examples"`
	Epochs            int     `json:"epochs"`
	BatchSize         int     `json:"batch_size"`
	LR                float64 `json:"lr"`
}

// Experiment is the mnist-depth experiment.
func Experiment() runner.Experiment {
	// Two CNNs within 1% of each other in size: 113,718 and 114,314
	// parameters, with one and two convolutions.
	nets := models.DepthCNNs()
	base := mnistDepthConfig{Dataset: runner.MNIST, Models: nets, BatchSize: 64, LR: 0.001}
	smoke, quick, full := base, base, base
	smoke.TrainExamples, smoke.TestExamples, smoke.Epochs = 512, 256, 1
	quick.TrainExamples, quick.Epochs = 30000, 3
	full.Epochs = 60
	// Evaluating all 60,000 training images after every epoch took a
	// quarter of the run. The first 10,000 (as many as the test set) are
	// evaluated instead: at full scale their accuracy was within 0.1
	// percentage points of the whole set's, their loss up to 0.004 higher.
	quick.TrainEvalExamples, full.TrainEvalExamples = 10000, 10000
	return runner.Define(runner.Definition[mnistDepthConfig]{
		Name:     results.MNISTDepth,
		Cost:     catalog.Cost{Class: catalog.ClassCNN, Seconds: catalog.Times(1, 26, 1069), SeedShare: 0.84}, // reference machine: smoke, quick, full
		Profiles: map[string]mnistDepthConfig{"smoke": smoke, "quick": quick, "full": full},
		Run:      runMNISTDepth,
		Check:    checkMNISTDepth,
		Datasets: func(c *mnistDepthConfig) []string { return []string{c.Dataset} },
	})
}

func runMNISTDepth(env *runner.Env, cfg *mnistDepthConfig) error {
	train, test, err := env.Images(cfg.Dataset, cfg.TrainExamples, cfg.TestExamples)
	if err != nil {
		return err
	}
	env.Note("trained on the first %d training examples, tested on the first %d test examples of %s", train.N, test.N, cfg.Dataset)
	trainEval := train.N
	if cfg.TrainEvalExamples > 0 {
		trainEval = min(cfg.TrainEvalExamples, train.N)
	}
	env.Note("train_loss and train_acc after each epoch are measured on the first %d of the %d training examples (train_eval_examples), test_loss and test_acc on the %d test examples", trainEval, train.N, test.N)
	nets := results.MNISTDepthModels.New(false)
	for _, m := range cfg.Models {
		n, err := models.CNNSpec(m.Layers, cfg.LR, 0, env.Session).NumParams()
		if err != nil {
			return fmt.Errorf("model %s: %w", m.Name, err)
		}
		conv, dense := 0, 0
		for _, l := range m.Layers {
			switch l.Kind {
			case graphs.Conv2D:
				conv++
			case graphs.Dense:
				dense++
			}
		}
		if err := results.MNISTDepthModels.Append(nets, results.Row{results.ColModel: m.Name, results.ColConvLayers: conv,
			results.ColDenseLayers: dense, results.ColParams: n}); err != nil {
			return err
		}
	}
	if err := env.WriteTable(results.MNISTDepthModels, nets); err != nil {
		return err
	}
	hist := results.MNISTDepthHistory.New(false)
	for _, m := range cfg.Models {
		name := results.MNISTDepth + "/" + m.Name
		c, err := models.NewClassifier(name, models.CNNSpec(m.Layers, cfg.LR, runner.SubSeed(env.Seed, name), env.Session), train, test)
		if err != nil {
			return err
		}
		epochs, err := env.Fit(runner.Fit{Name: name, Model: c.Model, Train: c.Train, Test: c.Test, Epochs: cfg.Epochs,
			BatchSize: cfg.BatchSize, Seed: uint64(runner.SubSeed(env.Seed, name, "shuffle")), EvalTrain: true, TrainEvalExamples: cfg.TrainEvalExamples})
		c.Close()
		for _, e := range epochs {
			if aerr := results.MNISTDepthHistory.Append(hist, results.Row{results.ColModel: m.Name, results.ColEpoch: e.Epoch,
				results.ColTrainLoss: e.Train.Loss, results.ColTrainAcc: e.Train.Accuracy,
				results.ColTestLoss: e.Test.Loss, results.ColTestAcc: e.Test.Accuracy}); aerr != nil {
				return aerr
			}
		}
		if werr := env.WriteTable(results.MNISTDepthHistory, hist); werr != nil {
			return werr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func checkMNISTDepth(c *mnistDepthConfig) error {
	return errors.Join(config.AtLeast("train_examples", c.TrainExamples, 0), config.AtLeast("test_examples", c.TestExamples, 0),
		config.AtLeast("epochs", c.Epochs, 1), config.AtLeast("batch_size", c.BatchSize, 0), config.Positive("lr", c.LR),
		config.AtLeast("train_eval_examples", c.TrainEvalExamples, 0))
}
