package runner

import (
	"fmt"
	"math"

	"hw1/graphs"
	"hw1/runner/data"
)

// Fit describes one training run of one model; Env.Fit carries it out.
type Fit struct {
	Name      string // shown in progress and logs, e.g. "sinc/deep"
	Model     *graphs.Model
	Train     *graphs.Dataset
	Test      *graphs.Dataset // nil: no test metrics
	Epochs    int
	BatchSize int    // <= 0 or >= the training set: full batch
	Seed      uint64 // the shuffling order of each epoch comes from it
	// EvalEvery evaluates every k-th epoch (and always the last); 0 means 1.
	EvalEvery int
	// EvalBatch is the batch size for evaluation; 0 means 1000.
	EvalBatch int
	// EvalTrain evaluates the whole training set at each evaluation; when
	// false the epoch's train loss is the mean of its batch losses.
	EvalTrain bool
	// GradNorm asks for the gradient norm of every step (Step.GradNorm).
	GradNorm bool
	// OnStep, if set, is called after every step.
	OnStep func(Step) error
	// OnEpoch, if set, is called after every evaluated epoch; returning
	// errStop ends training early without error.
	OnEpoch func(Epoch) error
}

// Step is what one optimizer step reports.
type Step struct {
	Epoch    int // 1-based
	Step     int // 1-based, counted over the whole run
	Loss     float64
	GradNorm float64 // NaN unless Fit.GradNorm
}

// Epoch holds the metrics of one evaluated epoch.
type Epoch struct {
	Epoch       int // 1-based
	Steps       int // steps taken so far
	Train, Test graphs.Metrics
}

// errStop, returned from OnEpoch, ends training early without error.
var errStop = fmt.Errorf("stop training")

// Fit trains f.Model and returns the metrics of every evaluated epoch. It
// stops after the current step when env's context is cancelled (the error
// wraps ErrInterrupted) and with a *DivergedError when a loss is not finite.
func (e *Env) Fit(f Fit) ([]Epoch, error) {
	n := f.Train.Len()
	if n == 0 {
		return nil, fmt.Errorf("%s: empty training set", f.Name)
	}
	bs := f.BatchSize
	if bs <= 0 || bs > n {
		bs = n
	}
	every := max(f.EvalEvery, 1)
	evalBatch := f.EvalBatch
	if evalBatch <= 0 {
		evalBatch = 1000
	}
	stepsPerEpoch := (n + bs - 1) / bs
	bar := e.progress.start(f.Name, f.Epochs*stepsPerEpoch)
	defer bar.done()

	var out []Epoch
	step := 0
	for epoch := 1; epoch <= f.Epochs; epoch++ {
		order := data.Permutation(n, f.Seed, epoch)
		sum := 0.0
		for lo := 0; lo < n; lo += bs {
			if err := e.canceled(); err != nil {
				return out, err
			}
			idx := order[lo:min(lo+bs, n)]
			step++
			s := Step{Epoch: epoch, Step: step, GradNorm: math.NaN()}
			var err error
			if f.GradNorm {
				s.Loss, s.GradNorm, err = f.Model.TrainStepGradNorm(f.Train, idx)
			} else {
				s.Loss, err = f.Model.TrainStep(f.Train, idx)
			}
			if err != nil {
				return out, fmt.Errorf("%s: epoch %d step %d: %w", f.Name, epoch, step, err)
			}
			if math.IsNaN(s.Loss) || math.IsInf(s.Loss, 0) {
				return out, fmt.Errorf("%s: %w", f.Name, &DivergedError{Epoch: epoch, Step: step, Loss: s.Loss})
			}
			sum += s.Loss * float64(len(idx))
			if f.OnStep != nil {
				if err := f.OnStep(s); err != nil {
					return out, err
				}
			}
			bar.update(step, s.Loss)
		}
		if epoch%every != 0 && epoch != f.Epochs {
			continue
		}
		ep := Epoch{Epoch: epoch, Steps: step, Train: graphs.Metrics{Loss: sum / float64(n), Accuracy: math.NaN()}, Test: graphs.Metrics{Loss: math.NaN(), Accuracy: math.NaN()}}
		var err error
		if f.EvalTrain {
			if ep.Train, err = f.Model.Evaluate(f.Train, evalBatch); err != nil {
				return out, fmt.Errorf("%s: evaluate train set at epoch %d: %w", f.Name, epoch, err)
			}
		}
		if f.Test != nil {
			if ep.Test, err = f.Model.Evaluate(f.Test, evalBatch); err != nil {
				return out, fmt.Errorf("%s: evaluate test set at epoch %d: %w", f.Name, epoch, err)
			}
		}
		out = append(out, ep)
		e.scalars(f.Name, ep)
		if f.OnEpoch != nil {
			if err := f.OnEpoch(ep); err == errStop {
				break
			} else if err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

// scalars writes an epoch's metrics to TensorBoard; a failure there is
// logged, not fatal: the tables are the results.
func (e *Env) scalars(name string, ep Epoch) {
	for tag, v := range map[string]float64{
		"train_loss": ep.Train.Loss, "train_acc": ep.Train.Accuracy,
		"test_loss": ep.Test.Loss, "test_acc": ep.Test.Accuracy,
	} {
		if math.IsNaN(v) {
			continue
		}
		if err := e.Scalar(name+"/"+tag, int64(ep.Epoch), v); err != nil {
			e.Log.Warn("tensorboard", "err", err)
			return
		}
	}
}
