package graphs

import (
	"fmt"
	"math"

	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// Gradient returns the gradient of the mean loss over the examples idx of
// ds with respect to all parameters, in the order of Params.
func (m *Model) Gradient(ds *Dataset, idx []int32) ([]float64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	g, err := m.gradientLocked(ds, idx)
	if err != nil {
		return nil, fmt.Errorf("gradient: %w", err)
	}
	return g, nil
}

func (m *Model) gradientLocked(ds *Dataset, idx []int32) ([]float64, error) {
	return m.meanOverChunks(idx, func(part []int32) ([]float64, error) {
		out, err := m.runBatch(ds, part, []tf.Output{m.gradFlat}, nil)
		if err != nil {
			return nil, err
		}
		return floats(out[0])
	})
}

// lossAndGradient returns the mean loss and its gradient over idx.
func (m *Model) lossAndGradient(ds *Dataset, idx []int32) (float64, []float64, error) {
	v, err := m.meanOverChunks(idx, func(part []int32) ([]float64, error) {
		out, err := m.runBatch(ds, part, []tf.Output{m.loss.mean, m.gradFlat}, nil)
		if err != nil {
			return nil, err
		}
		l, err := scalar(out[0])
		if err != nil {
			return nil, err
		}
		g, err := floats(out[1])
		if err != nil {
			return nil, err
		}
		return append([]float64{l}, g...), nil
	})
	if err != nil {
		return 0, nil, err
	}
	return v[0], v[1:], nil
}

// GradNorm returns the 2-norm of Gradient(ds, idx).
func (m *Model) GradNorm(ds *Dataset, idx []int32) (float64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(idx) <= m.chunkSize() {
		out, err := m.runBatch(ds, idx, []tf.Output{m.gradNorm}, nil)
		if err != nil {
			return 0, fmt.Errorf("gradient norm: %w", err)
		}
		return scalar(out[0])
	}
	g, err := m.gradientLocked(ds, idx)
	if err != nil {
		return 0, fmt.Errorf("gradient norm: %w", err)
	}
	return norm(g), nil
}

// Sensitivity is how much a model's output and loss change with its input.
type Sensitivity struct {
	// JacobianFrobenius is the mean over examples of ‖∂p(x)/∂x‖_F, the
	// Frobenius norm of the Jacobian of the outputs with respect to the
	// example's input (Novak et al. 2018). p is softmax(logits) for
	// classifiers and the raw outputs for MSE models.
	JacobianFrobenius float64
	// LossGradNorm is the mean over examples of ‖∂ℓ(x, y)/∂x‖₂, the norm of
	// the gradient of the example's own loss with respect to its input.
	LossGradNorm float64
}

// sensitivityOps are the per-batch means behind Sensitivity.
type sensitivityOps struct {
	jacobian tf.Output // mean over the batch of each example's ‖∂p/∂x‖_F
	lossGrad tf.Output // mean over the batch of each example's ‖∂ℓ/∂x‖₂
}

// buildSensitivity adds the input Jacobian: one gradient per output k of
// Σ_batch p_k, whose row i is ∂p_k(x_i)/∂x_i because examples do not
// interact.
func (m *Model) buildSensitivity() (*sensitivityOps, error) {
	s := m.b.root.SubScope("sensitivity")
	dt := m.b.dt
	p := m.outputs
	if m.spec.Loss == SoftmaxCrossEntropy {
		p = op.Softmax(s.SubScope("softmax"), p)
	}
	d := int32(prod(m.spec.Input))
	rowSq := func(ss *op.Scope, g tf.Output) tf.Output {
		flat := op.Reshape(ss.SubScope("rows"), g, op.Const(ss.SubScope("shape"), []int32{-1, d}))
		return op.Sum(ss.SubScope("row_sq"), op.Square(ss.SubScope("square"), flat), op.Const(ss.SubScope("axis1"), int32(1)))
	}
	k := m.plan.outputs
	sq := make([]tf.Output, k)
	for c := range k {
		cs := s.SubScope(fmt.Sprintf("output%d", c))
		col := op.Slice(cs.SubScope("column"), p, op.Const(cs.SubScope("begin"), []int32{0, int32(c)}), op.Const(cs.SubScope("size"), []int32{-1, 1}))
		total := op.Sum(cs.SubScope("total"), col, op.Const(cs.SubScope("axes"), []int32{0, 1}))
		g, err := gradients(cs, "d_dx", dt, total, []tf.Output{m.x})
		if err != nil {
			return nil, err
		}
		sq[c] = rowSq(cs, g[0])
	}
	jsq := sq[0]
	if k > 1 {
		jsq = op.AddN(s.SubScope("jacobian_sq"), sq)
	}
	axis0 := func() tf.Output { return op.Const(s.SubScope("axis0"), int32(0)) }
	ops := &sensitivityOps{jacobian: op.Mean(s.SubScope("jacobian"), op.Sqrt(s.SubScope("jacobian_norm"), jsq), axis0())}
	g, err := gradients(s, "dloss_dx", dt, m.loss.sum, []tf.Output{m.x})
	if err != nil {
		return nil, err
	}
	ops.lossGrad = op.Mean(s.SubScope("loss_grad"), op.Sqrt(s.SubScope("loss_grad_norm"), rowSq(s, g[0])), axis0())
	return ops, s.Err()
}

// Sensitivity returns the input sensitivity over the examples idx of ds.
func (m *Model) Sensitivity(ds *Dataset, idx []int32) (Sensitivity, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return Sensitivity{}, err
	}
	if m.sens == nil {
		ops, err := m.buildSensitivity()
		if err != nil {
			return Sensitivity{}, fmt.Errorf("build sensitivity graph: %w", err)
		}
		m.sens = ops
	}
	v, err := m.meanOverChunks(idx, func(part []int32) ([]float64, error) {
		out, err := m.runBatch(ds, part, []tf.Output{m.sens.jacobian, m.sens.lossGrad}, nil)
		if err != nil {
			return nil, err
		}
		j, err := scalar(out[0])
		if err != nil {
			return nil, err
		}
		l, err := scalar(out[1])
		return []float64{j, l}, err
	})
	if err != nil {
		return Sensitivity{}, fmt.Errorf("sensitivity: %w", err)
	}
	return Sensitivity{JacobianFrobenius: v[0], LossGradNorm: v[1]}, nil
}

func norm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}
