package graphs

import (
	"fmt"

	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// multiSteps are a model's unrolled training steps (TrainSteps), built on
// first use.
type multiSteps struct {
	maxSteps int               // if > 0, overrides stepsPerRun (tests)
	runs     map[int]*multiRun // by number of steps
	rows     []int32           // scratch for the rows of one run's batches
	sizes    []int32           // scratch for their lengths
}

// multiRun is k training steps unrolled into one graph: step j+1 reads the
// parameters and the optimizer's state after step j's update, so that one
// run of done takes the k steps that k runs of the single step would.
type multiRun struct {
	steps  int
	index  tf.Output     // placeholder [-1] int32: the rows of all k batches, one batch after another
	sizes  tf.Output     // placeholder [k] int32: the length of each batch
	losses tf.Output     // [k]: each step's mean loss before its update
	done   *tf.Operation // the last step's update; it runs after all the others
}

// input returns the output that feeds input i of o.
func input(o *tf.Operation, i int) tf.Output {
	return tf.Consumer{Op: o, Index: i}.Producer()
}

// buildMultiRun adds k training steps unrolled (k >= 2). Every step is
// built as the single step is (same forward pass, loss, gradient and
// apply ops, the batch size unknown to the graph), so that it computes the
// same values.
func (m *Model) buildMultiRun(k int) (*multiRun, error) {
	st := &m.opt.state
	dt := m.b.dt
	s := m.b.root.SubScope(fmt.Sprintf("train_%d_steps", k))
	r := &multiRun{steps: k}
	r.index = op.Placeholder(s.SubScope("index"), tf.Int32, op.PlaceholderShape(tf.MakeShape(-1)))
	r.sizes = op.Placeholder(s.SubScope("sizes"), tf.Int32, op.PlaceholderShape(tf.MakeShape(int64(k))))
	batches := op.SplitV(s.SubScope("split"), r.index, r.sizes, op.Const(s.SubScope("split_axis"), int32(0)), int64(k))
	// The data variables do not change while training: one read serves all
	// steps (the same reads the single step gathers from).
	xAll := input(m.x.Op, 0)
	var yAll, labAll tf.Output
	if m.y.Op != nil {
		yAll = input(m.y.Op, 0)
	}
	if m.lab.Op != nil {
		labAll = input(m.lab.Op, 0)
	}
	lr := op.ReadVariableOp(s.SubScope("read_lr"), m.lrVar, dt)

	var prev []*tf.Operation
	losses := make([]tf.Output, k)
	for j := range k {
		ss := s.SubScope(fmt.Sprintf("step%d", j+1))
		// after holds the ops that read or write state: they wait for the
		// previous step's update. The gradient needs a scope without
		// control dependencies; it follows the reads through the data.
		after := ss
		if prev != nil {
			after = ss.WithControlDependencies(prev...)
		}
		reads := make([]tf.Output, len(m.params))
		for i, pv := range m.params {
			reads[i] = op.ReadVariableOp(after.SubScope("read"), pv.handle, dt)
		}
		gather := func(name string, all tf.Output) tf.Output {
			if all.Op == nil {
				return tf.Output{}
			}
			return op.GatherV2(ss.SubScope(name), all, batches[j], op.Const(ss.SubScope(name+"_axis"), int32(0)))
		}
		x, y, lab := gather("x_batch", xAll), gather("y_batch", yAll), gather("labels_batch", labAll)
		out, err := forward(ss.SubScope("model"), m.plan, dt, x, reads, firstOrder)
		if err != nil {
			return nil, err
		}
		loss := buildLoss(ss.SubScope("loss"), m.spec.Loss, dt, out, y, lab, m.plan.outputs)
		grads, err := gradients(ss, "gradients", dt, loss.mean, reads)
		if err != nil {
			return nil, err
		}
		prev = m.applyUnrolled(after.SubScope("train"), st, grads, lr)
		losses[j] = loss.mean
	}
	r.losses = op.Pack(s.SubScope("losses"), losses)
	r.done = group(s.SubScope("done"), prev...)
	if err := s.Err(); err != nil {
		return nil, fmt.Errorf("build %d unrolled training steps: %w", k, err)
	}
	return r, nil
}

// applyUnrolled adds one update of the parameters by grads with the
// optimizer's existing variables, op for op as buildOptimizer's step does
// it, and returns the ops that make up the update.
func (m *Model) applyUnrolled(s *op.Scope, st *optimizerState, grads []tf.Output, lr tf.Output) []*tf.Operation {
	dt := m.b.dt
	o := m.spec.Optimizer
	var applies []*tf.Operation
	switch o.Kind {
	case SGD:
		for i, p := range m.params {
			applies = append(applies, op.ResourceApplyGradientDescent(s.SubScope("apply"), p.handle, lr, grads[i]))
		}
	case Momentum:
		mu := constant(s.SubScope("momentum"), dt, o.Momentum)
		for i, p := range m.params {
			applies = append(applies, op.ResourceApplyKerasMomentum(s.SubScope("apply"), p.handle, st.slots[i][0], lr, grads[i], mu))
		}
	default: // Adam
		b1 := constant(s.SubScope("beta1"), dt, o.Beta1)
		b2 := constant(s.SubScope("beta2"), dt, o.Beta2)
		eps := constant(s.SubScope("epsilon"), dt, o.Epsilon)
		b1t := op.ReadVariableOp(s.SubScope("read_beta1_power"), st.beta1Power, dt)
		b2t := op.ReadVariableOp(s.SubScope("read_beta2_power"), st.beta2Power, dt)
		for i, p := range m.params {
			applies = append(applies, op.ResourceApplyAdam(s.SubScope("apply"), p.handle, st.slots[i][0], st.slots[i][1],
				b1t, b2t, lr, b1, b2, eps, grads[i]))
		}
		after := s.SubScope("powers").WithControlDependencies(applies...)
		next1 := op.Mul(after.SubScope("next1"), op.ReadVariableOp(after.SubScope("read1"), st.beta1Power, dt), b1)
		next2 := op.Mul(after.SubScope("next2"), op.ReadVariableOp(after.SubScope("read2"), st.beta2Power, dt), b2)
		applies = append(applies,
			op.AssignVariableOp(after.SubScope("assign1"), st.beta1Power, next1),
			op.AssignVariableOp(after.SubScope("assign2"), st.beta2Power, next2))
	}
	return applies
}
