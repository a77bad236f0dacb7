package graphs

import (
	"fmt"
	"math"

	tf "github.com/wamuir/graft/tensorflow"
)

// Metrics are a model's mean loss and accuracy over a dataset.
type Metrics struct {
	Loss     float64
	Accuracy float64 // share of examples whose arg-max output is the label; NaN for MSE
}

// trainStepLocked takes one optimizer step on the examples idx of ds, in
// one run of the single step, and returns their mean loss before the
// update. The caller holds m.mu.
func (m *Model) trainStepLocked(ds *Dataset, idx []int32) (float64, error) {
	out, err := m.runBatch(ds, idx, []tf.Output{m.loss.mean}, m.opt.step)
	if err != nil {
		return 0, err
	}
	return scalar(out[0])
}

// TrainStepGradNorm takes one optimizer step on the examples idx of ds and
// returns their mean loss and the 2-norm of the gradient over all
// parameters, both before the update, from the same run.
func (m *Model) TrainStepGradNorm(ds *Dataset, idx []int32) (loss, gradNorm float64, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out, err := m.runBatch(ds, idx, []tf.Output{m.loss.mean, m.gradNorm}, m.opt.step)
	if err != nil {
		return 0, 0, fmt.Errorf("train step: %w", err)
	}
	if loss, err = scalar(out[0]); err != nil {
		return 0, 0, err
	}
	gradNorm, err = scalar(out[1])
	return loss, gradNorm, err
}

// Evaluate returns the mean loss (and accuracy, for classifiers) over the
// whole dataset, run batchSize examples at a time.
func (m *Model) Evaluate(ds *Dataset, batchSize int) (Metrics, error) {
	if batchSize <= 0 {
		return Metrics{}, fmt.Errorf("evaluate: batch size %d, want a positive number", batchSize)
	}
	if ds == nil {
		return Metrics{}, fmt.Errorf("evaluate: no dataset")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return Metrics{}, fmt.Errorf("evaluate: %w", err)
	}
	batches, err := m.evalBatches(ds, batchSize)
	if err != nil {
		return Metrics{}, fmt.Errorf("evaluate: %w", err)
	}
	return m.evaluateLocked(ds.n, batches)
}

// evalBatches returns the index tensors of ds's examples in order,
// batchSize at a time.
func (m *Model) evalBatches(ds *Dataset, batchSize int) ([]*tf.Tensor, error) {
	var out []*tf.Tensor
	for start := 0; start < ds.n; start += batchSize {
		t, err := m.indexTensor(ds, indexRange(start, min(start+batchSize, ds.n)))
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// evaluateLocked is Evaluate over the n examples of the index tensors
// batches (evalBatches), for a caller that holds m.mu.
func (m *Model) evaluateLocked(n int, batches []*tf.Tensor) (Metrics, error) {
	fetch := []tf.Output{m.loss.sum}
	if m.spec.Loss == SoftmaxCrossEntropy {
		fetch = append(fetch, m.loss.correct)
	}
	var sum, correct float64
	for _, t := range batches {
		out, err := m.sess.Run(map[tf.Output]*tf.Tensor{m.idx: t}, fetch, nil)
		if err != nil {
			return Metrics{}, fmt.Errorf("evaluate: %w", err)
		}
		l, err := scalar(out[0])
		if err != nil {
			return Metrics{}, err
		}
		sum += l
		if len(out) > 1 {
			c, err := scalar(out[1])
			if err != nil {
				return Metrics{}, err
			}
			correct += c
		}
	}
	met := Metrics{Loss: sum / float64(n), Accuracy: math.NaN()}
	if m.spec.Loss == SoftmaxCrossEntropy {
		met.Accuracy = correct / float64(n)
	}
	return met, nil
}

// Loss returns the mean loss over the examples idx of ds.
func (m *Model) Loss(ds *Dataset, idx []int32) (float64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, err := m.lossLocked(ds, idx)
	if err != nil {
		return 0, fmt.Errorf("loss: %w", err)
	}
	return v, nil
}

func (m *Model) lossLocked(ds *Dataset, idx []int32) (float64, error) {
	v, err := m.meanOverChunks(idx, func(part []int32) ([]float64, error) {
		out, err := m.runBatch(ds, part, []tf.Output{m.loss.mean}, nil)
		if err != nil {
			return nil, err
		}
		l, err := scalar(out[0])
		return []float64{l}, err
	})
	if err != nil {
		return 0, err
	}
	return v[0], nil
}

// Predict returns the model's raw outputs (logits for classifiers) for n
// examples x (n·prod(Input) values), n·outputs values.
func (m *Model) Predict(x []float32, n int) ([]float32, error) {
	if n <= 0 {
		return nil, fmt.Errorf("predict: n = %d, want at least one example", n)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return nil, err
	}
	if want := n * prod(m.spec.Input); len(x) != want {
		return nil, fmt.Errorf("predict: x has %d values, want n·%v = %d", len(x), m.spec.Input, want)
	}
	t, err := float32Tensor(m.b.dt, x, append([]int64{int64(n)}, int64s(m.spec.Input)...))
	if err != nil {
		return nil, err
	}
	out, err := m.sess.Run(map[tf.Output]*tf.Tensor{m.x: t}, []tf.Output{m.outputs}, nil)
	if err != nil {
		return nil, fmt.Errorf("predict: %w", err)
	}
	v, err := floats(out[0])
	if err != nil {
		return nil, err
	}
	res := make([]float32, len(v))
	for i, f := range v {
		res[i] = float32(f)
	}
	return res, nil
}

// runBatch runs fetches (and target, if not nil) on the examples idx of ds.
// The caller holds m.mu.
func (m *Model) runBatch(ds *Dataset, idx []int32, fetches []tf.Output, target *tf.Operation) ([]*tf.Tensor, error) {
	if err := m.usable(); err != nil {
		return nil, err
	}
	t, err := m.indexTensor(ds, idx)
	if err != nil {
		return nil, err
	}
	var targets []*tf.Operation
	if target != nil {
		targets = []*tf.Operation{target}
	}
	return m.sess.Run(map[tf.Output]*tf.Tensor{m.idx: t}, fetches, targets)
}

// chunkSize is the most examples a probe (loss, gradient, Hessian,
// sensitivity) runs at once: larger index lists are split, and the
// per-chunk means combined, so a probe over a whole training set does not
// hold every example's activations at once.
func (m *Model) chunkSize() int {
	if m.chunk > 0 {
		return m.chunk
	}
	act := 0
	for _, l := range m.plan.layers {
		act += prod(l.out)
	}
	act += prod(m.spec.Input)
	const budget = 1 << 23 // values of activations per run
	return max(1, min(4096, budget/max(1, act)))
}

// meanOverChunks splits idx into chunks, calls mean on each (it returns a
// vector of means over its chunk) and returns the mean over all of idx.
func (m *Model) meanOverChunks(idx []int32, mean func(part []int32) ([]float64, error)) ([]float64, error) {
	size := m.chunkSize()
	if len(idx) <= size {
		return mean(idx)
	}
	var total []float64
	for start := 0; start < len(idx); start += size {
		part := idx[start:min(start+size, len(idx))]
		v, err := mean(part)
		if err != nil {
			return nil, err
		}
		if total == nil {
			total = make([]float64, len(v))
		}
		w := float64(len(part)) / float64(len(idx))
		for i, x := range v {
			total[i] += w * x
		}
	}
	return total, nil
}
