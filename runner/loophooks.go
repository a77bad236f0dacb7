package runner

import (
	"math"

	"hw1/runner/results"
)

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

// AfterEpoch writes the metrics that were measured (not NaN). A failure
// there is logged, not fatal: the tables are the results.
func (h tensorBoardHook) AfterEpoch(ep Epoch) error {
	metrics := []struct {
		tag string
		v   float64
	}{{results.ColTrainLoss, ep.Train.Loss}, {results.ColTrainAcc, ep.Train.Accuracy}, {results.ColTestLoss, ep.Test.Loss}, {results.ColTestAcc, ep.Test.Accuracy}}
	for _, m := range metrics {
		if math.IsNaN(m.v) {
			continue
		}
		if err := h.env.Scalar(h.run+"/"+m.tag, int64(ep.Epoch), m.v); err != nil {
			h.env.Log.Warn("tensorboard", "err", err)
			return nil
		}
	}
	// Flushed per evaluated epoch, so that TensorBoard shows a run live.
	if err := h.env.flushEvents(); err != nil {
		h.env.Log.Warn("tensorboard", "err", err)
	}
	return nil
}
