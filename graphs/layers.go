package graphs

import (
	"fmt"

	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// order says which ops a forward pass is built from.
type order int

const (
	// firstOrder uses TensorFlow's fused ops (BiasAdd, Relu, Tanh, Selu,
	// Conv2D, MaxPool): fast, differentiable once.
	firstOrder order = iota
	// secondOrder uses only ops whose gradients are differentiable again
	// (MatMul, AddV2, Maximum, Minimum, Exp, Log, RealDiv, Mul, Reshape), so
	// the gradient can itself be differentiated. Dense and Flatten only.
	secondOrder
)

// selu's constants (Klambauer et al. 2017), as TensorFlow uses them.
const (
	seluAlpha = 1.6732632423543772848170429916717
	seluScale = 1.0507009873554804934193349852946
)

// tanhClip bounds the argument of the exp-based tanh so exp cannot
// overflow; |tanh(x) - sign(x)| < 1e-17 beyond it.
const tanhClip = 20

// constant adds a scalar constant of dtype dt.
func constant(s *op.Scope, dt tf.DataType, v float64) tf.Output {
	if dt == tf.Double {
		return op.Const(s, v)
	}
	return op.Const(s, float32(v))
}

// forward adds the model's forward pass from x (a batch of examples) to
// the outputs (logits for classifiers), reading the parameters from
// reads (one per parameter tensor, weights then biases of each layer).
func forward(s *op.Scope, p plan, dt tf.DataType, x tf.Output, reads []tf.Output, mode order) (tf.Output, error) {
	h, _, err := forwardCuts(s, p, dt, x, reads, mode)
	return h, err
}

// forwardCuts is forward, and also returns the ReLUs of a first-order
// pass in order (reluGradients differentiates through them).
func forwardCuts(s *op.Scope, p plan, dt tf.DataType, x tf.Output, reads []tf.Output, mode order) (tf.Output, []reluCut, error) {
	h := x
	k := 0
	var cuts []reluCut
	for _, l := range p.layers {
		ls := s.SubScope(l.name)
		switch l.Kind {
		case Dense:
			w, b := reads[k], reads[k+1]
			k += 2
			h = op.MatMul(ls.SubScope("matmul"), h, w)
			if mode == firstOrder {
				h = op.BiasAdd(ls.SubScope("bias"), h, b)
			} else {
				h = op.AddV2(ls.SubScope("bias"), h, b)
			}
			pre := h
			h = activate(ls.SubScope("act"), dt, h, l.Activation, mode)
			if mode == firstOrder && l.Activation == ReLU {
				cuts = append(cuts, reluCut{pre: pre, post: h, reads: k})
			}
		case Conv2D:
			if mode != firstOrder {
				return tf.Output{}, nil, fmt.Errorf("layer %s: second derivatives are built only for dense and flatten layers (TensorFlow has no gradient of Conv2D's gradient)", l.name)
			}
			w, b := reads[k], reads[k+1]
			k += 2
			h = op.Conv2D(ls.SubScope("conv"), h, w, []int64{1, 1, 1, 1}, "SAME")
			h = op.BiasAdd(ls.SubScope("bias"), h, b)
			pre := h
			h = activate(ls.SubScope("act"), dt, h, l.Activation, mode)
			if l.Activation == ReLU {
				cuts = append(cuts, reluCut{pre: pre, post: h, reads: k})
			}
		case MaxPool:
			if mode != firstOrder {
				return tf.Output{}, nil, fmt.Errorf("layer %s: second derivatives are built only for dense and flatten layers (TensorFlow has no gradient of MaxPool's gradient)", l.name)
			}
			win := []int64{1, int64(l.Pool), int64(l.Pool), 1}
			h = op.MaxPool(ls.SubScope("pool"), h, win, win, "VALID")
		case Flatten:
			h = op.Reshape(ls.SubScope("reshape"), h, op.Const(ls.SubScope("shape"), []int32{-1, int32(l.out[0])}))
		}
	}
	return h, cuts, s.Err()
}

// activate applies a to h.
func activate(s *op.Scope, dt tf.DataType, h tf.Output, a Activation, mode order) tf.Output {
	if mode == firstOrder {
		switch a {
		case ReLU:
			return op.Relu(s, h)
		case Tanh:
			return op.Tanh(s, h)
		case SELU:
			return op.Selu(s, h)
		case Softplus:
			return s.AddOperation(tf.OpSpec{Type: "Softplus", Input: []tf.Input{h}}).Output(0)
		}
		return h
	}
	zero := func() tf.Output { return constant(s.SubScope("zero"), dt, 0) }
	one := func() tf.Output { return constant(s.SubScope("one"), dt, 1) }
	switch a {
	case ReLU:
		return op.Maximum(s.SubScope("relu"), h, zero())
	case Tanh:
		// tanh(x) = 1 - 2/(exp(2x)+1), with x clipped to ±tanhClip.
		c := op.Minimum(s.SubScope("clip_hi"), h, constant(s.SubScope("hi"), dt, tanhClip))
		c = op.Maximum(s.SubScope("clip_lo"), c, constant(s.SubScope("lo"), dt, -tanhClip))
		e := op.Exp(s.SubScope("exp"), op.Mul(s.SubScope("twice"), c, constant(s.SubScope("two"), dt, 2)))
		q := op.RealDiv(s.SubScope("div"), constant(s.SubScope("two_"), dt, 2), op.AddV2(s.SubScope("plus1"), e, one()))
		return op.Sub(s.SubScope("tanh"), one(), q)
	case SELU:
		// selu(x) = scale·(max(x,0) + alpha·(exp(min(x,0)) - 1)).
		pos := op.Maximum(s.SubScope("pos"), h, zero())
		neg := op.Exp(s.SubScope("exp"), op.Minimum(s.SubScope("neg"), h, zero()))
		neg = op.Mul(s.SubScope("alpha"), op.Sub(s.SubScope("minus1"), neg, one()), constant(s.SubScope("a"), dt, seluAlpha))
		return op.Mul(s.SubScope("scale"), op.AddV2(s.SubScope("sum"), pos, neg), constant(s.SubScope("sc"), dt, seluScale))
	case Softplus:
		// softplus(x) = max(x,0) + log(1 + exp(-|x|)), -|x| = min(x, -x).
		pos := op.Maximum(s.SubScope("pos"), h, zero())
		nabs := op.Minimum(s.SubScope("nabs"), h, op.Neg(s.SubScope("negate"), h))
		l := op.Log(s.SubScope("log"), op.AddV2(s.SubScope("plus1"), op.Exp(s.SubScope("exp"), nabs), one()))
		return op.AddV2(s.SubScope("softplus"), pos, l)
	}
	return h
}
