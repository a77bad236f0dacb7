package runner

import (
	"fmt"
	"math"

	"hw1/runner/results"
)

// Point writes one point of a run's curves to TensorBoard, for the curves a
// figure draws against something other than the epoch (the batch size, the
// parameters): each value under run with its tag, at step x, flushed at
// once. Values that are NaN are left out. A failure there is logged, not
// fatal: the tables are the results.
func (e *Env) Point(run string, x int64, tags []string, values ...float64) {
	e.scalars(run, x, tags, values)
	if err := e.flushEvents(); err != nil {
		e.Log.Warn("tensorboard", "err", err)
	}
}

// scalars writes values under run with their tags at step x, leaving out
// NaNs, and logs a failure.
func (e *Env) scalars(run string, x int64, tags []string, values []float64) {
	if len(tags) != len(values) {
		e.Log.Warn("tensorboard", "err", fmt.Errorf("%s: %d tags for %d values", run, len(tags), len(values)))
		return
	}
	for i, tag := range tags {
		if math.IsNaN(values[i]) {
			continue
		}
		if err := e.Scalar(run+"/"+tag, x, values[i]); err != nil {
			e.Log.Warn("tensorboard", "err", err)
			return
		}
	}
}

// StepCurves is a hook that writes every step's loss, and its gradient
// norm when the Fit measures it, to TensorBoard under run at the step's
// number (tags loss and grad_norm); they are flushed with the evaluated
// epochs. It only watches: the Fit keeps several steps per TensorFlow run.
func (e *Env) StepCurves(run string) StepHook {
	return WatchSteps("tensorboard-steps", func(s Step) error {
		e.scalars(run, int64(s.Step), []string{results.ColLoss, results.ColGradNorm}, []float64{s.Loss, s.GradNorm})
		return nil
	})
}
