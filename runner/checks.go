package runner

import (
	"errors"
	"fmt"
	"math"
)

// The experiments' configuration checks (the check hook of experiment[C]):
// each names the --set key at fault and what it must be. They run before
// any experiment trains, so that `hw1 run all` refuses a bad value at once
// instead of after minutes of other experiments' training.

// atLeast requires an integer setting to be at least lo.
func atLeast(key string, v, lo int) error {
	if v < lo {
		return fmt.Errorf("%s = %d, want at least %d", key, v, lo)
	}
	return nil
}

// positive requires a finite number above zero (a learning rate, a target).
func positive(key string, v float64) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return fmt.Errorf("%s = %g, want a finite number above 0", key, v)
	}
	return nil
}

// widths requires every width of a list of layer widths to be at least 1.
func widths(key string, ws []int) error {
	for _, w := range ws {
		if w < 1 {
			return fmt.Errorf("%s has width %d, want every width at least 1", key, w)
		}
	}
	return nil
}

func checkFunctionFit(c *functionFitConfig) error {
	return errors.Join(atLeast("points", c.Points, 1), atLeast("epochs", c.Epochs, 1), atLeast("batch_size", c.BatchSize, 0),
		positive("lr", c.LR), atLeast("eval_every", c.EvalEvery, 0), atLeast("predict_points", c.PredictPoints, 1))
}

func checkMNISTDepth(c *mnistDepthConfig) error {
	return errors.Join(atLeast("train_examples", c.TrainExamples, 0), atLeast("test_examples", c.TestExamples, 0),
		atLeast("epochs", c.Epochs, 1), atLeast("batch_size", c.BatchSize, 0), positive("lr", c.LR),
		atLeast("train_eval_examples", c.TrainEvalExamples, 0))
}

func checkWeightPCA(c *weightPCAConfig) error {
	errs := []error{atLeast("runs", c.Runs, 1), positive("lr", c.LR), atLeast("layer", c.Layer, 1)}
	if c.Task == "mnist" {
		errs = append(errs, widths("mnist_hidden", c.MNISTHidden), atLeast("mnist_train_examples", c.MNISTTrainExamples, 0),
			atLeast("mnist_epochs", c.MNISTEpochs, 1), atLeast("mnist_batch_size", c.MNISTBatchSize, 0), atLeast("mnist_every (the snapshot interval)", c.MNISTEvery, 1))
	} else {
		errs = append(errs, widths("sinc_hidden", c.SincHidden), atLeast("sinc_points", c.SincPoints, 1),
			atLeast("sinc_epochs", c.SincEpochs, 1), atLeast("sinc_batch_size", c.SincBatchSize, 0), atLeast("sinc_every (the snapshot interval)", c.SincEvery, 1))
	}
	return errors.Join(errs...)
}

func checkGradNorm(c *gradNormConfig) error {
	return errors.Join(widths("hidden", c.Hidden), atLeast("points", c.Points, 1), atLeast("epochs", c.Epochs, 1),
		atLeast("batch_size", c.BatchSize, 0), positive("lr", c.LR))
}

func checkRandomLabels(c *randomLabelsConfig) error {
	var acc error
	if !(c.StopTrainAcc >= 0 && c.StopTrainAcc <= 1) {
		acc = fmt.Errorf("stop_train_acc = %g, want a share between 0 and 1 (0: train all epochs)", c.StopTrainAcc)
	}
	return errors.Join(widths("hidden", c.Hidden), atLeast("train_examples", c.TrainExamples, 0), atLeast("test_examples", c.TestExamples, 0),
		atLeast("epochs", c.Epochs, 1), atLeast("batch_size", c.BatchSize, 0), positive("lr", c.LR), acc,
		checkPlateau(c.LRDecay, c.LRPatience, c.LRMin), atLeast("eval_every", c.EvalEvery, 0))
}

func checkInterpolation(c *interpolationConfig) error {
	_, alphaErr := alphas(c.AlphaPoints)
	return errors.Join(widths("hidden", c.Hidden), atLeast("train_examples", c.TrainExamples, 0), atLeast("test_examples", c.TestExamples, 0),
		atLeast("epochs", c.Epochs, 1), atLeast("batch_size", c.BatchSize, 0), atLeast("large_batch_size", c.LargeBatchSize, 0),
		positive("lr", c.LR), positive("high_lr", c.HighLR), alphaErr)
}

func checkMinRatio(c *minRatioConfig) error {
	return errors.Join(c.check(), widths("hidden", c.Hidden), atLeast("batch_size", c.BatchSize, 0),
		positive("lr", c.LR), positive("grad_norm_lr", c.GradNormLR), atLeast("refine_steps", c.RefineSteps, 0))
}

func checkParamCount(c *paramCountConfig) error {
	return errors.Join(widths(c.Family+"_widths", c.widths()), atLeast("train_examples", c.TrainExamples, 0),
		atLeast("test_examples", c.TestExamples, 0), atLeast("epochs", c.Epochs, 1), atLeast("batch_size", c.BatchSize, 0), positive("lr", c.LR))
}

func checkSensitivityConfig(c *sensitivityConfig) error {
	return errors.Join(checkSensitivity(c), widths("hidden", c.Hidden), atLeast("train_examples", c.TrainExamples, 0),
		atLeast("test_examples", c.TestExamples, 0), positive("lr", c.LR))
}

// oneDataset is the datasets hook of an experiment whose config names one
// image dataset.
func oneDataset(name string) []string { return []string{name} }
