package runner

import (
	"fmt"

	"hw1/runner/data"
	"hw1/runner/results"
)

// randomLabelsConfig configures random-labels.
type randomLabelsConfig struct {
	Dataset string `json:"dataset" set:"mnist|fashion-mnist"`
	Hidden  []int  `json:"hidden"` // widths of the ReLU hidden layers
	// TrainExamples is the size of the training subset whose labels are
	// replaced (the first examples of the training set); 0: all 60,000.
	TrainExamples int `json:"train_examples"`
	// TestExamples are the first test examples, with their true labels;
	// 0: all 10,000.
	TestExamples int     `json:"test_examples"`
	Epochs       int     `json:"epochs"`
	BatchSize    int     `json:"batch_size"`
	LR           float64 `json:"lr"`
	// StopTrainAcc ends training once the accuracy on the (randomly
	// labelled) training subset reaches it; 0 trains all epochs.
	StopTrainAcc float64 `json:"stop_train_acc"`
}

func randomLabels() Experiment {
	// The report's network: 4 layers (3 hidden ReLU layers of 512 and the
	// output), Adam 0.001. The training subset of each profile is small
	// enough for its budget to reach memorisation (>= 99% on random labels):
	// quick memorises 3,000 examples by about epoch 25 of 40; full takes all
	// 60,000 and stops once 99.9% are memorised (at most 1000 epochs).
	base := randomLabelsConfig{Dataset: MNIST, Hidden: []int{512, 512, 512}, BatchSize: 128, LR: 0.001}
	smoke, quick, full := base, base, base
	smoke.Hidden, smoke.TrainExamples, smoke.TestExamples, smoke.Epochs, smoke.BatchSize = []int{256}, 200, 500, 40, 50
	smoke.StopTrainAcc = 1
	quick.TrainExamples, quick.TestExamples, quick.Epochs = 3000, 2000, 40
	full.Epochs, full.StopTrainAcc = 1000, 0.999
	return &experiment[randomLabelsConfig]{
		name:        results.RandomLabels,
		description: "generalization: a network memorises MNIST with random labels",
		profiles:    map[string]randomLabelsConfig{"smoke": smoke, "quick": quick, "full": full},
		run:         runRandomLabels,
	}
}

func runRandomLabels(env *Env, cfg *randomLabelsConfig) error {
	const name = results.RandomLabels
	if cfg.Epochs < 1 {
		return fmt.Errorf("%s: epochs is %d; set epochs to at least 1", name, cfg.Epochs)
	}
	train, test, err := env.Images(cfg.Dataset, cfg.TrainExamples, cfg.TestExamples)
	if err != nil {
		return err
	}
	labels := data.RandomLabels(train.N, 10, uint64(subSeed(env.Seed, name, "labels")))
	random, err := train.WithLabels(labels)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	lt := results.RandomLabelsLabels.New(false)
	same := 0
	for i, l := range labels {
		if err := lt.Append(i, l, train.Labels[i]); err != nil {
			return err
		}
		if l == train.Labels[i] {
			same++
		}
	}
	if err := env.WriteTable(results.RandomLabelsLabels, lt); err != nil {
		return err
	}
	spec := mlpSpec(cfg.Hidden, cfg.LR, subSeed(env.Seed, name, "init"), env.Session)
	params, err := spec.NumParams()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	env.Note("trained on the first %d training examples of %s with labels drawn uniformly at random (saved in labels.csv; %.1f%% agree with the true labels by chance); tested on the first %d test examples with their true labels",
		train.N, cfg.Dataset, 100*float64(same)/float64(train.N), test.N)
	env.Note("network: fully connected ReLU, hidden layers %v, %d parameters; Adam lr %g, batch size %d", cfg.Hidden, params, cfg.LR, cfg.BatchSize)

	c, err := newClassifier(name, spec, random, test)
	if err != nil {
		return err
	}
	defer c.Close()
	hist := results.RandomLabelsHistory.New(false)
	var last Epoch
	_, err = env.Fit(Fit{Name: name, Model: c.model, Train: c.train, Test: c.test, Epochs: cfg.Epochs,
		BatchSize: cfg.BatchSize, Seed: uint64(subSeed(env.Seed, name, "shuffle")), EvalTrain: true,
		OnEpoch: func(e Epoch) error {
			last = e
			if err := hist.Append(e.Epoch, e.Train.Loss, e.Train.Accuracy, e.Test.Loss, e.Test.Accuracy); err != nil {
				return err
			}
			if err := env.WriteTable(results.RandomLabelsHistory, hist); err != nil {
				return err
			}
			if cfg.StopTrainAcc > 0 && e.Train.Accuracy >= cfg.StopTrainAcc {
				return errStop
			}
			return nil
		}})
	if err != nil {
		return err
	}
	verdict := "memorised"
	if last.Train.Accuracy < 0.99 {
		verdict = "NOT memorised (below 99%; train longer: raise epochs or lower train_examples)"
	}
	env.Note("after %d epochs: train accuracy %.4f on the random labels, test accuracy %.4f on the true labels: %s",
		last.Epoch, last.Train.Accuracy, last.Test.Accuracy, verdict)
	return nil
}
