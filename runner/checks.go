package runner

import (
	"errors"
	"hw1/runner/config"
)

// The experiments' configuration checks (the check hook of experiment[C]):
// each names the --set key at fault and what it must be. They run before
// any experiment trains, so that `hw1 run all` refuses a bad value at once
// instead of after minutes of other experiments' training.

func checkParamCount(c *paramCountConfig) error {
	return errors.Join(config.Widths(c.Family+"_widths", c.widths()), config.AtLeast("train_examples", c.TrainExamples, 0),
		config.AtLeast("test_examples", c.TestExamples, 0), config.AtLeast("epochs", c.Epochs, 1), config.AtLeast("batch_size", c.BatchSize, 0), config.Positive("lr", c.LR))
}
