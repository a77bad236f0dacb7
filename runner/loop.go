package runner

import (
	"fmt"
	"math"

	"hw1/graphs"
	"hw1/runner/data"
	"hw1/runner/results"
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
	// EvalTrain evaluates the training set at each evaluation (all of it,
	// or its first TrainEvalExamples); when false the epoch's train loss is
	// the mean of its batch losses.
	EvalTrain bool
	// TrainEvalExamples, if positive, limits EvalTrain to the first that
	// many training examples, the same subset at every evaluation: a
	// cheaper estimate of the training metrics. 0 evaluates the whole
	// training set.
	TrainEvalExamples int
	// GradNorm asks for the gradient norm of every step (Step.GradNorm).
	GradNorm bool
	// MaxSteps, if positive, ends training after that many steps; the epoch
	// it ends in is evaluated as the last one.
	MaxSteps int
	// OnStep, if set, is called after every step; returning an error ends
	// training right after that step. A Fit with OnStep takes one step per
	// TensorFlow run.
	OnStep func(Step) error
	// OnEpoch, if set, is called after every evaluated epoch; returning
	// ErrStop ends training early without error.
	OnEpoch func(Epoch) error
}

// EvalBatch is the batch size of every evaluation: large enough that a run
// is not dominated by per-run overhead, small enough to keep memory low.
const EvalBatch = 1000

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

// ErrStop, returned from OnEpoch, ends training early without error.
var ErrStop = fmt.Errorf("stop training")

// minUnrolledFitSteps is the shortest fit that takes several steps per
// TensorFlow run: building and first running the unrolled steps costs a
// few tenths of a second, as much as a few hundred steps of a small model.
const minUnrolledFitSteps = 500

