package graphs

import (
	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// optimizerOps are the in-graph update of the parameters and the reset of
// the optimizer's state.
type optimizerOps struct {
	step  *tf.Operation  // one update of every parameter from grads
	reset *tf.Operation  // zeroes the moments and restarts Adam's bias correction
	state optimizerState // the variables the updates keep (TrainSteps' unrolled steps update them too)
}

// optimizerState holds an optimizer's variables.
type optimizerState struct {
	slots                  [][]tf.Output // per parameter: Adam's m and v, Momentum's accumulator; none for SGD
	beta1Power, beta2Power tf.Output     // Adam's β1ᵗ and β2ᵗ
}

// buildOptimizer adds the update of params (variable handles with their
// shapes) by grads, with learning rate lr (a scalar read of the
// learning-rate variable), as Keras's optimizers do it:
//
//	SGD:      θ ← θ - lr·g                              (ResourceApplyGradientDescent)
//	Momentum: a ← μ·a - lr·g;  θ ← θ + a                (ResourceApplyKerasMomentum)
//	Adam:     m ← β1·m + (1-β1)·g;  v ← β2·v + (1-β2)·g²;
//	          θ ← θ - lr·√(1-β2ᵗ)/(1-β1ᵗ) · m/(√v + ε)   (ResourceApplyAdam)
//
// Adam's β1ᵗ and β2ᵗ are variables multiplied by β1 and β2 after every step.
func (b *builder) buildOptimizer(s *op.Scope, o Optimizer, params []paramVar, grads []tf.Output, lr tf.Output) optimizerOps {
	dt := b.dt
	var resets []*tf.Operation
	st := optimizerState{slots: make([][]tf.Output, len(params))}
	switch o.Kind {
	case SGD:
	case Momentum:
		for i, p := range params {
			acc := b.variable(s, "accum", dt, p.shape)
			st.slots[i] = []tf.Output{acc}
			resets = append(resets, op.AssignVariableOp(s.SubScope("reset"), acc, b.zeros(s, p.shape)))
		}
	default: // Adam
		st.beta1Power = b.variable(s, "beta1_power", dt, nil)
		st.beta2Power = b.variable(s, "beta2_power", dt, nil)
		resets = append(resets,
			op.AssignVariableOp(s.SubScope("reset"), st.beta1Power, constant(s.SubScope("beta1_0"), dt, o.Beta1)),
			op.AssignVariableOp(s.SubScope("reset"), st.beta2Power, constant(s.SubScope("beta2_0"), dt, o.Beta2)))
		for i, p := range params {
			m := b.variable(s, "m", dt, p.shape)
			v := b.variable(s, "v", dt, p.shape)
			st.slots[i] = []tf.Output{m, v}
			resets = append(resets,
				op.AssignVariableOp(s.SubScope("reset"), m, b.zeros(s, p.shape)),
				op.AssignVariableOp(s.SubScope("reset"), v, b.zeros(s, p.shape)))
		}
	}
	applies := applyUpdates(s, dt, o, params, st, grads, lr)
	ops := optimizerOps{step: group(s.SubScope("step"), applies...), state: st}
	if len(resets) == 0 {
		ops.reset = op.NoOp(s.SubScope("reset_none"))
	} else {
		ops.reset = group(s.SubScope("reset_all"), resets...)
	}
	return ops
}

// applyUpdates adds one update of params by grads with the optimizer's
// variables st, and returns the ops that make it up. The single step
// (buildOptimizer) and every unrolled step (TrainSteps) are built by it, so
// they compute the same values.
func applyUpdates(s *op.Scope, dt tf.DataType, o Optimizer, params []paramVar, st optimizerState, grads []tf.Output, lr tf.Output) []*tf.Operation {
	var applies []*tf.Operation
	switch o.Kind {
	case SGD:
		for i, p := range params {
			applies = append(applies, op.ResourceApplyGradientDescent(s.SubScope("apply"), p.handle, lr, grads[i]))
		}
	case Momentum:
		mu := constant(s.SubScope("momentum"), dt, o.Momentum)
		for i, p := range params {
			applies = append(applies, op.ResourceApplyKerasMomentum(s.SubScope("apply"), p.handle, st.slots[i][0], lr, grads[i], mu))
		}
	default: // Adam
		b1 := constant(s.SubScope("beta1"), dt, o.Beta1)
		b2 := constant(s.SubScope("beta2"), dt, o.Beta2)
		eps := constant(s.SubScope("epsilon"), dt, o.Epsilon)
		b1t := op.ReadVariableOp(s.SubScope("read_beta1_power"), st.beta1Power, dt)
		b2t := op.ReadVariableOp(s.SubScope("read_beta2_power"), st.beta2Power, dt)
		for i, p := range params {
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
