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
	index  tf.Output     // placeholder [-1] int32: the rows of all k batches, one batch after another
	sizes  tf.Output     // placeholder [k] int32: the length of each batch
	losses tf.Output     // [k]: each step's mean loss before its update
	done   *tf.Operation // the last step's update; it runs after all the others
}

// buildMultiRun adds k training steps unrolled (k >= 2). Every step is
// built as the single step is (same forward pass, loss, gradient and
// apply ops, the batch size unknown to the graph), so that it computes the
// same values.
func (m *Model) buildMultiRun(k int) (*multiRun, error) {
	st := &m.opt.state
	dt := m.b.dt
	s := m.b.root.SubScope(fmt.Sprintf("train_%d_steps", k))
	r := &multiRun{}
	r.index = op.Placeholder(s.SubScope("index"), tf.Int32, op.PlaceholderShape(tf.MakeShape(-1)))
	r.sizes = op.Placeholder(s.SubScope("sizes"), tf.Int32, op.PlaceholderShape(tf.MakeShape(int64(k))))
	batches := op.SplitV(s.SubScope("split"), r.index, r.sizes, op.Const(s.SubScope("split_axis"), int32(0)), int64(k))
	// The data variables do not change while training: one read serves all
	// steps (the same reads the single step gathers from).
	xAll, yAll, labAll := m.data.xRead, m.data.yRead, m.data.labRead
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
		out, cuts, err := forwardCuts(ss.SubScope("model"), m.plan, dt, x, reads, firstOrder)
		if err != nil {
			return nil, err
		}
		loss := buildLoss(ss.SubScope("loss"), m.spec.Loss, dt, out, y, lab, m.plan.outputs)
		grads, err := reluGradients(ss, "gradients", dt, loss.mean, reads, cuts)
		if err != nil {
			return nil, err
		}
		prev = applyUpdates(after.SubScope("train"), m.b.dt, m.spec.Optimizer, m.params, *st, grads, lr)
		losses[j] = loss.mean
	}
	r.losses = op.Pack(s.SubScope("losses"), losses)
	r.done = group(s.SubScope("done"), prev...)
	if err := s.Err(); err != nil {
		return nil, fmt.Errorf("build %d unrolled training steps: %w", k, err)
	}
	return r, nil
}
