package graphs

import (
	"fmt"

	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// secondOrderOps differentiate the loss twice. They run on a second
// forward pass built from ops whose gradients TensorFlow can differentiate
// again (see secondOrder), sharing the parameters and the batch with the
// first; TensorFlow registers no gradient for ReluGrad, TanhGrad,
// BiasAddGrad and the like, so the first forward pass cannot serve.
type secondOrderOps struct {
	v          tf.Output // placeholder [nParams]: the vector of a Hessian-vector product
	hv         tf.Output // H·v, flat
	gradNormSq tf.Output // ‖∇θ L‖²
	gnOpt      optimizerOps
}

// buildSecondOrder adds the second-order ops, or says why the model has
// none (convolution and pooling layers).
func (m *Model) buildSecondOrder() (*secondOrderOps, error) {
	for _, l := range m.plan.layers {
		if l.Kind == Conv2D || l.Kind == MaxPool {
			return nil, fmt.Errorf("layer %s: second derivatives are available for dense and flatten layers only "+
				"(TensorFlow has no gradient of the %s gradient); use a fully connected model", l.name, l.Kind)
		}
	}
	s := m.b.root.SubScope("second_order")
	dt := m.b.dt
	out, err := forward(s.SubScope("model"), m.plan, dt, m.x, m.reads, secondOrder)
	if err != nil {
		return nil, err
	}
	loss := buildLoss(s.SubScope("loss"), m.spec.Loss, dt, out, m.y, m.lab, m.plan.outputs)
	g, err := gradients(s, "gradients", dt, loss.mean, m.reads)
	if err != nil {
		return nil, err
	}
	ops := &secondOrderOps{}
	ops.v = op.Placeholder(s.SubScope("v"), dt, op.PlaceholderShape(tf.MakeShape(int64(m.nParams))))
	dots := make([]tf.Output, len(m.params))
	for i, pv := range m.params {
		ps := s.SubScope("dot")
		part := op.Slice(ps.SubScope("slice"), ops.v, op.Const(ps.SubScope("begin"), []int32{int32(pv.offset)}),
			op.Const(ps.SubScope("size"), []int32{int32(pv.size)}))
		shaped := op.Reshape(ps.SubScope("reshape"), part, op.Const(ps.SubScope("shape"), int32sOf(pv.shape)))
		dots[i] = op.Sum(ps.SubScope("sum"), op.Mul(ps.SubScope("mul"), g[i], shaped), allAxes(ps, g[i]))
	}
	dot := dots[0]
	if len(dots) > 1 {
		dot = op.AddN(s.SubScope("dot_total"), dots)
	}
	hv, err := gradients(s, "hessian_vector", dt, dot, m.reads)
	if err != nil {
		return nil, err
	}
	ops.hv = flatConcat(s.SubScope("hv_flat"), hv)
	ops.gradNormSq = sumSquares(s.SubScope("grad_norm_sq"), g)
	dgn, err := gradients(s, "grad_norm_sq_gradients", dt, ops.gradNormSq, m.reads)
	if err != nil {
		return nil, err
	}
	lr := op.ReadVariableOp(s.SubScope("read_lr"), m.lrVar, dt)
	ops.gnOpt = m.b.buildOptimizer(s.SubScope("grad_norm_train"), m.spec.Optimizer, m.params, dgn, lr)
	if err := s.Err(); err != nil {
		return nil, err
	}
	if _, err := m.sess.Run(nil, nil, []*tf.Operation{ops.gnOpt.reset}); err != nil {
		return nil, fmt.Errorf("initialise the gradient-norm optimizer: %w", err)
	}
	return ops, nil
}

// secondOrderLocked returns the second-order ops, building them on first
// use. The caller holds m.mu.
func (m *Model) secondOrderLocked() (*secondOrderOps, error) {
	if err := m.usable(); err != nil {
		return nil, err
	}
	if m.second == nil {
		ops, err := m.buildSecondOrder()
		if err != nil {
			return nil, fmt.Errorf("second-order graph: %w", err)
		}
		m.second = ops
	}
	return m.second, nil
}

// HessianVector returns H·v, where H is the Hessian of the mean loss over
// the examples idx of ds with respect to all parameters (in the order of
// Params). It is exact: the gradient of g·v, with g the gradient of the
// loss, differentiated by TensorFlow (no finite differences).
func (m *Model) HessianVector(ds *Dataset, idx []int32, v []float64) ([]float64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(v) != m.nParams {
		return nil, fmt.Errorf("HessianVector: v has %d values, but the model has %d parameters", len(v), m.nParams)
	}
	so, err := m.secondOrderLocked()
	if err != nil {
		return nil, err
	}
	vt, err := floatTensor(m.b.dt, v, []int64{int64(m.nParams)})
	if err != nil {
		return nil, err
	}
	hv, err := m.meanOverChunks(idx, func(part []int32) ([]float64, error) {
		it, err := m.indexTensor(ds, part)
		if err != nil {
			return nil, err
		}
		out, err := m.sess.Run(map[tf.Output]*tf.Tensor{m.idx: it, so.v: vt}, []tf.Output{so.hv}, nil)
		if err != nil {
			return nil, err
		}
		return floats(out[0])
	})
	if err != nil {
		return nil, fmt.Errorf("HessianVector: %w", err)
	}
	return hv, nil
}

// Hessian returns the exact Hessian of the mean loss over the examples idx
// of ds with respect to all parameters: n·n values, row-major, n =
// NumParams, in the order of Params. Row i is H·e_i (see HessianVector),
// so it costs n runs: meant for small fully connected models (up to a few
// thousand parameters). The result is symmetrised, (H + Hᵀ)/2, which only
// removes rounding.
func (m *Model) Hessian(ds *Dataset, idx []int32) ([]float64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	so, err := m.secondOrderLocked()
	if err != nil {
		return nil, err
	}
	n := m.nParams
	h, err := m.meanOverChunks(idx, func(part []int32) ([]float64, error) {
		it, err := m.indexTensor(ds, part)
		if err != nil {
			return nil, err
		}
		rows := make([]float64, 0, n*n)
		e := make([]float64, n)
		for i := range n {
			e[i] = 1
			vt, err := floatTensor(m.b.dt, e, []int64{int64(n)})
			e[i] = 0
			if err != nil {
				return nil, err
			}
			out, err := m.sess.Run(map[tf.Output]*tf.Tensor{m.idx: it, so.v: vt}, []tf.Output{so.hv}, nil)
			if err != nil {
				return nil, err
			}
			row, err := floats(out[0])
			if err != nil {
				return nil, err
			}
			rows = append(rows, row...)
		}
		return rows, nil
	})
	if err != nil {
		return nil, fmt.Errorf("Hessian: %w", err)
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			a := (h[i*n+j] + h[j*n+i]) / 2
			h[i*n+j], h[j*n+i] = a, a
		}
	}
	return h, nil
}

// TrainGradNormStep takes one optimizer step that lowers ‖∇θ L‖², the
// squared norm of the gradient of the mean loss over the examples idx of
// ds, instead of L (the minimal-ratio experiment), and returns ‖∇θ L‖²
// before the step. The step uses the model's optimizer kind and learning
// rate with moments of its own, kept apart from those of TrainSteps.
func (m *Model) TrainGradNormStep(ds *Dataset, idx []int32) (gradNormSq float64, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	so, err := m.secondOrderLocked()
	if err != nil {
		return 0, err
	}
	out, err := m.runBatch(ds, idx, []tf.Output{so.gradNormSq}, so.gnOpt.step)
	if err != nil {
		return 0, fmt.Errorf("gradient-norm step: %w", err)
	}
	return scalar(out[0])
}
