package runner

import "errors"

// Hook is one named concern of a training run: progress, TensorBoard, the
// evaluation schedule, early stopping, a table's rows. Env.Fit calls the
// hooks of a Fit in order (its own first: progress, TensorBoard, then the
// schedule and the step budget of Fit.EvalEvery and Fit.MaxSteps, then
// Fit.Hooks), through whichever of StepHook, EpochHook, Scheduler, Limiter
// and EndHook a hook implements; a new concern is a new hook, never an
// edit of the loop. An error from a hook names it.
type Hook interface {
	// Name names the hook in errors; the hooks of one Fit have distinct
	// names.
	Name() string
}

// StepHook is called after every step, in order.
type StepHook interface {
	Hook
	// AfterStep sees one step. ErrStop ends training after the TensorFlow
	// run that took the step (at that very step when EveryStep); the epoch
	// it ends in is evaluated as the last one. Another error ends training
	// with that error.
	AfterStep(Step) error
	// EveryStep reports whether the hook must see each step before the
	// next is taken (to stop training after any step): a Fit with such a
	// hook takes one step per TensorFlow run. A hook that only watches
	// reports false, and sees the steps a run took after that run.
	EveryStep() bool
}

// EpochHook is called after every evaluated epoch, in order.
type EpochHook interface {
	Hook
	// AfterEpoch sees an evaluated epoch's metrics. ErrStop ends training
	// there, without error and without calling the hooks after this one;
	// another error ends training with that error.
	AfterEpoch(Epoch) error
}

// Scheduler is the evaluation schedule: an epoch is evaluated when any of a
// Fit's schedulers says so, and the last one always. A Fit without a
// scheduler evaluates every epoch.
type Scheduler interface {
	Hook
	Evaluates(epoch int) bool
}

// Limiter ends training after a number of steps known before it starts
// (the smallest of a Fit's limits); the epoch it ends in is evaluated as the
// last one. Unlike ErrStop from a step hook, it keeps several steps per
// TensorFlow run.
type Limiter interface {
	Hook
	StepLimit() int // 0: no limit
}

// EndHook is told that training ended, after the last step and epoch hooks
// or on an error.
type EndHook interface {
	Hook
	End()
}

// ErrStop, returned from a step or an epoch hook, ends training early
// without error.
var ErrStop = errors.New("stop training")

// OnStep returns a hook named name that calls fn after every step, each
// before the next step is taken: fn may stop training after any step.
func OnStep(name string, fn func(Step) error) StepHook {
	return stepFunc{name: name, fn: fn, every: true}
}

// WatchSteps returns a hook named name that calls fn after every step, after
// the TensorFlow run that took it: it keeps several steps per run.
func WatchSteps(name string, fn func(Step) error) StepHook {
	return stepFunc{name: name, fn: fn}
}

type stepFunc struct {
	name  string
	fn    func(Step) error
	every bool
}

func (h stepFunc) Name() string           { return h.name }
func (h stepFunc) AfterStep(s Step) error { return h.fn(s) }
func (h stepFunc) EveryStep() bool        { return h.every }

// OnEpoch returns a hook named name that calls fn after every evaluated
// epoch.
func OnEpoch(name string, fn func(Epoch) error) EpochHook {
	return epochFunc{name: name, fn: fn}
}

type epochFunc struct {
	name string
	fn   func(Epoch) error
}

func (h epochFunc) Name() string              { return h.name }
func (h epochFunc) AfterEpoch(ep Epoch) error { return h.fn(ep) }

// StopWhen is early stopping: a hook named name that ends training after
// the first evaluated epoch for which done is true.
func StopWhen(name string, done func(Epoch) bool) EpochHook {
	return OnEpoch(name, func(ep Epoch) error {
		if done(ep) {
			return ErrStop
		}
		return nil
	})
}

// EvalEvery is the evaluation schedule of every k-th epoch (and the last);
// k <= 1 evaluates every epoch. Fit.EvalEvery adds it.
func EvalEvery(k int) Scheduler { return evalEvery(max(k, 1)) }

type evalEvery int

func (evalEvery) Name() string               { return "eval-every" }
func (k evalEvery) Evaluates(epoch int) bool { return epoch%int(k) == 0 }

// MaxSteps is a step budget: training ends after n steps (n <= 0: no
// limit). Fit.MaxSteps adds it.
func MaxSteps(n int) Limiter { return maxSteps(max(n, 0)) }

type maxSteps int

func (maxSteps) Name() string     { return "max-steps" }
func (n maxSteps) StepLimit() int { return int(n) }