// Fit trains f.Model and returns the metrics of every evaluated epoch.
// Fits of small models take up to f.Model.StepsPerRun() steps in one
// TensorFlow run, across epochs up to the next evaluated one, with the same
// results as one step at a time. Fit stops before the next run when env's
// context is cancelled (the error wraps ErrInterrupted), and with a
// *DivergedError naming the first step whose loss is not finite.
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
	stepsPerEpoch := (n + bs - 1) / bs
	bar := e.StartProgress(f.Name, f.Epochs*stepsPerEpoch)
	defer bar.Done()

	// Steps with a gradient norm or a step hook run one per TensorFlow run:
	// a hook may end training after any step.
	st := stepper{f: f, per: 1, bar: bar}
	if !f.GradNorm && f.OnStep == nil && f.Epochs*stepsPerEpoch >= minUnrolledFitSteps {
		st.per = max(1, f.Model.StepsPerRun())
	}
	var out []Epoch
	for epoch := 1; epoch <= f.Epochs; epoch++ {
		order := data.Permutation(n, f.Seed, epoch)
		for lo := 0; lo < n && !st.full(); lo += bs {
			st.queue(epoch, order[lo:min(lo+bs, n)])
			if len(st.batches) == st.per {
				if err := st.run(e); err != nil {
					return out, err
				}
			}
		}
		last := epoch == f.Epochs || st.full()
		if epoch%every != 0 && !last {
			continue
		}
		if err := st.run(e); err != nil {
			return out, err
		}
		ep := Epoch{Epoch: epoch, Steps: st.step, Train: graphs.Metrics{Loss: st.sum / float64(n), Accuracy: math.NaN()}, Test: graphs.Metrics{Loss: math.NaN(), Accuracy: math.NaN()}}
		var err error
		if f.EvalTrain {
			if ep.Train, err = f.Model.Evaluate(f.Train.Head(f.TrainEvalExamples), EvalBatch); err != nil {
				return out, fmt.Errorf("%s: evaluate train set at epoch %d: %w", f.Name, epoch, err)
			}
		}
		if f.Test != nil {
			if ep.Test, err = f.Model.Evaluate(f.Test, EvalBatch); err != nil {
				return out, fmt.Errorf("%s: evaluate test set at epoch %d: %w", f.Name, epoch, err)
			}
		}
		out = append(out, ep)
		e.scalars(f.Name, ep)
		if st.full() {
			break
		}
		if f.OnEpoch != nil {
			if err := f.OnEpoch(ep); err == ErrStop {
				break
			} else if err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

// stepper queues a fit's batches and takes them up to per at a time.
type stepper struct {
	f       Fit
	per     int
	bar     *Progress
	batches [][]int32 // queued, in order
	epochs  []int     // the epoch of each queued batch
	step    int       // steps taken
	epoch   int       // the epoch of the last step taken
	sum     float64   // Σ loss·batch size over that epoch's steps so far
}

// full reports whether the steps taken and queued reach f.MaxSteps.
func (st *stepper) full() bool {
	return st.f.MaxSteps > 0 && st.step+len(st.batches) >= st.f.MaxSteps
}

func (st *stepper) queue(epoch int, batch []int32) {
	st.batches = append(st.batches, batch)
	st.epochs = append(st.epochs, epoch)
}

// run takes the queued steps, in one TensorFlow run where it can, and
// reports each in order.
func (st *stepper) run(e *Env) error {
	if len(st.batches) == 0 {
		return nil
	}
	if err := e.Canceled(); err != nil {
		return err
	}
	f := st.f
	losses, norms, err := takeSteps(f, st.batches)
	if err != nil {
		return fmt.Errorf("%s: epoch %d step %d: %w", f.Name, st.epochs[0], st.step+1, err)
	}
	for i, loss := range losses {
		st.step++
		if st.epochs[i] != st.epoch {
			st.epoch, st.sum = st.epochs[i], 0
		}
		s := Step{Epoch: st.epoch, Step: st.step, Loss: loss, GradNorm: norms[i]}
		if math.IsNaN(s.Loss) || math.IsInf(s.Loss, 0) {
			return fmt.Errorf("%s: %w", f.Name, &DivergedError{Epoch: s.Epoch, Step: s.Step, Loss: s.Loss})
		}
		st.sum += s.Loss * float64(len(st.batches[i]))
		if f.OnStep != nil {
			if err := f.OnStep(s); err != nil {
				return err
			}
		}
		st.bar.Update(st.step, s.Loss)
	}
	st.batches, st.epochs = st.batches[:0], st.epochs[:0]
	return nil
}

// takeSteps takes one optimizer step per batch and returns their losses
// and gradient norms (NaN unless f.GradNorm, which takes one batch).
func takeSteps(f Fit, batches [][]int32) (losses, gradNorms []float64, err error) {
	if f.GradNorm {
		loss, norm, err := f.Model.TrainStepGradNorm(f.Train, batches[0])
		if err != nil {
			return nil, nil, err
		}
		return []float64{loss}, []float64{norm}, nil
	}
	losses, err = f.Model.TrainSteps(f.Train, batches)
	if err != nil {
		return nil, nil, err
	}
	gradNorms = make([]float64, len(losses))
	for i := range gradNorms {
		gradNorms[i] = math.NaN()
	}
	return losses, gradNorms, nil
}

// scalars writes an epoch's metrics to TensorBoard; a failure there is
// logged, not fatal: the tables are the results.
func (e *Env) scalars(name string, ep Epoch) {
	metrics := []struct {
		tag string
		v   float64
	}{{results.ColTrainLoss, ep.Train.Loss}, {results.ColTrainAcc, ep.Train.Accuracy}, {results.ColTestLoss, ep.Test.Loss}, {results.ColTestAcc, ep.Test.Accuracy}}
	for _, m := range metrics {
		if math.IsNaN(m.v) {
			continue
		}
		if err := e.Scalar(name+"/"+m.tag, int64(ep.Epoch), m.v); err != nil {
			e.Log.Warn("tensorboard", "err", err)
			return
		}
	}
	// Flushed per evaluated epoch, so that TensorBoard shows a run live.
	if err := e.flushEvents(); err != nil {
		e.Log.Warn("tensorboard", "err", err)
	}
}
