package runner

import "hw1/runner/results"

// progressHook is the progress display of a run of total steps, the first
// hook of every Fit.
type progressHook struct{ bar *Progress }

func (e *Env) progressHook(name string, total int) progressHook {
	return progressHook{bar: e.StartProgress(name, total)}
}

func (progressHook) Name() string    { return "progress" }
func (progressHook) EveryStep() bool { return false }
func (h progressHook) End()          { h.bar.Done() }

func (h progressHook) AfterStep(s Step) error {
	h.bar.Update(s.Step, s.Loss)
	return nil
}

// tensorBoardHook writes each evaluated epoch's metrics to TensorBoard
// under run (Env.Scalar's RUN), the second hook of every Fit.
type tensorBoardHook struct {
	env *Env
	run string
}

func (e *Env) tensorBoardHook(run string) tensorBoardHook {
	return tensorBoardHook{env: e, run: run}
}

func (tensorBoardHook) Name() string { return "tensorboard" }

// AfterEpoch writes the metrics that were measured (not NaN); a failure
// there is logged, not fatal.
func (h tensorBoardHook) AfterEpoch(ep Epoch) error {
	// Flushed per evaluated epoch, so that TensorBoard shows a run live.
	h.env.Point(h.run, int64(ep.Epoch), []string{results.ColTrainLoss, results.ColTrainAcc, results.ColTestLoss, results.ColTestAcc},
		ep.Train.Loss, ep.Train.Accuracy, ep.Test.Loss, ep.Test.Accuracy)
	return nil
}
