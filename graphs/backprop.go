package graphs

import (
	"fmt"

	tf "github.com/wamuir/graft/tensorflow"
	"github.com/wamuir/graft/tensorflow/op"
)

// reluCut is one ReLU of a first-order forward pass: post = Relu(pre),
// after the layer that consumed reads[:reads] of the parameter reads.
type reluCut struct {
	pre, post tf.Output
	reads     int
}

// reluGradients returns the gradients of y with respect to the parameter
// reads of a first-order forward pass whose ReLUs are cuts (forwardCuts).
//
// It equals gradients(s, name, dt, y, reads) value for value, but builds
// each ReLU's gradient as ReluGrad(dy, Relu's output), as TensorFlow's
// Python gradient does, where TensorFlow's C++ gradient (the one the C API
// adds) passes Relu's input. max(x, 0) > 0 exactly when x > 0, so the
// values are the same; but with the pre-activation consumed by the
// gradient too, the graph optimizer cannot fuse a convolution's or matrix
// product's bias and ReLU into one kernel (_FusedConv2D, _FusedMatMul),
// and the ReLU ran as a separate pass over the activations. The backward
// pass is built segment by segment between ReLUs, from the output down:
// the gradients of a segment's top with respect to its parameters and to
// the ReLU output below, then that ReLU's gradient by hand as the next
// segment's seed.
func reluGradients(s *op.Scope, name string, dt tf.DataType, y tf.Output, reads []tf.Output, cuts []reluCut) ([]tf.Output, error) {
	if len(cuts) == 0 {
		return gradients(s, name, dt, y, reads)
	}
	gs := s.SubScope(name)
	grads := make([]tf.Output, len(reads))
	top, seed := y, constant(gs.SubScope("seed"), dt, 1)
	for j := len(cuts) - 1; j >= -1; j-- {
		lo, hi := 0, len(reads)
		if j >= 0 {
			lo = cuts[j].reads
		}
		if j+1 < len(cuts) {
			hi = cuts[j+1].reads
		}
		xs := append([]tf.Output(nil), reads[lo:hi]...)
		if j >= 0 {
			xs = append(xs, cuts[j].post)
		}
		ss := gs.SubScope(fmt.Sprintf("segment%d", j+1))
		out := op.Gradients(ss.SubScope("grad"), []tf.Output{top}, xs, seed)
		if err := s.Err(); err != nil {
			return nil, fmt.Errorf("gradients %s: %w", name, err)
		}
		for i, g := range out {
			if g.Op == nil {
				return nil, fmt.Errorf("gradients %s: the objective does not depend on input %d of segment %d", name, i, j+1)
			}
		}
		copy(grads[lo:hi], out[:hi-lo])
		if j >= 0 {
			top, seed = cuts[j].pre, op.ReluGrad(ss.SubScope("relu_grad"), out[hi-lo], cuts[j].post)
		}
	}
	return grads, nil
}
