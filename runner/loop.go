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
	// EvalEvery, if positive, adds the schedule EvalEvery(k): every k-th
	// epoch is evaluated (and always the last). A Fit without a Scheduler
	// evaluates every epoch.
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
	// GradNorm asks for the gradient norm of every step (Step.GradNorm); a
	// Fit with it takes one step per TensorFlow run.
	GradNorm bool
	// MaxSteps, if positive, adds the step budget MaxSteps(n): training ends
	// after that many steps, and the epoch it ends in is evaluated as the
	// last one.
	MaxSteps int
	// Hooks are the run's own concerns (its tables' rows, early stopping,
	// more curves), called in order after the hooks Env.Fit adds.
	Hooks []Hook
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

// minUnrolledFitSteps is the shortest fit that takes several steps per
// TensorFlow run: building and first running the unrolled steps costs a
// few tenths of a second, as much as a few hundred steps of a small model.
const minUnrolledFitSteps = 500

// Fit trains f.Model and returns the metrics of every evaluated epoch. It
// runs f's hooks after its own, in this order: a progress display
// ("progress"), the evaluated epochs' metrics in TensorBoard
// ("tensorboard"), the schedule of f.EvalEvery and the budget of f.MaxSteps
// when set, then f.Hooks. Fits of small models take up to
// f.Model.StepsPerRun() steps in one TensorFlow run, across epochs up to the
// next evaluated one, with the same results as one step at a time, unless
// f.GradNorm or a step hook needs every step. Fit stops before the next run
// when env's context is cancelled (the error wraps ErrInterrupted), and with
// a *DivergedError naming the first step whose loss is not finite.
func (e *Env) Fit(f Fit) ([]Epoch, error) {
	n := f.Train.Len()
	if n == 0 {
		return nil, fmt.Errorf("%s: empty training set", f.Name)
	}
	hooks := []Hook{e.progressHook(f.Name, f.Epochs*stepsPerEpoch(n, f.BatchSize)), e.tensorBoardHook(f.Name)}
	if f.EvalEvery > 0 {
		hooks = append(hooks, EvalEvery(f.EvalEvery))
	}
	if f.MaxSteps > 0 {
		hooks = append(hooks, MaxSteps(f.MaxSteps))
	}
	h, err := groupHooks(append(hooks, f.Hooks...))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer h.end()
	return e.train(f, h)
}

// batchSize is the batch size bs of n examples: n for bs <= 0 (full
// batch) or above n.
func batchSize(n, bs int) int {
	if bs <= 0 || bs > n {
		return n
	}
	return bs
}

// stepsPerEpoch is the number of batches of size bs (<= 0: full batch) in
// n examples.
func stepsPerEpoch(n, bs int) int {
	bs = batchSize(n, bs)
	return (n + bs - 1) / bs
}

// train is the loop: it takes the steps, evaluates the epochs the schedule
// asks for, and calls the hooks; it knows no hook by name.
func (e *Env) train(f Fit, h fitHooks) ([]Epoch, error) {
	n := f.Train.Len()
	bs := batchSize(n, f.BatchSize)
	// Steps with a gradient norm, or seen by a hook that may end training
	// after any step, run one per TensorFlow run.
	st := stepper{f: f, per: 1, hooks: h}
	if !f.GradNorm && !h.everyStep && f.Epochs*stepsPerEpoch(n, bs) >= minUnrolledFitSteps {
		st.per = max(1, f.Model.StepsPerRun())
	}
	var out []Epoch
	for epoch := 1; epoch <= f.Epochs; epoch++ {
		order := data.Permutation(n, f.Seed, epoch)
		for lo := 0; lo < n && !st.full() && !st.stopped; lo += bs {
			st.queue(epoch, order[lo:min(lo+bs, n)])
			if len(st.batches) == st.per {
				if err := st.run(e); err != nil {
					return out, err
				}
			}
		}
		last := epoch == f.Epochs || st.full() || st.stopped
		if !last && !h.evaluates(epoch) {
			continue
		}
		if err := st.run(e); err != nil {
			return out, err
		}
		last = last || st.stopped
		ep, err := evaluate(f, epoch, st.step, st.sum/float64(n))
		if err != nil {
			return out, err
		}
		out = append(out, ep)
		stop, err := h.afterEpoch(ep)
		if err != nil {
			return out, fmt.Errorf("%s: %w", f.Name, err)
		}
		if stop || last {
			break
		}
	}
	return out, nil
}

// evaluate returns the metrics of an evaluated epoch: trainLoss (the mean
// of its batch losses) unless f.EvalTrain, the test set's when f has one.
func evaluate(f Fit, epoch, steps int, trainLoss float64) (Epoch, error) {
	ep := Epoch{Epoch: epoch, Steps: steps, Train: graphs.Metrics{Loss: trainLoss, Accuracy: math.NaN()}, Test: graphs.Metrics{Loss: math.NaN(), Accuracy: math.NaN()}}
	var err error
	if f.EvalTrain {
		if ep.Train, err = f.Model.Evaluate(f.Train.Head(f.TrainEvalExamples), EvalBatch); err != nil {
			return ep, fmt.Errorf("%s: evaluate train set at epoch %d: %w", f.Name, epoch, err)
		}
	}
	if f.Test != nil {
		if ep.Test, err = f.Model.Evaluate(f.Test, EvalBatch); err != nil {
			return ep, fmt.Errorf("%s: evaluate test set at epoch %d: %w", f.Name, epoch, err)
		}
	}
	return ep, nil
}

// stepper queues a fit's batches and takes them up to per at a time.
type stepper struct {
	f       Fit
	per     int
	hooks   fitHooks
	stopped bool      // a step hook returned ErrStop
	batches [][]int32 // queued, in order
	epochs  []int     // the epoch of each queued batch
	step    int       // steps taken
	epoch   int       // the epoch of the last step taken
	sum     float64   // Σ loss·batch size over that epoch's steps so far
}

// full reports whether the steps taken and queued reach the step limit.
func (st *stepper) full() bool {
	return st.hooks.limit > 0 && st.step+len(st.batches) >= st.hooks.limit
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
		stop, err := st.hooks.afterStep(s)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		st.stopped = st.stopped || stop
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
