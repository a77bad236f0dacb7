package runner

import (
	"errors"
	"hw1/runner/config"
)

// The experiments' configuration checks (the check hook of experiment[C]):
// each names the --set key at fault and what it must be. They run before
// any experiment trains, so that `hw1 run all` refuses a bad value at once
// instead of after minutes of other experiments' training.

func checkFunctionFit(c *functionFitConfig) error {
	return errors.Join(config.AtLeast("points", c.Points, 1), config.AtLeast("epochs", c.Epochs, 1), config.AtLeast("batch_size", c.BatchSize, 0),
		config.Positive("lr", c.LR), config.AtLeast("eval_every", c.EvalEvery, 0), config.AtLeast("predict_points", c.PredictPoints, 1))
}

func checkWeightPCA(c *WeightPCAConfig) error {
	errs := []error{config.AtLeast("runs", c.Runs, 1), config.Positive("lr", c.LR), config.AtLeast("layer", c.Layer, 1)}
	if c.Task == "mnist" {
		errs = append(errs, config.Widths("mnist_hidden", c.MNISTHidden), config.AtLeast("mnist_train_examples", c.MNISTTrainExamples, 0),
			config.AtLeast("mnist_epochs", c.MNISTEpochs, 1), config.AtLeast("mnist_batch_size", c.MNISTBatchSize, 0), config.AtLeast("mnist_every (the snapshot interval)", c.MNISTEvery, 1))
	} else {
		errs = append(errs, config.Widths("sinc_hidden", c.SincHidden), config.AtLeast("sinc_points", c.SincPoints, 1),
			config.AtLeast("sinc_epochs", c.SincEpochs, 1), config.AtLeast("sinc_batch_size", c.SincBatchSize, 0), config.AtLeast("sinc_every (the snapshot interval)", c.SincEvery, 1))
	}
	return errors.Join(errs...)
}

func checkParamCount(c *paramCountConfig) error {
	return errors.Join(config.Widths(c.Family+"_widths", c.widths()), config.AtLeast("train_examples", c.TrainExamples, 0),
		config.AtLeast("test_examples", c.TestExamples, 0), config.AtLeast("epochs", c.Epochs, 1), config.AtLeast("batch_size", c.BatchSize, 0), config.Positive("lr", c.LR))
}
