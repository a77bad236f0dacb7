package graphs

import (
	"errors"
	"fmt"

	tf "github.com/wamuir/graft/tensorflow"
)

// Unrolling: a TensorFlow run has a fixed cost (feeds, fetches, executor
// start, thread hand-offs) of some 50-70 µs on a 2-core CPU (measurements in
// BENCHMARKS.md), a tenth or more of a
// step of a model of a few hundred parameters, whose cost is mostly the
// ~100 ops it runs. TrainSteps takes several steps of such models in one
// run. Building and first running k unrolled steps costs some 50 ms per
// step with the graph optimizer, so k stays small.
const (
	// maxStepsPerRun is the most steps unrolled into one run: 4 saves three
	// quarters of the fixed cost; more saved no measurable time.
	maxStepsPerRun = 4
	// maxUnrolledParams is the largest model (in parameters) that is
	// unrolled: at 50,000 parameters and a batch of 100, unrolling saved
	// nothing measurable.
	maxUnrolledParams = 1 << 13
)

// StepsPerRun returns the most optimizer steps TrainSteps takes in one
// TensorFlow run: maxStepsPerRun for dense models of up to
// maxUnrolledParams parameters, else 1.
func (m *Model) StepsPerRun() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.stepsPerRun()
}

func (m *Model) stepsPerRun() int {
	if m.multi.maxSteps > 0 {
		return m.multi.maxSteps
	}
	if !m.smallDense() {
		return 1
	}
	return maxStepsPerRun
}

// smallDense reports whether the model is dense (no convolutions) and of at
// most maxUnrolledParams parameters: a model whose steps cost little beside
// a run's fixed cost, so that they are unrolled, and whose ops are too small
// to gain from a second thread (see Model.sessionConfig).
func (m *Model) smallDense() bool {
	if m.nParams > maxUnrolledParams {
		return false
	}
	for _, l := range m.plan.layers {
		if l.Kind != Dense && l.Kind != Flatten {
			return false
		}
	}
	return true
}

// TrainSteps takes one optimizer step per batch, in order, each on the
// examples batches[i] of ds, and returns each step's mean loss before its
// update. The parameters, the optimizer's state and the losses are
// bit-identical to taking each step in a run of its own (as TrainSteps
// does when StepsPerRun is 1); but up to StepsPerRun steps run in one
// TensorFlow run, which saves most of the per-step cost of small models.
// The batches may differ in length.
//
// All batches are checked before the first step. When a run fails,
// TrainSteps returns the losses of the steps taken before it.
func (m *Model) TrainSteps(ds *Dataset, batches [][]int32) ([]float64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return nil, fmt.Errorf("train steps: %w", err)
	}
	if err := m.checkBatches(ds, batches); err != nil {
		return nil, fmt.Errorf("train steps: %w", err)
	}
	losses := make([]float64, 0, len(batches))
	per := m.stepsPerRun()
	for start := 0; start < len(batches); start += per {
		part := batches[start:min(start+per, len(batches))]
		var err error
		if len(part) == 1 {
			var l float64
			if l, err = m.trainStepLocked(ds, part[0]); err == nil {
				losses = append(losses, l)
			}
		} else {
			losses, err = m.runSteps(ds, part, losses)
		}
		if err != nil {
			return losses, fmt.Errorf("train steps %d-%d of %d: %w", start+1, start+len(part), len(batches), err)
		}
	}
	return losses, nil
}

// checkBatches reports the first batch that is empty or holds an index
// outside ds.
func (m *Model) checkBatches(ds *Dataset, batches [][]int32) error {
	if ds == nil {
		return errors.New("no dataset: pass one returned by this model's Load")
	}
	if ds.m != m {
		return errors.New("the dataset was loaded into another model: Load it into this one")
	}
	for b, idx := range batches {
		if len(idx) == 0 {
			return fmt.Errorf("batch %d is empty", b+1)
		}
		for _, j := range idx {
			if j < 0 || int(j) >= ds.n {
				return fmt.Errorf("batch %d: index %d is outside the dataset's %d examples", b+1, j, ds.n)
			}
		}
	}
	return nil
}

// runSteps takes len(batches) >= 2 steps in one run and appends their
// losses to losses. The caller holds m.mu and has checked the batches.
func (m *Model) runSteps(ds *Dataset, batches [][]int32, losses []float64) ([]float64, error) {
	k := len(batches)
	r := m.multi.runs[k]
	if r == nil {
		var err error
		if r, err = m.buildMultiRun(k); err != nil {
			return losses, err
		}
		if m.multi.runs == nil {
			m.multi.runs = map[int]*multiRun{}
		}
		m.multi.runs[k] = r
	}
	rows, sizes := m.multi.rows[:0], m.multi.sizes[:0]
	for _, idx := range batches {
		for _, j := range idx {
			rows = append(rows, j+int32(ds.offset))
		}
		sizes = append(sizes, int32(len(idx)))
	}
	m.multi.rows, m.multi.sizes = rows, sizes
	index, err := tf.NewTensor(rows)
	if err != nil {
		return losses, fmt.Errorf("make index tensor: %w", err)
	}
	lengths, err := tf.NewTensor(sizes)
	if err != nil {
		return losses, fmt.Errorf("make batch sizes tensor: %w", err)
	}
	out, err := m.sess.Run(map[tf.Output]*tf.Tensor{r.index: index, r.sizes: lengths}, []tf.Output{r.losses}, []*tf.Operation{r.done})
	if err != nil {
		return losses, err
	}
	v, err := floats(out[0])
	if err != nil {
		return losses, err
	}
	losses = append(losses, v...)
	return losses, nil
}
